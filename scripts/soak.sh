#!/usr/bin/env bash
# The soak: a node and `brogue loadtest` for a long time on this machine, the node's /metrics
# sampled every SAMPLE seconds to a CSV, then the slope of resident memory and of open files
# after warm-up (least squares over the second half of the run, per hour), the bots' errors and
# drops, and `brogue replay --verify --all` over every stored game (docs/node.md, "The soak").
# The release binary if it is built, else the debug one.
#
#   scripts/soak.sh                          # 300 bots for 30 minutes, games of up to 600 actions
#   scripts/soak.sh --bots 50 --minutes 2    # a quick look
#   scripts/soak.sh --game-actions 0         # one game per bot for the whole run
#
# Each bot leaves its game after --game-actions actions (its first after a random number up to
# that) and starts another, as players come and go: after the first games' span (10 minutes at
# 1 action a second) the node hosts games of every age, so what it holds should stop growing.
# With 0 every game ages with the run and the node's memory grows with them (docs/node.md).
#
# Exits 1 when the bots saw an error or a drop, a game does not verify, or the node stops.
# Writes the samples to $CSV (/tmp/brogue-soak.csv by default) and keeps the node's log and the
# loadtest JSON next to it.
set -euo pipefail
cd "$(dirname "$0")/.."

bots=300
minutes=30
game_actions=600
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bots) bots=$2; shift 2 ;;
        --minutes) minutes=$2; shift 2 ;;
        --game-actions) game_actions=$2; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "soak: unknown argument '$1'; use --bots N --minutes M --game-actions A" >&2; exit 2 ;;
    esac
done
[[ "$bots" =~ ^[0-9]+$ && "$bots" -gt 0 ]] || { echo "soak: --bots must be a whole number above 0" >&2; exit 2; }
[[ "$minutes" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "soak: --minutes must be a number" >&2; exit 2; }
[[ "$game_actions" =~ ^[0-9]+$ ]] || { echo "soak: --game-actions must be a whole number (0: one game per bot)" >&2; exit 2; }
if [[ "$game_actions" -gt 0 ]]; then
    leave=(--game-actions "$game_actions")
    games="games of up to $game_actions actions"
else
    leave=()
    games="one game per bot"
fi

SAMPLE=${SAMPLE:-10}
RATE=${RATE:-1}
SEED=${SEED:-1}
PORT=${PORT:-18573}
CSV=${CSV:-/tmp/brogue-soak.csv}
if [[ -z "${BROGUE:-}" ]]; then
    if [[ -x .build/release/brogue ]]; then BROGUE=.build/release/brogue; else BROGUE=.build/debug/brogue; fi
fi
[[ -x "$BROGUE" ]] || { echo "soak: no $BROGUE; run swift build (or swift build -c release) first" >&2; exit 1; }
duration=$(python3 -c "print(round($minutes * 60))")
ramp=$(( duration / 20 < 30 ? duration / 20 : 30 ))
report="${CSV%.csv}.json"
nodelog="${CSV%.csv}.node.log"

data=$(mktemp -d /tmp/brogue-soak.XXXXXX)
node=""
sampler=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    [[ -n "$sampler" ]] && kill "$sampler" 2>/dev/null
    [[ -n "$node" ]] && kill "$node" 2>/dev/null && wait "$node" 2>/dev/null
    rm -rf "$data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
BROGUE_MAX_CONNECTIONS_PER_ADDRESS=0 BROGUE_ACTIONS_PER_SECOND=1000 BROGUE_ACTION_BURST=1000 LOG_LEVEL=warning \
    "$BROGUE" node --listen "127.0.0.1:$PORT" --data "$data" >"$data/node.out" 2>"$nodelog" &
node=$!
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break
    kill -0 "$node" 2>/dev/null || { echo "soak: the node did not start:" >&2; cat "$nodelog" >&2; exit 1; }
    sleep 0.1
done

# One CSV line per sample: seconds since the start, resident bytes, open files, games hosted,
# players connected, levels the hosted games hold, and the allocator's bytes in use, free
# (kept for reuse) and taken from the system (empty where the node is not on glibc).
sample_metrics() {
    local start=$SECONDS
    echo "seconds,resident_bytes,open_fds,games_active,players_connected,levels_hosted,heap_allocated_bytes,heap_free_bytes,heap_arena_bytes" >"$CSV"
    while kill -0 "$node" 2>/dev/null; do
        curl -sf --max-time 5 "http://127.0.0.1:$PORT/metrics" | awk -v t=$((SECONDS - start)) '
            $1 == "process_resident_memory_bytes" { rss = $2 }
            $1 == "process_open_fds" { fds = $2 }
            $1 == "brogue_games_active" { games = $2 }
            $1 == "brogue_players_connected" { players = $2 }
            $1 == "brogue_levels_hosted" { levels = $2 }
            $1 == "brogue_heap_allocated_bytes" { allocated = $2 }
            $1 == "brogue_heap_free_bytes" { free = $2 }
            $1 == "brogue_heap_arena_bytes" { arena = $2 }
            END { if (rss != "") printf "%d,%d,%d,%d,%d,%d,%s,%s,%s\n", t, rss, fds, games, players, levels, allocated, free, arena }' >>"$CSV" || true
        sleep "$SAMPLE"
    done
}
sample_metrics &
sampler=$!

# One metric of the node now (empty when missing).
metric() {
    curl -sf --max-time 5 "http://127.0.0.1:$PORT/metrics" | awk -v name="$1" '$1 == name { print $2 }'
}
# The heap and resident memory before any bot, to set beside what is left after they all left.
heap_before=$(metric brogue_heap_allocated_bytes)
rss_before=$(metric process_resident_memory_bytes)

echo "soak: $BROGUE, $bots bots at $RATE action/s for $minutes min (ramp $ramp s), $games, seed $SEED, a sample every $SAMPLE s to $CSV, $(nproc) cores"
status=0
"$BROGUE" loadtest "ws://127.0.0.1:$PORT" --bots "$bots" --duration "$duration" --ramp "$ramp" --rate "$RATE" \
    --seed "$SEED" --progress 60 "${leave[@]}" --json >"$report" || status=$?
kill -0 "$node" 2>/dev/null || { echo "soak: FAIL: the node stopped during the run; its log: $nodelog" >&2; exit 1; }
kill "$sampler" 2>/dev/null || true
sampler=""

# What the node keeps once every bot has left and its games were released: a leak stays here,
# while memory the games held (their levels, maps and logs) goes with them.
for _ in $(seq 1 60); do
    [[ "$(metric brogue_games_active)" =~ ^0(\.0)?$ && "$(metric brogue_players_connected)" =~ ^0(\.0)?$ ]] && break
    sleep 1
done
heap_after=$(metric brogue_heap_allocated_bytes)
rss_after=$(metric process_resident_memory_bytes)
if [[ -n "$heap_before" && -n "$heap_after" ]]; then
    echo "soak: after the bots left ($(metric brogue_games_active | cut -d. -f1) games hosted): heap in use" \
        "$(python3 -c "print(f'{$heap_after / 1048576:.1f} MB ({$heap_before / 1048576:.1f} MB before the bots), resident {$rss_after / 1048576:.1f} MB ({$rss_before / 1048576:.1f} MB before)')")"
fi

python3 - "$CSV" "$report" "$status" "$duration" "$ramp" "$bots" <<'PY' || status=1
import json, sys
rows = [line.strip().split(",") for line in open(sys.argv[1]).readlines()[1:] if line.strip()]
duration, ramp, bots = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
samples = [(float(r[0]), float(r[1]), float(r[2])) for r in rows]
# After warm-up: the second half of the play, while every bot is connected (not the bots leaving at the end).
late = [(t, m, f) for (t, m, f), r in zip(samples, rows) if duration / 2 <= t <= duration + ramp and float(r[4]) >= bots]
def slope(points):
    n = len(points)
    if n < 2: return None
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return None if sxx == 0 else sum((x - mx) * (y - my) for x, y in points) / sxx * 3600
rss = slope([(t, m / 1048576) for t, m, _ in late])
fds = slope([(t, f) for t, _, f in late])
r = json.load(open(sys.argv[2]))
rt = r["roundTripMs"]
fmt = lambda v, d: "-" if v is None else f"{v:+.{d}f}"
print(f"soak: {len(samples)} samples, {len(late)} after warm-up ({late[0][0]:.0f} to {late[-1][0]:.0f} s)" if late else "soak: no samples after warm-up")
if late:
    print(f"soak: resident memory {late[0][1] / 1048576:.1f} -> {late[-1][1] / 1048576:.1f} MB after warm-up "
          f"(peak {max(m for _, m, _ in samples) / 1048576:.1f} MB), slope {fmt(rss, 2)} MB/hour")
    print(f"soak: open files {late[0][2]:.0f} -> {late[-1][2]:.0f} after warm-up, slope {fmt(fds, 1)} per hour")
    # What the games hold: each keeps every level its player visited, so memory grows with the
    # levels hosted as bots go deeper (a level is tens of KB) without any leak.
    lv = [(float(r[0]), float(r[5])) for r in rows if len(r) > 5 and duration / 2 <= float(r[0]) <= duration + ramp and float(r[4]) >= bots]
    if len(lv) >= 2:
        print(f"soak: levels hosted {lv[0][1]:.0f} -> {lv[-1][1]:.0f} after warm-up, slope {fmt(slope(lv), 0)} per hour")
    # Where resident memory goes: the allocator's bytes in use rising is something kept; its
    # free bytes rising is memory freed and not given back; neither, something outside the heap.
    lateRows = [r for r in rows if len(r) > 8 and r[6] and duration / 2 <= float(r[0]) <= duration + ramp and float(r[4]) >= bots]
    for column, name in [(6, "heap in use"), (7, "heap free (kept for reuse)"), (8, "heap arenas")]:
        points = [(float(r[0]), float(r[column]) / 1048576) for r in lateRows]
        if len(points) >= 2:
            print(f"soak: {name} {points[0][1]:.1f} -> {points[-1][1]:.1f} MB after warm-up, slope {fmt(slope(points), 2)} MB/hour")
print(f"soak: {r['actions']} actions ({r['actionsPerSecond']:.1f}/s), refused {r['refused']}, errors {r['errors']}, "
      f"drops {r['drops']}, round trip p50 {rt['p50']:.2f} p99 {rt['p99']:.2f} max {rt['max']:.2f} ms")
print(f"soak: games {r['gamesStarted']} started, {r['gamesOver']} over, {r.get('gamesLeft', 0)} left unfinished by their bots")
for e in r.get("errorSamples", []):
    print(f"soak:   error: {e}")
sys.exit(1 if int(sys.argv[3]) or r["actions"] == 0 or r["errors"] or r["drops"] else 0)
PY

kill "$node" 2>/dev/null || true
wait "$node" 2>/dev/null || true
node=""
verify=$("$BROGUE" replay --verify --all --data "$data" 2>&1) || status=1
echo "soak: replay --verify --all: $(grep '^verified' <<<"$verify" || echo "no summary line")"
grep -i 'failed:' <<<"$verify" | head -5 || true
echo "soak: node log lines at warning or above: $(grep -c . "$nodelog" || true) ($nodelog)"
if [[ $status -eq 0 ]]; then echo "soak: PASS"; else echo "soak: FAIL"; fi
exit "$status"
