#!/usr/bin/env bash
# Fuzzes the decoders of hostile input with libFuzzer and AddressSanitizer (Fuzz/, one
# executable per decoder over BrogueFuzzTargets):
#
#   scripts/fuzz.sh                       every target for 60 s each
#   scripts/fuzz.sh protocol config       only these (content, config, protocol, import)
#   scripts/fuzz.sh --seconds 600 content longer
#   scripts/fuzz.sh --runs 2000           a fixed number of inputs per target from a fixed
#                                         random seed: the same inputs every time (what CI runs)
#   scripts/fuzz.sh --build-only          build the fuzzers and stop
#
# Each target starts from its seed corpus (Fuzz/Corpus/<target>/, read only) and keeps what it
# learns in BROGUE_FUZZ_DIR (/var/tmp/brogue-fuzz)/<target>/corpus, so a second run goes on where
# the first stopped. Prints per target: runs, executions per second, coverage (edges reached)
# and corpus size, as libFuzzer counted them. A crash, a sanitizer report or an input slower than
# 10 s is a finding: it is kept in BROGUE_FUZZ_DIR/findings/, the script says so and exits 1.
# Make it a regression case by copying it into Fuzz/Corpus/<target>/ (FuzzCorpusTests runs every
# file there in CI) and fix the decoder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=60
runs=
build_only=0
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
        --runs) runs=${2:?--runs needs a number}; shift 2 ;;
        --build-only) build_only=1; shift ;;
        -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        content | config | protocol | import) targets+=("$1"); shift ;;
        *) echo "fuzz: unknown target or option $1 (targets: content config protocol import; try --help)" >&2; exit 2 ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(content config protocol import)
case "$seconds" in '' | *[!0-9]*) echo "fuzz: --seconds takes a whole number, not $seconds" >&2; exit 2 ;; esac
case "$runs" in *[!0-9]*) echo "fuzz: --runs takes a whole number, not $runs" >&2; exit 2 ;; esac
# A time bound, or a count from a fixed seed (and no corpus kept from an earlier run, so the same
# inputs run each time).
if [ -n "$runs" ]; then limit=(-runs="$runs" -seed=1); else limit=(-max_total_time="$seconds"); fi

# SwiftPM's own `--sanitize fuzzer` links libFuzzer's main, but alone it leaves Swift code without
# coverage counters here, and `--sanitize fuzzer --sanitize address` passes the two in an order
# where the second replaces the first. One combined flag, last, gives both.
# shellcheck disable=SC2054 # the comma is swiftc's list, not an array's
flags=(--package-path "$root/Fuzz" --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address)
echo "fuzz: building ${targets[*]} with libFuzzer and AddressSanitizer (a first build takes several minutes)"
for t in "${targets[@]}"; do
    swift build "${flags[@]}" --product "fuzz-$t" 2>&1 | grep -E 'error|warning: unre|Build of' || true
done
bin=$(swift build "${flags[@]}" --show-bin-path)
for t in "${targets[@]}"; do
    [ -x "$bin/fuzz-$t" ] || { echo "fuzz: the build made no $bin/fuzz-$t (its output is above)" >&2; exit 1; }
done
[ "$build_only" = 1 ] && exit 0

work=${BROGUE_FUZZ_DIR:-/var/tmp/brogue-fuzz}
mkdir -p "$work/findings"
found=0
for t in "${targets[@]}"; do
    corpus=$work/$t/corpus
    [ -n "$runs" ] && corpus=$work/$t/fixed-run && rm -rf "$corpus"
    mkdir -p "$corpus"
    log=$work/$t/last.log
    echo "fuzz: $t for ${runs:-$seconds s}${runs:+ inputs} (log: $log)"
    status=0
    # -close_fd_mask=1: the decoders print nothing, but a finding's report on stderr stays.
    # -detect_leaks=0: LeakSanitizer counts the tables Swift builds once for a lazy global (the
    # content schemas) as leaked from the first input; those are not findings.
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$bin/fuzz-$t" "$corpus" "$root/Fuzz/Corpus/$t" \
        "${limit[@]}" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
        -artifact_prefix="$work/findings/$t-" -print_final_stats=1 -close_fd_mask=1 -detect_leaks=0 > "$log" 2>&1 || status=$?
    done_runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<< "$last")
    echo "fuzz: $t: ${done_runs:-?} runs, ${rate:-?} per second, coverage ${cov:-?} edges, corpus ${corp:-?} (inputs/bytes)"
    if [ "$status" != 0 ]; then
        found=1
        grep -E 'ERROR: (AddressSanitizer|libFuzzer)|SUMMARY|Fatal error|Test unit written' "$log" | head -5 | sed "s/^/fuzz: $t: /"
        echo "fuzz: $t: FINDING (exit $status): copy the input above into Fuzz/Corpus/$t/ as a regression case, then fix the decoder" >&2
    fi
done
[ "$found" = 0 ] && echo "fuzz: no findings"
exit "$found"
