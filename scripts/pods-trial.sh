#!/usr/bin/env bash
# Runs the multiplayer stack the way an operator would and checks each step, on this host:
#
#   scripts/pods-trial.sh                        the pods on a bridge network, release build
#   scripts/pods-trial.sh --host-network         the pods on the host's network
#   scripts/pods-trial.sh --compose              docker-compose.multiplayer.yml with podman-compose
#   scripts/pods-trial.sh --build .build/debug   any build folder (CI uses the debug one)
#
# 1. the brogue image from the build (scripts/image.sh) and the stand-in images of NATS,
#    PostgreSQL, nginx and Prometheus (scripts/standin-images.sh: there is no registry here);
# 2. the stack up (scripts/multiplayer-pods.sh up --standins, or podman-compose up): time to
#    every node ready;
# 3. bots over wss:// through nginx (TLS with the stack's self-signed certificate): no error, no
#    drop;
# 4. Prometheus scrapes every gateway and game instance (its targets API says up);
# 5. stop, start again, and every game stored so far verifies (`brogue replay --verify --all`
#    against the stack's PostgreSQL, from the image);
# 6. remove (with --volumes): no container, pod, volume, network or secret of the stack is left.
# Exits non-zero on the first check that fails, saying which. Needs root, podman, debootstrap,
# openssl, curl, python3 (and podman-compose for --compose).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/.build/release
mode=pods
host_network=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=${2:?--build needs a folder}; shift 2 ;;
        --host-network) host_network=(--host-network); shift ;;
        --compose) mode=compose; shift ;;
        -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "pods-trial: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
cd "$root"
say() { echo "pods-trial: $*"; }
fail() {
    echo "pods-trial: FAIL: $*" >&2
    exit 1
}
now_ms() { date +%s%3N; }
for tool in podman openssl curl python3; do command -v "$tool" > /dev/null || fail "$tool is missing (apt-get install $tool)"; done
[ "$mode" = compose ] && ! command -v podman-compose > /dev/null && fail "podman-compose is missing (apt-get install podman-compose)"
[ -x "$build/brogue" ] || fail "no $build/brogue: build it first (swift build -c release --product brogue)"

work=$(mktemp -d /var/tmp/brogue-pods-trial.XXXXXX)
export BROGUE_PODS_DIR=$work/state
export BROGUE_IMAGE=localhost/brogue:pods-trial-$$
# Published ports no other service of a test run uses.
export HTTPS_PORT=18443 HTTP_PORT=18080 PROMETHEUS_PORT=19090 GRAFANA_PORT=13000
stack=brogue-multiplayer
compose=(podman-compose -p "$stack" -f docker-compose.multiplayer.yml)
[ "$mode" = compose ] && [ ${#host_network[@]} -gt 0 ] && compose+=(-f docker-compose.host-network.yml)
up() {
    if [ "$mode" = compose ]; then
        scripts/multiplayer-pods.sh files --standins "${host_network[@]}" > "$work/compose.env"
        set -a
        # shellcheck disable=SC1091
        . "$work/compose.env"
        set +a
        "${compose[@]}" up -d
    else
        scripts/multiplayer-pods.sh up --standins "${host_network[@]}"
    fi
}
down() {
    if [ "$mode" = compose ]; then
        "${compose[@]}" down -v
        # podman-compose 1.0 stops and then removes each container: one that restarts in between
        # (restart: on-failure, nginx failing while its upstreams are gone) is left running.
        podman ps -aq --filter "label=io.podman.compose.project=$stack" | xargs -r podman rm -f > /dev/null
        podman volume ls -q --filter "label=io.podman.compose.project=$stack" | xargs -r podman volume rm > /dev/null
        # podman-compose 1.0 leaves its network behind.
        if podman network exists "${stack}_default"; then podman network rm "${stack}_default"; fi
    else
        scripts/multiplayer-pods.sh remove --volumes
    fi
}
made=0
cleanup() {
    local status=$?
    # Only a stack this trial made is removed: never one found here (another trial's, a person's).
    [ "$made" = 1 ] && { down > "$work/cleanup.log" 2>&1 || true; }
    podman rmi -f "$BROGUE_IMAGE" > /dev/null 2>&1 || true
    if [ "$status" = 0 ]; then rm -rf "$work"; else echo "pods-trial: its logs are kept in $work" >&2; fi
}
trap cleanup EXIT

# The stack's objects still present, one per line (empty when none).
leftovers() {
    # Without the stack's podman configuration: remove deletes it with the rest of its folder.
    env -u CONTAINERS_CONF bash -c ". scripts/lib/pods.sh; STACK=$stack; pods_leftovers"
    if [ "$mode" = compose ]; then
        podman ps -a --filter "label=io.podman.compose.project=$stack" --format 'container {{.Names}}'
        podman volume ls --filter "label=io.podman.compose.project=$stack" --format 'volume {{.Name}}'
        podman network ls --format '{{.Name}}' | grep "^${stack}_" | sed 's/^/network /' || true
    fi
}
# One trial at a time on a host: the stack's names and ports are fixed, and a second trial's
# cleanup would remove the first one's stack (a test run and a person, two test runs).
exec 9> /var/tmp/brogue-pods-trial.lock
flock -w 1800 9 || fail "another pods trial has held /var/tmp/brogue-pods-trial.lock for 30 minutes"
[ -z "$(leftovers)" ] || fail "the stack already exists here (scripts/multiplayer-pods.sh remove, or podman-compose down): $(leftovers | tr '\n' ' ')"
# The pods' bridge takes a /24 nothing on this host routes: the default one may be held by a bridge
# podman left behind when a run was killed (then `up` says so and stops, which an operator needs,
# but a trial is about the stack, not this host's history).
if [ "$mode" = pods ] && [ ${#host_network[@]} -eq 0 ] && [ -z "${BROGUE_SUBNET:-}" ]; then
    BROGUE_SUBNET=$(STACK=pods-trial bash -c '. scripts/lib/pods.sh; pods_free_subnet') || fail "no free subnet for the pods' bridge"
    # Its own network name too: netavark names its firewall chains after the network, and rules a
    # killed stack left in the chain of the default name would forward the published ports to
    # an address that is gone (No route to host).
    export BROGUE_SUBNET BROGUE_NETWORK=brogue-pods-trial-$$
fi

# ---- 1. images ----
t0=$(now_ms)
scripts/image.sh --tag "$BROGUE_IMAGE" --build "$build" > "$work/image.log" 2>&1 || {
    tail -30 "$work/image.log" >&2
    fail "image build (log above)"
}
scripts/standin-images.sh > "$work/standins.log" 2>&1 || {
    tail -30 "$work/standins.log" >&2
    fail "stand-in images (log above)"
}
say "$(tail -1 "$work/image.log"); stand-ins ready; $((($(now_ms) - t0) / 1000)) s"

# ---- 2. up ----
t0=$(now_ms)
made=1
up > "$work/up.log" 2>&1 || {
    grep -v 'systemd connection' "$work/up.log" | tail -30 >&2
    fail "up (log above)"
}
[ -n "${CONTAINERS_CONF:-}" ] || [ ! -f "$BROGUE_PODS_DIR/containers.conf" ] || export CONTAINERS_CONF=$BROGUE_PODS_DIR/containers.conf
nodes=$(podman ps --filter "label=io.brogue.stack=$stack" --filter label=io.brogue.role --format '{{.Names}}' | sort)
[ "$(echo "$nodes" | wc -w)" = 5 ] || fail "expected 2 gateways and 3 game instances, found: $nodes"
wait_nodes() {
    local c port
    for c in $nodes; do
        port=$(podman inspect "$c" --format '{{range .Config.Env}}{{println .}}{{end}}' | sed -n 's/^BROGUE_LISTEN=.*://p')
        for _ in $(seq 1 600); do
            podman exec "$c" brogue healthcheck --timeout 1 "http://127.0.0.1:$port/ready" > /dev/null 2>&1 && continue 2
            sleep 0.2
        done
        podman logs "$c" 2>&1 | tail -20 >&2
        fail "$c was not ready within 120 s (log above)"
    done
}
wait_nodes
say "$mode$([ ${#host_network[@]} -gt 0 ] && echo ", host network")${BROGUE_SUBNET:+, bridge network $BROGUE_SUBNET}: $(echo "$nodes" | wc -w) nodes ready $(($(now_ms) - t0)) ms after up began"

# ---- 3. bots through nginx ----
https_port=$HTTPS_PORT
[ ${#host_network[@]} -gt 0 ] && https_port=8443
play_bots() {
    local label=$1 seed=$2
    SSL_CERT_FILE=$BROGUE_PODS_DIR/tls/tls.crt "$build/brogue" loadtest "wss://localhost:$https_port" --bots 8 --duration 6 --rate 4 \
        --seed "$seed" --json > "$work/$label.json" 2> "$work/$label.err" || {
        tail -20 "$work/$label.err" >&2
        fail "bots ($label): loadtest failed (log above)"
    }
    python3 "$root/scripts/lib/loadtest-summary.py" "$work/$label.json" "pods-trial: bots through nginx ($label)" \
        || fail "bots ($label) saw errors or drops, or played nothing"
    # What the nodes warned of while the bots played (a slow store, a held instance), for the log.
    local c
    for c in $nodes; do
        podman logs --since "$since" "$c" 2>&1 | grep -E '"level":"(warning|error|critical)"' | head -5 | sed "s/^/pods-trial: $c: /" || true
    done
}
since=$(date +%s)
play_bots first 7

# ---- 4. Prometheus sees every node ----
prometheus_port=$PROMETHEUS_PORT
[ ${#host_network[@]} -gt 0 ] && prometheus_port=9090
for _ in $(seq 1 90); do
    if curl -fsS "http://127.0.0.1:$prometheus_port/api/v1/targets" > "$work/targets.json" 2> /dev/null \
        && python3 - "$work/targets.json" << 'EOF'; then
import json, sys
targets = [t for t in json.load(open(sys.argv[1]))["data"]["activeTargets"] if t["labels"]["job"].startswith("brogue-")]
sys.exit(0 if len(targets) == 5 and all(t["health"] == "up" for t in targets) else 1)
EOF
        break
    fi
    sleep 1
done
python3 - "$work/targets.json" << 'EOF' || fail "Prometheus does not scrape every node ($work/targets.json)"
import json, sys
targets = [t for t in json.load(open(sys.argv[1]))["data"]["activeTargets"] if t["labels"]["job"].startswith("brogue-")]
print("pods-trial: Prometheus scrapes " + ", ".join(f"{t['scrapeUrl'].split('/')[2]} {t['health']}" for t in targets))
sys.exit(0 if len(targets) == 5 and all(t["health"] == "up" for t in targets) else 1)
EOF

# ---- 5. stop, start again, games verify ----
t0=$(now_ms)
if [ "$mode" = compose ]; then "${compose[@]}" stop > "$work/stop.log" 2>&1; else scripts/multiplayer-pods.sh stop > "$work/stop.log" 2>&1; fi || {
    tail -20 "$work/stop.log" >&2
    fail "stop (log above)"
}
running=$(podman ps --filter "label=io.brogue.stack=$stack" --format '{{.Names}}')
[ -z "$running" ] || fail "still running after stop: $running"
say "stop: every container stopped in $(($(now_ms) - t0)) ms"
t0=$(now_ms)
if [ "$mode" = compose ]; then "${compose[@]}" start > "$work/start.log" 2>&1; else scripts/multiplayer-pods.sh up > "$work/start.log" 2>&1; fi || {
    tail -20 "$work/start.log" >&2
    fail "starting again (log above)"
}
wait_nodes
say "started again: every node ready in $(($(now_ms) - t0)) ms"
since=$(date +%s)
play_bots again 8
game=$(echo "$nodes" | grep game | head -1)
# Podman's DNS server (aardvark-dns) drops queries for a few seconds while containers join the
# network: a lookup then waits 5 s and may fail. The check waits until the name answers.
for _ in $(seq 1 100); do podman exec "$game" getent hosts postgres > /dev/null 2>&1 && break; sleep 0.2; done
podman exec "$game" sh -c 'brogue replay --verify --all --store "$(cat "$POSTGRES_URL_FILE")"' > "$work/verify.log" 2>&1 || {
    tail -20 "$work/verify.log" >&2
    fail "replay --verify against the stack's PostgreSQL (log above)"
}
say "the stack's games verify after the restart: $(tail -1 "$work/verify.log")"

# ---- 6. remove: nothing left ----
t0=$(now_ms)
down > "$work/down.log" 2>&1 || {
    tail -20 "$work/down.log" >&2
    fail "remove (log above)"
}
left=$(leftovers)
[ -z "$left" ] || fail "left behind after remove: $(echo "$left" | tr '\n' ' ')"
say "removed in $(($(now_ms) - t0)) ms; nothing of the stack is left"
say PASS
