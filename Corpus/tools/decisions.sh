#!/usr/bin/env bash
# Prints one line per case of every corpus set: set, name, book_id, method,
# confidence, refusal (tab-separated; the reason is left out, as it may be
# reworded). Two runs diff to show whether a change moved any decision:
#
#   bash Corpus/tools/decisions.sh BIN > before.tsv   # BIN: a tome-resolve binary
#   bash Corpus/tools/decisions.sh BIN2 > after.tsv
#   diff before.tsv after.tsv | grep -c '^>'          # 0: no decision changed
#
# Each set is imported into a temporary catalog with `index --jsonl`. Names
# that are only white space are left out (`resolve -` skips blank lines);
# `tome-resolve eval` counts them.
set -euo pipefail
bin=${1:?usage: decisions.sh TOME_RESOLVE_BINARY}
# The binary's path is taken before the script moves to Corpus/.
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
[ -x "$bin" ] || { echo "decisions.sh: $bin is not an executable" >&2; exit 2; }
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for cases in generated/cases.tsv generated/comics.cases.tsv hand/*.cases.tsv; do
    catalog=${cases%.cases.tsv}.catalog.jsonl
    [ "$cases" = generated/cases.tsv ] && catalog=generated/catalog.jsonl
    set_name=${cases%.cases.tsv}; set_name=${set_name%.tsv}
    "$bin" index --jsonl "$catalog" --db "$tmp/c.sqlite" >/dev/null
    # Column 1 of a case line is the name; comment lines start with #.
    grep -v '^#' "$cases" | cut -f1 | grep -v '^[[:space:]]*$' > "$tmp/names"
    "$bin" resolve --db "$tmp/c.sqlite" --json - < "$tmp/names" |
        python3 -c '
import json, sys
set_name = sys.argv[1]
for line in sys.stdin:
    r = json.loads(line)
    print("\t".join(str(x) for x in (set_name, r["filename"], r["book_id"], r["method"], r["confidence"], r["refusal"])))
' "$set_name"
    rm -f "$tmp"/c.sqlite*
done
