#!/usr/bin/env bash
# Crash safety of the node: TRIALS times, a node on a fresh SQLite data folder with bots playing
# through `brogue loadtest --record`; at a random moment the node is killed with SIGKILL, SQLite's
# integrity_check runs on a copy of what it left, the node starts again on the same folder, the
# bots reconnect and play on a little, then stop. A trial passes when every action a bot saw
# acknowledged is in the store with the same text (0 lost), every game verifies by replay, the
# integrity check says ok, neither node run logged a repair, and the bots saw no error (the
# reconnects are expected). docs/node.md, "Crash trials". The release binary if it is built,
# else the debug one.
#
#   scripts/crash-trials.sh                      # 200 trials, 10 bots each
#   scripts/crash-trials.sh --trials 20 --bots 20
#   scripts/crash-trials.sh --only 1017          # re-run the trial printed with seed 1017
#
# One line per trial, a summary at the end; exits 1 when any trial fails. A failed trial's folder
# (store, record, logs) is kept under $WORK (/tmp/brogue-crash-trials by default).
set -euo pipefail
cd "$(dirname "$0")/.."

trials=200
bots=10
seed=1
only=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --trials) trials=$2; shift 2 ;;
        --bots) bots=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "crash-trials: unknown argument '$1'; use --trials N --bots B --seed S --only TRIAL_SEED" >&2; exit 2 ;;
    esac
done
for v in "$trials" "$bots" "$seed" ${only:+"$only"}; do
    [[ "$v" =~ ^[0-9]+$ ]] || { echo "crash-trials: '$v' is not a whole number" >&2; exit 2; }
done
[[ "$bots" -gt 0 && "$trials" -gt 0 ]] || { echo "crash-trials: --trials and --bots must be above 0" >&2; exit 2; }

RATE=${RATE:-5}
PORT=${PORT:-18574}
WORK=${WORK:-/tmp/brogue-crash-trials}
if [[ -z "${BROGUE:-}" ]]; then
    if [[ -x .build/release/brogue ]]; then BROGUE=.build/release/brogue; else BROGUE=.build/debug/brogue; fi
fi
[[ -x "$BROGUE" ]] || { echo "crash-trials: no $BROGUE; run swift build (or swift build -c release) first" >&2; exit 1; }
CHECK="$(pwd)/scripts/lib/crash-check.py"
mkdir -p "$WORK"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

node=""
bots_pid=""
dir=""
# shellcheck disable=SC2317  # called by the traps
cleanup() {
    [[ -n "$bots_pid" ]] && kill -9 "$bots_pid" 2>/dev/null
    [[ -n "$node" ]] && kill -9 "$node" 2>/dev/null
    [[ -n "$dir" && "${keep:-0}" != 1 ]] && rm -rf "$dir"
    return 0
}
trap cleanup EXIT
trap 'echo; echo "crash-trials: interrupted"; exit 130' INT TERM

start_node() {
    BROGUE_MAX_CONNECTIONS_PER_ADDRESS=0 BROGUE_ACTIONS_PER_SECOND=1000 BROGUE_ACTION_BURST=1000 LOG_LEVEL=info \
        "$BROGUE" node --listen "127.0.0.1:$PORT" --data "$dir/data" >>"$dir/node.out" 2>>"$dir/node.$1.log" &
    node=$!
    for _ in $(seq 1 200); do
        curl -sf --max-time 1 "http://127.0.0.1:$PORT/health" >/dev/null && return 0
        kill -0 "$node" 2>/dev/null || { why="the node ($1) did not start: $(tail -1 "$dir/node.$1.log")"; return 1; }
        sleep 0.05
    done
    why="the node ($1) was not healthy within 10 s"
    return 1
}

# With TRACE=1, each step of a trial with the time, on standard error.
step() { [[ -z "${TRACE:-}" ]] || echo "  $(date +%T.%N | cut -c1-12) $*" >&2; }

acked() { [[ -f "$dir/record.jsonl" ]] && wc -l <"$dir/record.jsonl" || echo 0; }

# Waits up to $2 seconds for the record to hold $1 lines.
wait_acked() {
    local deadline=$((SECONDS + $2))
    while [[ $(acked) -lt $1 ]]; do
        [[ $SECONDS -lt $deadline ]] || return 1
        kill -0 "$bots_pid" 2>/dev/null || return 1
        sleep 0.05
    done
}

# Waits up to $2 seconds for process $1 to end.
wait_gone() {
    local deadline=$((SECONDS + $2))
    while kill -0 "$1" 2>/dev/null; do
        [[ $SECONDS -lt $deadline ]] || return 1
        sleep 0.05
    done
    wait "$1" 2>/dev/null || true
}

# One trial; sets `line` to what it saw and `why` to the first failure.
run_trial() {
    local tseed=$1 delay before
    why=""
    dir=$(mktemp -d "$WORK/trial-$tseed.XXXXXX")
    delay=$(python3 -c "import random; print(f'{random.Random($tseed).uniform(0.0, 3.0):.2f}')")
    step start
    start_node first || return 1
    step started
    "$BROGUE" loadtest "ws://127.0.0.1:$PORT" --bots "$bots" --rate "$RATE" --duration 3600 --seed "$tseed" \
        --reconnect-attempts 30 --record "$dir/record.jsonl" --progress 3600 --no-node-metrics --json \
        >"$dir/loadtest.json" 2>"$dir/loadtest.err" &
    bots_pid=$!
    wait_acked "$bots" 60 || { why="the bots did not play $bots actions within 60 s"; return 1; }
    step "$bots acked"
    sleep "$delay"
    before=$(acked)
    kill -9 "$node"
    wait "$node" 2>/dev/null || true
    node=""
    mkdir "$dir/copy"
    cp "$dir/data/brogue.sqlite" "$dir/copy/"
    [[ -f "$dir/data/brogue.sqlite-wal" ]] && cp "$dir/data/brogue.sqlite-wal" "$dir/copy/"
    integrity=$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])" \
        "$dir/copy/brogue.sqlite" 2>&1 | tail -1)
    [[ "$integrity" == ok ]] || { why="integrity_check after the kill: $integrity"; return 1; }
    step integrity checked
    start_node second || return 1
    step restarted
    wait_acked $((before + 2 * bots)) 60 || { why="the bots did not play on after the restart (record at $(acked), wanted $((before + 2 * bots)))"; return 1; }
    step played on
    kill -INT "$bots_pid"
    wait_gone "$bots_pid" 30 || { why="loadtest did not stop within 30 s of SIGINT"; return 1; }
    bots_pid=""
    step bots stopped
    kill -TERM "$node"
    wait_gone "$node" 30 || { why="the node did not stop within 30 s of SIGTERM"; return 1; }
    node=""
    step node stopped
    "$BROGUE" replay --verify --all --data "$dir/data" >"$dir/verify.out" 2>&1 || true
    step verified
    line=$(python3 "$CHECK" "$dir" "$delay" "$before") || { why=$line; line=""; return 1; }
}

seeds=()
if [[ -n "$only" ]]; then seeds=("$only"); else for i in $(seq 1 "$trials"); do seeds+=($((seed * 1000 + i))); done; fi
echo "crash-trials: $BROGUE, ${#seeds[@]} trial(s) of $bots bots at $RATE actions/s, kill -9 at a random moment, work in $WORK"
passed=0
failed=()
started=$SECONDS
n=0
for tseed in "${seeds[@]}"; do
    n=$((n + 1))
    keep=0
    if run_trial "$tseed"; then
        passed=$((passed + 1))
        echo "trial $n/${#seeds[@]} seed $tseed: $line: PASS"
    else
        keep=1
        failed+=("$tseed")
        echo "trial $n/${#seeds[@]} seed $tseed: FAIL: $why (kept in $dir)"
    fi
    cleanup
    bots_pid=""
    node=""
    dir=""
done
echo "crash-trials: $passed of ${#seeds[@]} trials passed in $((SECONDS - started)) s${failed:+; failed seeds: ${failed[*]} (re-run one with --only SEED)}"
[[ ${#failed[@]} -eq 0 ]]
