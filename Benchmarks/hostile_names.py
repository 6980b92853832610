#!/usr/bin/env python3
"""What one hostile name costs the service, and what it costs everyone else.

Against a running `tome-resolve serve`, measures in one run:
  1. idle: single resolves of ordinary names (the first column of --cases),
     one at a time — their p50/p99;
  2. the hostile name alone: a ~4 KB name of catalog words joined by ` - `
     (hundreds of title parts), sent one at a time — its p50, and its ratio
     to the ordinary p50;
  3. under attack: the same ordinary resolves while --clients threads loop
     hostile names back to back — the ordinary p50/p99 and their ratio to
     the idle p50.

    python3 Benchmarks/hostile_names.py --url http://127.0.0.1:8099 --key tk_… \
        --cases Corpus/generated/cases.tsv --catalog Corpus/generated/catalog.jsonl

Python 3 standard library only. Prints a markdown table.
"""
import argparse, http.client, json, random, statistics, threading, time, urllib.parse


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def hostile_name(titles, rng, size=4000):
    words = [w for t in titles for w in t.split() if w.isalpha()]
    parts = []
    while len(" - ".join(parts).encode()) < size:
        parts.append(rng.choice(words))
    return " - ".join(parts)[:size] + ".epub"


class Client:
    def __init__(self, url, key):
        u = urllib.parse.urlparse(url)
        self.host, self.port = u.hostname, u.port or 80
        self.key = key
        self.conn = None

    def resolve(self, name):
        path = "/api/tome-sync/resolve?filename=" + urllib.parse.quote(name, safe="")
        for attempt in (0, 1):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                started = time.perf_counter()
                self.conn.request("GET", path, headers={"Authorization": "Bearer " + self.key})
                response = self.conn.getresponse()
                body = response.read()
                return time.perf_counter() - started, response.status, body
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn = None
                if attempt:
                    raise


def measure(client, names):
    times, failed = [], 0
    for name in names:
        elapsed, status, _ = client.resolve(name)
        if status not in (200, 404):
            failed += 1
        times.append(elapsed)
    return times, failed


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--url", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--cases", required=True, help="TSV whose first column holds ordinary names")
    p.add_argument("--catalog", required=True, help="JSON Lines catalog whose titles give the hostile words")
    p.add_argument("--names", type=int, default=400, help="ordinary names per phase")
    p.add_argument("--hostile", type=int, default=20, help="hostile names measured alone")
    p.add_argument("--clients", type=int, default=4, help="hostile clients during phase 3")
    args = p.parse_args()
    rng = random.Random(7)
    ordinary = [l.split("\t")[0] for l in open(args.cases, encoding="utf-8") if l.strip() and not l.startswith("#")]
    ordinary = rng.sample(ordinary, min(args.names, len(ordinary)))
    titles = [json.loads(l)["title"] for l in open(args.catalog, encoding="utf-8") if l.strip()]
    hostile = [hostile_name(titles, rng) for _ in range(16)]

    client = Client(args.url, args.key)
    measure(client, ordinary[:50])  # warm up
    idle, idle_failed = measure(client, ordinary)
    alone, _ = measure(client, [hostile[i % len(hostile)] for i in range(args.hostile)])
    _, status, body = client.resolve(hostile[0])
    verdict = json.loads(body).get("refusal") if status == 404 else status

    stop = threading.Event()
    sent = [0] * args.clients

    def attack(i):
        c = Client(args.url, args.key)
        while not stop.is_set():
            c.resolve(hostile[(i + sent[i]) % len(hostile)])
            sent[i] += 1

    threads = [threading.Thread(target=attack, args=(i,), daemon=True) for i in range(args.clients)]
    for t in threads:
        t.start()
    time.sleep(1)
    loaded, loaded_failed = measure(client, ordinary)
    stop.set()
    for t in threads:
        t.join(timeout=120)

    ms = lambda s: f"{s * 1000:.2f} ms"
    idle50 = statistics.median(idle)
    print(f"hostile name: {len(hostile[0].encode())} bytes, {hostile[0].count(' - ') + 1} parts; answered: {verdict}")
    print()
    print("| phase | requests | p50 | p99 | ÷ idle ordinary p50 | failed |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| ordinary names, idle | {len(idle)} | {ms(idle50)} | {ms(percentile(idle, 0.99))} | 1.0 | {idle_failed} |")
    print(f"| the hostile name alone | {len(alone)} | {ms(statistics.median(alone))} | {ms(percentile(alone, 0.99))} | {statistics.median(alone) / idle50:.1f} | – |")
    print(f"| ordinary names, {args.clients} clients looping hostile names ({sum(sent)} sent) | {len(loaded)} | "
          f"{ms(statistics.median(loaded))} | {ms(percentile(loaded, 0.99))} | {statistics.median(loaded) / idle50:.1f} | {loaded_failed} |")


if __name__ == "__main__":
    main()
