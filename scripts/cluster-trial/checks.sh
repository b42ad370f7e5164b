# The bots of scripts/cluster-trial.sh and what is checked after each step: the loadtest's
# summary, each bot's record of acknowledged actions against the store, and replay of every
# game. Sourced, not run.

FAILS=0
pass() { say "PASS $*"; }
fail() { say "FAIL $*"; FAILS=$((FAILS + 1)); }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

# Starts `brogue loadtest` as $1 with $2 bots through every gateway given after it (all of them
# when none is), recording to $WORK/$1.rec; it plays until stop_bots (at most $MAX_PLAY seconds).
start_bots() {
    local name=$1 bots=$2; shift 2
    local gateways=("$@") urls=()
    [ ${#gateways[@]} -gt 0 ] || gateways=(gwA gwB)
    local g
    for g in "${gateways[@]}"; do urls+=("ws://${LISTEN[$g]}"); done
    FIRST_GAME=$(psql_q -c "SELECT coalesce(max(id), 0) FROM game")
    spawn "$name" "$BIN" loadtest "${urls[@]}" --bots "$bots" --rate "$RATE" --duration "$MAX_PLAY" --ramp 2 \
        --progress 5 --reconnect-attempts 12 --record "$WORK/$name.rec"
}

records() { [ -f "$WORK/$1.rec" ] && wc -l <"$WORK/$1.rec" || echo 0; }
records_at_least() { [ "$(records "$1")" -ge "$2" ]; }

# Waits until the bots of $1 have $2 more acknowledged actions than now (or $3 seconds).
play_on() {
    local target=$(($(records "$1") + $2))
    wait_for "${3:-120}" records_at_least "$1" "$target"
}

# Ends the run (SIGTERM: each bot finishes the action it waits for) and shows its summary.
stop_bots() {
    local name=$1
    signal_and_wait "$name" TERM 120 || { fail "$name: the loadtest did not stop within 120 s of SIGTERM"; signal_and_wait "$name" KILL 5; }
    sed -n '/^loadtest:/,$p' "$WORK/$name.log" | sed 's/^/    /'
}

summary_value() { sed -n "s/^$2: \([0-9]*\).*/\1/p" "$WORK/$1.log" | tail -1; }
most_reconnects() { sed -n 's/^reconnects: .*(at most \([0-9]*\) by one bot).*/\1/p' "$WORK/$1.log" | tail -1; }
total_reconnects() { sed -n 's/^reconnects: \([0-9]*\).*/\1/p' "$WORK/$1.log" | tail -1; }
error_codes() { sed -n 's/^errors: [0-9]* (\(.*\))$/\1/p' "$WORK/$1.log" | tail -1; }

# Every error the bots of $1 saw has one of the codes given (none at all when none are given).
errors_only() {
    local name=$1; shift
    local codes code
    [ "$(summary_value "$name" errors)" = 0 ] && return 0
    codes=$(error_codes "$name" | tr ',' '\n' | sed 's/^ *//; s/ [0-9]*$//')
    for code in $codes; do [[ " $* " == *" $code "* ]] || return 1; done
}

no_errors_no_drops() {
    [ "$(summary_value "$1" errors)" = 0 ] && [ "$(summary_value "$1" drops)" = 0 ]
}

psql_q() { psql "$PG_URL" -XAtq -v ON_ERROR_STOP=1 "$@"; }

# Compares the bots' records of $1 with the store. Prints
#   acked N games G lost L unacknowledged U hash H
# lost: an acknowledged action missing from the store or different there; unacknowledged: a
# game whose acknowledged positions are not exactly 1...its stored action count (a stored
# action no bot was told of, or one acknowledged twice); hash: a game whose last acknowledged
# stateHash differs from the stored one although no action came after it.
compare_records() {
    local name=$1
    jq -r '[.bot, .game, .seq, .action, .stateHash, (.at // 0)] | @csv' "$WORK/$name.rec" >"$WORK/$name.csv"
    psql_q <<SQL
CREATE TEMP TABLE rec (bot INT, game BIGINT, seq BIGINT, action TEXT, hash TEXT, at BIGINT);
\copy rec FROM '$WORK/$name.csv' WITH (FORMAT csv)
CREATE TEMP TABLE per_game AS
    SELECT game, count(*) AS n, count(DISTINCT seq) AS distinct_n, max(seq) AS last FROM rec GROUP BY game;
SELECT 'acked ' || (SELECT count(*) FROM rec)
    || ' games ' || (SELECT count(*) FROM per_game)
    || ' lost ' || (SELECT count(*) FROM rec r LEFT JOIN action a ON a.game_id = r.game AND a.seq = r.seq - 1
                    WHERE a.action IS DISTINCT FROM r.action)
    || ' unacknowledged ' || (SELECT count(*) FROM per_game p JOIN game g ON g.id = p.game
                    WHERE p.n <> p.last OR p.distinct_n <> p.last OR g.action_count <> p.last)
    || ' hash ' || (SELECT count(*) FROM per_game p JOIN game g ON g.id = p.game
                    JOIN rec r ON r.game = p.game AND r.seq = p.last
                    WHERE g.action_count = p.last AND g.state_hash <> r.hash);
SQL
}

# The record comparison of $1 as PASS/FAIL lines.
check_records() {
    local name=$1 line
    line=$(compare_records "$name") || { fail "$name: the records could not be compared with the store"; return; }
    say "  records vs store: $line"
    read -r _ acked _ games _ lost _ unacked _ hash <<<"$line"
    check "$name: every acknowledged action is in the store ($acked acknowledged over $games games, $lost lost)" \
        test "$lost" = 0 -a "$acked" -gt 0
    [ "$lost" = 0 ] || show_lost "$name"
    check "$name: the store holds no action a bot was not acknowledged ($unacked games differ)" test "$unacked" = 0
    check "$name: each game's last acknowledged stateHash is the stored one ($hash differ)" test "$hash" = 0
}

# The first few acknowledged actions the store does not hold as acknowledged, for people.
show_lost() {
    psql_q <<SQL | sed 's/^/    lost: /'
CREATE TEMP TABLE rec (bot INT, game BIGINT, seq BIGINT, action TEXT, hash TEXT, at BIGINT);
\copy rec FROM '$WORK/$1.csv' WITH (FORMAT csv)
SELECT 'bot ' || r.bot || ' game ' || r.game || ' seq ' || r.seq || ': acknowledged ' || r.action || ', stored '
    || coalesce(a.action, 'nothing') || ' (store has ' || g.action_count || ' actions)'
FROM rec r JOIN game g ON g.id = r.game LEFT JOIN action a ON a.game_id = r.game AND a.seq = r.seq - 1
WHERE a.action IS DISTINCT FROM r.action ORDER BY r.game, r.seq LIMIT 5;
SQL
}

# Every stored game replays from its seed and log to its stored stateHash.
check_replay() {
    local out
    out=$("$BIN" replay --verify --all --store "$PG_URL" --content "$CONTENT" 2>"$WORK/replay.err" | tail -1)
    check "every game verifies by replay: $out" grep -q ' 0 failed' <<<"$out"
    [ -s "$WORK/replay.err" ] && sed 's/^/    /' "$WORK/replay.err" | head -5
}

# Bots of $1 that had a game acknowledged before $2 (unix ms) and none after it: they stopped playing.
bots_stalled_after() {
    jq -rs --argjson t "$2" '
        (map(select(.at < $t) | .bot) | unique) - (map(select(.at > $t) | .bot) | unique) | length' "$WORK/$1.rec"
}

# For the games in file $3 (one id a line), ms from $2 to each game's first acknowledgement after
# $2 in the records of $1; a game with none is left out.
first_ack_after() {
    jq -rs --argjson t "$2" --rawfile ids "$3" '
        ($ids | split("\n") | map(select(length > 0) | tonumber)) as $games
        | map(select(.at > $t and (.game as $g | any($games[]; . == $g)))) | group_by(.game)
        | map(map(.at) | min - $t) | .[]' "$WORK/$1.rec"
}

# Median and p99 (nearest rank) of the numbers on standard input: "n N median M p99 P max X".
stats() {
    sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "n 0"; exit }
        m = v[int((NR + 1) / 2)]; r = int(NR * 0.99 + 0.999); if (r < 1) r = 1; if (r > NR) r = NR
        printf "n %d median %d p99 %d max %d\n", NR, m, v[r], v[NR] }'
}
