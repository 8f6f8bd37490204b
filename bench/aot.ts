/**
 * The AOT workload (issue 14): what a serialized module saves. For each
 * module, in a store of the compiler tier: `wasm_module_new` (decode and
 * validate), `wasm_module_serialize` of a module not compiled yet (which
 * emits the JavaScript, the cost a first call pays otherwise), the
 * artifact's size, and `wasm_module_deserialize` (checksum, decode and
 * validate again, make the factory from its source: no emission). The last
 * two columns are the decision of DECISIONS.md's "Why does deserializing
 * validate again?": decoding alone versus decoding and validating.
 *
 * Usage: `node dist/bench/aot.js [module.wasm ...]` (default: the WASI test
 * programs, the largest real C programs in the repository). Medians of 5
 * (of 3 for serializing, which emits).
 * @module
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import * as C from "../capi/index.js";
import { compileModule, decodeModule } from "../impl/index.js";

const DEFAULT = ["fsops", "tree", "copy", "hostcalls"].map((n) => new URL(`../../test/wasi/programs/${n}.wasm`, import.meta.url).pathname);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function timed(runs: number, f: () => void): number {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

function vec(bytes: Uint8Array): C.wasm_byte_vec_t {
  const v: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_byte_vec_new(v, bytes.length, bytes);
  return v;
}

const config = C.wasm_config_new();
C.wasmts_config_set_tier(config, "compiler");
const engine = C.wasm_engine_new_with_config(config);
const store = C.wasm_store_new(engine);

console.log("| module | size | wasm_module_new | serialize (emits) | artifact | deserialize | decode only | decode + validate |");
console.log("|---|---|---|---|---|---|---|---|");
for (const path of process.argv.length > 2 ? process.argv.slice(2) : DEFAULT) {
  const bytes = new Uint8Array(readFileSync(path));
  const newMs = timed(5, () => { C.wasm_module_new(store, vec(bytes)); });
  let artifact = new Uint8Array(0);
  const serMs = timed(3, () => {
    const out: C.wasm_byte_vec_t = C.WASM_EMPTY_VEC();
    C.wasm_module_serialize(C.wasm_module_new(store, vec(bytes))!, out);
    artifact = out.data.slice();
  });
  const deMs = timed(5, () => {
    if (C.wasm_module_deserialize(store, vec(artifact)) === null) throw new Error(`${path}: the artifact was refused`);
  });
  const decodeMs = timed(5, () => { decodeModule(bytes); });
  const validateMs = timed(5, () => { compileModule(bytes); });
  const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
  const ms = (n: number): string => `${n.toFixed(1)} ms`;
  console.log(`| ${basename(path)} | ${kb(bytes.length)} | ${ms(newMs)} | ${ms(serMs)} | ${kb(artifact.length)} | ${ms(deMs)} | ${ms(decodeMs)} | ${ms(validateMs)} |`);
}
C.wasm_store_delete(store);
C.wasm_engine_delete(engine);
