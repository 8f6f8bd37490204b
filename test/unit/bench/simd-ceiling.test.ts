/**
 * The SIMD ceiling's hand-written JavaScript (bench/simd-ceiling.ts) is the
 * `simd` workload itself: its checksums are V8's and our compiled tier's for
 * several pass counts, so the ratio it prints is a ratio for the same work.
 */
import test from "ava";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { handWritten } from "../../../bench/simd-ceiling.js";
import { compileModule, FuncInstance, instantiate, invoke, Store } from "../../../impl/index.js";

const file = join(resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", ".."), "bench", "simd", "simd.wasm");

test("the hand-written simd kernel computes what simd.wasm computes, on V8 and on the compiled tier", async (t) => {
  const bytes = new Uint8Array(readFileSync(file));
  const V8 = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }> } }).WebAssembly;
  const v8run = (await V8.instantiate(bytes)).instance.exports["run"] as (n: number) => number;
  const run = instantiate(new Store({ tier: "compiler" }), compileModule(bytes), []).export("run");
  if (!(run instanceof FuncInstance)) throw new Error("no run export");
  for (const n of [0, 1, 2, 7, 40]) {
    const expected = v8run(n);
    t.is(handWritten(n), expected, `n = ${n}`);
    t.is(invoke(run, [n])[0], expected, `compiled, n = ${n}`);
  }
});
