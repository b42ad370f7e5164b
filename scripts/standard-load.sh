#!/usr/bin/env bash
# The standard load: a node and `brogue loadtest` on this machine, fixed seeds and durations,
# then the node's CPU per action and memory per session and game (docs/node.md, "The
# standard load"). The release binary if it is built, else the debug one.
#
#   scripts/standard-load.sh                 # 400 bots and 1000 idle sessions, 30 s
#   BOTS=200 IDLE=0 DURATION=20 scripts/standard-load.sh
#   BROGUE=.build/debug/brogue scripts/standard-load.sh
#   NODE=/tmp/brogue-old scripts/standard-load.sh   # an older node, measured by this load tool
#
# Prints the round trips and the node figures and writes the JSON to $OUT (/tmp/brogue-standard-load.json by default).
set -euo pipefail
cd "$(dirname "$0")/.."

BOTS=${BOTS:-400}
IDLE=${IDLE:-1000}
DURATION=${DURATION:-30}
RAMP=${RAMP:-10}
RATE=${RATE:-1}
SEED=${SEED:-1}
PORT=${PORT:-18571}
OUT=${OUT:-/tmp/brogue-standard-load.json}
if [[ -z "${BROGUE:-}" ]]; then
    if [[ -x .build/release/brogue ]]; then BROGUE=.build/release/brogue; else BROGUE=.build/debug/brogue; fi
fi
[[ -x "$BROGUE" ]] || { echo "standard-load: no $BROGUE; run swift build (or swift build -c release) first" >&2; exit 1; }
NODE=${NODE:-$BROGUE}
[[ -x "$NODE" ]] || { echo "standard-load: no node binary $NODE" >&2; exit 1; }

data=$(mktemp -d /tmp/brogue-standard-load.XXXXXX)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
BROGUE_MAX_CONNECTIONS_PER_ADDRESS=0 BROGUE_ACTIONS_PER_SECOND=1000 BROGUE_ACTION_BURST=1000 LOG_LEVEL=warning \
    "$NODE" node --listen "127.0.0.1:$PORT" --data "$data" >"$data/node.out" 2>"$data/node.err" &
node=$!
trap 'kill "$node" 2>/dev/null; wait "$node" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break
    kill -0 "$node" 2>/dev/null || { echo "standard-load: the node did not start:" >&2; cat "$data/node.err" >&2; exit 1; }
    sleep 0.1
done

echo "standard load: node $NODE, load tool $BROGUE, $BOTS bots at $RATE action/s for $DURATION s (ramp $RAMP s), $IDLE idle sessions, seed $SEED, $(nproc) cores"
"$BROGUE" loadtest "ws://127.0.0.1:$PORT" --bots "$BOTS" --idle "$IDLE" --duration "$DURATION" --ramp "$RAMP" --rate "$RATE" \
    --seed "$SEED" --progress 5 --json >"$OUT"
python3 - "$OUT" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
n = r.get("node") or {}
def f(v, d=0): return "-" if v is None else f"{v:.{d}f}"
rt = r["roundTripMs"]
print(f"actions: {r['actions']} stored, {r['refused']} refused, {r['actionsPerSecond']:.1f}/s; errors {r['errors']}, drops {r['drops']}")
print(f"round trip ms: p50 {rt['p50']:.2f} p95 {rt['p95']:.2f} p99 {rt['p99']:.2f} max {rt['max']:.2f}")
print(f"node cpu per action: {f(n.get('cpuMicrosecondsPerAction'))} us ({f(n.get('cpuSecondsPlaying'), 2)} s over the play)")
steady = n.get('cpuMicrosecondsPerActionSteady')
print(f"node cpu per action with every bot playing: {f(steady)} us per action stored (over {f(n.get('steadySeconds'), 1)} s; no games started)")
print(f"node cpu per idle session opened: {f(n.get('cpuMicrosecondsPerIdleSession'))} us")
print(f"load tool cpu per action: {f(r.get('toolCpuMicrosecondsPerAction'))} us ({f(r.get('toolCpuSeconds'), 2)} s; the bots share the node's cores)")
kb = lambda v: None if v is None else v / 1024
print(f"node memory: {f(kb(n.get('bytesPerIdleSession')), 1)} KB per idle session, {f(kb(n.get('bytesPerGame')), 1)} KB per game ({f(n.get('peakGamesActive'))} hosted at the peak)")
if r.get("nodeMeasureFailure"): print("node not measured:", r["nodeMeasureFailure"])
PY
