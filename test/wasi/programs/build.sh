#!/bin/sh
# Builds every test/wasi/programs/*.c into a WASI command (*.wasm beside it)
# with Debian's clang, lld and wasi-libc:
#   apt-get install clang lld wasi-libc
# The .wasm files are committed, so the tests need no compiler; rerun this
# after changing a program. CC and WASI_SYSROOT override the defaults.
set -e
cd "$(dirname "$0")"
CC="${CC:-clang}"
SYSROOT="${WASI_SYSROOT:-}"
missing=""
command -v "$CC" >/dev/null 2>&1 || missing="$missing clang($CC)"
command -v wasm-ld >/dev/null 2>&1 || command -v wasm-ld-14 >/dev/null 2>&1 || missing="$missing lld(wasm-ld)"
if [ -n "$SYSROOT" ]; then
  [ -f "$SYSROOT/lib/wasm32-wasi/libc.a" ] || missing="$missing wasi-libc($SYSROOT)"
  sysflag="--sysroot=$SYSROOT"
else
  # Debian's wasi-libc installs into clang's default wasm32-wasi paths.
  [ -f /usr/lib/wasm32-wasi/libc.a ] || missing="$missing wasi-libc(/usr/lib/wasm32-wasi/libc.a)"
  sysflag=""
fi
if [ -n "$missing" ]; then
  echo "build.sh: missing:$missing" >&2
  echo "build.sh: on Debian/Ubuntu: apt-get install clang lld wasi-libc (or set CC / WASI_SYSROOT)" >&2
  exit 1
fi
for src in *.c; do
  out="${src%.c}.wasm"
  # -O2, debug info dropped but the name section kept, so a trap names its functions.
  "$CC" --target=wasm32-wasi $sysflag -O2 -Wall -Wextra -Wno-unused-parameter \
    -Wl,--strip-debug -o "$out" "$src"
  echo "built $out ($(wc -c < "$out") bytes)"
done
