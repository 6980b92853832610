#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/Package.swift, with -sanitize=fuzzer,address)
# and runs them, one after another. See Fuzz/README.md.
#
#   bash Fuzz/run.sh                      # every target for 60 s
#   bash Fuzz/run.sh --time 600 jsonl     # one target for 10 minutes
#   bash Fuzz/run.sh --runs 10000000      # every target for 10 million inputs
#   bash Fuzz/run.sh --merge              # fuzz, then add what was found to Fuzz/corpus/
#
# Inputs the fuzzer finds are written under the scratch folder
# (FUZZ_SCRATCH, default ${TMPDIR:-/tmp}/tome-fuzz), never into the repository,
# unless --merge is given: then libFuzzer's -merge=1 adds to Fuzz/corpus/<target>/
# only those that reach new code. Crash artifacts go to
# $FUZZ_SCRATCH/<target>/artifacts/, and their paths are printed. The exit
# status is 1 when any target crashed (or timed out on an input, ran out of
# memory, or was interrupted), 2 on a usage or build error, else 0.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
usage() {
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    cat <<'HELP'
Options:
  --time SECONDS   run each target this long (libFuzzer -max_total_time; default 60)
  --runs N         run each target for N inputs instead (libFuzzer -runs)
  --merge          after fuzzing, merge the new inputs into Fuzz/corpus/<target>/
  --merge-only     only merge inputs found by earlier runs (no fuzzing)
  --no-build       use the binaries already built
  TARGET...        filename, jsonl, import, resolver (default: all four)
Environment: FUZZ_SCRATCH (scratch folder), FUZZ_BUILD_PATH (SwiftPM scratch
path, default Fuzz/.build), FUZZ_CONFIG (release or debug; default release),
FUZZ_ARGS (more libFuzzer flags, e.g. "-seed=1 -jobs=2").
HELP
}

time_limit=60
runs=""
merge=0
fuzz=1
build=1
targets=()
while (($#)); do
    case "$1" in
        --time) time_limit="${2:?--time needs seconds}"; shift 2 ;;
        --runs) runs="${2:?--runs needs a count}"; shift 2 ;;
        --merge) merge=1; shift ;;
        --merge-only) merge=1; fuzz=0; shift ;;
        --no-build) build=0; shift ;;
        -h|--help) usage; exit 0 ;;
        filename|jsonl|import|resolver) targets+=("$1"); shift ;;
        *) echo "run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
((${#targets[@]})) || targets=(filename jsonl import resolver)

scratch="${FUZZ_SCRATCH:-${TMPDIR:-/tmp}/tome-fuzz}"
build_path="${FUZZ_BUILD_PATH:-$here/.build}"
config="${FUZZ_CONFIG:-release}"
swift_flags=(-c "$config" --package-path "$here" --scratch-path "$build_path"
             -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)

if ((build)); then
    echo "== building the fuzz targets ($config, -sanitize=fuzzer,address) in $build_path"
    started=$SECONDS
    if ! swift build "${swift_flags[@]}"; then
        echo "run.sh: the fuzz targets do not build" >&2
        exit 2
    fi
    echo "== built in $((SECONDS - started)) s"
fi
bin="$(swift build "${swift_flags[@]}" --show-bin-path)" || exit 2

# target → executable, longest input, dictionary
executable() { case "$1" in filename) echo FuzzFilename ;; jsonl) echo FuzzJSONLines ;; import) echo FuzzImport ;; resolver) echo FuzzResolver ;; esac; }
max_len() { case "$1" in jsonl|import) echo 16384 ;; *) echo 4200 ;; esac; }  # names: past NameCheck's 4096 bytes
dict() { case "$1" in jsonl|import) echo "$here/dicts/jsonl.dict" ;; *) echo "$here/dicts/filename.dict" ;; esac; }

failed=0
clean=0
crashed=0
summary=()
for target in "${targets[@]}"; do
    exe="$bin/$(executable "$target")"
    work="$scratch/$target"
    corpus="$here/corpus/$target"
    mkdir -p "$work/new" "$work/artifacts" "$corpus"
    common=(-max_len="$(max_len "$target")" -dict="$(dict "$target")")
    if ((fuzz)); then
        limit=(-max_total_time="$time_limit")
        [ -n "$runs" ] && limit=(-runs="$runs")
        log="$work/fuzz.log"
        echo "== $target: fuzzing (${limit[*]}); log $log"
        started=$SECONDS
        # New inputs go to the first folder (scratch); the repository's corpus is only read.
        # shellcheck disable=SC2086
        # SWIFT_BACKTRACE: Swift's own crash reporter would read the stack under
        # AddressSanitizer (a false report); libFuzzer reports the crash itself.
        SWIFT_BACKTRACE=enable=no "$exe" "${common[@]}" "${limit[@]}" -timeout=25 -print_final_stats=1 \
            -artifact_prefix="$work/artifacts/" ${FUZZ_ARGS:-} "$work/new" "$corpus" >"$log" 2>&1 &
        pid=$!
        status=0
        wait "$pid" || status=$?
        seconds=$((SECONDS - started))
        rm -rf "/dev/shm/tome-fuzz-$target-$pid" "${TMPDIR:-/tmp}/tome-fuzz-$target-$pid"
        executed="$(grep -a 'stat::number_of_executed_units' "$log" | tail -1 | awk '{print $2}')"
        per_second="$(grep -a 'stat::average_exec_per_sec' "$log" | tail -1 | awk '{print $2}')"
        if [ -z "$executed" ]; then  # no final stats: the last status line (#N ... exec/s: M)
            executed="$(grep -aoE '^#[0-9]+' "$log" | tail -1 | tr -d '#')"
            per_second="$(grep -aoE 'exec/s: [0-9]+' "$log" | tail -1 | awk '{print $2}')"
        fi
        line="$target: ${executed:-?} inputs in ${seconds} s (${per_second:-?} exec/s)"
        if ((status == 72)); then  # libFuzzer's exit code when interrupted (SIGINT, SIGTERM)
            failed=1
            line="$line — interrupted"
        elif ((status != 0)); then
            failed=1
            crashed=$((crashed + 1))
            artifact="$(grep -aoE 'Test unit written to .*' "$log" | tail -1 | sed 's/Test unit written to //')"
            line="$line — CRASH (exit $status); artifact: ${artifact:-none written, see $log}"
            echo "---- $target: the end of $log:"
            grep -anE 'Fatal error|ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|SUMMARY|deadly signal|timeout' "$log" | head -20
            tail -40 "$log"
            echo "---- reproduce: SWIFT_BACKTRACE=enable=no $exe ${artifact:-<artifact>}"
        else
            line="$line — no crash"
            clean=$((clean + 1))
        fi
        echo "== $line"
        summary+=("$line")
    fi
    if ((merge)); then
        before=$(find "$corpus" -type f | wc -l)
        SWIFT_BACKTRACE=enable=no "$exe" "${common[@]}" -merge=1 "$corpus" "$work/new" >"$work/merge.log" 2>&1 || {
            echo "run.sh: merging $target failed; see $work/merge.log" >&2
            failed=1
        }
        after=$(find "$corpus" -type f | wc -l)
        line="$target: merged $((after - before)) new inputs into Fuzz/corpus/$target ($after in all)"
        echo "== $line"
        summary+=("$line")
    fi
done

echo "== fuzz summary"
printf '   %s\n' "${summary[@]}"
# One closing line, in the form test runners end with: a target passes when
# its run ended without a crash.
((fuzz)) && echo "fuzz: $clean passed, $crashed failed"
exit "$failed"
