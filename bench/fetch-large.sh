#!/bin/sh
# Fetches the compile benchmark's large module, esbuild's esbuild.wasm (a Go
# program, 14 MB), from the npm package esbuild-wasm, into the cache path that
# bench/compile.ts looks in: $XDG_CACHE_HOME/wasm-c-api-ts/esbuild.wasm
# (default ~/.cache). It is a benchmark input only: never commit it.
# Usage: sh bench/fetch-large.sh [version]   (default: 0.28.2)
set -eu
version="${1:-0.28.2}"
dest="${XDG_CACHE_HOME:-$HOME/.cache}/wasm-c-api-ts"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "esbuild-wasm@$version" >/dev/null && tar xzf esbuild-wasm-*.tgz package/esbuild.wasm)
mkdir -p "$dest"
mv "$tmp/package/esbuild.wasm" "$dest/esbuild.wasm"
echo "$dest/esbuild.wasm ($(wc -c < "$dest/esbuild.wasm") bytes)"
