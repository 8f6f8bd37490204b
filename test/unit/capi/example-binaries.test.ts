import test from "ava";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "@bytecodealliance/jco-transpile/wasm-tools";
import { wat, WASM_THREADS_FEATURES } from "../../helpers/wat.js";

// The capi examples read `<name>.wasm` as the C programs do; each binary is built from the `.wat` beside it.
// Run with UPDATE_EXAMPLE_WASM=1 to rebuild them after editing a `.wat`.
const srcExamples = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "examples");
const NAMES = ["hello", "callback", "global", "table", "memory", "reflect", "multi", "start", "trap", "finalize",
  "serialize", "hostref", "threads", "interrupt", "threads-sum", "threads-shared"];
// Examples whose text needs the threads proposal (shared memories, atomics).
const THREADS = new Set(["threads-sum", "threads-shared"]);

for (const name of NAMES) {
  test(`examples/${name}.wasm is the binary of examples/${name}.wat`, async (t) => {
    const built = await wat(readFileSync(resolve(srcExamples, `${name}.wat`), "utf8"), THREADS.has(name) ? WASM_THREADS_FEATURES : undefined);
    const path = resolve(srcExamples, `${name}.wasm`);
    if (process.env.UPDATE_EXAMPLE_WASM === "1") writeFileSync(path, built);
    t.true(existsSync(path), `${path} is missing: run the test with UPDATE_EXAMPLE_WASM=1`);
    t.deepEqual(new Uint8Array(readFileSync(path)), built);
  });
}

// Examples whose text needs GC, which wabt does not have: wasm-tools assembles them (as the spec runner's 3.0 texts).
for (const name of ["gc"]) {
  test(`examples/${name}.wasm is the binary of examples/${name}.wat (assembled by wasm-tools)`, async (t) => {
    const built = await parse(readFileSync(resolve(srcExamples, `${name}.wat`), "utf8"));
    const path = resolve(srcExamples, `${name}.wasm`);
    if (process.env.UPDATE_EXAMPLE_WASM === "1") writeFileSync(path, built);
    t.true(existsSync(path), `${path} is missing: run the test with UPDATE_EXAMPLE_WASM=1`);
    t.deepEqual(new Uint8Array(readFileSync(path)), built);
  });
}
