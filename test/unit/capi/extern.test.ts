import test from "ava";
import * as C from "../../../capi/index.js";
import { compile, env, instantiate } from "./helpers.js";

test("wasm_extern_kind, wasm_extern_type and the casts between externs and their kinds (same handle or null)", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (func (export "f") (param i32))
    (global (export "g") (mut f64) (f64.const 1))
    (table (export "t") 1 3 funcref)
    (memory (export "m") 2))`);
  const inst = instantiate(e.store, module);
  const ex: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_instance_exports(inst, ex);
  const [fx, gx, tx, mx] = ex.data as C.wasm_extern_t[];
  t.deepEqual([fx, gx, tx, mx].map((x) => C.wasm_extern_kind(x!)),
    [C.WASM_EXTERN_FUNC, C.WASM_EXTERN_GLOBAL, C.WASM_EXTERN_TABLE, C.WASM_EXTERN_MEMORY]);
  const f = C.wasm_extern_as_func(fx!)!;
  const g = C.wasm_extern_as_global(gx!)!;
  const tb = C.wasm_extern_as_table(tx!)!;
  const m = C.wasm_extern_as_memory(mx!)!;
  t.is(f as C.wasm_extern_t, fx);
  t.is(C.wasm_extern_as_global(fx!), null);
  t.is(C.wasm_extern_as_table(mx!), null);
  t.is(C.wasm_extern_as_memory(tx!), null);
  t.is(C.wasm_extern_as_func(gx!), null);
  t.is(C.wasm_func_as_extern(f), fx);
  t.is(C.wasm_global_as_extern(g), gx);
  t.is(C.wasm_table_as_extern(tb), tx);
  t.is(C.wasm_memory_as_extern(m), mx);
  t.is(C.wasm_func_as_extern_const(f), fx);
  t.is(C.wasm_global_as_extern_const(g), gx);
  t.is(C.wasm_table_as_extern_const(tb), tx);
  t.is(C.wasm_memory_as_extern_const(m), mx);
  t.is(C.wasm_extern_as_func_const(fx!), f);
  t.is(C.wasm_extern_as_global_const(gx!), g);
  t.is(C.wasm_extern_as_table_const(tx!), tb);
  t.is(C.wasm_extern_as_memory_const(mx!), m);
  t.is(C.wasm_extern_as_memory_const(fx!), null);
  t.is(C.wasm_func_as_extern(null), null);
  t.is(C.wasm_extern_as_func(null), null);
  const types = [fx, gx, tx, mx].map((x) => C.wasm_extern_type(x!));
  t.deepEqual(types.map(C.wasm_externtype_kind), [C.WASM_EXTERN_FUNC, C.WASM_EXTERN_GLOBAL, C.WASM_EXTERN_TABLE, C.WASM_EXTERN_MEMORY]);
  t.deepEqual({ ...C.wasm_memorytype_limits(C.wasm_externtype_as_memorytype(types[3]!)!) }, { min: 2, max: C.wasm_limits_max_default });
  t.is(C.wasm_globaltype_mutability(C.wasm_externtype_as_globaltype(types[1]!)!), C.WASM_VAR);
  types.forEach(C.wasm_externtype_delete);
  C.wasm_extern_vec_delete(ex);
  e.done();
});

test("extern vectors: new_empty, new_uninitialized, new, copy (new handles), delete (releases them)", async (t) => {
  const e = env();
  const mt = C.wasm_memorytype_new({ min: 0, max: 1 });
  const m = C.wasm_memory_new(e.store, mt)!;
  C.wasm_memorytype_delete(mt);
  const v: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_extern_vec_new_uninitialized(v, 1);
  t.deepEqual(v.data, [null]);
  C.wasm_extern_vec_new_empty(v);
  t.is(v.size, 0);
  C.wasm_extern_vec_new(v, 1, [C.wasm_memory_as_extern(m)]);
  const c: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_extern_vec_copy(c, v);
  t.not(c.data[0], v.data[0]);
  t.true(C.wasm_extern_same(c.data[0]!, v.data[0]!));
  C.wasm_extern_vec_delete(c);
  C.wasm_extern_vec_delete(v);
  t.throws(() => C.wasm_memory_size(m), { instanceOf: C.wasmts_error_t, message: /already deleted/ });
  e.done();
});
