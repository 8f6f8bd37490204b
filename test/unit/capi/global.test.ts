import test from "ava";
import * as C from "../../../capi/index.js";
import { call, compile, env, exportsOf, instantiate } from "./helpers.js";

test("wasm_global_new, wasm_global_type, wasm_global_get (in place), wasm_global_set", (t) => {
  const e = env();
  const gt = C.wasm_globaltype_new(C.wasm_valtype_new_i64(), C.WASM_VAR);
  const g = C.wasm_global_new(e.store, gt, C.WASM_I64_VAL(-5n));
  C.wasm_globaltype_delete(gt);
  const type = C.wasm_global_type(g);
  t.is(C.wasm_globaltype_mutability(type), C.WASM_VAR);
  t.is(C.wasm_valtype_kind(C.wasm_globaltype_content(type)), C.WASM_I64);
  C.wasm_globaltype_delete(type);
  const out = C.WASM_INIT_VAL();
  const before = out;
  C.wasm_global_get(g, out);
  t.is(out, before);
  t.deepEqual(out, C.WASM_I64_VAL(-5n));
  C.wasm_global_set(g, C.WASM_I64_VAL(0xffffffffffffffffn));
  C.wasm_global_get(g, out);
  t.is(out.of.i64, -1n);
  C.wasm_global_delete(g);
  e.done();
});

test("wasm_global_set on a const global and values of the wrong kind are clear errors", (t) => {
  const e = env();
  const gt = C.wasm_globaltype_new(C.wasm_valtype_new_i32(), C.WASM_CONST);
  t.throws(() => C.wasm_global_new(e.store, gt, C.WASM_F32_VAL(1)), { instanceOf: C.wasmts_error_t, message: /has kind WASM_F32, expected WASM_I32/ });
  const g = C.wasm_global_new(e.store, gt, C.WASM_I32_VAL(1));
  t.throws(() => C.wasm_global_set(g, C.WASM_I32_VAL(2)), { instanceOf: C.wasmts_error_t, message: /wasm_global_set: the global is const/ });
  const out = C.WASM_INIT_VAL();
  C.wasm_global_get(g, out);
  t.is(out.of.i32, 1);
  C.wasm_globaltype_delete(gt);
  e.done();
});

test("a host global imported by an instance is the same cell for both (set from either side)", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (global $g (import "" "g") (mut i32))
    (func (export "get") (result i32) (global.get $g))
    (func (export "set") (param i32) (global.set $g (local.get 0))))`);
  const gt = C.wasm_globaltype_new(C.wasm_valtype_new_i32(), C.WASM_VAR);
  const g = C.wasm_global_new(e.store, gt, C.WASM_I32_VAL(10));
  C.wasm_globaltype_delete(gt);
  const inst = instantiate(e.store, module, [C.wasm_global_as_extern(g)]);
  const ex = exportsOf(module, inst);
  C.wasm_global_set(g, C.WASM_I32_VAL(11));
  t.is(call(C.wasm_extern_as_func(ex.get("get"))!)[0]!.of.i32, 11);
  call(C.wasm_extern_as_func(ex.get("set"))!, C.WASM_I32_VAL(12));
  const out = C.WASM_INIT_VAL();
  C.wasm_global_get(g, out);
  t.is(out.of.i32, 12);
  C.wasm_extern_vec_delete(ex.vec);
  e.done();
});

test("funcref globals hold functions: what comes out is the same function", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module (func $f (export "f")) (global (export "g") (mut funcref) (ref.func $f)))`);
  const inst = instantiate(e.store, module);
  const ex = exportsOf(module, inst);
  const out = C.WASM_INIT_VAL();
  C.wasm_global_get(C.wasm_extern_as_global(ex.get("g")), out);
  t.is(out.kind, C.WASM_FUNCREF);
  t.true(C.wasm_func_same(C.wasm_ref_as_func(out.of.ref!)!, C.wasm_extern_as_func(ex.get("f"))!));
  C.wasm_val_delete(out);
  // A funcref global takes only functions.
  const foreign = C.wasm_foreign_new(e.store);
  t.throws(() => C.wasm_global_set(C.wasm_extern_as_global(ex.get("g")), C.WASM_REF_VAL(C.wasm_foreign_as_ref(foreign))),
    { instanceOf: C.wasmts_error_t, message: /funcref/ });
  C.wasm_global_set(C.wasm_extern_as_global(ex.get("g")), { kind: C.WASM_FUNCREF, of: { ref: null } });
  C.wasm_global_get(C.wasm_extern_as_global(ex.get("g")), out);
  t.is(out.of.ref, null);
  C.wasm_extern_vec_delete(ex.vec);
  e.done();
});
