#!/usr/bin/env bash
# Builds the Debian base image the Containerfile's runtime starts from, on a host with no
# registry to pull from: debootstrap a minimal bookworm, then `podman import` it under the name
# the Containerfile asks for (docker.io/library/debian:bookworm-slim), so `podman build` finds it
# locally and never pulls.
#
#   scripts/base-image.sh            build it unless podman already has it
#   scripts/base-image.sh --force    build it again
#   MIRROR=http://deb.debian.org/debian scripts/base-image.sh
#
# Needs root, debootstrap and podman (Debian packages). Takes a few minutes, mostly downloads.
set -euo pipefail
name=docker.io/library/debian:bookworm-slim
mirror=${MIRROR:-http://deb.debian.org/debian}
force=0
case "${1:-}" in
    --force) force=1 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    "") ;;
    *) echo "base-image: unknown option $1 (try --help)" >&2; exit 2 ;;
esac
for tool in debootstrap podman; do
    command -v "$tool" >/dev/null || { echo "base-image: $tool is missing: apt-get install $tool" >&2; exit 1; }
done
if [ "$force" = 0 ] && podman image exists "$name"; then
    echo "base-image: $name is already here (--force builds it again)"
    exit 0
fi
work=$(mktemp -d /var/tmp/brogue-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "base-image: debootstrap bookworm (minbase) from $mirror ..."
debootstrap --variant=minbase bookworm "$work/root" "$mirror" > "$work/debootstrap.log" 2>&1 || {
    tail -20 "$work/debootstrap.log" >&2
    echo "base-image: debootstrap failed (log above)" >&2
    exit 1
}
# What a slim image leaves out: package lists, caches, docs and man pages.
rm -rf "$work/root"/var/lib/apt/lists/* "$work/root"/var/cache/apt/*.bin "$work/root"/var/cache/apt/archives/*.deb \
    "$work/root"/usr/share/doc/* "$work/root"/usr/share/man/* "$work/root"/usr/share/info/*
# As Debian's own slim images do: apt keeps no downloaded packages or caches after it runs.
cat > "$work/root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
# The image's own apt sources point at the mirror it was built from.
printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$mirror" "$mirror" > "$work/root/etc/apt/sources.list"
tar -C "$work/root" -c . | podman import --change 'CMD ["bash"]' - "$name" > /dev/null
echo "base-image: $name imported ($(podman image inspect "$name" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}'))"
