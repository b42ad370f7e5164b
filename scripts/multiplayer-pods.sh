#!/usr/bin/env bash
# The multiplayer stack in Podman pods on one host, one pod per Kubernetes pod of k8s/:
# nginx (TLS) -> 2 gateways -> 3 NATS servers in a cluster -> N game instances -> PostgreSQL,
# with Prometheus and Grafana watching.
#
#   scripts/multiplayer-pods.sh [up] [--games N] [--host-network] [--standins] [--no-grafana]
#   scripts/multiplayer-pods.sh stop               stop every pod (players drain; data kept)
#   scripts/multiplayer-pods.sh remove [--volumes] remove pods, network and secrets (--volumes:
#                                                  the games and metrics too)
#   scripts/multiplayer-pods.sh status             the pods and each node's readiness
#   scripts/multiplayer-pods.sh files [--standins] [--host-network]
#                                                  only the generated files, and the variables
#                                                  docker-compose.multiplayer.yml reads
#
# up:
#   --games N        game instances (1 to 9, default 3)
#   --host-network   every pod on the host's network (for hosts that refuse bridge networking):
#                    services listen on 127.0.0.1 except nginx, Prometheus and Grafana
#   --standins       NATS, PostgreSQL, nginx and Prometheus from localhost/brogue-standin-*
#                    (scripts/standin-images.sh builds them from Debian packages; no registry)
#   --no-grafana     leave Grafana out (it has no stand-in)
#
# Players connect to https://HOST:8443 (wss:// for bots). Images: BROGUE_IMAGE
# (localhost/brogue:latest, from scripts/image.sh), NATS_IMAGE, POSTGRES_IMAGE, NGINX_IMAGE,
# PROMETHEUS_IMAGE, GRAFANA_IMAGE. Ports on the host: HTTPS_PORT (8443), HTTP_PORT (8080,
# redirects), PROMETHEUS_PORT (9090), GRAFANA_PORT (3000). Generated files (TLS certificate,
# configuration, the database password) live in BROGUE_PODS_DIR (/var/lib/brogue-pods/multiplayer).
# The bridge network's subnet: BROGUE_SUBNET (10.89.77.0/24; the nodes trust nginx's X-Forwarded-For
# from it). Its name: BROGUE_NETWORK (brogue-multiplayer). Both are what the units in systemd/pods/
# name; a host where that subnet is taken is told so.
# `podman generate systemd` units for these pods: scripts/generate-pod-units.sh, systemd/pods/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
STACK=brogue-multiplayer
STATE=${BROGUE_PODS_DIR:-/var/lib/brogue-pods/multiplayer}
HOST_NETWORK=0
SUBNET=${BROGUE_SUBNET:-10.89.77.0/24}
NETWORK=${BROGUE_NETWORK:-$STACK}
# shellcheck source=scripts/lib/pods.sh
. "$root/scripts/lib/pods.sh"

action=up
case "${1:-}" in
    up | stop | remove | status | files) action=$1; shift ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
esac
games=3
standins=0
grafana=1
volumes=0
while [ $# -gt 0 ]; do
    case "$1" in
        --games) games=${2:?--games needs a number}; shift 2 ;;
        --host-network) HOST_NETWORK=1; shift ;;
        --standins) standins=1; shift ;;
        --no-grafana) grafana=0; shift ;;
        --volumes) volumes=1; shift ;;
        -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) pods_fail "unknown option $1 (try --help)" ;;
    esac
done
case "$games" in [1-9]) ;; *) pods_fail "--games takes 1 to 9, not $games" ;; esac
command -v podman > /dev/null || pods_fail "podman is missing: apt-get install podman"
pods_fit_limits

# The drain bound of a node (BROGUE_DRAIN_SECONDS, 25 s by default) and a margin: what podman
# waits after SIGTERM before it kills, as terminationGracePeriodSeconds does in k8s/.
stop_timeout=30

stop_stack() {
    # Players' side first (nginx, gateways drain their players), then the game instances (they
    # store what they hold), then what they write to: Prometheus, PostgreSQL, NATS.
    local pods pod pattern
    pods=$(pods_list)
    for pattern in brogue-edge 'brogue-gateway-*' 'brogue-game-*' brogue-monitoring brogue-postgres 'brogue-nats-*'; do
        for pod in $pods; do
            # shellcheck disable=SC2053
            [[ $pod == $pattern ]] || continue
            [ "$(podman pod inspect "$pod" --format '{{.State}}')" = Running ] || continue
            podman pod stop -t "$stop_timeout" "$pod" > /dev/null
            pods_say "stopped $pod"
        done
    done
}

remove_stack() {
    stop_stack
    local pod
    for pod in $(pods_list); do podman pod rm -f "$pod" > /dev/null && pods_say "removed $pod"; done
    podman network exists "$NETWORK" && podman network rm "$NETWORK" > /dev/null && pods_say "removed network $NETWORK"
    for secret in $(podman secret ls --format '{{.Name}}' | grep "^$STACK-" || true); do
        podman secret rm "$secret" > /dev/null
        pods_say "removed secret $secret"
    done
    if [ "$volumes" = 1 ]; then
        for volume in $(podman volume ls --filter "label=io.brogue.stack=$STACK" --format '{{.Name}}'); do
            podman volume rm "$volume" > /dev/null
            pods_say "removed volume $volume (its data is gone)"
        done
        rm -rf "$STATE"
    else
        pods_say "kept the volumes (games, metrics) and $STATE: remove --volumes deletes them"
    fi
}

status_stack() {
    podman pod ps --filter "label=io.brogue.stack=$STACK" --format '{{.Name}}\t{{.Status}}\t{{.NumberOfContainers}} containers'
    local c
    for c in $(podman ps --filter "label=io.brogue.stack=$STACK" --filter label=io.brogue.role --format '{{.Names}}'); do
        if podman healthcheck run "$c" > /dev/null 2>&1; then echo "$c: ready"; else echo "$c: NOT ready"; fi
    done
}

# The files the stack mounts, in $STATE: a self-signed certificate (kept once made), the
# database password (kept: the database volume was made with it) and its URL for the nodes, and
# copies of the configuration for nginx, Prometheus (targets for $games game instances) and Grafana.
write_files() {
    mkdir -p "$STATE/tls" "$STATE/nginx" "$STATE/prometheus/targets" "$STATE/grafana"
    if [ ! -f "$STATE/tls/tls.crt" ]; then
        openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
            -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
            -keyout "$STATE/tls/tls.key" -out "$STATE/tls/tls.crt" 2> /dev/null
        # nginx's workers read the key after dropping root.
        chmod 644 "$STATE/tls/tls.key"
        pods_say "made a self-signed certificate for localhost ($STATE/tls/tls.crt: replace it with yours)"
    fi
    if [ ! -f "$STATE/postgres-password" ]; then
        # A database made earlier keeps the password it was made with: a new one would lock the nodes out.
        if podman volume exists "$STACK-postgres-data"; then
            pods_fail "the database volume $STACK-postgres-data exists, but its password is not in $STATE (was it made with another BROGUE_PODS_DIR?): use that folder, or delete the data with remove --volumes"
        fi
        (umask 077 && openssl rand -hex 24 > "$STATE/postgres-password")
    fi
    cp "$root/docker/nginx/nginx.conf" "$STATE/nginx/nginx.conf"
    cp "$root/docker/nginx/brogue-upstreams.conf" "$STATE/nginx/brogue-upstreams.conf"
    cp "$root/docker/prometheus/prometheus.yml" "$root/docker/prometheus/alerts.yml" "$STATE/prometheus/"
    cp "$root/docker/prometheus/targets/gateways.json" "$STATE/prometheus/targets/"
    {
        printf '[{"targets": ['
        for i in $(seq 1 "$games"); do printf '%s"game-%s:809%s"' "$([ "$i" = 1 ] || echo ', ')" "$i" "$i"; done
        printf ']}]\n'
    } > "$STATE/prometheus/targets/games.json"
    cp -r "$root/docker/grafana/provisioning" "$STATE/grafana/"
    cp "$root/docker/grafana/brogue-dashboard.json" "$STATE/grafana/"
    # The nodes (uid 1000) read the URL; compose mounts the file itself as their secret.
    printf 'postgres://brogue:%s@postgres:5432/brogue?sslmode=disable' "$(cat "$STATE/postgres-password")" > "$STATE/postgres-url"
    chown 0:1000 "$STATE/postgres-url"
    chmod 640 "$STATE/postgres-url"
}

case "$action" in
    stop) stop_stack; exit 0 ;;
    remove) remove_stack; exit 0 ;;
    status) status_stack; exit 0 ;;
    files)
        command -v openssl > /dev/null || pods_fail "openssl is missing: apt-get install openssl"
        # Compose puts every container on its project network, where they meet by name.
        pods_check_names
        write_files
        # For docker-compose.multiplayer.yml: the folder, the images, podman's limits.
        echo "BROGUE_PODS_DIR=$STATE"
        [ -n "${CONTAINERS_CONF:-}" ] && echo "CONTAINERS_CONF=$CONTAINERS_CONF"
        if [ "$standins" = 1 ]; then
            "$root/scripts/standin-images.sh" >&2
            for s in nats postgres nginx prometheus; do
                echo "$(echo "$s" | tr "[:lower:]" "[:upper:]")_IMAGE=localhost/brogue-standin-$s:latest"
            done
        fi
        if [ "$HOST_NETWORK" = 1 ]; then echo BIND_ADDRESS=127.0.0.1 PROMETHEUS_BIND=127.0.0.1 TRUSTED_PROXIES=127.0.0.1 | tr ' ' '\n'; fi
        exit 0
        ;;
esac

# ---- up ----
pods_check_pause
pods_check_names
if [ -n "$(pods_list)" ]; then
    # In the order they were made: NATS and PostgreSQL before the nodes that use them.
    pods_say "the stack exists: starting its pods (remove it first to change --games or the network)"
    for pod in $(pods_list); do podman pod start "$pod" > /dev/null; done
    for c in $(podman ps --filter "label=io.brogue.stack=$STACK" --filter label=io.brogue.role --format '{{.Names}}'); do
        port=$(podman inspect "$c" --format '{{range .Config.Env}}{{println .}}{{end}}' | sed -n 's/^BROGUE_LISTEN=.*://p')
        pods_wait_exec "$c" 120 brogue healthcheck --timeout 1 "http://127.0.0.1:$port/ready"
    done
    status_stack
    exit 0
fi
if [ "$standins" = 1 ]; then
    "$root/scripts/standin-images.sh"
    NATS_IMAGE=${NATS_IMAGE:-localhost/brogue-standin-nats:latest}
    POSTGRES_IMAGE=${POSTGRES_IMAGE:-localhost/brogue-standin-postgres:latest}
    NGINX_IMAGE=${NGINX_IMAGE:-localhost/brogue-standin-nginx:latest}
    PROMETHEUS_IMAGE=${PROMETHEUS_IMAGE:-localhost/brogue-standin-prometheus:latest}
fi
BROGUE_IMAGE=${BROGUE_IMAGE:-localhost/brogue:latest}
NATS_IMAGE=${NATS_IMAGE:-docker.io/library/nats:2.9}
POSTGRES_IMAGE=${POSTGRES_IMAGE:-docker.io/library/postgres:15}
NGINX_IMAGE=${NGINX_IMAGE:-docker.io/library/nginx:1.22}
PROMETHEUS_IMAGE=${PROMETHEUS_IMAGE:-docker.io/prom/prometheus:v2.42.0}
GRAFANA_IMAGE=${GRAFANA_IMAGE:-docker.io/grafana/grafana:9.5.2}
podman image exists "$BROGUE_IMAGE" || pods_fail "no image $BROGUE_IMAGE: build it with scripts/image.sh (or set BROGUE_IMAGE)"
for image in "$NATS_IMAGE" "$POSTGRES_IMAGE" "$NGINX_IMAGE" "$PROMETHEUS_IMAGE"; do pods_image "$image"; done
if [ "$grafana" = 1 ] && ! podman image exists "$GRAFANA_IMAGE" && ! timeout 300 podman pull -q "$GRAFANA_IMAGE" > /dev/null 2>&1; then
    pods_say "cannot pull $GRAFANA_IMAGE (Grafana has no Debian package, so no stand-in): starting without Grafana"
    grafana=0
fi

write_files
if [ "$HOST_NETWORK" = 1 ]; then
    bind=127.0.0.1
    # The data source names Prometheus by its short name, which is this host here.
    sed -i 's|http://prometheus:9090|http://127.0.0.1:9090|' "$STATE/grafana/provisioning/datasources/prometheus.yml"
else
    bind=0.0.0.0
fi
names=(nats-1 nats-2 nats-3 postgres gateway-1 gateway-2 prometheus)
for i in $(seq 1 "$games"); do names+=("game-$i"); done
# z: on SELinux hosts the files are relabelled so that containers may read them.
ro=ro,z

pods_create_network
subnet=$(pods_subnet)
password=$(cat "$STATE/postgres-password")
podman secret inspect "$STACK-postgres-password" > /dev/null 2>&1 || printf '%s' "$password" | podman secret create "$STACK-postgres-password" - > /dev/null
podman secret inspect "$STACK-postgres-url" > /dev/null 2>&1 \
    || printf 'postgres://brogue:%s@postgres:5432/brogue?sslmode=disable' "$password" | podman secret create "$STACK-postgres-url" - > /dev/null

labels=(--label "io.brogue.stack=$STACK")
pod() {
    local name=$1 alias=$2
    shift 2
    # shellcheck disable=SC2046
    podman pod create --name "$name" "${labels[@]}" $(pods_network_flags "$alias") "$@" > /dev/null
}
container() {
    local pod=$1 name=$2
    shift 2
    # shellcheck disable=SC2046
    podman run -d --pod "$pod" --name "$name" "${labels[@]}" $(pods_host_flags "${names[@]}") "$@" > /dev/null
}

# ---- NATS: three servers with routes to each other ----
nats_url=nats://nats-1:4222,nats://nats-2:4223,nats://nats-3:4224
for i in 1 2 3; do
    routes=""
    for j in 1 2 3; do [ "$j" = "$i" ] || routes+="${routes:+,}nats://nats-$j:622$((j + 1))"; done
    pod "brogue-nats-$i" "nats-$i"
    container "brogue-nats-$i" "brogue-nats-$i-server" "$NATS_IMAGE" \
        --name "nats-$i" --addr "$bind" --port "422$((i + 1))" \
        --cluster "nats://$bind:622$((i + 1))" --cluster_name brogue --routes "$routes"
    pods_say "started nats-$i (clients :422$((i + 1)), routes :622$((i + 1)))"
done

# ---- PostgreSQL ----
pod brogue-postgres postgres
pg_args=()
[ "$HOST_NETWORK" = 1 ] && pg_args=(-c listen_addresses=127.0.0.1)
container brogue-postgres brogue-postgres-db -v "$(pods_volume "$STACK-postgres-data"):/var/lib/postgresql/data" \
    --secret "$STACK-postgres-password" -e POSTGRES_USER=brogue -e POSTGRES_DB=brogue \
    -e "POSTGRES_PASSWORD_FILE=/run/secrets/$STACK-postgres-password" "$POSTGRES_IMAGE" postgres "${pg_args[@]}"
pods_wait_exec brogue-postgres-db 120 pg_isready -q -h 127.0.0.1 -U brogue -d brogue
pods_say "started postgres (:5432), ready"

# ---- brogue: game instances, then gateways (one image, the role from the environment) ----
brogue_node() {
    local role=$1 id=$2 port=$3
    pod "brogue-$id" "$id"
    # The node writes only its data volume; the root stays read-only, as in k8s/ (the secret's
    # file needs a writable place to be mounted on: runc cannot make it on a read-only root).
    container "brogue-$id" "brogue-$id-node" --label "io.brogue.role=$role" --read-only \
        -v "$(pods_volume "$STACK-$id-data"):/app/data" --tmpfs /run/secrets:size=64k,mode=0755 --secret "$STACK-postgres-url" \
        -e BROGUE_ROLE="$role" -e INSTANCE_ID="$id" -e BROGUE_LISTEN="$bind:$port" \
        -e NATS_URL="$nats_url" -e "POSTGRES_URL_FILE=/run/secrets/$STACK-postgres-url" \
        -e BROGUE_TRUSTED_PROXIES="$subnet" -e LOG_LEVEL=info \
        --health-cmd "brogue healthcheck --timeout 3 http://127.0.0.1:$port/ready" \
        --health-interval 10s --health-start-period 20s \
        "$BROGUE_IMAGE" brogue node
}
wait_node() {
    local id=$1 port=$2
    pods_wait_exec "brogue-$id-node" 120 brogue healthcheck --timeout 1 "http://127.0.0.1:$port/ready"
    pods_say "started $id (:$port), ready"
}
for i in $(seq 1 "$games"); do brogue_node game "game-$i" "809$i"; done
for i in $(seq 1 "$games"); do wait_node "game-$i" "809$i"; done
for i in 1 2; do brogue_node gateway "gateway-$i" "808$i"; done
for i in 1 2; do wait_node "gateway-$i" "808$i"; done

# ---- nginx in front ----
https_port=${HTTPS_PORT:-8443}
http_port=${HTTP_PORT:-8080}
edge_ports=()
[ "$HOST_NETWORK" = 1 ] || edge_ports=(-p "$https_port:8443" -p "$http_port:8080")
pod brogue-edge nginx "${edge_ports[@]}"
container brogue-edge brogue-edge-nginx \
    -v "$STATE/nginx/nginx.conf:/etc/nginx/nginx.conf:$ro" \
    -v "$STATE/nginx/brogue-upstreams.conf:/etc/nginx/brogue-upstreams.conf:$ro" \
    -v "$STATE/tls:/etc/nginx/tls:$ro" \
    "$NGINX_IMAGE" nginx -p /etc/nginx -c /etc/nginx/nginx.conf -g 'daemon off;'
pods_wait_exec brogue-edge-nginx 30 bash -c 'exec 3<>/dev/tcp/127.0.0.1/8443'
pods_say "started nginx (https://localhost:$([ "$HOST_NETWORK" = 1 ] && echo 8443 || echo "$https_port"))"

# ---- Prometheus and Grafana ----
prometheus_port=${PROMETHEUS_PORT:-9090}
grafana_port=${GRAFANA_PORT:-3000}
monitoring_ports=()
[ "$HOST_NETWORK" = 1 ] || monitoring_ports=(-p "$prometheus_port:9090" -p "$grafana_port:3000")
pod brogue-monitoring prometheus "${monitoring_ports[@]}"
container brogue-monitoring brogue-monitoring-prometheus -v "$STATE/prometheus:/etc/prometheus:$ro" \
    -v "$(pods_volume "$STACK-prometheus-data"):/prometheus" "$PROMETHEUS_IMAGE" \
    --config.file=/etc/prometheus/prometheus.yml --storage.tsdb.path=/prometheus \
    --web.listen-address="$([ "$HOST_NETWORK" = 1 ] && echo 127.0.0.1):9090"
pods_say "started prometheus (:9090)"
if [ "$grafana" = 1 ]; then
    container brogue-monitoring brogue-monitoring-grafana \
        -v "$STATE/grafana/provisioning:/etc/grafana/provisioning:$ro" \
        -v "$STATE/grafana/brogue-dashboard.json:/var/lib/grafana/dashboards/brogue.json:$ro" \
        -v "$(pods_volume "$STACK-grafana-data"):/var/lib/grafana" "$GRAFANA_IMAGE"
    pods_say "started grafana (:3000, dashboard Brogue)"
fi
pods_say "up: $games game instances, 2 gateways, 3 NATS servers, PostgreSQL, nginx, Prometheus$([ "$grafana" = 1 ] && echo ", Grafana")"
pods_say "play: brogue connect wss://localhost:$([ "$HOST_NETWORK" = 1 ] && echo 8443 || echo "$https_port") (SSL_CERT_FILE=$STATE/tls/tls.crt trusts the self-signed certificate)"
