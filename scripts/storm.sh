#!/usr/bin/env bash
# A connection storm against a node on this machine: `brogue flood` holds CONNECTIONS
# connections at once from 127.0.0.2 for DURATION seconds while /health and a player are timed
# from 127.0.0.1. The node runs with its defaults (32 connections per address, 5 s request
# timeout) unless BROGUE_* variables say otherwise. The release binary if built, else debug.
#
#   scripts/storm.sh                      # 5000 connections for 10 s
#   CONNECTIONS=20000 DURATION=20 scripts/storm.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=${CONNECTIONS:-5000}
DURATION=${DURATION:-10}
PORT=${PORT:-18572}
THREADS=${THREADS:-2}
if [[ -z "${BROGUE:-}" ]]; then
    if [[ -x .build/release/brogue ]]; then BROGUE=.build/release/brogue; else BROGUE=.build/debug/brogue; fi
fi
[[ -x "$BROGUE" ]] || { echo "storm: no $BROGUE; run swift build first" >&2; exit 1; }

data=$(mktemp -d /tmp/brogue-storm.XXXXXX)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
LOG_LEVEL=${LOG_LEVEL:-warning} "$BROGUE" node --listen "127.0.0.1:$PORT" --data "$data" >"$data/node.out" 2>"$data/node.err" &
node=$!
trap 'kill "$node" 2>/dev/null; wait "$node" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break
    kill -0 "$node" 2>/dev/null || { echo "storm: the node did not start:" >&2; cat "$data/node.err" >&2; exit 1; }
    sleep 0.1
done
echo "storm: $BROGUE, $CONNECTIONS connections at once from 127.0.0.2 for $DURATION s ($THREADS threads), $(nproc) cores"
"$BROGUE" flood "ws://127.0.0.1:$PORT" --connections "$CONNECTIONS" --duration "$DURATION" --from 127.0.0.2 --threads "$THREADS"
echo "node: $(grep -c . "$data/node.err" || true) log lines at warning or above"
