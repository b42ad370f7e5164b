# The processes of scripts/cluster-trial.sh: PostgreSQL, three nats-server nodes, game instances
# and gateways (the real binary), optionally in network namespaces; and the cleanup that stops
# every one of them, also on Ctrl-C. Sourced, not run.

declare -A PIDS=()       # name -> pid of a running process this script started
declare -A LISTEN=()     # name -> host:port it serves HTTP (and WebSockets for a gateway) on
declare -A NETNS_OF=()   # name -> network namespace it runs in (empty: the host's)
NAMESPACES=()            # made by this run, deleted at the end
LINKS=()                 # host-side links made by this run, deleted at the end
PG_DIR="" PG_BIN="" PG_PORT="" PG_OPTS=""

say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# Waits until "$@" succeeds, polling every 0.2 s; false after $1 seconds.
wait_for() {
    local seconds=$1; shift
    local until=$((SECONDS + seconds))
    while ! "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -ge "$until" ] && return 1
        sleep 0.2
    done
}

now_ms() { date +%s%3N; }

free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! [[ " ${USED_PORTS:-} " == *" $port "* ]]; then
            USED_PORTS="${USED_PORTS:-} $port"
            echo "$port"
            return
        fi
    done
    echo "cluster-trial: no free port found" >&2
    return 1
}

# Starts a process named $1 (in namespace NETNS_OF[$1] if set), its output appended to $WORK/$1.log.
# Each runs in a session of its own: a process this script stops (SIGSTOP) must not get the
# SIGHUP the kernel sends a stopped process group left without a parent in its session, and a
# Ctrl-C must reach only this script, whose cleanup stops everything.
spawn() {
    local name=$1; shift
    local ns=${NETNS_OF[$name]:-}
    if [ -n "$ns" ]; then
        setsid ip netns exec "$ns" "$@" >>"$WORK/$name.log" 2>&1 </dev/null &
    else
        setsid "$@" >>"$WORK/$name.log" 2>&1 </dev/null &
    fi
    PIDS[$name]=$!
    disown "$!"
}

alive() { [ -n "${PIDS[$1]:-}" ] && kill -0 "${PIDS[$1]}" 2>/dev/null; }

# Sends signal $2 to $1 and, unless it is STOP or CONT, waits up to $3 seconds for it to exit.
signal_and_wait() {
    local name=$1 sig=$2 seconds=${3:-30}
    local pid=${PIDS[$name]:-}
    [ -n "$pid" ] || return 0
    kill -"$sig" "$pid" 2>/dev/null
    case $sig in STOP | CONT) return 0 ;; esac
    if wait_for "$seconds" bash -c "! kill -0 $pid"; then
        unset "PIDS[$name]"
        return 0
    fi
    return 1
}

http_status() { curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$1$2" || true; }
is_ready() { [ "$(http_status "${LISTEN[$1]}" /ready)" = 200 ]; }

# --- PostgreSQL: a throwaway cluster in $WORK/pg, run as the postgres user when we are root ----

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_start() {
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 -o "$PG_OPTS" start >/dev/null
}
pg_stop() { as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m "${1:-fast}" -w -t 60 stop >/dev/null; }

start_postgres() {
    if command -v pg_ctl >/dev/null 2>&1; then PG_BIN=$(dirname "$(command -v pg_ctl)"); else
        PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    fi
    [ -x "$PG_BIN/initdb" ] || { echo "cluster-trial: no PostgreSQL server (Debian: apt-get install postgresql)" >&2; return 1; }
    PG_DIR=$WORK/pg
    mkdir -p "$PG_DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
    PG_PORT=$(free_port)
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --no-sync -E UTF8 >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; return 1; }
    # Game instances in namespaces reach the server over the bridge, as another host would.
    [ -n "$SUBNET" ] && echo "host all all $SUBNET.0/24 trust" >>"$PG_DIR/data/pg_hba.conf"
    local listen=127.0.0.1
    [ -n "$SUBNET" ] && listen="$HOST_ADDR"
    PG_OPTS="-c listen_addresses=$listen -p $PG_PORT -k $PG_DIR -c fsync=off -c full_page_writes=off -c max_connections=200"
    pg_start || { cat "$PG_DIR/server.log" >&2; return 1; }
    PG_URL="postgres://postgres@$HOST_ADDR:$PG_PORT/postgres"
}

# --- NATS: three nodes clustered by routes ------------------------------------------------------

declare -A NATS_CLIENT=() NATS_ROUTE=() NATS_MONITOR=()

start_nats_node() {
    local i=$1 routes="" j
    for j in 1 2 3; do [ "$j" != "$i" ] && routes+="${routes:+,}nats://$HOST_ADDR:${NATS_ROUTE[$j]}"; done
    spawn "nats$i" nats-server -a "$HOST_ADDR" -p "${NATS_CLIENT[$i]}" -m "${NATS_MONITOR[$i]}" \
        --cluster_name brogue-trial --cluster "nats://$HOST_ADDR:${NATS_ROUTE[$i]}" --routes "$routes"
}

nats_routes() { curl -s -m 2 "http://$HOST_ADDR:${NATS_MONITOR[$1]}/routez" | jq -r .num_routes; }
nats_clustered() { [ "$(nats_routes "$1")" = "$2" ]; }
nats_connections() { curl -s -m 2 "http://$HOST_ADDR:${NATS_MONITOR[$1]}/connz" | jq -r .num_connections; }

start_nats() {
    local i
    for i in 1 2 3; do NATS_CLIENT[$i]=$(free_port); NATS_ROUTE[$i]=$(free_port); NATS_MONITOR[$i]=$(free_port); done
    for i in 1 2 3; do start_nats_node "$i"; done
    for i in 1 2 3; do
        wait_for 30 nats_clustered "$i" 2 || { echo "cluster-trial: nats$i has not routed to the other two (see $WORK/nats$i.log)" >&2; return 1; }
    done
    NATS_URL="nats://$HOST_ADDR:${NATS_CLIENT[1]},nats://$HOST_ADDR:${NATS_CLIENT[2]},nats://$HOST_ADDR:${NATS_CLIENT[3]}"
}

# --- The binary: game instances and gateways ------------------------------------------------------

# Starts `brogue node --role $2` as $1 on LISTEN[$1] and waits for /ready (up to 120 s: a debug
# build on a busy machine starts slowly).
start_node() {
    local name=$1 role=$2
    spawn "$name" env INSTANCE_ID="$name" NATS_URL="$NATS_URL" POSTGRES_URL="$PG_URL" LOG_FORMAT=text \
        BROGUE_CONFIG= BROGUE_MAX_CONNECTIONS_PER_ADDRESS=0 BROGUE_DRAIN_SECONDS=20 \
        "$BIN" node --role "$role" --listen "${LISTEN[$name]}" --content "$CONTENT"
    wait_for 120 is_ready "$name" || { echo "cluster-trial: $name is not ready after 120 s (see $WORK/$name.log)" >&2; return 1; }
}

# --- Network namespaces: each game instance on its own address behind a bridge -------------------

make_namespaces() {
    local tag=$1 i
    local bridge="bt${tag}br"
    ip link add "$bridge" type bridge && LINKS+=("$bridge") || return 1
    ip addr add "$HOST_ADDR/24" dev "$bridge" && ip link set "$bridge" up || return 1
    for i in 1 2; do
        local ns="brogue-trial-$tag-g$i" host_end="bt${tag}h$i" ns_end="bt${tag}n$i"
        ip netns add "$ns" && NAMESPACES+=("$ns") || return 1
        ip link add "$host_end" type veth peer name "$ns_end" && LINKS+=("$host_end") || return 1
        ip link set "$ns_end" netns "$ns" && ip link set "$host_end" master "$bridge" && ip link set "$host_end" up || return 1
        ip -n "$ns" addr add "$SUBNET.1$i/24" dev "$ns_end" && ip -n "$ns" link set "$ns_end" up && ip -n "$ns" link set lo up || return 1
        NETNS_OF[g$i]=$ns
    done
}

# --- Cleanup: every process, namespace, link and folder this run made --------------------------

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    local name
    for name in "${!PIDS[@]}"; do kill -CONT "${PIDS[$name]}" 2>/dev/null; kill -KILL "${PIDS[$name]}" 2>/dev/null; done
    for name in "${!PIDS[@]}"; do wait_for 10 bash -c "! kill -0 ${PIDS[$name]}"; done
    [ -n "${TMUX_SESSION:-}" ] && tmux kill-session -t "$TMUX_SESSION" 2>/dev/null
    [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ] && pg_stop immediate 2>/dev/null
    for name in "${NAMESPACES[@]}"; do ip netns del "$name" 2>/dev/null; done
    for name in "${LINKS[@]}"; do ip link del "$name" 2>/dev/null; done
    if [ "${KEEP:-0}" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
    exit "$status"
}
