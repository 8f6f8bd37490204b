#!/bin/sh
# Builds atomics.wasm from atomics.wat (standalone: its own shared memory, no imports, one export `run`)
# with wabt's wat2wasm (the npm package `wabt`, a dev dependency: npx wat2wasm). The .wasm is committed.
set -e
cd "$(dirname "$0")"
npx --no-install wat2wasm --enable-threads atomics.wat -o atomics.wasm
