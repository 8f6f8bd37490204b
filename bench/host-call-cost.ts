/**
 * The host-call workload of issue 14 (must-show 3): what one wasm -> host
 * call costs, in ns, on each path and each tier, beside a JavaScript import
 * called by V8's own WebAssembly in the same run. A wasm loop calls an
 * imported `(i32) -> i32` function `n` times and sums its results:
 *
 * - engine-level host function (`FuncInstance`), as most host functions are;
 * - engine-level *leaf* host function (WASI's kind: never re-enters wasm);
 * - a `wasm_func_new` callback through the C API (values as `wasm_val_t`).
 *
 * The loop's own cost is included (a few ns on V8), so figures are upper bounds.
 * @module
 */
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_I32, WASM_I32_VAL, WASM_INIT_VAL, wasm_byte_vec_new, wasm_config_new,
  wasm_engine_delete, wasm_engine_new_with_config, wasm_extern_as_func, wasm_extern_vec_delete, wasm_func_as_extern,
  wasm_func_call, wasm_func_delete, wasm_func_new, wasm_functype_delete, wasm_functype_new_1_1, wasm_instance_delete,
  wasm_instance_exports, wasm_instance_new, wasm_module_delete, wasm_module_new, wasm_store_delete, wasm_store_new,
  wasm_valtype_new_i32, wasmts_config_set_tier, type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_val_vec_t,
} from "../capi/index.js";
import { compileModule, FuncInstance, instantiate, invoke, Store, ValType } from "../impl/index.js";

// (module (import "h" "f" (func $f (param i32) (result i32)))
//   (func (export "run") (param i32) (result i32) (local i32)
//     (loop $l (local.set 1 (i32.add (local.get 1) (call $f (local.get 0))))
//       (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
//     (local.get 1)))
const BYTES = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, // type 0: (i32) -> i32
  0x02, 0x07, 0x01, 0x01, 0x68, 0x01, 0x66, 0x00, 0x00, // import "h" "f" func type 0
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x07, 0x07, 0x01, 0x03, 0x72, 0x75, 0x6e, 0x00, 0x01, // export "run" func 1
  0x0a, 0x1d, 0x01, 0x1b, 0x01, 0x01, 0x7f, // code: one body, one local i32
  0x03, 0x40, // loop
  0x20, 0x01, 0x20, 0x00, 0x10, 0x00, 0x6a, 0x21, 0x01, // local.get 1, local.get 0, call 0, i32.add, local.set 1
  0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00, 0x0d, 0x00, // local.get 0, i32.const 1, i32.sub, local.tee 0, br_if 0
  0x0b, 0x20, 0x01, 0x0b, // end loop, local.get 1, end
]);

/** The little of V8's own WebAssembly API this file uses (the Node typings do not declare it). */
interface V8WebAssembly {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const V8Wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;

/** What the host function returns for `x`: cheap, and not constant, so the sum checks every call. */
const answer = (x: number): number => x & 7;

/** The sum the loop returns for `n` calls: answer(n) + ... + answer(1). */
function expectedSum(n: number): number {
  let s = 0;
  for (let x = n; x > 0; x--) s = (s + answer(x)) | 0;
  return s;
}

type Path = "host" | "leaf" | "capi";

/** One run on our engine: ms for `n` calls through `path` on `tier`, and whether the sum is right. */
function ours(path: Path, tier: "interpreter" | "compiler", n: number): { ms: number; ok: boolean } {
  if (path === "capi") return oursCapi(tier, n);
  const f = new FuncInstance({ params: [ValType.I32], results: [ValType.I32] }, null, -1, (args) => [answer(args[0] as number)]);
  f.leaf = path === "leaf";
  const inst = instantiate(new Store({ tier }), compileModule(BYTES), [f]);
  const run = inst.export("run") as FuncInstance;
  const t0 = performance.now();
  const [sum] = invoke(run, [n]);
  return { ms: performance.now() - t0, ok: sum === expectedSum(n) };
}

function oursCapi(tier: "interpreter" | "compiler", n: number): { ms: number; ok: boolean } {
  const config = wasm_config_new();
  wasmts_config_set_tier(config, tier);
  const engine = wasm_engine_new_with_config(config);
  const store = wasm_store_new(engine)!;
  const binary: wasm_byte_vec_t = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, BYTES.length, BYTES);
  const module = wasm_module_new(store, binary)!;
  const type = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  const func = wasm_func_new(store, type, (args: wasm_val_vec_t, results: wasm_val_vec_t) => {
    results.data[0]!.kind = WASM_I32;
    results.data[0]!.of.i32 = answer(args.data[0]!.of.i32 as number);
    return null;
  })!;
  wasm_functype_delete(type);
  const instance = wasm_instance_new(store, module, WASM_ARRAY_VEC([wasm_func_as_extern(func)]), null)!;
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  const run = wasm_extern_as_func(exports.data[0]!)!;
  const results = WASM_ARRAY_VEC([WASM_INIT_VAL()]);
  const t0 = performance.now();
  const trap = wasm_func_call(run, WASM_ARRAY_VEC([WASM_I32_VAL(n)]), results);
  const ms = performance.now() - t0;
  const ok = trap === null && results.data[0]!.of.i32 === expectedSum(n);
  wasm_extern_vec_delete(exports);
  wasm_instance_delete(instance);
  wasm_func_delete(func);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return { ms, ok };
}

/** One run on V8's own WebAssembly with a JavaScript import. */
async function v8(n: number): Promise<{ ms: number; ok: boolean }> {
  const { instance } = await V8Wasm.instantiate(BYTES, { h: { f: (x: number) => answer(x) } });
  const run = instance.exports["run"] as (n: number) => number;
  const t0 = performance.now();
  const sum = run(n);
  return { ms: performance.now() - t0, ok: sum === expectedSum(n) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/**
 * Prints one line per path and tier: ns per call on ours and on V8 (a
 * JavaScript import), and the ratio; returns the number of wrong sums.
 */
export async function hostCallCostWorkload(runs: number, quick: boolean): Promise<number> {
  const n = quick ? 100_000 : 1_000_000;
  const v8times: number[] = [];
  let failures = 0;
  for (let r = 0; r < runs; r++) {
    const t = await v8(n);
    if (!t.ok) failures++;
    v8times.push(t.ms);
  }
  const v8ns = median(v8times) * 1e6 / n;
  for (const path of ["host", "leaf", "capi"] as const) {
    for (const tier of ["interpreter", "compiler"] as const) {
      const times: number[] = [];
      let ok = true;
      for (let r = 0; r < runs; r++) {
        const t = ours(path, tier, n);
        ok &&= t.ok;
        times.push(t.ms);
      }
      if (!ok) failures++;
      const ns = median(times) * 1e6 / n;
      const label = `call ${path} ${tier === "compiler" ? "c" : "i"}`;
      console.log(`${label.padEnd(22)} ${String(n).padEnd(9)} ${ok ? "ok" : "WRONG"}   ns per call: V8 + JS import ${v8ns.toFixed(0)}, ours ${ns.toFixed(0)} (${(ns / v8ns).toFixed(1)}x)`);
    }
  }
  return failures;
}
