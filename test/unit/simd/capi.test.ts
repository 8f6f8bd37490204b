import test from "ava";
import * as C from "../../../capi/index.js";
import { call, compile, env, exportsOf, functype, instantiate } from "../capi/helpers.js";

/** A WASM_V128 value from four i32 lanes. */
function v128(...lanes: number[]): C.wasm_val_t {
  return { kind: C.WASM_V128, of: { v128: new Uint8Array(Int32Array.from(lanes).buffer) } };
}

function lanes(v: C.wasm_val_t): number[] {
  return [...new Int32Array(v.of.v128!.slice().buffer)];
}

test("issue 6: wasm_func_call passes and returns v128 values (WASM_V128, of.v128)", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
    (func (export "swap") (param v128 i32) (result i32 v128)
      (local.get 1) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0))))`);
  const instance = instantiate(e.store, module);
  const ex = exportsOf(module, instance);
  const add = C.wasm_extern_as_func(ex.get("add"))!;
  const [sum] = call(add, v128(1, 2, 3, 0x7fffffff), v128(10, 20, 30, 1));
  t.is(sum!.kind, C.WASM_V128);
  t.deepEqual(lanes(sum!), [11, 22, 33, -0x80000000]);
  const [n, swapped] = call(C.wasm_extern_as_func(ex.get("swap"))!, v128(1, 2, 3, 4), C.WASM_I32_VAL(7));
  t.deepEqual(n, C.WASM_I32_VAL(7));
  t.deepEqual(lanes(swapped!), [3, 4, 1, 2]);
  C.wasm_extern_vec_delete(ex.vec);
  C.wasm_instance_delete(instance);
  C.wasm_module_delete(module);
  e.done();
});

test("issue 6: a host callback receives and returns v128 values called from wasm", async (t) => {
  const e = env();
  const ft = functype([C.WASM_V128, C.WASM_I32], [C.WASM_V128]);
  let seen: number[] = [];
  const host = C.wasm_func_new(e.store, ft, (args, results) => {
    seen = lanes(args.data[0]!);
    const k = args.data[1]!.of.i32!;
    results.data[0] = v128(...seen.map((x) => x * k));
    return null;
  });
  C.wasm_functype_delete(ft);
  const module = await compile(e.store, `(module
    (import "" "scale" (func $scale (param v128 i32) (result v128)))
    (func (export "run") (param v128) (result v128)
      (i32x4.add (call $scale (local.get 0) (i32.const 3)) (v128.const i32x4 1 1 1 1))))`);
  const instance = instantiate(e.store, module, [C.wasm_func_as_extern(host)]);
  const ex = exportsOf(module, instance);
  const [r] = call(C.wasm_extern_as_func(ex.get("run"))!, v128(1, -2, 3, 100));
  t.deepEqual(seen, [1, -2, 3, 100]);
  t.deepEqual(lanes(r!), [4, -5, 10, 301]);
  C.wasm_extern_vec_delete(ex.vec);
  C.wasm_instance_delete(instance);
  C.wasm_module_delete(module);
  C.wasm_func_delete(host);
  e.done();
});

test("issue 6: a v128 global is read and written through wasm_global_get/set and seen by wasm", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (global $g (export "g") (mut v128) (v128.const i32x4 5 6 7 8))
    (func (export "get") (result v128) (global.get $g)))`);
  const instance = instantiate(e.store, module);
  const ex = exportsOf(module, instance);
  const g = C.wasm_extern_as_global(ex.get("g"))!;
  const out = C.WASM_INIT_VAL();
  C.wasm_global_get(g, out);
  t.deepEqual(lanes(out), [5, 6, 7, 8]);
  C.wasm_global_set(g, v128(-1, 0, 1, 2));
  const [r] = call(C.wasm_extern_as_func(ex.get("get"))!);
  t.deepEqual(lanes(r!), [-1, 0, 1, 2]);
  C.wasm_extern_vec_delete(ex.vec);
  C.wasm_instance_delete(instance);
  C.wasm_module_delete(module);
  e.done();
});
