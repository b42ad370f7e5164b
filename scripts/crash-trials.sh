#!/usr/bin/env bash
# Crash safety of the node: TRIALS kills with SIGKILL at random moments while bots play. The
# trials run in folders of PER_FOLDER: a node on a fresh SQLite data folder, bots playing through
# `brogue loadtest --record`; each trial kills the node at a random moment, runs SQLite's
# integrity_check on a copy of what it left, starts the node again on the same folder, waits for
# the bots to reconnect and play on, and checks that every action acknowledged so far is in the
# store with the same text. After a folder's last trial the bots stop and every game must verify
# by replay, the last acknowledged stateHash of each game must be the stored one, no node run may
# have logged a repair or an error, and the bots may have seen no error (only reconnects).
# docs/node.md, "Crash trials". The release binary if it is built, else the debug one.
#
#   scripts/crash-trials.sh                       # 200 trials, 10 bots, 20 trials a folder
#   scripts/crash-trials.sh --trials 20 --bots 20
#   scripts/crash-trials.sh --only 1003           # re-run the folder printed with seed 1003
#
# One line per trial and per folder, a summary at the end; exits 1 when any check fails. A failed
# folder (store, record, logs) is kept under $WORK (/tmp/brogue-crash-trials by default).
set -euo pipefail
cd "$(dirname "$0")/.."

trials=200
bots=10
seed=1
only=""
per_folder=${PER_FOLDER:-20}
while [[ $# -gt 0 ]]; do
    case "$1" in
        --trials) trials=$2; shift 2 ;;
        --bots) bots=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "crash-trials: unknown argument '$1'; use --trials N --bots B --seed S --only FOLDER_SEED" >&2; exit 2 ;;
    esac
done
for v in "$trials" "$bots" "$seed" "$per_folder" ${only:+"$only"}; do
    [[ "$v" =~ ^[0-9]+$ ]] || { echo "crash-trials: '$v' is not a whole number" >&2; exit 2; }
done
[[ "$bots" -gt 0 && "$trials" -gt 0 && "$per_folder" -gt 0 ]] || { echo "crash-trials: --trials, --bots and PER_FOLDER must be above 0" >&2; exit 2; }

RATE=${RATE:-5}
PORT=${PORT:-18574}
WORK=${WORK:-/tmp/brogue-crash-trials}
if [[ -z "${BROGUE:-}" ]]; then
    if [[ -x .build/release/brogue ]]; then BROGUE=.build/release/brogue; else BROGUE=.build/debug/brogue; fi
fi
[[ -x "$BROGUE" ]] || { echo "crash-trials: no $BROGUE; run swift build (or swift build -c release) first" >&2; exit 1; }
CHECK="$(pwd)/scripts/lib/crash-check.py"
# The interpreter itself, not a version manager's shim that costs a second a start on a busy machine.
python=$(python3 -c 'import sys; print(sys.executable)')
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
trap 'echo; echo "crash-trials: interrupted after ${n:-0} of $trials trials, ${passed:-0} passed"; exit 130' INT TERM

start_node() {
    BROGUE_MAX_CONNECTIONS_PER_ADDRESS=0 BROGUE_ACTIONS_PER_SECOND=1000 BROGUE_ACTION_BURST=1000 LOG_LEVEL=info \
        "$BROGUE" node --listen "127.0.0.1:$PORT" --data "$dir/data" >>"$dir/node.out" 2>>"$dir/node.run$1.log" &
    node=$!
    for _ in $(seq 1 200); do
        curl -sf --max-time 1 "http://127.0.0.1:$PORT/health" >/dev/null && return 0
        kill -0 "$node" 2>/dev/null || { why="the node (run $1) did not start: $(tail -1 "$dir/node.run$1.log")"; return 1; }
        sleep 0.05
    done
    why="the node (run $1) was not healthy within 10 s"
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


# One kill in a running folder: sets `line` to what it saw, or `why` to the first failure.
kill_and_restart() {
    local run=$1 delay before
    why=""
    RANDOM=$2
    delay=$(printf '%d.%02d' $((RANDOM % 2)) $((RANDOM % 100)))
    step "trial seed $2: waiting $delay s"
    sleep "$delay"
    before=$(acked)
    kill -9 "$node"
    wait "$node" 2>/dev/null || true
    node=""
    rm -rf "$dir/copy" && mkdir "$dir/copy"
    cp "$dir/data/brogue.sqlite" "$dir/copy/"
    [[ ! -f "$dir/data/brogue.sqlite-wal" ]] || cp "$dir/data/brogue.sqlite-wal" "$dir/copy/"
    integrity=$("$python" -S -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])" \
        "$dir/copy/brogue.sqlite" 2>&1 | tail -1)
    [[ "$integrity" == ok ]] || { why="integrity_check after the kill: $integrity"; return 1; }
    step "integrity ok"
    start_node "$run" || return 1
    step restarted
    wait_acked $((before + 2 * bots)) 60 || { why="the bots did not play on after the restart (record at $(acked), wanted $((before + 2 * bots)))"; return 1; }
    step "played on"
    line=$("$python" -S "$CHECK" live "$dir") || { why=$line; line=""; return 1; }
    line="killed after $delay s at $before acked; integrity ok; restarted; $line"
}

# The end of a folder: stop the bots and the node, then the whole check. Sets `line` or `why`.
finish_folder() {
    why=""
    kill -INT "$bots_pid"
    wait_gone "$bots_pid" 30 || { why="loadtest did not stop within 30 s of SIGINT"; return 1; }
    bots_pid=""
    kill -TERM "$node"
    wait_gone "$node" 30 || { why="the node did not stop within 30 s of SIGTERM"; return 1; }
    node=""
    step "stopped"
    "$BROGUE" replay --verify --all --data "$dir/data" >"$dir/verify.out" 2>&1 || true
    step "verified"
    line=$("$python" -S "$CHECK" final "$dir") || { why=$line; line=""; return 1; }
}

# A folder of $2 trials with seed $1. Prints a line per trial and one for the folder.
run_folder() {
    local fseed=$1 count=$2 k
    dir=$(mktemp -d "$WORK/folder-$fseed.XXXXXX")
    start_node 0 || { echo "folder seed $fseed: FAIL: $why"; return 1; }
    "$BROGUE" loadtest "ws://127.0.0.1:$PORT" --bots "$bots" --rate "$RATE" --duration 3600 --seed "$fseed" \
        --reconnect-attempts 30 --record "$dir/record.jsonl" --progress 3600 --no-node-metrics --json \
        >"$dir/loadtest.json" 2>"$dir/loadtest.err" &
    bots_pid=$!
    wait_acked "$bots" 60 || { echo "folder seed $fseed: FAIL: the bots did not play $bots actions within 60 s"; return 1; }
    for k in $(seq 1 "$count"); do
        n=$((n + 1))
        if kill_and_restart "$k" $((fseed * 100 + k)); then
            passed=$((passed + 1))
            echo "trial $n/$trials (folder seed $fseed, kill $k/$count): $line: PASS"
        else
            echo "trial $n/$trials (folder seed $fseed, kill $k/$count): FAIL: $why (kept in $dir)"
            n=$((n + count - k))
            return 1
        fi
    done
    if finish_folder; then
        echo "folder seed $fseed: $line: PASS"
    else
        echo "folder seed $fseed: FAIL: $why (kept in $dir)"
        passed=$((passed - count))
        return 1
    fi
}

folders=()
if [[ -n "$only" ]]; then
    folders=("$only")
    trials=$per_folder
else
    for i in $(seq 1 $(((trials + per_folder - 1) / per_folder))); do folders+=($((seed * 1000 + i))); done
fi
echo "crash-trials: $BROGUE, $trials kill -9 trials in ${#folders[@]} folder(s) of $per_folder, $bots bots at $RATE actions/s, work in $WORK"
passed=0
n=0
failed=()
started=$SECONDS
for fseed in "${folders[@]}"; do
    keep=0
    count=$(( trials - n < per_folder ? trials - n : per_folder ))
    run_folder "$fseed" "$count" || { keep=1; failed+=("$fseed"); }
    cleanup
    bots_pid=""
    node=""
    dir=""
done
echo "crash-trials: $passed of $trials trials passed in $((SECONDS - started)) s; ${#folders[@]} folders, $((${#folders[@]} - ${#failed[@]})) passed${failed:+; failed folder seeds: ${failed[*]} (re-run one with --only SEED)}"
[[ ${#failed[@]} -eq 0 ]]
