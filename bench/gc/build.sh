#!/bin/sh
# Builds gc.wasm from gc.wat with wasm-tools' parser (the `wat` crate compiled to wasm, in the dev
# dependency @bytecodealliance/jco-transpile; wabt has no GC). The .wasm is committed.
set -e
cd "$(dirname "$0")/../.."
node --input-type=module -e '
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "@bytecodealliance/jco-transpile/wasm-tools";
writeFileSync("bench/gc/gc.wasm", await parse(readFileSync("bench/gc/gc.wat", "utf8")));
'
