#!/usr/bin/env bash
# Lays out what the runtime image holds, from a release build folder:
#   scripts/stage-image.sh .build/release .build/image
#     bin/brogue                          the binary
#     lib/                                the Swift runtime libraries it links (and native Swift plugins use)
#     app/content/core, app/Plugins/...   the core content, the example plugins with their libraries
# Used by docker/Containerfile's build stage and by scripts/image.sh on the host.
set -euo pipefail
build=${1:?usage: stage-image.sh BUILD_DIR OUT_DIR}
out=${2:?usage: stage-image.sh BUILD_DIR OUT_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$build/brogue" ] || { echo "stage-image: no $build/brogue; run swift build -c release first" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/bin" "$out/lib" "$out/app/Plugins"
cp "$build/brogue" "$out/bin/brogue"
strip "$out/bin/brogue" 2>/dev/null || true
# The Swift libraries the binary links, found where the toolchain keeps them (ldd names them).
ldd "$build/brogue" | awk '/=> \// {print $3}' | while read -r lib; do
    case "$lib" in
        */swift/*|*/libdispatch.so|*/libBlocksRuntime.so|*/lib_FoundationICU.so|*/libFoundation*.so) cp -L "$lib" "$out/lib/" ;;
    esac
done
cp -r "$root/content" "$out/app/content"
for plugin in "$root"/Plugins/*/; do
    name=$(basename "$plugin")
    if [ ! -f "$plugin/plugin.yaml" ]; then
        # A folder of YAML-only plugins (Plugins/Variants), chosen with --plugin: copied whole.
        cp -r "$plugin" "$out/app/Plugins/$name"
        continue
    fi
    mkdir -p "$out/app/Plugins/$name"
    cp "$plugin/plugin.yaml" "$out/app/Plugins/$name/"
    [ -d "$plugin/content" ] && cp -r "$plugin/content" "$out/app/Plugins/$name/"
done
# The example plugins' libraries: the Swift one from the build, the C one compiled here.
if [ -f "$build/libExampleSwift.so" ]; then cp "$build/libExampleSwift.so" "$out/app/Plugins/ExampleSwift/"; fi
cc -shared -fPIC -O2 -I "$root/PluginKit/Sources/CBroguePlugin/include" \
    -o "$out/app/Plugins/ExampleC/libexample_c.so" "$root/Plugins/ExampleC/Sources/example_c.c"
echo "stage-image: $(du -sh "$out" | cut -f1) in $out ($(ls "$out/lib" | wc -l) libraries)"
