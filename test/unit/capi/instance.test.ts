import test from "ava";
import * as C from "../../../capi/index.js";
import { call, compile, env, exportsOf, functype, message } from "./helpers.js";

test("wasm_instance_new links imports by position; wasm_instance_exports lists exports in order", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (import "" "one" (func $one (result i32)))
    (import "" "g" (global $g i32))
    (func (export "sum") (result i32) (i32.add (call $one) (global.get $g)))
    (global (export "copy") i32 (global.get $g)))`);
  const ft = functype([], [C.WASM_I32]);
  const one = C.wasm_func_new(e.store, ft, (_a, r) => { r.data[0] = C.WASM_I32_VAL(1); return null; });
  const gt = C.wasm_globaltype_new(C.wasm_valtype_new_i32(), C.WASM_CONST);
  const g = C.wasm_global_new(e.store, gt, C.WASM_I32_VAL(41));
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  const inst = C.wasm_instance_new(e.store, module, C.WASM_ARRAY_VEC([C.wasm_func_as_extern(one), C.wasm_global_as_extern(g)]), trap)!;
  t.truthy(inst);
  t.is(trap.value, null);
  const ex: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_instance_exports(inst, ex);
  t.is(ex.size, 2);
  t.is(call(C.wasm_extern_as_func(ex.data[0])!)[0]!.of.i32, 42);
  const out = C.WASM_INIT_VAL();
  C.wasm_global_get(C.wasm_extern_as_global(ex.data[1]), out);
  t.is(out.of.i32, 41);
  C.wasm_extern_vec_delete(ex);
  C.wasm_functype_delete(ft);
  C.wasm_globaltype_delete(gt);
  e.done();
});

test("a link error comes back through the trap out-parameter with the import's names and both types", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module (import "env" "f" (func (param i32))))`);
  const ft = functype([C.WASM_I64], []);
  const wrong = C.wasm_func_new(e.store, ft, () => null);
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  t.is(C.wasm_instance_new(e.store, module, C.WASM_ARRAY_VEC([C.wasm_func_as_extern(wrong)]), trap), null);
  const m = message(trap.value!);
  t.regex(m, /^incompatible import type/);
  t.regex(m, /"env" "f"/);
  t.regex(m, /\(func \(param i32\)\)/);
  t.regex(m, /\(func \(param i64\)\)/);
  C.wasm_trap_delete(trap.value);
  t.is(C.wasm_instance_new(e.store, module, C.WASM_EMPTY_VEC(), trap), null);
  t.regex(message(trap.value!), /^unknown import.*"env" "f"/);
  C.wasm_trap_delete(trap.value);
  // A null trap out-parameter ignores the reason.
  t.is(C.wasm_instance_new(e.store, module, C.WASM_EMPTY_VEC(), null), null);
  C.wasm_functype_delete(ft);
  e.done();
});

test("a trapping start function makes wasm_instance_new fail with that trap", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module (func $s (unreachable)) (start $s))`);
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  t.is(C.wasm_instance_new(e.store, module, C.WASM_EMPTY_VEC(), trap), null);
  t.regex(message(trap.value!), /^unreachable/);
  C.wasm_trap_delete(trap.value);
  e.done();
});

test("an instance keeps its imports alive: a deleted host function still runs, its finalizer waits for the instance", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module (import "" "f" (func $f (result i32))) (func (export "g") (result i32) (call $f)))`);
  const ft = functype([], [C.WASM_I32]);
  const finalized: unknown[] = [];
  const f = C.wasm_func_new_with_env(e.store, ft, (_e, _a, r) => { r.data[0] = C.WASM_I32_VAL(3); return null; }, "env", (x) => finalized.push(x));
  C.wasm_functype_delete(ft);
  const inst = C.wasm_instance_new(e.store, module, C.WASM_ARRAY_VEC([C.wasm_func_as_extern(f)]), null)!;
  C.wasm_func_delete(f);
  const ex = exportsOf(module, inst);
  C.wasm_module_delete(module);
  C.wasm_instance_delete(inst);
  // The export handle keeps the instance alive, which keeps the host function alive.
  t.is(call(C.wasm_extern_as_func(ex.get("g"))!)[0]!.of.i32, 3);
  t.deepEqual(finalized, []);
  C.wasm_extern_vec_delete(ex.vec);
  t.deepEqual(finalized, ["env"]);
  e.done();
  t.deepEqual(finalized, ["env"]);
});
