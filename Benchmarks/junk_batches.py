#!/usr/bin/env python3
"""Single resolves while clients flood the batch route with junk bodies
(standard library only).

Against a running `tome-resolve serve` (issue #22):

1. idle: single resolves (GET /api/tome-sync/resolve, one keep-alive
   connection, one request at a time) and /healthz (another connection,
   every 50 ms) for --seconds; their p50 and p99;
2. junk: the same, while --junk-clients clients loop POST
   /api/tome-sync/resolve/batch with a 2 MiB body of empty strings
   (`{"filenames": ["","",…]}`, about 700,000 of them) on keep-alive
   connections; the answers they get, and the same p50/p99;
   with --pid, the server's CPU use (cores) in each phase;
3. held bodies (with --pid and --hold N): N connections each send a batch's
   headers (Content-Length: 2 MiB, 400 names of ~5 KB) and half its body,
   then wait; the
   server's RSS (VmRSS, /proc/PID/status) before and after, and how many
   were answered before sending the rest (503 when the server's body budget
   is spent).

Prepare and run, e.g.:

    tome-resolve index --jsonl Corpus/generated/catalog.jsonl --db /tmp/cat.sqlite
    tome-resolve keys create --db /tmp/cat.sqlite --label bench     # prints tk_…
    LOG_LEVEL=warning tome-resolve serve --db /tmp/cat.sqlite --port 8088 &
    python3 Benchmarks/junk_batches.py --port 8088 --key tk_… --pid $! --hold 400

The single resolves use names made from --catalog (title - author.epub).
"""

import argparse
import http.client
import json
import multiprocessing
import os
import socket
import statistics
import threading
import time
import urllib.parse

BODY_BYTES = 2 << 20


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--key", required=True, help="an API key (tk_…)")
    p.add_argument("--pid", type=int, help="the server's process id (for RSS)")
    p.add_argument("--seconds", type=float, default=15, help="length of the idle and the junk phase each")
    p.add_argument("--junk-clients", type=int, default=4)
    p.add_argument("--hold", type=int, default=0, help="connections holding a half-sent 2 MiB body (0: skip)")
    p.add_argument("--catalog", default="Corpus/generated/catalog.jsonl")
    return p.parse_args()


def names_from(path, count=300):
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            book = json.loads(line)
            author = (book.get("authors") or ["Unknown"])[0]
            names.append(f"{book['title']} - {author}.epub")
            if len(names) >= count:
                break
    return names


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Sampler(threading.Thread):
    """Sends GETs one after another on a keep-alive connection until stopped."""

    def __init__(self, args, paths, pause=0.0, auth=True):
        super().__init__(daemon=True)
        self.args, self.paths, self.pause = args, paths, pause
        self.headers = {"Authorization": f"Bearer {args.key}"} if auth else {}
        self.latencies, self.statuses = [], {}
        self.stop = threading.Event()

    def run(self):
        conn, i = None, 0
        while not self.stop.is_set():
            path = self.paths[i % len(self.paths)]
            i += 1
            start = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(self.args.host, self.args.port, timeout=60)
                conn.request("GET", path, headers=self.headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn, status = None, "error"
            self.latencies.append((time.perf_counter() - start) * 1000)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if self.pause:
                time.sleep(self.pause)


class JunkClient:
    """Loops 2 MiB batch bodies of empty strings on a keep-alive connection,
    in a process of its own: as threads beside the samplers, the junk
    clients would hold Python's interpreter lock and delay the samplers'
    own clocks, not only the server."""

    def __init__(self, args, body):
        self.args, self.body = args, body
        self.queue = multiprocessing.Queue()
        self.stop = multiprocessing.Event()
        self.process = multiprocessing.Process(target=self.run, daemon=True)
        self.statuses = {}

    def start(self):
        self.process.start()

    def join(self, timeout):
        self.statuses = self.queue.get(timeout=timeout)
        self.process.join(timeout)

    def run(self):
        conn = None
        statuses = {}
        headers = {"Authorization": f"Bearer {self.args.key}", "Content-Type": "application/json"}
        while not self.stop.is_set():
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(self.args.host, self.args.port, timeout=60)
                conn.request("POST", "/api/tome-sync/resolve/batch", body=self.body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                # The server closed the connection while the body was still
                # being sent (it refused the body and read no more of it).
                conn, status = None, "error"
                time.sleep(0.01)
            statuses[status] = statuses.get(status, 0) + 1
        self.queue.put(statuses)


def junk_body():
    count = (BODY_BYTES - len('{"filenames":[]}')) // 3
    return ('{"filenames":[' + ",".join(['""'] * count) + "]}").encode()


def cpu_seconds(pid):
    """The process's user + system CPU time so far (/proc/PID/stat)."""
    if not pid:
        return 0.0
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(args, names, junk):
    singles = Sampler(args, ["/api/tome-sync/resolve?filename=" + urllib.parse.quote(n) for n in names])
    health = Sampler(args, ["/healthz"], pause=0.05, auth=False)
    clients = [JunkClient(args, junk) for _ in range(args.junk_clients if junk else 0)]
    cpu = cpu_seconds(args.pid)
    for t in [singles, health, *clients]:
        t.start()
    time.sleep(args.seconds)
    singles.server_cpu = (cpu_seconds(args.pid) - cpu) / args.seconds
    for t in [singles, health, *clients]:
        t.stop.set()
    for t in [singles, health, *clients]:
        t.join(timeout=70)
    junk_statuses = {}
    for c in clients:
        for k, v in c.statuses.items():
            junk_statuses[k] = junk_statuses.get(k, 0) + v
    return singles, health, junk_statuses


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def hold_bodies(args):
    head = (f"POST /api/tome-sync/resolve/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {args.key}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {BODY_BYTES}\r\n\r\n").encode()
    # 400 names of ~5 KB: within the 500-name limit, so the server must
    # hold what arrives until the rest comes.
    name = '"' + "a" * (BODY_BYTES // 400 - 8) + '"'
    half = ('{"filenames":[' + ",".join([name] * 400)).encode()[: BODY_BYTES // 2]
    before = rss_kib(args.pid)
    sockets = []
    for _ in range(args.hold):
        s = socket.create_connection((args.host, args.port))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 16)
        s.sendall(head)
        sockets.append(s)
    for s in sockets:
        s.settimeout(0.05)  # as much of the half as the server takes at once
        try:
            s.sendall(half)
        except OSError:
            pass
    time.sleep(3)
    during = rss_kib(args.pid)
    answered = {}
    for s in sockets:
        s.setblocking(False)
        try:
            data = s.recv(200)
            status = data.split(b" ")[1].decode() if data.startswith(b"HTTP/1.1") else "closed"
        except BlockingIOError:
            status = "waiting"
        except OSError:
            status = "closed"
        answered[status] = answered.get(status, 0) + 1
    for s in sockets:
        s.close()
    return before, during, answered


def report(label, singles, health):
    print(f"{label:5} singles: {len(singles.latencies):6} requests, p50 {percentile(singles.latencies, 50):8.1f} ms, "
          f"p99 {percentile(singles.latencies, 99):8.1f} ms {singles.statuses}")
    if getattr(singles, "server_cpu", 0):
        print(f"{label:5} server CPU: {singles.server_cpu:.2f} cores")
    print(f"{label:5} /healthz: {len(health.latencies):5} requests, p50 {percentile(health.latencies, 50):8.1f} ms, "
          f"p99 {percentile(health.latencies, 99):8.1f} ms {health.statuses}")


def main():
    args = parse_args()
    names = names_from(args.catalog)
    body = junk_body()
    idle_singles, idle_health, _ = measure(args, names, None)
    report("idle", idle_singles, idle_health)
    singles, health, statuses = measure(args, names, body)
    report("junk", singles, health)
    print(f"junk  {args.junk_clients} clients, {len(body)} byte bodies: answers {statuses}")
    ratio = percentile(singles.latencies, 50) / max(percentile(idle_singles.latencies, 50), 1e-9)
    print(f"junk/idle single p50: {ratio:.1f}x")
    if args.hold and args.pid:
        before, during, answered = hold_bodies(args)
        print(f"hold  {args.hold} connections with half of a 2 MiB body: RSS {before / 1024:.0f} MB before, "
              f"{during / 1024:.0f} MB after 3 s; answers so far {answered}")


if __name__ == "__main__":
    main()
