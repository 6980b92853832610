#!/usr/bin/env bash
# HTTP load test of `tome-resolve serve` with wrk: single resolves
# (GET /api/tome-sync/resolve) and 100-name batches (POST …/resolve/batch)
# against a 100,000-book synthetic catalog, at 1, 16 and 64 connections.
# Prints a markdown table: requests/s, p50, p99, names/s, the status counts,
# and the cores used by the server, by wrk and by every other process during
# each row. A 5 s warm-up of each scenario comes first (not reported); after
# each row the server is left to finish what wrk left in flight. Takes about
# 2.5 minutes once built (plus ~12 minutes for the first release build).
# See Benchmarks/HTTP.md.
#
#   bash Benchmarks/http.sh                             # from the repository root
#   TOME_HTTP_DIR=/data/tome-http bash Benchmarks/http.sh
#   TOME_HTTP_DURATION=5s TOME_HTTP_CONNECTIONS="1 16" bash Benchmarks/http.sh
#
# Environment:
#   TOME_HTTP_DIR          work dir (default /tmp/tome-http): the JSON Lines
#                          catalog, the SQLite catalog (reused by later runs),
#                          the wrk Lua scripts, the names, serve.log.
#   TOME_HTTP_BOOKS        catalog size (default 100000).
#   TOME_HTTP_KIND         synthetic (default: a `generate` catalog, names made
#                          from its books) or realistic (Corpus/generated/
#                          catalog.jsonl's 9,850 goodbooks books plus synthetic
#                          books up to the size, as Benchmarks/speed.sh builds
#                          it; 200 of Corpus/generated/cases.tsv's labelled
#                          names).
#   TOME_HTTP_DURATION     wrk duration of each run (default 15s).
#   TOME_HTTP_CONNECTIONS  connection counts (default "1 16 64"); wrk threads
#                          are min(connections, 2).
#   TOME_HTTP_BIN          a release tome-resolve to measure instead of building
#                          one (e.g. to compare two builds side by side).
#   TOME_HTTP_SERVE_ARGS   more `serve` options, e.g. "--skip-check" (the
#                          start-up PRAGMA quick_check reads the whole file:
#                          ~4 s at 1M books).
#   TOME_HTTP_LOG_LEVEL    the server's LOG_LEVEL (default info, the server's
#                          own default: one log line per request, to serve.log).
#   TOME_HTTP_QUIET        a row during which other processes used more than
#                          this many cores (default 0.15) is measured again…
#   TOME_HTTP_RETRIES      …up to this many times (default 3; 0: never); the
#                          quietest attempt is kept.
#   TOME_SCALE_DIR         where Benchmarks/scale.sh keeps its catalogs
#                          (default /tmp/tome-scale). A 100k catalog found
#                          there (catalog-100000.sqlite or *100k*.sqlite) is
#                          copied, after checking it holds the same books,
#                          instead of importing the JSON Lines (~20 s).
#
# After the table: how long `serve` took to answer its first /healthz, and its
# RSS after the rows and at its peak — `TOME_HTTP_BOOKS=1000000
# TOME_HTTP_CONNECTIONS=16 TOME_HTTP_DURATION=30s` gives issue #10's
# "serve ready on a 1M catalog; its RSS under load" row.
#
# Needs python3, curl and wrk (installed with apt-get when missing). The server
# and wrk run on the same machine and share its cores: on a 2-core machine the
# figures are a lower bound for the server alone. Exit status 1 when any
# request failed with a 5xx, an unexpected 4xx (anything but the 404 refusals)
# or a socket error/timeout.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="${TOME_HTTP_DIR:-/tmp/tome-http}"
books="${TOME_HTTP_BOOKS:-100000}"
kind="${TOME_HTTP_KIND:-synthetic}"
duration="${TOME_HTTP_DURATION:-15s}"
connections="${TOME_HTTP_CONNECTIONS:-1 16 64}"
log_level="${TOME_HTTP_LOG_LEVEL:-info}"
scale_dir="${TOME_SCALE_DIR:-/tmp/tome-scale}"
quiet="${TOME_HTTP_QUIET:-0.15}"
retries="${TOME_HTTP_RETRIES:-3}"

say() { echo "http.sh: $*" >&2; }
die() { say "$*"; exit 1; }

[[ "$kind" == synthetic || "$kind" == realistic ]] || die "TOME_HTTP_KIND: unknown kind '$kind' (synthetic, realistic)"
for tool in python3 curl; do
    command -v "$tool" >/dev/null || die "$tool is missing"
done
if ! command -v wrk >/dev/null; then
    say "installing wrk…"
    sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get install -y wrk >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y wrk >&2; }
fi
mkdir -p "$work"

if [[ -n "${TOME_HTTP_BIN:-}" ]]; then
    bin="$TOME_HTTP_BIN"
    [[ -x "$bin" ]] || die "TOME_HTTP_BIN: $bin is not an executable"
    say "using $bin (TOME_HTTP_BIN)"
else
    say "building tome-resolve (release, scratch path .build-http)…"
    (cd "$root" && swift build -c release --scratch-path .build-http --product tome-resolve >&2)
    bin="$root/.build-http/release/tome-resolve"
fi
[[ -x "$bin" ]] || die "$bin was not built"

# --- The catalog -------------------------------------------------------------

corpus="$root/Corpus/generated/catalog.jsonl"
cases="$root/Corpus/generated/cases.tsv"
if [[ "$kind" == synthetic ]]; then
    jsonl="$work/books-$books.jsonl"
    db="$work/catalog-$books.sqlite"
else
    jsonl="$work/realistic-$books.jsonl"
    db="$work/realistic-$books.sqlite"
fi

if [[ ! -s "$jsonl" ]]; then
    say "generating $jsonl…"
    if [[ "$kind" == synthetic ]]; then
        "$bin" generate --books "$books" >"$jsonl.tmp"
    else
        # The goodbooks sample, then synthetic books from the next round
        # 10,000 ids on: the catalog Benchmarks/speed.sh builds.
        corpus_books=$(grep -c . "$corpus")
        max_id=$(sed -n 's/^{"id": *\([0-9][0-9]*\).*/\1/p' "$corpus" | sort -n | tail -1)
        [[ -n "$max_id" ]] || die "cannot read the ids of $corpus"
        (( books >= corpus_books )) || die "TOME_HTTP_BOOKS: a realistic catalog holds the $corpus_books goodbooks books at least"
        { cat "$corpus"; "$bin" generate --books $(( books - corpus_books )) --first-id $(( (max_id / 10000 + 1) * 10000 + 1 )); } >"$jsonl.tmp"
    fi
    mv "$jsonl.tmp" "$jsonl"
fi

# True when catalog $1 holds exactly the active books of $jsonl (the count,
# and the titles of 50 ids spread over the file).
catalog_matches() {
    python3 - "$1" "$jsonl" "$books" <<'PY'
import json, sqlite3, sys
path, jsonl, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
try:
    con = sqlite3.connect(path, timeout=5)
    if con.execute("SELECT count(*) FROM book WHERE status = 'active'").fetchone()[0] != n:
        sys.exit(1)
    wanted = {1 + i * max(n // 50, 1) for i in range(50)} if n else set()
    titles = {}
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            book = json.loads(line)
            if book["id"] in wanted:
                titles[book["id"]] = book["title"]
    for book_id, title in titles.items():
        row = con.execute("SELECT title FROM book WHERE id = ?", (book_id,)).fetchone()
        if row is None or row[0] != title:
            sys.exit(1)
except (sqlite3.Error, OSError, ValueError):
    sys.exit(1)
PY
}

if [[ -e "$db" ]] && catalog_matches "$db"; then
    say "reusing $db"
else
    rm -f "$db" "$db-wal" "$db-shm"
    copied=""
    if [[ "$books" == 100000 && "$kind" == synthetic ]]; then
        shopt -s nullglob
        for candidate in "$scale_dir/catalog-100000.sqlite" "$scale_dir"/*100k*.sqlite; do
            [[ -e "$candidate" ]] && catalog_matches "$candidate" || continue
            say "copying $candidate (SQLite backup: a consistent snapshot)…"
            python3 -c 'import sqlite3, sys
src = sqlite3.connect(sys.argv[1]); dst = sqlite3.connect(sys.argv[2])
src.backup(dst); dst.close(); src.close()' "$candidate" "$db.tmp"
            mv "$db.tmp" "$db"
            if catalog_matches "$db"; then copied="$candidate"; break; fi
            rm -f "$db"
        done
        shopt -u nullglob
    fi
    if [[ -z "$copied" ]]; then
        say "importing $jsonl into $db…"
        "$bin" index --db "$db" --jsonl "$jsonl" >&2
    fi
    catalog_matches "$db" || die "$db does not hold the $books books of $jsonl"
fi

# --- Names and wrk scripts ---------------------------------------------------

say "building the names and the wrk scripts…"
python3 - "$jsonl" "$work" "$kind" "$cases" "$here" <<'PY'
import json, random, sys, urllib.parse
jsonl, work, kind, cases, here = sys.argv[1:6]
sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, here)
from synthetic_names import names_from
rng = random.Random(2026)

names = []   # (name, source book id or None for an expected refusal, shape)
if kind == "realistic":
    # 200 of the generated corpus's labelled names: device-name shapes of
    # the goodbooks books (label "-": a refusal is expected).
    rows = [line.rstrip("\n").split("\t") for line in open(cases, encoding="utf-8") if line.strip()]
    for name, label, shape in rng.sample([r[:3] for r in rows if len(r) >= 3], 200):
        names.append((name, None if label == "-" else int(label), shape))
else:
    books = [json.loads(line) for line in open(jsonl, encoding="utf-8") if line.strip()]
    # 180 to resolve, 16 planned refusals, and 4 unknown names.
    names = names_from(books, rng, author_title=70, title_author=50, vol_series=60, missing_volume=8, chapters=4, ranges=4)
    for word in ["Quorble", "Zzyzx Vantablack", "Untitled Document", "Scan 0042"]:
        names.append((f"{word}.pdf", None, "refusal"))
rng.shuffle(names)
assert len(names) == 200

with open(f"{work}/names.tsv", "w", encoding="utf-8") as f:
    for name, book_id, shape in names:
        f.write(f"{name}\t{book_id if book_id else '-'}\t{shape}\n")

def lua_long(text):
    level = 1
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"

counting = r'''
local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("offset", counter * 61)
   table.insert(threads, thread)
end

function response(status, headers, body)
   if status >= 200 and status < 300 then s2xx = s2xx + 1
   elseif status == 404 then s404 = s404 + 1
   elseif status >= 500 then s5xx = s5xx + 1
   else sother = sother + 1 end
end

function done(summary, latency, requests)
   local c = { s2xx = 0, s404 = 0, s5xx = 0, sother = 0 }
   for _, thread in ipairs(threads) do
      for k, _ in pairs(c) do c[k] = c[k] + thread:get(k) end
   end
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d s2xx=%d s404=%d sother=%d s5xx=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency.max, c.s2xx, c.s404, c.sother, c.s5xx,
      e.connect, e.read, e.write, e.timeout))
end
'''

paths = ["/api/tome-sync/resolve?filename=" + urllib.parse.quote(name, safe="") for name, _, _ in names]
with open(f"{work}/single.lua", "w", encoding="utf-8") as f:
    f.write("-- Generated by Benchmarks/http.sh: GET one name per request, cycling through 200 names.\n")
    f.write("local paths = {\n" + "".join(f'   "{p}",\n' for p in paths) + "}\n")
    f.write(r'''
function init(args)
   reqs = {}
   for i, p in ipairs(paths) do reqs[i] = wrk.format("GET", p) end
   index = offset % #reqs
   s2xx, s404, s5xx, sother = 0, 0, 0, 0
end

function request()
   index = index % #reqs + 1
   return reqs[index]
end
''')
    f.write(counting)

bodies = [json.dumps({"filenames": [n for n, _, _ in names[i::2]]}, ensure_ascii=False) for i in (0, 1)]
with open(f"{work}/batch.lua", "w", encoding="utf-8") as f:
    f.write("-- Generated by Benchmarks/http.sh: POST 100 names per request, alternating two bodies.\n")
    f.write("local bodies = {\n" + "".join(f"   {lua_long(b)},\n" for b in bodies) + "}\n")
    f.write(r'''
function init(args)
   reqs = {}
   local headers = {}
   for k, v in pairs(wrk.headers) do headers[k] = v end
   headers["Content-Type"] = "application/json"
   for i, b in ipairs(bodies) do reqs[i] = wrk.format("POST", "/api/tome-sync/resolve/batch", headers, b) end
   index = offset % #reqs
   s2xx, s404, s5xx, sother = 0, 0, 0, 0
end

function request()
   index = index % #reqs + 1
   return reqs[index]
end
''')
    f.write(counting)
for i, body in enumerate(bodies):
    with open(f"{work}/batch-{i}.json", "w", encoding="utf-8") as f:
        f.write(body)
PY

# --- The server --------------------------------------------------------------

server_pid=""
key_id=""
cleanup() {
    local status=$?
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [[ -n "$key_id" ]]; then
        "$bin" keys revoke --db "$db" "$key_id" >/dev/null 2>&1 || true
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

key_output="$("$bin" keys create --db "$db" --label "Benchmarks/http.sh $(date -u +%FT%TZ)")"
key="$(grep -o 'tk_[A-Za-z0-9_-]*' <<<"$key_output" | head -1)"
key_id="$(sed -n 's/^Created key \([0-9]*\).*/\1/p' <<<"$key_output")"
[[ -n "$key" ]] || die "no key in the output of 'keys create': $key_output"

say "starting the server (port 0: a free loopback port; LOG_LEVEL=$log_level, log in $work/serve.log)…"
started_at=$(date +%s.%N)
# shellcheck disable=SC2086  # TOME_HTTP_SERVE_ARGS is a list of words
LOG_LEVEL="$log_level" "$bin" serve --db "$db" --host 127.0.0.1 --port 0 ${TOME_HTTP_SERVE_ARGS:-} >"$work/serve.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 3000); do
    port="$(sed -n 's|^Serving .* on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$work/serve.log" | head -1)"
    [[ -n "$port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; die "the server exited"; }
    sleep 0.02
done
[[ -n "$port" ]] || die "the server did not report its port within 60 s"
base="http://127.0.0.1:$port"
for _ in $(seq 500); do
    health="$(curl -fsS "$base/healthz" 2>/dev/null)" && break
    sleep 0.02
done
# Ready: from starting the process to its first 200 on /healthz (polled every 20 ms).
ready_seconds=$(awk -v a="$started_at" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
grep -q "\"books\":$books\b" <<<"${health:-}" || die "/healthz did not answer with $books books: ${health:-nothing}"
say "server $server_pid on $base: $health"

# What the names resolve to (one pass over the 200 names, through the batch route).
mix="$(for i in 0 1; do
    curl -fsS -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
        --data-binary "@$work/batch-$i.json" "$base/api/tome-sync/resolve/batch"; echo
done | python3 -c '
import collections, json, sys
expected = {}
for line in open(sys.argv[1], encoding="utf-8"):
    name, book_id, shape = line.rstrip("\n").split("\t")
    expected[name] = (None if book_id == "-" else int(book_id), shape)
methods, outcome = collections.Counter(), collections.Counter()
for line in sys.stdin:
    for r in json.loads(line)["results"]:
        want, shape = expected[r["filename"]]
        if r["book_id"] is None:
            outcome["refused"] += 1
        else:
            methods[r["method"]] += 1
            outcome["the source book" if r["book_id"] == want else "another book"] += 1
print("%d names: %s; answers by method: %s" % (sum(outcome.values()),
      ", ".join(f"{v} {k}" for k, v in sorted(outcome.items())),
      ", ".join(f"{k} {v}" for k, v in sorted(methods.items()))))
' "$work/names.tsv")"
say "name mix: $mix"

# --- Load --------------------------------------------------------------------

# CPU ticks (all CPUs, busy) of the machine and of the server, for shares of the cores.
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
server_cpu() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
# CPU ticks of this shell's waited-for children (wrk, once it has exited).
children_cpu() { awk '{ print $16 + $17 }' "/proc/$$/stat"; }
ticks="$(getconf CLK_TCK)"
cores="$(nproc)"

fmt_ms() { awk -v us="$1" 'BEGIN { ms = us / 1000; if (ms < 10) printf "%.2f ms", ms; else if (ms < 100) printf "%.1f ms", ms; else printf "%.0f ms", ms }'; }
group() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

# After a run, wait until the server has finished the requests wrk left in
# flight (it does not cancel them when wrk closes its connections), so that
# they do not slow the next run: /healthz queues behind them on the server's
# thread pool, then the server's CPU use must fall near zero.
drain() {
    local start end a b
    start=$(date +%s.%N)
    curl -fsS --max-time 600 "$base/healthz" >/dev/null || die "the server did not answer /healthz after $1"
    for _ in $(seq 240); do
        a=$(server_cpu); sleep 0.5; b=$(server_cpu)
        (( b - a <= ticks / 20 )) && break
    done
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" -v what="$1" 'BEGIN { if (b - a > 2) printf "http.sh: the server needed %.1f s to finish the requests left in flight by %s\n", b - a, what }' >&2
}

problems=0
rows=()
row=""
other=0
run_wrk() {  # scenario, script, connections, duration → $row (a table row) and $other
    local scenario=$1 script=$2 conns=$3 dur=$4 threads out result m0 s0 w0 m1 s1 w1 t0 t1
    threads=$(( conns < 2 ? conns : 2 ))
    m0=$(machine_busy); s0=$(server_cpu); w0=$(children_cpu); t0=$(date +%s.%N)
    out="$(wrk -t "$threads" -c "$conns" -d "$dur" --timeout 30s --latency \
        -H "Authorization: Bearer $key" -s "$work/$script" "$base")"
    m1=$(machine_busy); s1=$(server_cpu); w1=$(children_cpu); t1=$(date +%s.%N)
    echo "$out" >>"$work/wrk.log"
    drain "$scenario, $conns connections"
    result="$(grep '^RESULT ' <<<"$out")" || { echo "$out" >&2; die "wrk printed no RESULT line"; }
    local requests duration_us p50_us p99_us s2xx s404 sother s5xx connect read write timeout
    eval "$(tr ' ' '\n' <<<"${result#RESULT }" | grep -E '^[a-z0-9_]+=[0-9]+$')"
    local rps names per cpu_server cpu_wrk cpu_machine cpu_other socket
    per=1; [[ "$scenario" == batch* ]] && per=100
    # Requests/s with one decimal below 100; names/s from the request count.
    rps=$(awk -v r="$requests" -v d="$duration_us" 'BEGIN { x = r / (d / 1e6); printf (x < 100 ? "%.1f" : "%.0f"), x }')
    names=$(awk -v r="$requests" -v d="$duration_us" -v per="$per" 'BEGIN { printf "%.0f", r * per / (d / 1e6) }')
    cores_of() { awk -v a="$1" -v b="$2" -v t0="$t0" -v t1="$t1" -v hz="$ticks" 'BEGIN { printf "%.2f", (b - a) / hz / (t1 - t0) }'; }
    cpu_server=$(cores_of "$s0" "$s1"); cpu_wrk=$(cores_of "$w0" "$w1"); cpu_machine=$(cores_of "$m0" "$m1")
    cpu_other=$(awk -v m="$cpu_machine" -v s="$cpu_server" -v w="$cpu_wrk" 'BEGIN { x = m - s - w; printf "%.2f", (x < 0 ? 0 : x) }')
    socket=$(( connect + read + write + timeout ))
    local refusals; refusals="$(group "$s404")"; [[ "$scenario" == batch* ]] && refusals="—"
    if (( s5xx + sother + socket > 0 )); then
        problems=1
        say "PROBLEM in $scenario at $conns connections: 5xx $s5xx, other non-2xx $sother, socket errors connect $connect read $read write $write timeout $timeout"
    fi
    other=$cpu_other
    if [[ "$scenario" != warm-up* ]]; then
        row="| $scenario | $conns | $threads | $(group "$rps") | $(fmt_ms "$p50_us") | $(fmt_ms "$p99_us") | $(group "$names") | $(group "$s2xx") | $refusals | $(( sother + s5xx )) | $socket | $cpu_server | $cpu_wrk | $cpu_other |"
        say "$scenario, $conns connections: $rps requests/s, p50 $(fmt_ms "$p50_us"), p99 $(fmt_ms "$p99_us"), CPU (cores): server $cpu_server, wrk $cpu_wrk, other processes $cpu_other"
    fi
}

# A row measured while other processes took more than $quiet cores is
# measured again, up to $retries more times; the quietest attempt is kept
# (its "other CPU" column says how quiet it was).
measure_row() {  # scenario, script, connections, duration
    local best="" best_other="" attempt
    for attempt in $(seq 0 "$retries"); do
        run_wrk "$@"
        if [[ -z "$best" ]] || awk -v a="$other" -v b="$best_other" 'BEGIN { exit !(a < b) }'; then
            best=$row; best_other=$other
        fi
        awk -v a="$best_other" -v q="$quiet" 'BEGIN { exit !(a <= q) }' && break
        (( attempt < retries )) && say "other processes took $other cores during that row: measuring it again"
    done
    rows+=("$best")
}

: >"$work/wrk.log"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
say "warming up (5 s of single resolves and 5 s of batches at 16 connections, not reported)…"
run_wrk "warm-up (single)" single.lua 16 5s
run_wrk "warm-up (batch)" batch.lua 16 5s
for conns in $connections; do
    measure_row "single resolve (GET)" single.lua "$conns" "$duration"
done
for conns in $connections; do
    measure_row "batch of 100 (POST)" batch.lua "$conns" "$duration"
done

metrics_5xx="$(curl -fsS "$base/metrics" | grep -E '^tome_http_requests_total\{.*status="5[0-9][0-9]"' || true)"
if [[ -n "$metrics_5xx" ]]; then
    problems=1
    say "PROBLEM: the server's /metrics counts 5xx responses:"; echo "$metrics_5xx" >&2
fi

echo
echo "HTTP load, $(date -u '+%Y-%m-%d %H:%M UTC'), $cores cores shared by wrk and the server, $(group "$books")-book $kind catalog, wrk $duration per row (--timeout 30s), server LOG_LEVEL=$log_level; load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Names: $mix. CPU columns: cores used during the row by the server, by wrk, and by every other process on the machine, out of $cores."
echo
echo "| scenario | connections | wrk threads | requests/s | p50 | p99 | names/s | 2xx | 404 (refusals) | other non-2xx | socket errors | server CPU | wrk CPU | other CPU |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
rss_kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status" 2>/dev/null || true)"
hwm_kb="$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status" 2>/dev/null || true)"
echo
echo "Server: ready ${ready_seconds} s after it was started (its first 200 on /healthz); RSS after the rows $(( ${rss_kb:-0} / 1024 )) MB, peak $(( ${hwm_kb:-0} / 1024 )) MB (VmRSS, VmHWM)."
if (( problems )); then
    echo
    echo "**Problems:** some requests failed (5xx, unexpected 4xx or socket errors); see above and $work/wrk.log, $work/serve.log."
    exit 1
fi
