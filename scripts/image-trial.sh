#!/usr/bin/env bash
# Runs the runtime image the way an operator would and prints what it costs:
#
#   scripts/image-trial.sh                       the release build (.build/release)
#   scripts/image-trial.sh --build .build/debug  any build folder (CI uses the debug one)
#   scripts/image-trial.sh --no-cluster          only the single-process node
#
# 1. builds the image (scripts/image.sh) and prints its size;
# 2. `brogue node` (role all) in a container with a named data volume: time from `podman run`
#    to /ready, resident memory when idle, bots playing through it, the image's HEALTHCHECK,
#    SIGTERM (drain) and exit status, then the image's own `brogue replay --verify --all` over
#    the volume;
# 3. unless --no-cluster: a game instance and a gateway container (BROGUE_ROLE=game|gateway)
#    over a nats-server and a throwaway PostgreSQL on this host: time to /ready and idle memory
#    per role, bots through the gateway.
# Containers use the host's network (bridge networking is refused on some hosts), runc, and a
# read-only root filesystem.
# Exits non-zero on the first check that fails, saying which. Needs root, podman, debootstrap,
# nats-server and PostgreSQL 15 (Debian packages; .ci/run installs them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/.build/release
cluster=1
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=${2:?--build needs a folder}; shift 2 ;;
        --no-cluster) cluster=0; shift ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "image-trial: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
cd "$root"
run_id=brogue-trial-$$
tag=localhost/brogue:trial-$$
host_brogue=$build/brogue
work=$(mktemp -d /var/tmp/brogue-image-trial.XXXXXX)
containers=()
nats_pid=""
pg_started=0
cleanup() {
    for c in "${containers[@]}"; do podman rm -f -t 0 "$c" > /dev/null 2>&1 || true; done
    podman volume rm -f "$run_id-data" > /dev/null 2>&1 || true
    podman rmi -f "$tag" > /dev/null 2>&1 || true
    [ -n "$nats_pid" ] && kill "$nats_pid" 2> /dev/null || true
    [ "$pg_started" = 1 ] && BROGUE_TEST_POSTGRES_STATE="$work/pg.state" scripts/test-postgres.sh stop > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "image-trial: FAIL: $*" >&2; exit 1; }
say() { echo "image-trial: $*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

# podman run with what this host needs: runc, explicit limits (no higher than this shell's own:
# runc may not raise them), the host's network.
files=$(ulimit -Hn)
# --read-only as k8s/ runs it (readOnlyRootFilesystem): only the data volume is written.
run_flags=(--runtime runc --read-only --ulimit "nofile=$files:$files" --ulimit "nproc=4096:4096")
start_container() {
    local name=$1; shift
    containers+=("$name")
    podman run -d --name "$name" --network host "${run_flags[@]}" "$@" > /dev/null
}

# Waits (bounded) for /ready; prints the milliseconds since $2.
wait_ready() {
    local port=$1 since=$2 name=$3
    for _ in $(seq 1 600); do
        if "$host_brogue" healthcheck --timeout 1 "http://127.0.0.1:$port/ready" > /dev/null 2>&1; then
            echo $(($(now_ms) - since))
            return 0
        fi
        if [ "$(podman inspect -f '{{.State.Running}}' "$name")" != true ]; then
            podman logs "$name" 2>&1 | tail -20 >&2
            fail "$name exited before it was ready (log above)"
        fi
        sleep 0.05
    done
    podman logs "$name" 2>&1 | tail -20 >&2
    fail "$name was not ready on port $port within 30 s (log above)"
}

# The node's resident memory from its own /metrics, in MB.
resident_mb() {
    curl -fsS "http://127.0.0.1:$1/metrics" | awk '/^process_resident_memory_bytes/ {printf "%.1f", $2/1048576}'
}

# Bots through a node; fails unless they played with no errors and no drops.
play_bots() {
    local url=$1 label=$2
    "$host_brogue" loadtest --bots 8 --duration 6 --rate 4 --seed 7 --json "$url" > "$work/$label.json" 2> "$work/$label.err" \
        || { tail -20 "$work/$label.err" >&2; fail "bots on $label: loadtest failed (log above)"; }
    if ! python3 "$root/scripts/lib/loadtest-summary.py" "$work/$label.json" "image-trial: $label"; then
        fail "bots on $label saw errors or drops, or played nothing ($work/$label.json)"
    fi
}

for tool in podman python3 curl; do command -v "$tool" > /dev/null || fail "$tool is missing (apt-get install $tool)"; done
[ -x "$host_brogue" ] || fail "no $host_brogue: build it first (swift build -c release --product brogue)"

# ---- 1. the image ----
t0=$(now_ms)
scripts/image.sh --tag "$tag" --build "$build" > "$work/image.log" 2>&1 || { tail -30 "$work/image.log" >&2; fail "image build (log above)"; }
say "$(tail -1 "$work/image.log"), built in $((($(now_ms) - t0) / 1000)) s"

# ---- 2. one process (role all) ----
port=$(free_port)
t0=$(now_ms)
start_container "$run_id-all" -v "$run_id-data:/app/data" \
    -e BROGUE_LISTEN="127.0.0.1:$port" -e BROGUE_MAX_CONNECTIONS_PER_ADDRESS=0 \
    --health-cmd "brogue healthcheck --timeout 3 http://127.0.0.1:$port/ready" "$tag"
ready=$(wait_ready "$port" "$t0" "$run_id-all")
say "role all: /ready after $ready ms (from podman run), idle resident memory $(resident_mb "$port") MB"
podman exec "$run_id-all" id -u | grep -qx 1000 || fail "the node does not run as uid 1000"
play_bots "ws://127.0.0.1:$port" "role all"
podman healthcheck run "$run_id-all" > /dev/null || fail "the image's HEALTHCHECK says unhealthy while the node serves"
say "role all: HEALTHCHECK healthy; resident memory after the bots $(resident_mb "$port") MB"
# A node that does not answer (stopped, not gone: its socket still accepts) must fail the check.
podman kill --signal STOP "$run_id-all" > /dev/null
if podman healthcheck run "$run_id-all" > /dev/null 2>&1; then fail "the HEALTHCHECK says healthy while the node is stopped"; fi
podman kill --signal CONT "$run_id-all" > /dev/null
podman healthcheck run "$run_id-all" > /dev/null || fail "the HEALTHCHECK stays unhealthy after the node goes on"
say "role all: HEALTHCHECK unhealthy while the node was stopped (SIGSTOP), healthy again after SIGCONT"
t0=$(now_ms)
podman stop -t 30 "$run_id-all" > /dev/null
status=$(podman inspect -f '{{.State.ExitCode}}' "$run_id-all")
[ "$status" = 0 ] || { podman logs "$run_id-all" 2>&1 | tail -20 >&2; fail "SIGTERM: the node exited $status (log above)"; }
say "role all: SIGTERM drained and exited 0 in $(($(now_ms) - t0)) ms"
podman run --rm --network none "${run_flags[@]}" -v "$run_id-data:/app/data" "$tag" \
    brogue replay --verify --all > "$work/verify.log" 2>&1 || { tail -20 "$work/verify.log" >&2; fail "replay --verify over the volume (log above)"; }
say "role all: the volume's games verify with the image's binary: $(tail -1 "$work/verify.log")"

[ "$cluster" = 1 ] || { say "PASS (no cluster part)"; exit 0; }

# ---- 3. gateway and game roles over NATS and PostgreSQL on this host ----
command -v nats-server > /dev/null || fail "nats-server is missing (apt-get install nats-server)"
nats_port=$(free_port)
nats-server -a 127.0.0.1 -p "$nats_port" > "$work/nats.log" 2>&1 &
nats_pid=$!
# A server of its own (its own state file), so a test run's server is never touched.
BROGUE_TEST_POSTGRES_STATE="$work/pg.state" scripts/test-postgres.sh start > "$work/pg.env" || fail "PostgreSQL did not start"
pg_started=1
pg_url=$(sed -n 's/^BROGUE_TEST_POSTGRES_URL=//p' "$work/pg.env")
[ -n "$pg_url" ] || fail "scripts/test-postgres.sh printed no URL"
cluster_env=(-e NATS_URL="nats://127.0.0.1:$nats_port" -e POSTGRES_URL="$pg_url")
game_port=$(free_port)
t0=$(now_ms)
start_container "$run_id-game" "${cluster_env[@]}" -e BROGUE_ROLE=game -e INSTANCE_ID=game-1 \
    -e BROGUE_LISTEN="127.0.0.1:$game_port" "$tag"
ready=$(wait_ready "$game_port" "$t0" "$run_id-game")
say "role game: /ready after $ready ms, idle resident memory $(resident_mb "$game_port") MB"
gw_port=$(free_port)
t0=$(now_ms)
start_container "$run_id-gateway" "${cluster_env[@]}" -e BROGUE_ROLE=gateway -e INSTANCE_ID=gateway-1 \
    -e BROGUE_LISTEN="127.0.0.1:$gw_port" -e BROGUE_MAX_CONNECTIONS_PER_ADDRESS=0 "$tag"
ready=$(wait_ready "$gw_port" "$t0" "$run_id-gateway")
say "role gateway: /ready after $ready ms, idle resident memory $(resident_mb "$gw_port") MB"
play_bots "ws://127.0.0.1:$gw_port" "gateway + game"
say "after the bots: gateway $(resident_mb "$gw_port") MB, game $(resident_mb "$game_port") MB resident"
for c in "$run_id-gateway" "$run_id-game"; do
    podman stop -t 30 "$c" > /dev/null
    status=$(podman inspect -f '{{.State.ExitCode}}' "$c")
    [ "$status" = 0 ] || { podman logs "$c" 2>&1 | tail -20 >&2; fail "SIGTERM: $c exited $status (log above)"; }
done
say "gateway and game drained and exited 0"
say PASS
