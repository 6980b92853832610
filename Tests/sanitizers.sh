#!/usr/bin/env bash
# Runs the test suite (`swift test`, XCTest and Swift Testing) under
# ThreadSanitizer and AddressSanitizer (with LeakSanitizer), each built in
# its own scratch path so that neither invalidates the ordinary `.build`.
# See Tests/README.md ("Sanitizers") for how long it takes and what it found.
#
#   bash Tests/sanitizers.sh                 # both: thread, then address
#   bash Tests/sanitizers.sh thread          # ThreadSanitizer only (.build-tsan)
#   bash Tests/sanitizers.sh address         # AddressSanitizer only (.build-asan)
#   bash Tests/sanitizers.sh thread -- --filter TomeServerTests   # arguments after -- go to `swift test`
#
# Environment:
#   TOME_SANITIZERS_DIR   where the logs and the sanitizer reports go
#                         (default /tmp/tome-sanitizers): build-<name>.log,
#                         test-<name>.log, and reports-<name>/ with one file
#                         per process that reported (the test runner and every
#                         `tome-resolve` the CLI tests start).
#   TOME_SANITIZERS_NICE  niceness of the build and the tests, and of every
#                         process they start (default 10: the machine is
#                         shared; 0 to run at normal priority).
#   TOME_SANITIZERS_PARALLEL
#                         1: run the tests in parallel, as plain `swift test` does.
#                         Default 0: one at a time (`--no-parallel`). Under a
#                         sanitizer the CPU-heavy tests run 5-10 times slower
#                         and hold Swift's cooperative pool for minutes, and
#                         the live-server tests beside them, which wait for
#                         answers and closes within fixed times, then fail for
#                         want of a thread (see Tests/README.md).
#   TOME_SANITIZERS_SUPPRESSIONS
#                         a ThreadSanitizer suppressions file (default
#                         Tests/tsan-suppressions.txt when it exists; none is
#                         needed today). LeakSanitizer always reads
#                         Tests/lsan-suppressions.txt (a leak inside XCTest).
#
# Exit status: 0 when every selected sanitizer ran the whole suite with no
# test failure and no sanitizer report; 1 otherwise (the reports are printed,
# and the summary says which sanitizer and which step failed).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="${TOME_SANITIZERS_DIR:-/tmp/tome-sanitizers}"
niceness="${TOME_SANITIZERS_NICE:-10}"
suppressions="${TOME_SANITIZERS_SUPPRESSIONS:-}"
parallel="${TOME_SANITIZERS_PARALLEL:-0}"
[[ -z "$suppressions" && -f "$here/tsan-suppressions.txt" ]] && suppressions="$here/tsan-suppressions.txt"

say() { echo "sanitizers.sh: $*" >&2; }

which=()
test_args=()
while (($#)); do
    case "$1" in
        thread|tsan) which+=(thread) ;;
        address|asan) which+=(address) ;;
        all) which+=(thread address) ;;
        --) shift; test_args=("$@"); break ;;
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) say "unknown argument '$1' (thread, address, all, or -- then swift test's arguments)"; exit 2 ;;
    esac
    shift
done
((${#which[@]})) || which=(thread address)
mkdir -p "$work"

# The sanitizer runtimes read these. log_path sends each process's reports to
# its own file (reports-<name>/report.PID), so a report from a `tome-resolve`
# that a CLI test runs is not lost in the output the test captures.
options_for() {  # sanitizer, reports dir
    case "$1" in
        thread)
            local o="log_path=$2/report:halt_on_error=0:second_deadlock_stack=1:history_size=4"
            [[ -n "$suppressions" ]] && o+=":suppressions=$suppressions"
            echo "TSAN_OPTIONS=$o"
            ;;
        address)
            echo "ASAN_OPTIONS=log_path=$2/report:detect_leaks=1"
            echo "LSAN_OPTIONS=log_path=$2/report:suppressions=$here/lsan-suppressions.txt:print_suppressions=0"
            ;;
    esac
}

# The processes below $1 (children, grandchildren, …).
descendants() {
    ps -eo pid=,ppid= | awk -v top="$1" '
        { parent[$1] = $2 }
        END {
            for (p in parent) {
                q = p
                while (q in parent && q != top && q > 1) q = parent[q]
                if (q == top && p != top) print p
            }
        }'
}

# swift-build starts its compilers (and swift test its test runner) at
# niceness 0 whatever its own niceness is; this lowers the priority of every
# descendant of $1 to $2, every second, until $1 exits. (Where the kernel
# groups processes by session — autogroup — niceness only orders processes
# within the session that runs this script.)
renice_tree() {  # pid, niceness
    local top=$1 n=$2
    ((n > 0)) || return 0
    while kill -0 "$top" 2>/dev/null; do
        descendants "$top" | xargs -r renice -n "$n" -p >/dev/null 2>&1 || true
        sleep 1
    done
}

# Stopped (^C, a signal) or done: end what this script started, the build or
# the tests with everything under them, and the renice loops.
stop_children() {
    local pids p
    pids="$(jobs -p; for j in $(jobs -p); do descendants "$j"; done)"
    [[ -n "$pids" ]] || return 0
    kill $pids 2>/dev/null
    # A test runner can ignore SIGTERM: 3 s, then SIGKILL what is left.
    for _ in 1 2 3; do
        sleep 1
        for p in $pids; do kill -0 "$p" 2>/dev/null && continue 2; done
        return 0
    done
    kill -KILL $pids 2>/dev/null
    return 0
}
trap stop_children EXIT
trap 'exit 130' INT TERM

scratch_for() { case "$1" in thread) echo .build-tsan ;; address) echo .build-asan ;; esac; }

elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { s = b - a; printf "%dm%02ds", s / 60, s % 60 }'; }

summary=()
failed=0
for sanitizer in "${which[@]}"; do
    scratch="$(scratch_for "$sanitizer")"
    reports="$work/reports-$sanitizer"
    build_log="$work/build-$sanitizer.log"
    test_log="$work/test-$sanitizer.log"
    rm -rf "$reports"; mkdir -p "$reports"

    say "[$sanitizer] building the tests (swift build --build-tests --sanitize=$sanitizer --scratch-path $scratch; log $build_log)…"
    t0=$(date +%s)
    (cd "$root" && exec nice -n "$niceness" swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch") >"$build_log" 2>&1 &
    build_pid=$!
    renice_tree "$build_pid" "$niceness" &
    renice_pid=$!
    wait "$build_pid"
    build_status=$?
    wait "$renice_pid"
    t1=$(date +%s)
    if ((build_status != 0)); then
        tail -40 "$build_log" >&2
        summary+=("$sanitizer: BUILD FAILED (exit $build_status after $(elapsed "$t0" "$t1")); see $build_log")
        failed=1
        continue
    fi
    parallel_args=(--no-parallel); parallel_label="one test at a time"
    [[ "$parallel" == 1 ]] && { parallel_args=(); parallel_label="tests in parallel"; }
    say "[$sanitizer] built in $(elapsed "$t0" "$t1"); running the tests ($parallel_label; log $test_log)…"

    env_options=()
    while IFS= read -r line; do env_options+=("$line"); done < <(options_for "$sanitizer" "$reports")
    (cd "$root" && env "${env_options[@]}" nice -n "$niceness" \
        swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" ${parallel_args[@]+"${parallel_args[@]}"} ${test_args[@]+"${test_args[@]}"} 2>&1 | tee "$test_log") &
    test_pid=$!
    renice_tree "$test_pid" "$niceness" &
    renice_pid=$!
    wait "$test_pid"
    test_status=$?
    wait "$renice_pid"
    t2=$(date +%s)

    shopt -s nullglob
    report_files=("$reports"/report*)
    shopt -u nullglob
    issues=0
    for f in ${report_files[@]+"${report_files[@]}"}; do
        # A report file can hold several reports; each ends with a SUMMARY line.
        n=$(grep -c '^SUMMARY: \(Thread\|Address\|Leak\|UndefinedBehavior\)Sanitizer' "$f")
        ((n == 0)) && n=1
        issues=$((issues + n))
    done
    # Reports written to the output instead of a file (should not happen with log_path).
    inline=$(grep -c '^SUMMARY: \(Thread\|Address\|Leak\)Sanitizer' "$test_log")
    issues=$((issues + inline))

    if ((${#report_files[@]})); then
        echo
        echo "=== $sanitizer: sanitizer reports (${#report_files[@]} file(s) in $reports) ==="
        for f in "${report_files[@]}"; do echo "--- $f"; cat "$f"; done
        echo
        echo "=== $sanitizer: the reports' SUMMARY lines, counted ==="
        grep -h '^SUMMARY:' "${report_files[@]}" | sort | uniq -c | sort -rn
    fi
    verdict="ok"
    if ((test_status != 0 || issues > 0)); then
        verdict="FAILED"
        failed=1
    fi
    summary+=("$sanitizer ($parallel_label): $verdict — build $(elapsed "$t0" "$t1"), tests $(elapsed "$t1" "$t2"), swift test exit $test_status, $issues sanitizer report(s) in ${#report_files[@]} process(es); logs $test_log, $reports")
done

echo
echo "Sanitizers, $(date -u '+%Y-%m-%d %H:%M UTC'), $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?'), load average $(cut -d' ' -f1-3 /proc/loadavg):"
printf '  %s\n' "${summary[@]}"
exit "$failed"
