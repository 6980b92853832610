#!/usr/bin/env python3
"""The load generator and monitor of Benchmarks/soak.sh (standard library only).

Drives a running `tome-resolve serve` for a number of minutes with a steady,
open-loop mixed load over raw keep-alive HTTP/1.1 sockets (asyncio):

- single resolves: GET /api/tome-sync/resolve?filename=…, at a fixed rate
  spread over a few persistent connections (200 and 404 are valid answers);
- batches: POST /api/tome-sync/resolve/batch with N names, at a fixed
  interval on one persistent connection (200 with N results is the only valid
  answer);
- /healthz every 5 s on its own connection (200 is the only valid answer);
- aborting clients, each on a new connection, cycling through four kinds:
  a whole batch then an immediate reset (SO_LINGER 0), half of a batch's
  body then close, a GET closed before its answer is read, half a header
  block then close. Their outcome is not checked; the server must go on;
- a re-import into the served catalog every minute (30 s into each minute),
  alternating two JSON Lines files that differ by some books;
- the server's RSS (VmRSS), open file descriptors and CPU, read from /proc
  every second.

Prints progress per minute to standard error, the markdown table to
standard output, and writes a JSON summary; exits 1 on any failed valid
request, failed re-import, a server that died, or RSS growth over the limit
(each minute's end against the end of minute 1).
"""

import argparse
import asyncio
import json
import os
import random
import socket
import struct
import sys
import time
import urllib.parse


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--pid", type=int, required=True, help="the server's process id")
    p.add_argument("--bin", required=True, help="tome-resolve, for the re-imports")
    p.add_argument("--db", required=True)
    p.add_argument("--jsonl", nargs=2, required=True, help="the two catalogs to alternate (the served one first)")
    p.add_argument("--names", required=True, help="names.tsv: name<TAB>book id or -<TAB>shape")
    p.add_argument("--minutes", type=float, default=10)
    p.add_argument("--rate", type=float, default=200, help="single resolves per second")
    p.add_argument("--single-connections", type=int, default=64, help="most single resolves in flight (each on its own keep-alive connection)")
    p.add_argument("--batch-every", type=float, default=1.0, help="seconds between batches")
    p.add_argument("--batch-size", type=int, default=100)
    p.add_argument("--abort-every", type=float, default=2.0, help="seconds between aborting clients (0: none)")
    p.add_argument("--abort-batch-size", type=int, default=500)
    p.add_argument("--attack-every", type=float, default=1.0,
                   help="seconds between hostile requests (issue #22's attacks, in turn; 0: none)")
    p.add_argument("--slowloris", type=int, default=200,
                   help="sockets held open dripping a header byte every few seconds (0: none)")
    p.add_argument("--reimport-every", type=float, default=60.0, help="seconds between re-imports (0: none)")
    p.add_argument("--reimport-offset", type=float, default=None, help="seconds into the run of the first re-import (default: half the interval)")
    p.add_argument("--rss-growth", type=float, default=10.0, help="percent")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds a valid request may take")
    p.add_argument("--idle", type=float, default=20.0, help="seconds after which an idle keep-alive connection is replaced, not reused")
    p.add_argument("--summary", required=True, help="where to write the JSON summary")
    return p.parse_args()


ARGS = None
START = 0.0          # loop time at which the load starts
END = 0.0
TICKS = os.sysconf("SC_CLK_TCK")


def minute_of(t):
    return int((t - START) // 60)


class Minute:
    def __init__(self):
        self.singles = 0
        self.single_404 = 0
        self.single_lat = []
        self.batches = 0
        self.batch_lat = []
        self.health = 0
        self.health_max = 0.0
        self.aborts = 0
        self.attacks = 0
        self.errors = 0
        self.error_kinds = {}
        self.late = 0
        self.reimports = []      # (seconds, exit status, summary)
        self.rss_end_kb = None
        self.rss_max_kb = 0
        self.fds_end = None
        self.cpu_ticks_start = None
        self.cpu_ticks_end = None
        self.cpu_t_start = None
        self.cpu_t_end = None
        self.loadavg_end = None
        self.wal_end = None


MINUTES = {}


def bucket(t):
    m = minute_of(t)
    if m not in MINUTES:
        MINUTES[m] = Minute()
    return MINUTES[m]


ERROR_LOG = []
ERROR_COUNT = [0]


def error(t, kind, detail):
    b = bucket(t)
    b.errors += 1
    b.error_kinds[kind] = b.error_kinds.get(kind, 0) + 1
    ERROR_COUNT[0] += 1
    if len(ERROR_LOG) < 200:
        ERROR_LOG.append(f"{t - START:8.2f}s {kind}: {detail}")
    if ERROR_COUNT[0] <= 20 or ERROR_COUNT[0] % 1000 == 0:
        print(f"soak.py: ERROR #{ERROR_COUNT[0]} at {t - START:.2f}s: {kind}: {detail}", file=sys.stderr, flush=True)


# --- HTTP/1.1 over raw sockets ----------------------------------------------

class Conn:
    def __init__(self, reader, writer):
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls):
        reader, writer = await asyncio.open_connection(ARGS.host, ARGS.port)
        return cls(reader, writer)

    def close(self):
        try:
            self.writer.close()
        except Exception:
            pass

    async def request(self, data, early=False):
        """Sends one request and reads one response: (status, body, server closes).

        With early=True, reads the response while still sending, as curl
        does: a server that refuses a large body before its end answers,
        then closes after reading a little more of it; the answer counts,
        whatever happens to the rest of the body."""
        self.writer.write(data)
        if early:
            head_task = asyncio.ensure_future(self.reader.readuntil(b"\r\n\r\n"))
            drain_task = asyncio.ensure_future(self.writer.drain())
            await asyncio.wait({head_task, drain_task}, return_when=asyncio.FIRST_COMPLETED)
            try:
                head = await head_task
            finally:
                if not drain_task.done():
                    drain_task.cancel()
                elif not drain_task.cancelled():
                    drain_task.exception()  # a reset after the answer is expected
            return status_of(head), b"", True
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        return await self.finish(head)

    async def finish(self, head):
        status = status_of(head)
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size_line = await self.reader.readuntil(b"\r\n")
                size = int(size_line.split(b";")[0].strip(), 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    # trailers (none expected) end with an empty line
                    while chunk != b"\r\n":
                        chunk = await self.reader.readuntil(b"\r\n")
                    break
                body += chunk[:-2]
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        closes = headers.get("connection", "").lower() == "close" or parts[0] == "HTTP/1.0"
        return status, body, closes


def status_of(head):
    """The status code of a response's head."""
    parts = head.decode("latin-1").split("\r\n", 1)[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/"):
        raise ValueError(f"bad status line {parts!r}")
    return int(parts[1])


def get_request(path, auth=True):
    h = f"GET {path} HTTP/1.1\r\nHost: {ARGS.host}:{ARGS.port}\r\n"
    if auth:
        h += f"Authorization: Bearer {ARGS.key}\r\n"
    return (h + "\r\n").encode()


def post_request(path, body):
    h = (f"POST {path} HTTP/1.1\r\nHost: {ARGS.host}:{ARGS.port}\r\n"
         f"Authorization: Bearer {ARGS.key}\r\nContent-Type: application/json\r\n"
         f"Content-Length: {len(body)}\r\n\r\n")
    return h.encode() + body


def describe(exc):
    if isinstance(exc, asyncio.TimeoutError):
        return f"timeout (> {ARGS.timeout:.0f} s)"
    if isinstance(exc, asyncio.IncompleteReadError):
        return f"connection closed mid-response ({len(exc.partial)} bytes read)"
    return f"{type(exc).__name__}: {exc}"


class Client:
    """A persistent connection that reconnects when the server closed it.

    A connection left idle longer than --idle (less than the server's idle
    timeout, 60 s by default), or that the server has already closed, is
    replaced before a request rather than reused: a request sent as the
    server closes an idle connection would fail through no fault of either.
    """

    def __init__(self):
        self.conn = None
        self.last_used = 0.0

    async def send(self, data):
        now = asyncio.get_running_loop().time()
        if self.conn is not None and (now - self.last_used > ARGS.idle or self.conn.reader.at_eof()):
            self.conn.close()
            self.conn = None
        if self.conn is None:
            self.conn = await asyncio.wait_for(Conn.open(), ARGS.timeout)
        try:
            status, body, closes = await asyncio.wait_for(self.conn.request(data), ARGS.timeout)
        except BaseException:
            self.conn.close()
            self.conn = None
            raise
        if closes:
            self.conn.close()
            self.conn = None
        self.last_used = asyncio.get_running_loop().time()
        return status, body


# --- The load ------------------------------------------------------------------

def load_names():
    names = []
    with open(ARGS.names, encoding="utf-8") as f:
        for line in f:
            name, _, _ = line.rstrip("\n").split("\t")
            names.append(name)
    return names


async def sleep_until(t):
    delay = t - asyncio.get_running_loop().time()
    if delay > 0:
        await asyncio.sleep(delay)


async def single_load(names):
    """Open loop: a request every 1/rate s, on an idle keep-alive connection
    (a new one when all are busy, up to --single-connections in flight)."""
    loop = asyncio.get_running_loop()
    interval = 1.0 / ARGS.rate
    rng = random.Random(1000)
    paths = [f"/api/tome-sync/resolve?filename={urllib.parse.quote(n, safe='')}" for n in names]
    idle = []
    slots = asyncio.Semaphore(ARGS.single_connections)
    running = set()

    async def one(data):
        client = idle.pop() if idle else Client()
        sent = loop.time()
        try:
            status, body = await client.send(data)
        except Exception as exc:
            error(sent, "single: connection", describe(exc))
        else:
            done = loop.time()
            b = bucket(sent)
            if status == 200 or status == 404:
                b.singles += 1
                b.single_lat.append(done - sent)
                if status == 404:
                    b.single_404 += 1
            else:
                error(sent, f"single: HTTP {status}", body[:200].decode("utf-8", "replace"))
        finally:
            idle.append(client)
            slots.release()

    t = START
    while t < END:
        await sleep_until(t)
        await slots.acquire()
        now = loop.time()
        if now - t > 1.0:
            bucket(now).late += 1
        task = asyncio.create_task(one(get_request(rng.choice(paths))))
        running.add(task)
        task.add_done_callback(running.discard)
        t += interval
        if now - t > 5.0:
            # Far behind (the machine or the server stalled): skip ahead rather
            # than fire a burst; the per-minute counts show the shortfall.
            t = now
    if running:
        await asyncio.gather(*running)
    for client in idle:
        if client.conn:
            client.conn.close()


async def batch_worker(names):
    loop = asyncio.get_running_loop()
    rng = random.Random(7)
    client = Client()
    t = START + 0.5
    while t < END:
        await sleep_until(t)
        sent = loop.time()
        batch = rng.sample(names, ARGS.batch_size)
        body = json.dumps({"filenames": batch}, ensure_ascii=False).encode()
        try:
            status, reply = await client.send(post_request("/api/tome-sync/resolve/batch", body))
        except Exception as exc:
            error(sent, "batch: connection", describe(exc))
        else:
            done = loop.time()
            if status != 200:
                error(sent, f"batch: HTTP {status}", reply[:200].decode("utf-8", "replace"))
            else:
                try:
                    results = json.loads(reply)["results"]
                    ok = len(results) == len(batch) and all(r["filename"] == n for r, n in zip(results, batch))
                except (ValueError, KeyError, TypeError):
                    ok = False
                if not ok:
                    error(sent, "batch: bad body", reply[:200].decode("utf-8", "replace"))
                else:
                    b = bucket(sent)
                    b.batches += 1
                    b.batch_lat.append(done - sent)
        t += ARGS.batch_every
        if loop.time() - t > 5.0:
            t = loop.time()


async def health_worker():
    loop = asyncio.get_running_loop()
    client = Client()
    t = START + 2.5
    while t < END:
        await sleep_until(t)
        sent = loop.time()
        try:
            status, body = await client.send(get_request("/healthz", auth=False))
        except Exception as exc:
            error(sent, "healthz: connection", describe(exc))
        else:
            done = loop.time()
            if status != 200:
                error(sent, f"healthz: HTTP {status}", body[:200].decode("utf-8", "replace"))
            else:
                b = bucket(sent)
                b.health += 1
                b.health_max = max(b.health_max, done - sent)
        t += 5.0


async def abort_worker(names):
    """Clients that go away: their requests are not checked, only sent."""
    loop = asyncio.get_running_loop()
    rng = random.Random(99)
    kinds = ["reset-after-batch", "half-body", "get-no-read", "half-headers"]
    counts = {k: 0 for k in kinds}
    t = START + 1.25
    i = 0
    while t < END:
        await sleep_until(t)
        kind = kinds[i % len(kinds)]
        i += 1
        sent = loop.time()
        try:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            await asyncio.wait_for(loop.sock_connect(sock, (ARGS.host, ARGS.port)), 10)
            if kind == "reset-after-batch":
                batch = rng.sample(names, min(ARGS.abort_batch_size, len(names)))
                body = json.dumps({"filenames": batch}, ensure_ascii=False).encode()
                await loop.sock_sendall(sock, post_request("/api/tome-sync/resolve/batch", body))
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            elif kind == "half-body":
                batch = rng.sample(names, min(ARGS.abort_batch_size, len(names)))
                body = json.dumps({"filenames": batch}, ensure_ascii=False).encode()
                data = post_request("/api/tome-sync/resolve/batch", body)
                await loop.sock_sendall(sock, data[: len(data) - len(body) // 2])
                await asyncio.sleep(0.05)
            elif kind == "get-no-read":
                name = rng.choice(names)
                await loop.sock_sendall(sock, get_request(f"/api/tome-sync/resolve?filename={urllib.parse.quote(name, safe='')}"))
            else:
                data = get_request("/healthz", auth=False)
                await loop.sock_sendall(sock, data[: len(data) // 2])
                await asyncio.sleep(0.05)
            sock.close()
            counts[kind] += 1
            bucket(sent).aborts += 1
        except Exception as exc:
            # Connecting is a valid request: the server must accept new clients.
            error(sent, f"abort ({kind}): connect/send", describe(exc))
            try:
                sock.close()
            except Exception:
                pass
        t += ARGS.abort_every
    return counts


# --- Hostile clients (issue #22) ----------------------------------------------

def hostile_name(rng, words):
    """~4 KB of words joined by ` - `: hundreds of title parts."""
    parts = []
    while sum(len(p) + 3 for p in parts) < 4000:
        parts.append(rng.choice(words))
    return " - ".join(parts)[:4000] + ".epub"


async def attack_worker(names):
    """Hostile requests in turn, each on a new connection. Each must get its
    documented answer (a 404 refusal, a 400, a 405, a 200 for HEAD) within
    the timeout; any other outcome is an error, as for ordinary requests."""
    loop = asyncio.get_running_loop()
    rng = random.Random(7)
    words = [w for n in names for w in n.split() if w.isalpha()] or ["word"]
    junk = ('{"filenames": [' + ",".join(['""'] * 600_000) + "]}").encode()[: 2 * 1024 * 1024 - 1]
    kinds = ["hostile-name", "junk-batch", "fin-after-batch", "head-healthz", "no-host", "pipelined-close", "options"]
    counts = {k: 0 for k in kinds}
    t = START + 0.75
    i = 0
    while t < END:
        await sleep_until(t)
        kind = kinds[i % len(kinds)]
        i += 1
        sent = loop.time()
        conn = None
        try:
            conn = await asyncio.wait_for(Conn.open(), ARGS.timeout)
            if kind == "hostile-name":
                path = "/api/tome-sync/resolve?filename=" + urllib.parse.quote(hostile_name(rng, words), safe="")
                status, _, _ = await asyncio.wait_for(conn.request(get_request(path)), ARGS.timeout)
                expected = {404}
            elif kind == "junk-batch":
                status, _, _ = await asyncio.wait_for(
                    conn.request(post_request("/api/tome-sync/resolve/batch", junk), early=True), ARGS.timeout)
                expected = {400, 413, 503}
            elif kind == "fin-after-batch":
                batch = rng.sample(names, min(ARGS.abort_batch_size, len(names)))
                body = json.dumps({"filenames": batch}, ensure_ascii=False).encode()
                conn.writer.write(post_request("/api/tome-sync/resolve/batch", body))
                await conn.writer.drain()
                conn.writer.write_eof()
                status, expected = None, None
            elif kind == "head-healthz":
                data = f"HEAD /healthz HTTP/1.1\r\nHost: {ARGS.host}\r\n\r\n".encode()
                conn.writer.write(data)
                await conn.writer.drain()
                head = await asyncio.wait_for(conn.reader.readuntil(b"\r\n\r\n"), ARGS.timeout)
                status, expected = int(head.split(b" ")[1]), {200}
            elif kind == "no-host":
                status, _, _ = await asyncio.wait_for(conn.request(b"GET /healthz HTTP/1.1\r\n\r\n"), ARGS.timeout)
                expected = {400}
            elif kind == "pipelined-close":
                first = f"GET /healthz HTTP/1.1\r\nHost: {ARGS.host}\r\nConnection: close\r\n\r\n".encode()
                status, _, _ = await asyncio.wait_for(conn.request(first + get_request("/healthz", auth=False)), ARGS.timeout)
                expected = {200}
            else:
                status, _, _ = await asyncio.wait_for(conn.request(
                    f"OPTIONS /api/tome-sync/resolve HTTP/1.1\r\nHost: {ARGS.host}\r\n\r\n".encode()), ARGS.timeout)
                expected = {405}
            counts[kind] += 1
            bucket(sent).attacks += 1
            if expected is not None and status not in expected:
                error(sent, f"attack ({kind})", f"status {status}, expected {sorted(expected)}")
        except Exception as exc:
            error(sent, f"attack ({kind})", describe(exc))
        finally:
            if conn is not None:
                conn.close()
        t += ARGS.attack_every
    return counts


async def slowloris_worker():
    """--slowloris sockets that send a header byte every 5 s and reconnect
    when the server closes them: they must not keep others out."""
    loop = asyncio.get_running_loop()
    held = [0]

    async def one(i):
        await asyncio.sleep(i * 0.01)
        while loop.time() < END:
            try:
                reader, writer = await asyncio.open_connection(ARGS.host, ARGS.port)
            except Exception:
                await asyncio.sleep(1)
                continue
            held[0] += 1
            try:
                for byte in b"GET /healthz HTTP/1.1\r\nX-Drip: " + b"a" * 10_000:
                    if loop.time() >= END or reader.at_eof():
                        break
                    writer.write(bytes([byte]))
                    await writer.drain()
                    await asyncio.sleep(5)
            except Exception:
                pass
            finally:
                held[0] -= 1
                writer.close()

    await asyncio.gather(*(one(i) for i in range(ARGS.slowloris)))


# --- The monitor and the re-imports -------------------------------------------

def read_rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def read_rss_parts_kb(pid):
    """RssAnon, RssFile and RssShmem (kB): the heap and SQLite's page caches,
    mapped files, and the catalog's mapped -shm (WAL index)."""
    parts = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("RssAnon:", "RssFile:", "RssShmem:")):
                    parts[line.split(":")[0]] = int(line.split()[1])
    except OSError:
        pass
    return parts


def read_cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])     # utime + stime
    except (OSError, IndexError, ValueError):
        return None


def count_fds(pid):
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return None


SERVER_GONE = []


async def monitor():
    loop = asyncio.get_running_loop()
    t = START
    last_minute = -1
    while True:
        await sleep_until(t)
        now = loop.time()
        rss = read_rss_kb(ARGS.pid)
        ticks = read_cpu_ticks(ARGS.pid)
        if rss is None:
            if not SERVER_GONE:
                SERVER_GONE.append(now)
                error(now, "server", f"process {ARGS.pid} is gone")
            return
        m = minute_of(now - 0.001) if now >= END else minute_of(now)
        b = bucket(START + 60 * m)
        if b.cpu_ticks_start is None:
            prev = MINUTES.get(m - 1)
            b.cpu_ticks_start = prev.cpu_ticks_end if prev and prev.cpu_ticks_end is not None else ticks
            b.cpu_t_start = prev.cpu_t_end if prev and prev.cpu_t_end is not None else now
        b.rss_end_kb = rss
        b.rss_parts = read_rss_parts_kb(ARGS.pid)
        b.rss_max_kb = max(b.rss_max_kb, rss)
        b.cpu_ticks_end = ticks
        b.cpu_t_end = now
        b.fds_end = count_fds(ARGS.pid)
        with open("/proc/loadavg") as f:
            b.loadavg_end = " ".join(f.read().split()[:3])
        try:
            b.wal_end = os.path.getsize(ARGS.db + "-wal")
        except OSError:
            b.wal_end = 0
        if m != last_minute and last_minute >= 0:
            report_minute(last_minute)
        last_minute = m
        if now >= END:
            report_minute(m)
            return
        t += 1.0
        t = min(t, END)


def report_minute(m):
    b = MINUTES.get(m)
    if b is None:
        return
    print(f"soak.py: minute {m + 1}: {b.singles} singles ({b.single_404} 404), {b.batches} batches, "
          f"{b.aborts} aborts, {b.errors} errors, {b.late} singles sent > 1 s late, single p50 {fmt_ms(pct(b.single_lat, 50))} "
          f"p99 {fmt_ms(pct(b.single_lat, 99))}, RSS {fmt_mb(b.rss_end_kb)} MB "
          f"({', '.join(f'{k[3:]} {fmt_mb(v)}' for k, v in getattr(b, 'rss_parts', {}).items())}), fds {b.fds_end}, "
          f"re-imports {[(round(s, 1), rc) for s, rc, _ in b.reimports]}", file=sys.stderr, flush=True)


def parse_import(out):
    fields = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[-1].isdigit():
            fields[" ".join(parts[:-1])] = int(parts[-1])
    return fields


async def reimporter():
    if ARGS.reimport_every <= 0:
        return
    loop = asyncio.get_running_loop()
    t = START + (ARGS.reimport_offset if ARGS.reimport_offset is not None else ARGS.reimport_every / 2)
    k = 0
    while t < END:
        await sleep_until(t)
        source = ARGS.jsonl[(k + 1) % 2]      # the served catalog is jsonl[0]: first import the other
        k += 1
        started = loop.time()
        proc = await asyncio.create_subprocess_exec(
            ARGS.bin, "index", "--db", ARGS.db, "--jsonl", source,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        out, _ = await proc.communicate()
        took = loop.time() - started
        text = out.decode("utf-8", "replace")
        fields = parse_import(text)
        b = bucket(started)
        b.reimports.append((took, proc.returncode, fields))
        if proc.returncode != 0:
            error(started, "re-import", f"exit {proc.returncode}: {text.strip()[-300:]}")
        else:
            print(f"soak.py: re-import of {os.path.basename(source)} at {started - START:.0f}s: {took:.1f} s, "
                  f"added {fields.get('added')}, updated {fields.get('updated')}, removed {fields.get('removed')}, "
                  f"active {fields.get('active books')}", file=sys.stderr, flush=True)
        t += ARGS.reimport_every


# --- Figures ---------------------------------------------------------------------

def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def fmt_ms(seconds):
    if seconds is None:
        return "—"
    ms = seconds * 1000
    if ms < 10:
        return f"{ms:.2f} ms"
    if ms < 100:
        return f"{ms:.1f} ms"
    return f"{ms:.0f} ms"


def fmt_mb(kb):
    return "—" if kb is None else f"{kb * 1024 / 1e6:.1f}"


async def main():
    global START, END
    loop = asyncio.get_running_loop()
    names = load_names()
    START = loop.time() + 0.5
    END = START + ARGS.minutes * 60
    wall_start = time.time() + 0.5
    tasks = [asyncio.create_task(single_load(names))]
    tasks.append(asyncio.create_task(batch_worker(names)))
    tasks.append(asyncio.create_task(health_worker()))
    aborts = asyncio.create_task(abort_worker(names)) if ARGS.abort_every > 0 else None
    attacks = asyncio.create_task(attack_worker(names)) if ARGS.attack_every > 0 else None
    if ARGS.slowloris > 0:
        tasks.append(asyncio.create_task(slowloris_worker()))
    tasks.append(asyncio.create_task(reimporter()))
    mon = asyncio.create_task(monitor())
    await asyncio.gather(*tasks)
    abort_counts = await aborts if aborts else {}
    attack_counts = await attacks if attacks else {}
    await mon
    return wall_start, abort_counts, attack_counts


def run():
    global ARGS
    ARGS = parse_args()
    wall_start, abort_counts, attack_counts = asyncio.run(main())

    minutes = sorted(m for m in MINUTES if 0 <= m < int(-(-ARGS.minutes // 1)))
    base_rss = MINUTES[0].rss_end_kb if 0 in MINUTES else None
    limit = ARGS.rss_growth
    rows = []
    total = Minute()
    all_single = []
    worst_growth = None
    failures = []
    for m in minutes:
        b = MINUTES[m]
        all_single += b.single_lat
        total.singles += b.singles
        total.single_404 += b.single_404
        total.late += b.late
        total.batches += b.batches
        total.aborts += b.aborts
        total.errors += b.errors
        total.health += b.health
        growth = None
        if base_rss and b.rss_end_kb is not None and m >= 1:
            growth = (b.rss_end_kb - base_rss) / base_rss * 100
            worst_growth = growth if worst_growth is None else max(worst_growth, growth)
            if growth > limit:
                failures.append(f"minute {m + 1}: RSS {fmt_mb(b.rss_end_kb)} MB is {growth:.1f} % above minute 1's {fmt_mb(base_rss)} MB (limit {limit:g} %)")
        cpu = None
        if b.cpu_ticks_start is not None and b.cpu_ticks_end is not None and b.cpu_t_end > b.cpu_t_start:
            cpu = (b.cpu_ticks_end - b.cpu_ticks_start) / TICKS / (b.cpu_t_end - b.cpu_t_start)
        imports = "; ".join(
            f"{s:.1f} s (+{f.get('added', '?')} ~{f.get('updated', '?')} −{f.get('removed', '?')})" if rc == 0 else f"FAILED (exit {rc})"
            for s, rc, f in b.reimports) or "—"
        rows.append(
            f"| {m + 1} | {b.singles:,} | {b.single_404:,} | {b.late:,} | {b.batches} | {b.aborts} | {b.errors} | "
            f"{fmt_ms(pct(b.single_lat, 50))} | {fmt_ms(pct(b.single_lat, 99))} | {fmt_ms(max(b.single_lat) if b.single_lat else None)} | "
            f"{fmt_ms(pct(b.batch_lat, 99))} | {fmt_ms(b.health_max if b.health else None)} | {imports} | "
            f"{'—' if cpu is None else f'{cpu:.2f}'} | {fmt_mb(b.rss_end_kb)} | {fmt_mb(b.rss_max_kb or None)} | "
            f"{'—' if growth is None else f'{growth:+.1f} %'} | {'—' if b.fds_end is None else b.fds_end} | {b.loadavg_end or '—'} |")
    if total.errors:
        failures.insert(0, f"{total.errors} failed valid requests (see above)")
    if SERVER_GONE:
        failures.insert(0, "the server process went away")

    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(wall_start))
    print()
    print(f"Soak, {started}, {ARGS.minutes:g} minutes: {ARGS.rate:g} single resolves/s over "
          f"keep-alive connections (at most {ARGS.single_connections} in flight), a {ARGS.batch_size}-name batch every "
          f"{ARGS.batch_every:g} s, /healthz every 5 s, an aborting client every {ARGS.abort_every:g} s "
          f"({', '.join(f'{k} {v}' for k, v in abort_counts.items())}), a hostile request every {ARGS.attack_every:g} s "
          f"({', '.join(f'{k} {v}' for k, v in attack_counts.items()) or 'none'}), {ARGS.slowloris} slowloris sockets, a re-import every "
          f"{ARGS.reimport_every:g} s (alternating {os.path.basename(ARGS.jsonl[1])} and {os.path.basename(ARGS.jsonl[0])}).")
    print()
    print("| minute | singles | of which 404 | sent > 1 s late | batches | aborts | errors | single p50 | single p99 | single max | batch p99 | /healthz max | re-import (+added ~updated −removed) | server CPU (cores) | RSS end (MB) | RSS max (MB) | RSS vs minute 1 | fds | load average |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(r)
    print(f"| all | {total.singles:,} | {total.single_404:,} | {total.late:,} | {total.batches:,} | {total.aborts} | {total.errors} | "
          f"{fmt_ms(pct(all_single, 50))} | {fmt_ms(pct(all_single, 99))} | {fmt_ms(max(all_single) if all_single else None)} | | | | | | | "
          f"{'—' if worst_growth is None else f'max {worst_growth:+.1f} %'} | | |")
    print()
    if failures:
        print("**FAILED:** " + "; ".join(failures) + ".")
        if ERROR_LOG:
            print()
            print("```")
            print("\n".join(ERROR_LOG[:50]))
            print("```")
    else:
        print(f"**Passed:** no failed valid request, RSS within {limit:g} % of minute 1's at the end of every later minute.")

    with open(ARGS.summary, "w") as f:
        json.dump({
            "started": started, "minutes": ARGS.minutes, "failures": failures, "errors": ERROR_LOG,
            "abort_kinds": abort_counts,
            "attack_kinds": attack_counts,
            "per_minute": [{
                "minute": m + 1, "singles": MINUTES[m].singles, "single_404": MINUTES[m].single_404,
                "batches": MINUTES[m].batches, "aborts": MINUTES[m].aborts, "errors": MINUTES[m].errors,
                "single_p50_ms": (pct(MINUTES[m].single_lat, 50) or 0) * 1000,
                "single_p99_ms": (pct(MINUTES[m].single_lat, 99) or 0) * 1000,
                "batch_p99_ms": (pct(MINUTES[m].batch_lat, 99) or 0) * 1000,
                "rss_end_kb": MINUTES[m].rss_end_kb, "rss_max_kb": MINUTES[m].rss_max_kb,
                "fds_end": MINUTES[m].fds_end, "late": MINUTES[m].late,
                "reimports": [{"seconds": s, "exit": rc, "counts": fl} for s, rc, fl in MINUTES[m].reimports],
            } for m in minutes],
        }, f, indent=1)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(run())
