#!/usr/bin/env bash
# The node's tests under a sanitizer: `swift test --sanitize=thread` (the default) or
# `--sanitize=address`, `--filter BrogueNodeTests`, built into its own scratch folder
# (.build-tsan or .build-asan) so the normal .build is never touched (docs/node.md, "The node
# under sanitizers"). The first build takes as long as a clean build (tens of minutes on two
# cores); later runs are incremental.
#
#   scripts/sanitize-node-tests.sh               # ThreadSanitizer
#   scripts/sanitize-node-tests.sh address       # AddressSanitizer
#   PLANT_RACE=1 scripts/sanitize-node-tests.sh  # the planted race and the controls: passes when TSan
#                                                # reports the race and not the pthread lock control
#
# Prints the test summary and every sanitizer report's first lines; exits 1 when a test fails or
# the sanitizer reports anything. The full log is kept at $LOG (/tmp/brogue-sanitize-KIND.log, or
# /tmp/brogue-sanitize-thread-planted.log for PLANT_RACE=1).
set -euo pipefail
cd "$(dirname "$0")/.."

kind=${1:-thread}
case "$kind" in
    thread) scratch=.build-tsan; banner="ThreadSanitizer" ;;
    address) scratch=.build-asan; banner="AddressSanitizer" ;;
    *) echo "sanitize-node-tests: unknown sanitizer '$kind'; use thread or address" >&2; exit 2 ;;
esac
# The planted race keeps its own log, so checking it never overwrites a whole run's.
if [[ "${PLANT_RACE:-}" == 1 ]]; then LOG=${LOG:-/tmp/brogue-sanitize-$kind-planted.log}; else LOG=${LOG:-/tmp/brogue-sanitize-$kind.log}; fi

# Skipped, each with its reason:
skips=(
    # Start pods, build an image or need a Kubernetes cluster: not the node's code, and minutes each.
    "PodsTrial" "ContainerImage" "KubernetesTrial"
    # Drive Chromium, whose own threads and timing are outside what the sanitizer can judge, and
    # whose page timeouts a 5-15 times slower node misses.
    "BrowserTests" "BrowserTargetingTests" "BrowserReconnectTests"
)
skip_pattern=$(IFS='|'; echo "${skips[*]}")

# A new scratch folder starts from the checkouts the normal build already has, so no network is
# needed to resolve the packages.
if [[ ! -d "$scratch/checkouts" && -d .build/checkouts ]]; then
    mkdir -p "$scratch"
    cp -a .build/checkouts .build/repositories .build/workspace-state.json "$scratch"/ 2>/dev/null || true
fi

if [[ "${PLANT_RACE:-}" == 1 ]]; then
    [[ "$kind" == thread ]] || { echo "sanitize-node-tests: PLANT_RACE=1 is for the thread sanitizer" >&2; exit 2; }
    filter="PlantedRaceTests"
else
    filter="BrogueNodeTests"
fi

echo "sanitize-node-tests: $banner, --filter $filter, skipping ${skip_pattern//|/, }; scratch $scratch, log $LOG"
# TSan's default stops at the first report; halt_on_error=0 collects them all. The node's tests
# start real child processes: their reports land in the same log.
# The suppressions name code outside ours whose reports a control shows to be the sanitizer's
# blind spot (scripts/tsan-suppressions.txt says which and why).
export TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1 suppressions=$PWD/scripts/tsan-suppressions.txt ${TSAN_OPTIONS:-}"
export ASAN_OPTIONS="detect_leaks=0 ${ASAN_OPTIONS:-}"
status=0
# One test at a time, as the README's test command runs them: side by side, a build 5-15 times
# slower than normal misses the node tests' fixed read timeouts on two cores.
BROGUE_PLANT_RACE=${PLANT_RACE:-0} swift test --sanitize="$kind" --scratch-path "$scratch" --no-parallel \
    --filter "$filter" --skip "$skip_pattern" >"$LOG" 2>&1 || status=$?

reports=$(grep -c "^WARNING: ThreadSanitizer\|^==[0-9]*==ERROR: AddressSanitizer\|^SUMMARY: AddressSanitizer" "$LOG" || true)
grep -E "Test run with|Executed .* tests|error: " "$LOG" | tail -5 || true
echo "sanitize-node-tests: $reports sanitizer report(s)"
grep -E -A 12 "^WARNING: ThreadSanitizer|^==[0-9]+==ERROR: AddressSanitizer" "$LOG" | head -80 || true

# Suppressed reports, by entry: TSan prints them at exit ("Matched N suppressions").
grep -E -A 3 "ThreadSanitizer: Matched [0-9]+ suppressions" "$LOG" | grep -E "^ *[0-9]+ race:" | sort | uniq -c | head -5 || true

if [[ "${PLANT_RACE:-}" == 1 ]]; then
    # Reports by the test they name. A report runs from its WARNING line to its SUMMARY line.
    named() {
        awk -v name="$1" '/^WARNING: ThreadSanitizer/ { inside = 1; hit = 0 }
            inside && index($0, name) { hit = 1 }
            inside && /^SUMMARY: ThreadSanitizer/ { n += hit; inside = 0 }
            END { print n + 0 }' "$LOG"
    }
    planted=$(named WithoutALock)
    pthread=$(named UnderAPthreadLock)
    # Controls with no race that the sanitizer reports all the same: what they show is why the
    # node's state is behind a pthread lock and why NIO's frame hand-off is suppressed.
    echo "sanitize-node-tests: the Mutex control (no race): $(named UnderAMutex) report(s)"
    echo "sanitize-node-tests: the continuation hand-off control (no race): $(named UnderAContinuation) report(s)"
    echo "sanitize-node-tests: the pthread lock control (no race): $pthread report(s)"
    # The sanitizer's reports alone make the exit status non-zero; a failed test is the test run's line.
    if ! grep -q "Test run with .* passed" "$LOG"; then echo "sanitize-node-tests: FAIL: a test failed or none ran (exit $status; see $LOG)"; exit 1; fi
    if [[ $pthread -ne 0 ]]; then echo "sanitize-node-tests: FAIL: the pthread lock control was reported, so a lock the node uses is not modeled"; exit 1; fi
    if [[ $planted -gt 0 ]]; then
        echo "sanitize-node-tests: PASS: ThreadSanitizer reported the planted race ($planted report(s))"
        exit 0
    fi
    echo "sanitize-node-tests: FAIL: no report names the planted race (see $LOG)"
    exit 1
fi
if [[ $status -eq 0 && $reports -eq 0 ]]; then echo "sanitize-node-tests: PASS"; exit 0; fi
echo "sanitize-node-tests: FAIL (exit $status, $reports report(s); see $LOG)"
exit 1
