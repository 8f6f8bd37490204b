/**
 * The real C programs of `bench/programs/` (compressor, toy-language
 * interpreter, ray tracer, JSON parser): each runs with a small n on the
 * interpreter, on the compiled tier and on Node's own WebAssembly, and the
 * three checksums must agree. A missing `.wasm` or source fails.
 * @module
 */
import test from "ava";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileModule, instantiate, invoke, Store } from "../../../impl/index.js";
import { FuncInstance } from "../../../impl/runtime/instances.js";

/** The little of V8's own WebAssembly API used here (the Node typings do not declare it). */
interface V8WebAssembly {
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const V8Wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;

const dir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "bench", "programs");

/** Each program with two small n: the checksums of both must agree, and differ from each other. */
const PROGRAMS: readonly { name: string; ns: readonly [number, number] }[] = [
  { name: "compress", ns: [1, 2] },
  { name: "interp", ns: [1, 3] },
  { name: "raytrace", ns: [1, 2] },
  { name: "json", ns: [1, 3] },
];

for (const { name, ns } of PROGRAMS) {
  test(`${name}: the interpreter, the compiled tier and V8 compute the same checksums`, async (t) => {
    const file = resolve(dir, `${name}.wasm`);
    if (!existsSync(file)) { t.fail(`missing ${file}: run bench/programs/build.sh`); return; }
    t.true(existsSync(resolve(dir, `${name}.c`)), `the source of ${name}.wasm is committed beside it`);
    const bytes = new Uint8Array(readFileSync(file));

    const v8run = (await V8Wasm.instantiate(bytes)).instance.exports["run"] as (n: number) => number;
    const expected = ns.map((n) => v8run(n));
    t.not(expected[0], expected[1], "the checksum depends on the work done");

    const module = compileModule(bytes);
    for (const tier of ["interpreter", "compiler"] as const) {
      const run = instantiate(new Store({ tier }), module, []).export("run");
      if (!(run instanceof FuncInstance)) { t.fail(`${name}: no run export`); return; }
      const got = ns.map((n) => invoke(run, [n])[0]);
      t.deepEqual(got, expected, `${name} on the ${tier} tier`);
      // The compiled tier must really have compiled `run`, not fallen back to the interpreter.
      t.is(run.jit !== null, tier === "compiler", `${name}: run is compiled on the ${tier} tier only`);
    }
  });
}
