#!/usr/bin/env bash
# Builds stand-ins for the third-party images of the multiplayer stack from Debian's packages,
# for hosts with no registry (docker/standins/Containerfile says what each mimics):
#
#   scripts/standin-images.sh            builds what podman lacks
#   scripts/standin-images.sh --force    builds all four again
#
# Images: localhost/brogue-standin-nats, -postgres, -nginx, -prometheus (tag latest). Then
# `scripts/multiplayer-pods.sh up --standins` or `STANDINS=1 podman-compose ...` uses them.
# Needs root, podman and debootstrap (for the Debian base, scripts/base-image.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
force=0
case "${1:-}" in
    --force) force=1 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    "") ;;
    *) echo "standin-images: unknown option $1 (try --help)" >&2; exit 2 ;;
esac
command -v podman > /dev/null || { echo "standin-images: podman is missing: apt-get install podman" >&2; exit 1; }
cd "$root"
scripts/base-image.sh > /dev/null
for target in nats postgres nginx prometheus; do
    name=localhost/brogue-standin-$target:latest
    if [ "$force" = 0 ] && podman image exists "$name"; then continue; fi
    echo "standin-images: building $name from Debian's package ..."
    log=$(mktemp)
    if ! podman build --isolation chroot -f docker/standins/Containerfile --target "$target" -t "$name" . > "$log" 2>&1; then
        tail -30 "$log" >&2
        rm -f "$log"
        echo "standin-images: building $name failed (log above)" >&2
        exit 1
    fi
    rm -f "$log"
    echo "standin-images: $name ($(podman image inspect "$name" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}'))"
done
