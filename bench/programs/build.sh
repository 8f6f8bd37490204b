#!/bin/sh
# Builds each program here into a standalone .wasm (no imports; exports `run`
# and `memory`). Freestanding: no libc, rt.h supplies memset/memcpy, and
# -fno-builtin keeps clang from turning those loops back into calls of
# themselves. Needs Debian's clang and lld (apt-get install clang lld); the
# .wasm files are committed so every machine runs the same bytes.
set -e
cd "$(dirname "$0")"
CC=${CC:-clang}
for p in compress interp raytrace json; do
  "$CC" --target=wasm32 -O2 -nostdlib -fno-builtin -Wl,--no-entry -Wl,--export=run -Wl,--strip-all \
    -o "$p.wasm" "$p.c"
done
