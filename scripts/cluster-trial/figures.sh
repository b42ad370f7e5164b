# The cluster's performance figures for scripts/cluster-trial.sh (steps `bus` and `scale`): the
# same fixed-seed bots on the cluster and on one node, and on one and two game instances. Meant
# for the release build (--release); every figure is this machine's, both sides measured in one
# sitting. Sourced, not run.

LOAD_SECONDS=${LOAD_SECONDS:-20}

# CPU seconds the brogue processes $@ have used so far, from their own /metrics.
cpu_of() {
    local m total=0
    for m in "$@"; do total=$(awk -v a="$total" -v b="$(metric "$m" process_cpu_seconds_total)" 'BEGIN { print a + b }'); done
    echo "$total"
}

# Runs $2 bots at $3 actions/s for LOAD_SECONDS through URL $4, measuring the CPU of members $5...
# Prints one line and leaves $WORK/$1.json; sets LOAD_RATE (actions/s) and LOAD_P99 (ms).
measure_load() {
    local name=$1 bots=$2 rate=$3 url=$4; shift 4
    local before after
    before=$(cpu_of "$@")
    if ! "$BIN" loadtest "$url" --bots "$bots" --rate "$rate" --duration "$LOAD_SECONDS" --ramp 2 --seed 1 --json --no-node-metrics \
        >"$WORK/$name.json" 2>"$WORK/$name.err"; then
        fail "$name: the loadtest failed (see $WORK/$name.err)"
        return 1
    fi
    after=$(cpu_of "$@")
    local actions p50 p99 errors
    actions=$(jq .actions "$WORK/$name.json")
    p50=$(jq '.roundTripMs.p50' "$WORK/$name.json")
    p99=$(jq '.roundTripMs.p99' "$WORK/$name.json")
    errors=$(jq '.errors + .drops' "$WORK/$name.json")
    LOAD_RATE=$(jq '.actionsPerSecond' "$WORK/$name.json")
    LOAD_P99=$p99
    say "  $name: $bots bots, $actions actions ($(printf '%.1f' "$LOAD_RATE")/s), errors+drops $errors;" \
        "node CPU $(awk -v c="$after" -v b="$before" -v a="$actions" 'BEGIN { printf "%.0f", (c - b) * 1e6 / (a > 0 ? a : 1) }') µs per action" \
        "($*); round trip p50 $(printf '%.2f' "$p50") ms p99 $(printf '%.2f' "$p99") ms"
    [ "$errors" = 0 ] || fail "$name: $errors errors or drops"
}

step_bus_cost() {
    local bots=$((BOTS < 100 ? BOTS : 100))
    say "== bus cost: $bots bots at $RATE actions/s for $LOAD_SECONDS s (seed 1), through gateway A and the game"
    say "   instances, then on one node of role all with SQLite (NATS and PostgreSQL CPU not counted)"
    measure_load bus-cluster "$bots" "$RATE" "ws://${LISTEN[gwA]}" gwA gwB g1 g2
    LISTEN[all]="127.0.0.1:$(free_port)"
    mkdir -p "$WORK/all-data"
    spawn all env BROGUE_CONFIG= BROGUE_MAX_CONNECTIONS_PER_ADDRESS=0 LOG_FORMAT=text \
        "$BIN" node --listen "${LISTEN[all]}" --data "$WORK/all-data" --content "$CONTENT"
    wait_for 120 is_ready all || { fail "bus: the node of role all did not start"; return; }
    measure_load bus-all "$bots" "$RATE" "ws://${LISTEN[all]}" all
    signal_and_wait all TERM 30
}

# Bot counts from $SCALE_BOTS; the best actions/s whose p99 stays under 25 ms, with g2 drained
# (one instance) and then with both.
step_scale() {
    local counts=${SCALE_BOTS:-25 50 100 200 400} best1=0 best2=0 n
    say "== scaling: actions/s at round-trip p99 under 25 ms, bots ${counts// /, } at $RATE actions/s through both gateways"
    signal_and_wait g2 TERM 60
    say "  one game instance (g2 drained and stopped):"
    for n in $counts; do
        measure_load "scale1-$n" "$n" "$RATE" "ws://${LISTEN[gwA]},ws://${LISTEN[gwB]}" gwA gwB g1 || break
        awk -v p="$LOAD_P99" 'BEGIN { exit !(p < 25) }' || break
        best1=$LOAD_RATE
    done
    start_node g2 game || { fail "scale: g2 did not start again"; return; }
    say "  two game instances:"
    for n in $counts; do
        measure_load "scale2-$n" "$n" "$RATE" "ws://${LISTEN[gwA]},ws://${LISTEN[gwB]}" gwA gwB g1 g2 || break
        awk -v p="$LOAD_P99" 'BEGIN { exit !(p < 25) }' || break
        best2=$LOAD_RATE
    done
    say "  best actions/s with p99 < 25 ms: one instance $(printf '%.1f' "$best1"), two $(printf '%.1f' "$best2")" \
        "(ratio $(awk -v a="$best2" -v b="$best1" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'); $(nproc) cores shared by every process)"
}
