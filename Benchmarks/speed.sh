#!/usr/bin/env bash
# Resolve cost against the floor (issue #10): for catalogs of 10k, 100k and 1M
# books, synthetic and realistic, the resolver's p50/p99 and those of the
# floor — one ranked FTS5 MATCH of each name's distinctive words through the
# SQLite C API — measured in the same run, interleaved per name, and their
# ratio. Prints markdown tables headed with the date, commit and load average.
#
#   bash Benchmarks/speed.sh                           # from any directory
#   TOME_SPEED_SIZES="10000 100000" bash Benchmarks/speed.sh
#   TOME_SPEED_DIR=/data/tome-speed bash Benchmarks/speed.sh
#
# Environment:
#   TOME_SPEED_DIR      work dir (default /tmp/tome-speed): the catalogs made
#                       here, their JSON Lines, import logs, and report-*.md.
#   TOME_SPEED_SIZES    book counts (default "10000 100000 1000000").
#   TOME_SPEED_KINDS    "synthetic realistic" (default), or one of them.
#   TOME_SCALE_DIR      where Benchmarks/scale.sh leaves catalog-N.sqlite
#                       (default /tmp/tome-scale): a synthetic catalog there
#                       holding N active books is reused, not rebuilt.
#   TOME_SPEED_OPTIONS  extra SpeedReport options, e.g. "--realistic-names 2000
#                       --min-seconds 5" (see `SpeedReport --help`).
#
# Catalogs (each reused while it holds N active books and was built from the
# same inputs, `*.stamp`; an interrupted import leaves an incomplete catalog,
# which the next run rebuilds):
#   synthetic-N.sqlite  `tome-resolve generate --books N`, imported with `index`.
#   realistic-N.sqlite  Corpus/generated/catalog.jsonl (9,850 goodbooks books,
#                       ids ≤ 9,999) + `generate --books N-9850 --first-id 10001`.
# Building them takes about as long as `scale.sh` (the 1M imports ~4 min
# each on 2 cores, up to 9 under load); the work dir needs about 2.5 GB for
# all six, plus 0.4 GB while a 1M JSON Lines file waits for its import.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="${TOME_SPEED_DIR:-/tmp/tome-speed}"
scale_dir="${TOME_SCALE_DIR:-/tmp/tome-scale}"
sizes="${TOME_SPEED_SIZES:-10000 100000 1000000}"
kinds="${TOME_SPEED_KINDS:-synthetic realistic}"
corpus="$root/Corpus/generated/catalog.jsonl"
cases="$root/Corpus/generated/cases.tsv"

die() { echo "speed.sh: $*" >&2; exit 1; }
note() { echo "speed.sh: $*" >&2; }

for kind in $kinds; do
    [[ "$kind" == synthetic || "$kind" == realistic ]] || die "TOME_SPEED_KINDS: unknown kind '$kind' (synthetic, realistic)"
done
for n in $sizes; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "TOME_SPEED_SIZES: '$n' is not a number of books"
done
[[ -f "$corpus" && -f "$cases" ]] || die "missing $corpus or $cases"
mkdir -p "$work"

# SwiftPM waits by itself while another build holds a scratch path's lock.
note "building tome-resolve (release, scratch path .build-release)…"
(cd "$root" && swift build -c release --scratch-path .build-release --product tome-resolve >&2)
cli="$(cd "$root" && swift build -c release --scratch-path .build-release --show-bin-path)/tome-resolve"
[[ -x "$cli" ]] || die "$cli was not built"
"$cli" generate --help | grep -q -- --first-id || die "$cli has no generate --first-id"

note "building SpeedReport (release, scratch path .build-bench)…"
(cd "$here" && swift build -c release --scratch-path "$root/.build-bench" --product SpeedReport >&2)
report="$(cd "$here" && swift build -c release --scratch-path "$root/.build-bench" --show-bin-path)/SpeedReport"
[[ -x "$report" ]] || die "$report was not built"

books_in() { "$report" count "$1"; }

# Imports a JSON Lines file into a fresh catalog and checks it holds N books.
import_catalog() { # db jsonl n
    local db="$1" jsonl="$2" n="$3" log="${1%.sqlite}.import.log"
    rm -f "$db" "$db-wal" "$db-shm"
    note "importing $jsonl into $db…"
    "$cli" index --db "$db" --jsonl "$jsonl" >"$log" || { cat "$log" >&2; die "importing $jsonl failed"; }
    local active
    active="$(books_in "$db")"
    [[ "$active" == "$n" ]] || die "$db holds $active active books, not $n (see $log)"
}

# A catalog made here is reused when it holds N books and its stamp (what it
# was made of) is still right.
reusable() { # db stamp want n
    [[ -f "$1" && -f "$2" && "$(cat "$2")" == "$3" && "$(books_in "$1")" == "$4" ]]
}

synthetic_catalog() { # n → prints the path
    local n="$1" db="$work/synthetic-$n.sqlite" stamp="$work/synthetic-$n.stamp" want
    # (SpeedReport checks that a reused scale.sh catalog is this generator's.)
    if [[ -f "$scale_dir/catalog-$n.sqlite" && "$(books_in "$scale_dir/catalog-$n.sqlite")" == "$n" ]]; then
        note "reusing $scale_dir/catalog-$n.sqlite"
        echo "$scale_dir/catalog-$n.sqlite"
        return
    fi
    want="generate --books $n sample $("$cli" generate --books 100 | sha256sum | cut -d' ' -f1)"
    if reusable "$db" "$stamp" "$want" "$n"; then
        note "reusing $db"
    else
        rm -f "$stamp"
        note "generating $n synthetic books…"
        "$cli" generate --books "$n" >"$work/synthetic-$n.jsonl.tmp"
        mv "$work/synthetic-$n.jsonl.tmp" "$work/synthetic-$n.jsonl"
        import_catalog "$db" "$work/synthetic-$n.jsonl" "$n"
        rm -f "$work/synthetic-$n.jsonl"
        echo "$want" >"$stamp"
    fi
    echo "$db"
}

realistic_catalog() { # n → prints the path (nothing when n is below the corpus)
    local n="$1" db="$work/realistic-$n.sqlite" stamp="$work/realistic-$n.stamp"
    local corpus_books max_id first_id extra want
    corpus_books=$(grep -c . "$corpus")
    max_id=$(sed -n 's/^{"id": *\([0-9][0-9]*\).*/\1/p' "$corpus" | sort -n | tail -1)
    [[ -n "$max_id" ]] || die "cannot read the ids of $corpus"
    if (( n < corpus_books )); then
        note "skipping realistic $n: the goodbooks sample alone holds $corpus_books books"
        return
    fi
    first_id=$(( (max_id / 10000 + 1) * 10000 + 1 ))
    extra=$(( n - corpus_books ))
    # What the catalog is made of (the corpus, the sizes, and a sample of the
    # generator's output): rebuilt when any of it changes.
    want="corpus $(sha256sum "$corpus" | cut -d' ' -f1) generate --books $extra --first-id $first_id"
    want="$want sample $("$cli" generate --books 100 --first-id "$first_id" | sha256sum | cut -d' ' -f1)"
    if reusable "$db" "$stamp" "$want" "$n"; then
        note "reusing $db"
    else
        rm -f "$stamp"
        note "realistic $n: $corpus_books goodbooks books + $extra synthetic books from id $first_id…"
        { cat "$corpus"; "$cli" generate --books "$extra" --first-id "$first_id"; } >"$work/realistic-$n.jsonl.tmp"
        mv "$work/realistic-$n.jsonl.tmp" "$work/realistic-$n.jsonl"
        import_catalog "$db" "$work/realistic-$n.jsonl" "$n"
        rm -f "$work/realistic-$n.jsonl"
        echo "$want" >"$stamp"
    fi
    echo "$db"
}

specs=()
for n in $sizes; do
    for kind in $kinds; do
        # (plain assignments, so that a failure inside stops the script)
        if [[ "$kind" == synthetic ]]; then
            db="$(synthetic_catalog "$n")"
        else
            db="$(realistic_catalog "$n")"
        fi
        if [[ -n "$db" ]]; then specs+=("$kind:$n:$db"); fi
    done
done
(( ${#specs[@]} > 0 )) || die "no catalog to measure"

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$root" status --porcelain -- Sources Package.swift 2>/dev/null)" ]]; then
    commit="$commit, Sources/ modified"
fi
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
note "measuring ${specs[*]}"
# shellcheck disable=SC2086  # TOME_SPEED_OPTIONS is a list of words
tables="$("$report" --cases "$cases" ${TOME_SPEED_OPTIONS:-} "${specs[@]}")"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
swift_version="$(swift --version 2>/dev/null | head -1 || true)"

out="$work/report-$(date -u '+%Y%m%d-%H%M%S').md"
{
    echo "Resolve cost against the floor, $started, commit $commit, $(nproc) cores, load average $load_before (start) / $load_after (end), $swift_version"
    echo
    echo "$tables"
} | tee "$out"
note "written to $out"
