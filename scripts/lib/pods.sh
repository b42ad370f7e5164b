# shellcheck shell=bash
# Shared by scripts/multiplayer-pods.sh and scripts/dev-pod.sh (sourced, not run): how this
# stack talks to podman. Every object it makes carries the label io.brogue.stack=$STACK, so
# `remove` finds all of it and a check can prove nothing is left.
#
# The caller sets STACK (the label value and name prefix), STATE (its folder of generated files)
# and HOST_NETWORK (0 or 1) before calling these, and may set NETWORK (the bridge network's name,
# STACK when unset).

# Progress goes to stderr: `files` prints variables on stdout.
pods_say() { echo "$STACK: $*" >&2; }
pods_fail() {
    echo "$STACK: $*" >&2
    exit 1
}

# Podman refuses a limit above the shell's own hard limit, and a pod's infra container takes
# podman's default (1048576 open files), so on hosts with lower limits no pod can start. Then
# podman gets a configuration whose only change is the default limits, this shell's own.
pods_fit_limits() {
    local files
    files=$(ulimit -Hn)
    [ "$files" = unlimited ] && return 0
    [ -n "${CONTAINERS_CONF:-}" ] && return 0
    [ "$files" -ge 1048576 ] && return 0
    mkdir -p "$STATE"
    printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=4096:4096"]\n' "$files" "$files" > "$STATE/containers.conf"
    export CONTAINERS_CONF=$STATE/containers.conf
    pods_say "this shell may open at most $files files, below podman's default for containers: they get $files ($CONTAINERS_CONF)"
}

# What podman needs on this host before a pod or a named network can work, each missing piece
# named with the package that brings it. Debian's podman only recommends them, so a host that
# installs without recommends has neither.
# A pod's pause container runs catatonit (podman builds that image locally on first use).
pods_check_pause() {
    podman_has_pause || pods_fail "podman cannot make a pod here: its pause container needs catatonit, which is not installed (apt-get install catatonit)"
}

# On a bridge network, containers find each other by name through a DNS plugin: dnsname for
# podman's CNI backend, aardvark-dns for netavark. Nothing to check on the host's network.
pods_check_names() {
    [ "$HOST_NETWORK" = 1 ] && return 0
    case "$(podman info --format '{{.Host.NetworkBackend}}' 2> /dev/null || echo unknown)" in
        cni)
            [ -x /usr/lib/cni/dnsname ] || [ -x /usr/libexec/cni/dnsname ] || [ -x /opt/cni/bin/dnsname ] ||
                pods_fail "containers on the stack's network could not find each other by name: podman's CNI network needs the dnsname plugin (apt-get install golang-github-containernetworking-plugin-dnsname), or start with --host-network"
            ;;
        netavark)
            [ -x /usr/lib/podman/aardvark-dns ] || [ -x /usr/libexec/podman/aardvark-dns ] || command -v aardvark-dns > /dev/null ||
                pods_fail "containers on the stack's network could not find each other by name: podman's netavark network needs aardvark-dns (apt-get install aardvark-dns), or start with --host-network"
            ;;
    esac
}

# Whether podman can start a pod's pause container: an infra image of the operator's own, or
# catatonit to build the local one.
podman_has_pause() {
    grep -qs '^[[:space:]]*infra_image[[:space:]]*=[[:space:]]*"[^"]' /etc/containers/containers.conf "${CONTAINERS_CONF:-/dev/null}" && return 0
    command -v catatonit > /dev/null || [ -x /usr/libexec/podman/catatonit ] || [ -x /usr/lib/podman/catatonit ]
}

# Which image to run for a service: the official one unless --standins; a missing image is pulled
# once, and a host that cannot pull is told how to build a stand-in.
pods_image() {
    local image=$1
    podman image exists "$image" && return 0
    pods_say "pulling $image ..."
    if ! timeout 300 podman pull -q "$image" > /dev/null 2>&1; then
        pods_fail "cannot pull $image. On a host with no registry, run scripts/standin-images.sh and start again with --standins (for brogue itself: scripts/image.sh)."
    fi
}

# Network flags for a pod: its own address on the stack's bridge network with a short alias
# (what the configuration files name), or the host's network.
pods_network_flags() {
    local alias=$1
    if [ "$HOST_NETWORK" = 1 ]; then
        echo "--network host"
    else
        echo "--network ${NETWORK:-$STACK} --network-alias $alias"
    fi
}

# With the host's network, every short name is this host: a container gets them as /etc/hosts
# lines (a pod's own --add-host is not passed on to its containers there).
pods_host_flags() {
    [ "$HOST_NETWORK" = 1 ] || return 0
    local name
    for name in "$@"; do printf -- '--add-host %s:127.0.0.1 ' "$name"; done
}

pods_create_network() {
    [ "$HOST_NETWORK" = 1 ] && return 0
    podman network exists "${NETWORK:-$STACK}" && return 0
    # A fixed subnet when SUBNET is set, so units generated from the stack name the same one.
    [ -z "${SUBNET:-}" ] || pods_check_subnet "$SUBNET"
    podman network create --label "io.brogue.stack=$STACK" ${SUBNET:+--subnet "$SUBNET"} "${NETWORK:-$STACK}" > /dev/null
}

# The first three numbers of an IPv4 /24 ("10.89.77" for 10.89.77.0/24).
pods_subnet_prefix() { echo "${1%.*/*}"; }

# The host's first route into a /24 ("10.89.77.0/24 dev podman1 ..."), or nothing.
pods_subnet_route() {
    local prefix
    prefix=$(pods_subnet_prefix "$1")
    ip -o -4 route show 2> /dev/null | grep "^${prefix//./\\.}\\." | head -1
}

# Whether a /24 is free on this host: no route of the host and no podman network uses it.
pods_subnet_free() {
    local prefix
    [ -z "$(pods_subnet_route "$1")" ] || return 1
    prefix=$(pods_subnet_prefix "$1")
    # shellcheck disable=SC2046
    ! podman network inspect $(podman network ls -q) --format '{{range .Subnets}}{{.Subnet}} {{end}}' 2> /dev/null \
        | tr ' ' '\n' | grep -q "^${prefix//./\\.}\\."
}

# Fails with what to do when the stack's subnet is taken. A bridge podman left behind (its
# containers were killed without their network being torn down) keeps its route after its network
# is gone, and podman then refuses the subnet: that case is named, with the command that ends it.
pods_check_subnet() {
    local subnet=$1 route device
    pods_subnet_free "$subnet" && return 0
    route=$(pods_subnet_route "$subnet")
    device=$(sed -n 's/.* dev \([^ ]*\).*/\1/p' <<< "$route")
    if [[ $device == podman* ]] && ! podman network ls --format '{{.NetworkInterface}}' | grep -qx "$device"; then
        pods_fail "subnet $subnet is still routed to $device, a bridge no podman network owns (left when its containers were killed): remove it with 'ip link delete $device', or choose another subnet with BROGUE_SUBNET"
    fi
    pods_fail "subnet $subnet is already used on this host (${route:-by another podman network}): choose a free /24 with BROGUE_SUBNET (and generate the units again: scripts/generate-pod-units.sh)"
}

# The first free /24 of 10.89.77.0 to 10.89.126.0, for a stack whose subnet nothing else names.
pods_free_subnet() {
    local n
    for n in $(seq 77 126); do
        pods_subnet_free "10.89.$n.0/24" && { echo "10.89.$n.0/24"; return 0; }
    done
    pods_fail "no free /24 in 10.89.77.0 to 10.89.126.0 on this host: set BROGUE_SUBNET"
}

# A named volume of the stack, made with its label first (a volume podman makes by itself for
# `-v name:/path` has none, and `remove --volumes` would not find it). Prints the name.
pods_volume() {
    podman volume exists "$1" || podman volume create --label "io.brogue.stack=$STACK" "$1" > /dev/null
    echo "$1"
}

# The subnet of the stack's network (the addresses its proxies connect from), or loopback.
pods_subnet() {
    if [ "$HOST_NETWORK" = 1 ]; then
        echo 127.0.0.1
    else
        podman network inspect "${NETWORK:-$STACK}" --format '{{range .Subnets}}{{.Subnet}}{{end}}'
    fi
}

# Waits (bounded) until a command run inside a container succeeds.
pods_wait_exec() {
    local container=$1 seconds=$2
    shift 2
    local deadline=$(($(date +%s) + seconds))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        podman exec "$container" "$@" > /dev/null 2>&1 && return 0
        if [ "$(podman inspect -f '{{.State.Running}}' "$container" 2> /dev/null)" != true ]; then
            podman logs "$container" 2>&1 | tail -20 >&2
            pods_fail "$container stopped while starting (its log is above)"
        fi
        sleep 0.2
    done
    podman logs "$container" 2>&1 | tail -20 >&2
    pods_fail "$container was not ready within $seconds s (its log is above)"
}

# Every object of the stack, one per line as "kind name": containers, pods, volumes, networks,
# secrets. Empty when nothing is left.
pods_leftovers() {
    podman ps -a --filter "label=io.brogue.stack=$STACK" --format 'container {{.Names}}'
    podman pod ps --filter "label=io.brogue.stack=$STACK" --format 'pod {{.Name}}'
    podman volume ls --filter "label=io.brogue.stack=$STACK" --format 'volume {{.Name}}'
    podman network ls --filter "label=io.brogue.stack=$STACK" --format 'network {{.Name}}'
    podman secret ls --format '{{.Name}}' | grep "^$STACK-" | sed 's/^/secret /' || true
}

# The stack's pods, in the order they start.
pods_list() {
    podman pod ps --filter "label=io.brogue.stack=$STACK" --sort created --format '{{.Name}}' | tac
}
