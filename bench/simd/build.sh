#!/bin/sh
# Builds simd.wasm from simd.c (standalone: no imports, one export `run`).
# Needs Debian's clang and lld (apt-get install clang lld); the .wasm is committed.
set -e
cd "$(dirname "$0")"
"${CC:-clang}" --target=wasm32 -msimd128 -O2 -nostdlib -Wl,--no-entry -Wl,--export=run -Wl,--strip-all \
  -o simd.wasm simd.c
