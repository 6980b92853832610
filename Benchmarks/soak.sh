#!/usr/bin/env bash
# Soak test of `tome-resolve serve`: a 100,000-book catalog served for 10
# minutes under a steady, moderate mixed load — not a throughput test — while
# the served catalog is re-imported every minute. The load (Benchmarks/soak.py,
# Python standard library, raw keep-alive HTTP/1.1 sockets, open loop):
#   - 200 single resolves/s (GET …/resolve?filename=…), each sent on time on
#     an idle keep-alive connection (a new one when all are busy, at most 64
#     in flight), from 4,000 names built from the catalog's books (10 % built to
#     be refused: 404, the others meant to be answered);
#   - a 100-name batch (POST …/resolve/batch) every second;
#   - /healthz every 5 s;
#   - an aborting client every 2 s, cycling through: a whole 500-name batch
#     then a reset (SO_LINGER 0), half a batch body then close, a GET closed
#     before its answer, half a header block then close;
#   - a hostile request every second (issue #22), in turn: a 4 KB name of
#     ~500 title parts (404 name_too_complex), a 2 MiB batch body of empty
#     names (400, read while the body is still being sent, as curl does: the
#     server answers at name 501, then closes after reading a little more),
#     a 500-name batch then a half-close (FIN), HEAD /healthz
#     (200), an HTTP/1.1 request without Host (400), two pipelined requests
#     the first with `Connection: close` (200), OPTIONS (405) — each must get
#     that answer in time, or it counts as an error;
#   - 200 slowloris sockets dripping a header byte every 5 s, reconnecting
#     when the server closes them;
#   - 30 s into every minute (half of TOME_SOAK_REIMPORT_EVERY), `tome-resolve
#     index --db <served catalog> --jsonl …`, alternating a variant (500 books retitled, 500 with another
#     year, 500 removed, 500 added) and the original: each import changes
#     ~1,500–2,000 books under the running server.
# Prints a markdown table, one row per minute: requests by kind, errors,
# single-resolve p50/p99/max, batch p99, the slowest /healthz, the re-import,
# the server's CPU, RSS (VmRSS, end of the minute and max), RSS against the
# end of minute 1, open file descriptors, load average.
#
#   bash Benchmarks/soak.sh                              # from the repository root
#   TOME_SOAK_BIN=.build-release/release/tome-resolve bash Benchmarks/soak.sh
#   TOME_SOAK_MINUTES=2 bash Benchmarks/soak.sh          # a quick check
#
# Environment:
#   TOME_SOAK_DIR          work dir (default /tmp/tome-soak): the JSON Lines
#                          catalogs, catalog-base.sqlite (a pristine 100k
#                          catalog, reused by later runs), catalog-soak.sqlite
#                          (a fresh copy for each run: the one served and
#                          re-imported), names.tsv, serve.log, summary.json.
#   TOME_SOAK_MINUTES      how long the load runs (default 10).
#   TOME_SOAK_RATE         single resolves per second (default 200).
#   TOME_SOAK_CONNECTIONS  most single resolves in flight, each on its own
#                          keep-alive connection (default 64).
#   TOME_SOAK_BATCH_SIZE   names per batch (default 100).
#   TOME_SOAK_BATCH_EVERY  seconds between batches (default 1).
#   TOME_SOAK_ABORT_EVERY  seconds between aborting clients (default 2; 0: none).
#   TOME_SOAK_ABORT_BATCH  names in the aborted batches (default 500, the most a batch may hold).
#   TOME_SOAK_ATTACK_EVERY seconds between hostile requests (default 1; 0: none).
#   TOME_SOAK_SLOWLORIS    slowloris sockets held (default 200; 0: none).
#   TOME_SOAK_REIMPORT_EVERY  seconds between re-imports (default 60; 0: none).
#   TOME_SOAK_RSS_GROWTH   the RSS growth allowed after minute 1, in % (default 10).
#   TOME_SOAK_TIMEOUT      seconds a valid request may take before it counts
#                          as failed (default 30).
#   TOME_SOAK_LOG_LEVEL    the server's LOG_LEVEL (default info, its own default:
#                          a line per request, to serve.log).
#   TOME_SOAK_BIN          a release tome-resolve to run instead of building one.
#   TOME_SCALE_DIR         where Benchmarks/scale.sh keeps its catalogs (default
#                          /tmp/tome-scale); a 100k catalog there holding the
#                          same books is copied instead of importing (~20 s).
#
# Without TOME_SOAK_BIN it builds `swift build -c release --scratch-path
# .build-soak --product tome-resolve` (about 15 minutes from scratch on 2 busy
# cores). The server and the load generator share the machine's cores.
# Exit status 1 when any valid request failed (a connection error or timeout,
# a 5xx, a 4xx other than a single resolve's 404 refusal, a batch without one
# result per name), a re-import failed, the server died, /metrics counts a
# 5xx, or the server's RSS at the end of any minute after the first is more
# than TOME_SOAK_RSS_GROWTH % above its RSS at the end of minute 1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="${TOME_SOAK_DIR:-/tmp/tome-soak}"
books=100000
minutes="${TOME_SOAK_MINUTES:-10}"
rate="${TOME_SOAK_RATE:-200}"
connections="${TOME_SOAK_CONNECTIONS:-64}"
batch_size="${TOME_SOAK_BATCH_SIZE:-100}"
batch_every="${TOME_SOAK_BATCH_EVERY:-1}"
abort_every="${TOME_SOAK_ABORT_EVERY:-2}"
attack_every="${TOME_SOAK_ATTACK_EVERY:-1}"
slowloris="${TOME_SOAK_SLOWLORIS:-200}"
abort_batch="${TOME_SOAK_ABORT_BATCH:-500}"
reimport_every="${TOME_SOAK_REIMPORT_EVERY:-60}"
rss_growth="${TOME_SOAK_RSS_GROWTH:-10}"
timeout="${TOME_SOAK_TIMEOUT:-30}"
log_level="${TOME_SOAK_LOG_LEVEL:-info}"
scale_dir="${TOME_SCALE_DIR:-/tmp/tome-scale}"

say() { echo "soak.sh: $*" >&2; }
die() { say "$*"; exit 1; }

for tool in python3 curl; do
    command -v "$tool" >/dev/null || die "$tool is missing"
done
mkdir -p "$work"

if [[ -n "${TOME_SOAK_BIN:-}" ]]; then
    bin="$(cd "$(dirname "$TOME_SOAK_BIN")" && pwd)/$(basename "$TOME_SOAK_BIN")"
    [[ -x "$bin" ]] || die "TOME_SOAK_BIN: $TOME_SOAK_BIN is not an executable"
    say "using $bin (TOME_SOAK_BIN)"
else
    say "building tome-resolve (release, scratch path .build-soak)…"
    (cd "$root" && swift build -c release --scratch-path .build-soak --product tome-resolve >&2)
    bin="$root/.build-soak/release/tome-resolve"
fi
[[ -x "$bin" ]] || die "$bin was not built"

# --- The two catalogs ----------------------------------------------------------

jsonl="$work/books-$books.jsonl"
variant="$work/books-$books-variant.jsonl"
base="$work/catalog-base.sqlite"
db="$work/catalog-soak.sqlite"

if [[ ! -s "$jsonl" ]]; then
    say "generating $jsonl…"
    "$bin" generate --books "$books" >"$jsonl.tmp"
    mv "$jsonl.tmp" "$jsonl"
fi
if [[ ! -s "$variant" ]]; then
    say "writing $variant (500 retitled, 500 with another year, 500 removed, 500 added)…"
    "$bin" generate --books 500 --seed 2027 --first-id $((books + 1)) >"$work/added.jsonl"
    python3 - "$jsonl" "$work/added.jsonl" "$variant.tmp" <<'PY'
import json, sys
src, added, out = sys.argv[1:4]
with open(out, "w", encoding="utf-8") as w:
    for line in open(src, encoding="utf-8"):
        if not line.strip():
            continue
        book = json.loads(line)
        r = book["id"] % 200
        if r == 7:
            continue                                   # removed
        if r == 3:
            book["title"] = book["title"] + " Revisited"   # retitled: new keys
        elif r == 5:
            book["year"] = (book.get("year") or 2000) + 1  # a field only the fingerprint sees
        w.write(json.dumps(book, ensure_ascii=False) + "\n")
    for line in open(added, encoding="utf-8"):
        if line.strip():
            w.write(line if line.endswith("\n") else line + "\n")
PY
    mv "$variant.tmp" "$variant"
fi

# True when catalog $1 holds exactly the active books of $jsonl (the count,
# and the titles of 50 ids spread over the file).
catalog_matches() {
    python3 - "$1" "$jsonl" "$books" <<'PY'
import json, sqlite3, sys
path, jsonl, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
try:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    if con.execute("SELECT count(*) FROM book WHERE status = 'active'").fetchone()[0] != n:
        sys.exit(1)
    if con.execute("SELECT count(*) FROM book").fetchone()[0] != n:
        sys.exit(1)
    wanted = {1 + i * max(n // 50, 1) for i in range(50)}
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

# A consistent copy (SQLite's backup API) of catalog $1 to $2.
copy_catalog() {
    rm -f "$2" "$2-wal" "$2-shm" "$2.tmp"
    python3 -c 'import sqlite3, sys
src = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True); dst = sqlite3.connect(sys.argv[2])
src.backup(dst); dst.execute("PRAGMA journal_mode=WAL"); dst.close(); src.close()' "$1" "$2.tmp"
    mv "$2.tmp" "$2"
}

if [[ -e "$base" ]] && catalog_matches "$base"; then
    say "reusing $base"
else
    rm -f "$base" "$base-wal" "$base-shm"
    copied=""
    shopt -s nullglob
    for candidate in "$scale_dir/catalog-100000.sqlite" "$scale_dir"/*100k*.sqlite /tmp/lead/syn100k.sqlite; do
        [[ -e "$candidate" ]] && catalog_matches "$candidate" || continue
        say "copying $candidate…"
        copy_catalog "$candidate" "$base"
        if catalog_matches "$base"; then copied="$candidate"; break; fi
        rm -f "$base"
    done
    shopt -u nullglob
    if [[ -z "$copied" ]]; then
        say "importing $jsonl into $base…"
        "$bin" index --db "$base" --jsonl "$jsonl" >&2
    fi
    catalog_matches "$base" || die "$base does not hold the $books books of $jsonl"
fi
say "copying $base to $db (the catalog served and re-imported in this run)…"
copy_catalog "$base" "$db"

# --- Names -----------------------------------------------------------------------

if [[ ! -s "$work/names.tsv" ]]; then
    say "building the names…"
    python3 - "$jsonl" "$work/names.tsv" "$here" <<'PY'
import json, random, sys
jsonl, out, here = sys.argv[1:4]
sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, here)
from synthetic_names import names_from
rng = random.Random(2026)
books = [json.loads(line) for line in open(jsonl, encoding="utf-8") if line.strip()]

# As in http.sh (Benchmarks/synthetic_names.py), twenty times as many names.
names = names_from(books, rng, author_title=1400, title_author=1000, vol_series=1200, missing_volume=160, chapters=80, ranges=80)
for i in range(80):
    names.append((f"{rng.choice(['Quorble', 'Zzyzx Vantablack', 'Untitled Document', 'Scan'])} {i:04d}.pdf", None, "refusal"))
rng.shuffle(names)
with open(out, "w", encoding="utf-8") as f:
    for name, book_id, shape in names:
        f.write(f"{name}\t{book_id if book_id else '-'}\t{shape}\n")
PY
fi

# --- The server ------------------------------------------------------------------

server_pid=""
cleanup() {
    local status=$?
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

key_output="$("$bin" keys create --db "$db" --label soak)"
key="$(grep -o 'tk_[A-Za-z0-9_-]*' <<<"$key_output" | head -1)"
[[ -n "$key" ]] || die "no key in the output of 'keys create': $key_output"

say "starting the server (port 0: a free loopback port; LOG_LEVEL=$log_level, log in $work/serve.log)…"
rm -f "$work"/core "$work"/core.*
# In the work dir, with core dumps on: a crash leaves $work/core for gdb.
(cd "$work" && ulimit -c unlimited 2>/dev/null; LOG_LEVEL="$log_level" exec "$bin" serve --db "$db" --host 127.0.0.1 --port 0) >"$work/serve.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 600); do
    port="$(sed -n 's|^Serving .* on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$work/serve.log" | head -1)"
    [[ -n "$port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; die "the server exited"; }
    sleep 0.1
done
[[ -n "$port" ]] || die "the server did not report its port within 60 s"
url="http://127.0.0.1:$port"
health=""
for _ in $(seq 100); do
    health="$(curl -fsS "$url/healthz" 2>/dev/null)" && break
    sleep 0.1
done
grep -q "\"books\":$books\b" <<<"${health:-}" || die "/healthz did not answer with $books books: ${health:-nothing}"
say "server $server_pid on $url: $health"

commit="$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
dirty="$(cd "$root" && git status --porcelain --untracked-files=no -- Sources Package.swift 2>/dev/null | wc -l)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
bin_date="$(date -u -r "$bin" '+%Y-%m-%d %H:%M UTC')"
say "soaking for $minutes minutes (binary of $bin_date; tree at $commit$( ((dirty)) && echo " with $dirty uncommitted source changes" ); load average $load_before)…"

set +e
python3 "$here/soak.py" --port "$port" --key "$key" --pid "$server_pid" --bin "$bin" --db "$db" \
    --jsonl "$jsonl" "$variant" --names "$work/names.tsv" --minutes "$minutes" --rate "$rate" \
    --single-connections "$connections" --batch-size "$batch_size" --batch-every "$batch_every" \
    --abort-every "$abort_every" --abort-batch-size "$abort_batch" --reimport-every "$reimport_every" \
    --attack-every "$attack_every" --slowloris "$slowloris" \
    --rss-growth "$rss_growth" --timeout "$timeout" --summary "$work/summary.json" >"$work/table.md"
status=$?
set -e

metrics_5xx="$(curl -fsS --max-time 30 "$url/metrics" | grep -E '^tome_http_requests_total\{.*status="5[0-9][0-9]"' || true)"
if [[ -n "$metrics_5xx" ]]; then
    say "PROBLEM: the server's /metrics counts 5xx responses:"; echo "$metrics_5xx" >&2
    status=1
fi
if ! kill -0 "$server_pid" 2>/dev/null; then
    server_status=0
    wait "$server_pid" 2>/dev/null || server_status=$?
    how="exit status $server_status"
    ((server_status > 128)) && how="killed by SIG$(kill -l $((server_status - 128)) 2>/dev/null || echo "$((server_status - 128))")"
    say "PROBLEM: the server died during the soak ($how; see $work/serve.log)"
    server_pid=""
    status=1
    shopt -s nullglob
    cores=("$work"/core "$work"/core.*)
    shopt -u nullglob
    if grep -q '^\*\*\* Program crashed' "$work/serve.log"; then
        say "the Swift runtime's crash report (from $work/serve.log):"
        sed -n '/^\*\*\* Signal/,$p' "$work/serve.log" | grep -v ' info tome-resolve' | head -60 >&2
    fi
    if ((${#cores[@]})) && command -v gdb >/dev/null; then
        say "its core dump ${cores[0]}, the crashing thread's stack:"
        gdb -batch -ex bt "$bin" "${cores[0]}" 2>/dev/null | grep -E '^#' | head -40 >&2 || true
    elif ((${#cores[@]})); then
        say "its core dump: ${cores[0]}"
    else
        say "no core dump was written$(grep -q '^\*\*\* Program crashed' "$work/serve.log" || echo ", and no crash report: killed from outside (SIGKILL, the OOM killer: see dmesg)?")"
    fi
    tail -5 "$work/serve.log" >&2
fi

echo
echo "Soak of \`tome-resolve serve\` ($bin, built $bin_date; the tree is at $commit$( ((dirty)) && echo " with $dirty uncommitted source changes" )), $(nproc) cores shared by the server, the load generator, the re-imports and whatever else runs, 100,000-book synthetic catalog, LOG_LEVEL=$log_level; load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after."
cat "$work/table.md"
if ((status != 0)); then
    echo
    echo "soak.sh: FAILED (details above; $work/serve.log, $work/summary.json)."
fi
exit "$status"
