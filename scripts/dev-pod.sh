#!/usr/bin/env bash
# One pod for working on content or the node: `brogue node` (role all, SQLite, nothing else to
# run) playing this checkout's content/ (mounted, so edits need no image build), and Prometheus
# scraping it.
#
#   scripts/dev-pod.sh [up] [--plugin DIR]... [--host-network] [--standins]
#   scripts/dev-pod.sh restart          the node starts again and reads the mounted YAML anew
#   scripts/dev-pod.sh stop             stop the pod (games kept)
#   scripts/dev-pod.sh remove [--volumes]
#   scripts/dev-pod.sh status
#
# up:
#   --plugin DIR     a plugin folder (or a folder of them) to mount read-only and load besides
#                    the content; repeat for more
#   --host-network   the host's network instead of published ports
#   --standins       Prometheus from localhost/brogue-standin-prometheus (no registry here)
#
# The node answers on http://localhost:${DEV_PORT:-8080} (the browser client), Prometheus on
# http://localhost:${PROMETHEUS_PORT:-9090}. Image: BROGUE_IMAGE (localhost/brogue:latest).
# For a terminal game that reloads YAML as you save it, see docker/Containerfile.dev.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
STACK=brogue-dev
STATE=${BROGUE_PODS_DIR:-/var/lib/brogue-pods/dev}
HOST_NETWORK=0
# shellcheck source=scripts/lib/pods.sh
. "$root/scripts/lib/pods.sh"
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

action=up
case "${1:-}" in
    up | restart | stop | remove | status) action=$1; shift ;;
    -h | --help) usage; exit 0 ;;
esac
plugins=()
standins=0
volumes=0
while [ $# -gt 0 ]; do
    case "$1" in
        --plugin) plugins+=("$(cd "${2:?--plugin needs a folder}" && pwd)") || pods_fail "no folder $2"; shift 2 ;;
        --host-network) HOST_NETWORK=1; shift ;;
        --standins) standins=1; shift ;;
        --volumes) volumes=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) pods_fail "unknown option $1 (try --help)" ;;
    esac
done
command -v podman > /dev/null || pods_fail "podman is missing: apt-get install podman"
pods_fit_limits
pod=brogue-dev
node=brogue-dev-node
port=${DEV_PORT:-8080}

wait_ready() {
    pods_wait_exec "$node" 120 brogue healthcheck --timeout 1 "http://127.0.0.1:8080/ready"
    pods_say "node ready: http://localhost:$port"
}

case "$action" in
    status)
        podman pod ps --filter "label=io.brogue.stack=$STACK" --format '{{.Name}}\t{{.Status}}'
        if podman healthcheck run "$node" > /dev/null 2>&1; then echo "$node: ready"; else echo "$node: NOT ready"; fi
        exit 0
        ;;
    stop)
        podman pod exists "$pod" && podman pod stop -t 30 "$pod" > /dev/null && pods_say "stopped $pod"
        exit 0
        ;;
    restart)
        podman restart -t 30 "$node" > /dev/null
        wait_ready
        exit 0
        ;;
    remove)
        podman pod exists "$pod" && podman pod rm -f -t 30 "$pod" > /dev/null && pods_say "removed $pod"
        if [ "$volumes" = 1 ]; then
            for v in $(podman volume ls --filter "label=io.brogue.stack=$STACK" --format '{{.Name}}'); do
                podman volume rm "$v" > /dev/null && pods_say "removed volume $v (its data is gone)"
            done
            rm -rf "$STATE"
        fi
        exit 0
        ;;
esac

if podman pod exists "$pod"; then
    podman pod start "$pod" > /dev/null
    wait_ready
    exit 0
fi
BROGUE_IMAGE=${BROGUE_IMAGE:-localhost/brogue:latest}
PROMETHEUS_IMAGE=${PROMETHEUS_IMAGE:-$([ "$standins" = 1 ] && echo localhost/brogue-standin-prometheus:latest || echo docker.io/prom/prometheus:v2.42.0)}
podman image exists "$BROGUE_IMAGE" || pods_fail "no image $BROGUE_IMAGE: build it with scripts/image.sh (or set BROGUE_IMAGE)"
[ "$standins" = 1 ] && "$root/scripts/standin-images.sh"
pods_image "$PROMETHEUS_IMAGE"

mkdir -p "$STATE/prometheus"
cat > "$STATE/prometheus/prometheus.yml" << 'EOF'
# The dev pod's node, scraped over the pod's shared localhost.
global:
  scrape_interval: 5s
scrape_configs:
  - job_name: brogue-node
    honor_labels: true
    static_configs:
      - targets: [localhost:8080]
EOF

pods_check_pause
if [ "$HOST_NETWORK" = 1 ]; then
    podman pod create --name "$pod" --label "io.brogue.stack=$STACK" --network host > /dev/null
    [ "$port" = 8080 ] || pods_fail "with --host-network the node listens on 8080 (DEV_PORT cannot move it)"
else
    podman pod create --name "$pod" --label "io.brogue.stack=$STACK" \
        -p "$port:8080" -p "${PROMETHEUS_PORT:-9090}:9090" > /dev/null
fi
mounts=(-v "$root/content:/mods/content:ro,z")
args=(--content /mods/content)
for i in "${!plugins[@]}"; do
    mounts+=(-v "${plugins[$i]}:/mods/$i:ro,z")
    args+=(--plugin "/mods/$i")
done
podman run -d --pod "$pod" --name "$node" --label "io.brogue.stack=$STACK" --read-only \
    -v "$(pods_volume "$STACK-data"):/app/data" "${mounts[@]}" \
    -e BROGUE_LISTEN=0.0.0.0:8080 -e LOG_FORMAT=text -e LOG_LEVEL=debug \
    --health-cmd "brogue healthcheck --timeout 3 http://127.0.0.1:8080/ready" \
    "$BROGUE_IMAGE" brogue node "${args[@]}" > /dev/null
podman run -d --pod "$pod" --name brogue-dev-prometheus --label "io.brogue.stack=$STACK" \
    -v "$STATE/prometheus:/etc/prometheus:ro,z" -v "$(pods_volume "$STACK-prometheus-data"):/prometheus" \
    "$PROMETHEUS_IMAGE" --config.file=/etc/prometheus/prometheus.yml --storage.tsdb.path=/prometheus > /dev/null
wait_ready
pods_say "content: $root/content${plugins[*]:+, plugins: ${plugins[*]}} (edit, then scripts/dev-pod.sh restart); Prometheus: http://localhost:${PROMETHEUS_PORT:-9090}"
