import test from "ava";
import * as C from "../../../capi/index.js";
import { call, compile, env, exportsOf, functype, instantiate } from "./helpers.js";

function tabletype(kind: number, min: number, max: number): C.wasm_tabletype_t {
  return C.wasm_tabletype_new(C.wasm_valtype_new(kind), { min, max });
}

test("wasm_table_new, wasm_table_type, wasm_table_size, wasm_table_get/set with bounds, wasm_table_grow with its maximum", (t) => {
  const e = env();
  const tt = tabletype(C.WASM_EXTERNREF, 2, 4);
  const f = C.wasm_foreign_new(e.store);
  const table = C.wasm_table_new(e.store, tt, C.wasm_foreign_as_ref(f))!;
  C.wasm_tabletype_delete(tt);
  t.is(C.wasm_table_size(table), 2);
  const r = C.wasm_table_get(table, 1)!;
  t.true(C.wasm_ref_same(r, C.wasm_foreign_as_ref(f)!));
  C.wasm_ref_delete(r);
  t.true(C.wasm_table_set(table, 0, null));
  t.is(C.wasm_table_get(table, 0), null);
  t.is(C.wasm_table_get(table, 2), null);
  t.false(C.wasm_table_set(table, 2, null));
  t.true(C.wasm_table_grow(table, 2, null));
  t.is(C.wasm_table_size(table), 4);
  t.false(C.wasm_table_grow(table, 1, null));
  t.true(C.wasm_table_grow(table, 0, null));
  const type = C.wasm_table_type(table);
  t.deepEqual({ ...C.wasm_tabletype_limits(type) }, { min: 4, max: 4 });
  C.wasm_tabletype_delete(type);
  const bad = tabletype(C.WASM_FUNCREF, 3, 2);
  t.is(C.wasm_table_new(e.store, bad, null), null);
  C.wasm_tabletype_delete(bad);
  e.done();
});

test("a function table takes functions, host-made or exported, and wasm calls them through it", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (table (export "t") 2 funcref)
    (func (export "ci") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))`);
  const inst = instantiate(e.store, module);
  const ex = exportsOf(module, inst);
  const table = C.wasm_extern_as_table(ex.get("t"))!;
  const ft = functype([], [C.WASM_I32]);
  const h = C.wasm_func_new(e.store, ft, (_a, r) => { r.data[0] = C.WASM_I32_VAL(99); return null; });
  t.true(C.wasm_table_set(table, 1, C.wasm_func_as_ref(h)));
  t.is(call(C.wasm_extern_as_func(ex.get("ci"))!, C.WASM_I32_VAL(1))[0]!.of.i32, 99);
  const back = C.wasm_table_get(table, 1)!;
  t.true(C.wasm_func_same(C.wasm_ref_as_func(back)!, h));
  C.wasm_ref_delete(back);
  const foreign = C.wasm_foreign_new(e.store);
  t.throws(() => C.wasm_table_set(table, 0, C.wasm_foreign_as_ref(foreign)), { instanceOf: C.wasmts_error_t });
  t.throws(() => C.wasm_table_grow(table, 1, C.wasm_foreign_as_ref(foreign)), { instanceOf: C.wasmts_error_t });
  t.true(C.wasm_table_grow(table, 1, C.wasm_func_as_ref(h)));
  t.is(call(C.wasm_extern_as_func(ex.get("ci"))!, C.WASM_I32_VAL(2))[0]!.of.i32, 99);
  C.wasm_functype_delete(ft);
  C.wasm_extern_vec_delete(ex.vec);
  e.done();
});
