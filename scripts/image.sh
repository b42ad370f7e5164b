#!/usr/bin/env bash
# Builds the runtime image from a release binary built on this host, the way a machine without
# a registry does it (no swift image to pull):
#
#   swift build -c release --product brogue          (about 10 minutes from clean)
#   swift build -c release --product ExampleSwift    (optional: the example Swift plugin's library)
#   scripts/image.sh                                  image localhost/brogue:latest
#   scripts/image.sh --tag brogue:test --build .build/release
#
# Steps: scripts/stage-image.sh lays out binary, Swift libraries, content and plugins in
# .build/image; scripts/base-image.sh makes the Debian base when podman lacks it; then
# `podman build --target runtime-prebuilt`. Prints the image size at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tag=localhost/brogue:latest
build=$root/.build/release
while [ $# -gt 0 ]; do
    case "$1" in
        --tag) tag=${2:?--tag needs a name}; shift 2 ;;
        --build) build=${2:?--build needs a folder}; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "image: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
command -v podman >/dev/null || { echo "image: podman is missing: apt-get install podman buildah" >&2; exit 1; }
[ -x "$build/brogue" ] || {
    echo "image: no $build/brogue: run swift build -c release --product brogue first" >&2
    exit 1
}
cd "$root"
if [ ! -f "$build/libExampleSwift.so" ]; then
    echo "image: no $build/libExampleSwift.so: the example Swift plugin will be skipped at start" \
        "(swift build -c release --product ExampleSwift adds it)" >&2
fi
scripts/stage-image.sh "$build" .build/image
scripts/base-image.sh
# Hosts like this one refuse the OCI runtime's own isolation for RUN steps: chroot works everywhere.
podman build --isolation chroot -f docker/Containerfile --target runtime-prebuilt -t "$tag" . 2>&1 \
    | grep -vE '^(Copying|Writing|Storing|Getting image)' || {
    echo "image: podman build failed (output above)" >&2
    exit 1
}
size=$(podman image inspect "$tag" --format '{{.Size}}')
echo "image: $tag, $(awk -v s="$size" 'BEGIN {printf "%.1f MB", s/1e6}')"
