#!/usr/bin/env bash
# Import scale test: builds the release `tome-resolve`, generates deterministic
# synthetic catalogs (JSON Lines) of 100,000 and 1,000,000 books, imports each
# into a fresh SQLite catalog under `/usr/bin/time -v`, imports the same file
# again into that catalog (a re-import: nothing changed, every book
# unchanged), and prints a markdown table: import wall time, books/s, catalog
# size, peak RSS, and the re-import's wall time, peak RSS and CPU.
#
#   bash Benchmarks/scale.sh                         # from the repository root
#   TOME_SCALE_DIR=/data/tome-scale bash Benchmarks/scale.sh
#   TOME_SCALE_SIZES="10000 100000" bash Benchmarks/scale.sh
#
# Environment:
#   TOME_SCALE_DIR    work dir (default /tmp/tome-scale). It keeps
#                     books-N.jsonl and catalog-N.sqlite, which the
#                     `Resolving` benchmark reads for its 100k and 1M rows.
#   TOME_SCALE_SIZES  book counts, space separated (default "100000 1000000").
#   TOME_SCALE_BIN    a `tome-resolve` binary to measure instead of building
#                     one (to compare two builds side by side).
#
# Rerunnable: each size's old catalog (and its -wal/-shm files) is removed
# before the import, and the JSON Lines file is regenerated (the generator is
# deterministic, so it is the same file). The 1M import takes about a minute
# on 2 cores and peaks around 150 MB of RSS; the work dir needs about 1.5 GB
# for both sizes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="${TOME_SCALE_DIR:-/tmp/tome-scale}"
sizes="${TOME_SCALE_SIZES:-100000 1000000}"

[[ -x /usr/bin/time ]] || { echo "scale.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
mkdir -p "$work"

if [[ -n "${TOME_SCALE_BIN:-}" ]]; then
    bin="$TOME_SCALE_BIN"
    [[ -x "$bin" ]] || { echo "scale.sh: TOME_SCALE_BIN=$bin is not an executable" >&2; exit 1; }
else
    echo "Building tome-resolve (release, scratch path .build-scale)…" >&2
    (cd "$root" && swift build -c release --scratch-path .build-scale --product tome-resolve >&2)
    bin="$(cd "$root" && swift build -c release --scratch-path .build-scale --show-bin-path)/tome-resolve"
    [[ -x "$bin" ]] || { echo "scale.sh: $bin was not built" >&2; exit 1; }
fi
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

# "h:mm:ss" or "m:ss.ss" (GNU time's elapsed format) → seconds.
to_seconds() {
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"
}
# Bytes → MB (10^6), one decimal.
to_mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
# Kilobytes (time -v) → MB (10^6), whole.
to_rss_mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }'; }
file_size() { if [[ -e "$1" ]]; then stat -c %s "$1"; else echo 0; fi; }
group() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

rows=()
for n in $sizes; do
    jsonl="$work/books-$n.jsonl"
    db="$work/catalog-$n.sqlite"
    timing="$work/import-$n.time"
    log="$work/import-$n.log"

    echo "[$n] generating $jsonl…" >&2
    gen_start=$(date +%s.%N)
    "$bin" generate --books "$n" >"$jsonl.tmp"
    mv "$jsonl.tmp" "$jsonl"
    gen_end=$(date +%s.%N)
    gen_s=$(awk -v a="$gen_start" -v b="$gen_end" 'BEGIN { printf "%.1f", b - a }')

    rm -f "$db" "$db-wal" "$db-shm"
    echo "[$n] importing into $db…" >&2
    /usr/bin/time -v -o "$timing" "$bin" index --db "$db" --jsonl "$jsonl" >"$log"
    cat "$log" >&2

    wall=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$timing")")
    rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$timing")
    cpu_pct=$(sed -n 's/.*Percent of CPU this job got: //p' "$timing")
    import_s=$(sed -n 's/.* in \([0-9.]*\) s.*/\1/p' "$log" | head -1)
    active=$(awk '/active books/ { print $3 }' "$log")
    [[ "$active" == "$n" ]] || { echo "scale.sh: expected $n active books, the catalog has $active" >&2; exit 1; }

    # The same file again: a synchronizing import in which nothing changed.
    retiming="$work/reimport-$n.time"
    relog="$work/reimport-$n.log"
    echo "[$n] importing $jsonl again (nothing changed)…" >&2
    /usr/bin/time -v -o "$retiming" "$bin" index --db "$db" --jsonl "$jsonl" >"$relog"
    cat "$relog" >&2
    unchanged=$(awk '/unchanged/ { print $2 }' "$relog")
    [[ "$unchanged" == "$n" ]] || { echo "scale.sh: expected $n unchanged books on re-import, got $unchanged" >&2; exit 1; }
    rewall=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$retiming")")
    rerss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$retiming")
    recpu_pct=$(sed -n 's/.*Percent of CPU this job got: //p' "$retiming")

    db_bytes=$(( $(file_size "$db") + $(file_size "$db-wal") ))
    rate=$(awk -v n="$n" -v s="$wall" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }')
    rows+=("| $(group "$n") | $(to_mb "$(file_size "$jsonl")") | ${gen_s} s | ${wall} s | ${import_s} s | $(group "$rate") | $(to_mb "$db_bytes") | $(to_rss_mb "$rss_kb") | ${cpu_pct} | ${rewall} s | $(to_rss_mb "$rerss_kb") | ${recpu_pct} |")
done

echo
echo "Import scale, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $load_start at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end, work dir $work, $bin"
echo
echo "| books | JSON Lines (MB) | generate | import wall time | of which the import transaction | books/s | catalog (MB) | peak RSS (MB) | CPU | re-import wall time | re-import peak RSS (MB) | re-import CPU |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
