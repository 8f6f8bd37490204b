import test from "ava";
import * as C from "../../../capi/index.js";
import { compile, env, functype } from "./helpers.js";

const misuse = (message: RegExp) => ({ instanceOf: C.wasmts_error_t, message });

test("an object of another store is refused, naming the function", async (t) => {
  const a = env();
  const b = env();
  const module = await compile(b.store, `(module (import "" "g" (global i32)) (table (export "t") 1 externref))`);
  const gt = C.wasm_globaltype_new(C.wasm_valtype_new_i32(), C.WASM_CONST);
  const g = C.wasm_global_new(a.store, gt, C.WASM_I32_VAL(1));
  t.throws(() => C.wasm_instance_new(b.store, module, C.WASM_ARRAY_VEC([C.wasm_global_as_extern(g)]), null),
    misuse(/^wasm_instance_new: the wasm_global_t belongs to another store/));
  const tt = C.wasm_tabletype_new(C.wasm_valtype_new_externref(), { min: 1, max: 1 });
  const table = C.wasm_table_new(b.store, tt, null)!;
  const foreign = C.wasm_foreign_new(a.store);
  t.throws(() => C.wasm_table_set(table, 0, C.wasm_foreign_as_ref(foreign)), misuse(/^wasm_table_set: .*another store/));
  C.wasm_globaltype_delete(gt);
  C.wasm_tabletype_delete(tt);
  a.done();
  b.done();
});

test("a deleted handle is refused; other handles of the object still work", (t) => {
  const e = env();
  const ft = functype([], []);
  const f = C.wasm_func_new(e.store, ft, () => null);
  const copy = C.wasm_func_copy(f);
  C.wasm_func_delete(f);
  t.throws(() => C.wasm_func_call(f, null, null), misuse(/^wasm_func_call: the wasm_func_t handle was already deleted/));
  t.throws(() => C.wasm_func_type(f), misuse(/already deleted/));
  t.is(C.wasm_func_call(copy, null, null), null);
  C.wasm_functype_delete(ft);
  e.done();
});

test("values of the wrong kind are refused wherever they enter", (t) => {
  const e = env();
  const gt = C.wasm_globaltype_new(C.wasm_valtype_new_f64(), C.WASM_VAR);
  const g = C.wasm_global_new(e.store, gt, C.WASM_F64_VAL(0));
  t.throws(() => C.wasm_global_set(g, C.WASM_I32_VAL(1)), misuse(/has kind WASM_I32, expected WASM_F64/));
  t.throws(() => C.wasm_global_set(g, { kind: C.WASM_F64, of: {} }), misuse(/no number in of.f64/));
  t.throws(() => C.wasm_global_set(g, null), misuse(/not a wasm_val_t/));
  const ft = functype([C.WASM_I64], []);
  const f = C.wasm_func_new(e.store, ft, () => null);
  t.throws(() => C.wasm_func_call(f, C.WASM_ARRAY_VEC([{ kind: C.WASM_I64, of: { i64: "1" as unknown as bigint } }]), null), misuse(/no bigint/));
  t.throws(() => C.wasm_valtype_new(99), misuse(/not a wasm_valkind_t/));
  C.wasm_globaltype_delete(gt);
  C.wasm_functype_delete(ft);
  e.done();
});

test("a handle of the wrong class is refused", (t) => {
  const e = env();
  const foreign = C.wasm_foreign_new(e.store);
  t.throws(() => C.wasm_func_call(foreign as unknown as C.wasm_func_t, null, null), misuse(/got a wasm_foreign_t where a wasm_func_t was expected/));
  t.throws(() => C.wasm_memory_data({} as C.wasm_memory_t), misuse(/got a plain object where a wasm_memory_t was expected/));
  e.done();
});

test("issue 12: the engine where a store is expected is a wasmts_error_t at every entry point that takes a store", (t) => {
  const e = env();
  const engine = e.engine as unknown as C.wasm_store_t;
  const bytes = C.WASM_ARRAY_VEC(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  const ft = functype([], []);
  const calls: [string, () => unknown][] = [
    ["wasm_module_new", () => C.wasm_module_new(engine, bytes)],
    ["wasm_module_validate", () => C.wasm_module_validate(engine, bytes)],
    ["wasm_module_deserialize", () => C.wasm_module_deserialize(engine, bytes)],
    ["wasm_func_new", () => C.wasm_func_new(engine, ft, () => null)],
    ["wasm_func_new_with_env", () => C.wasm_func_new_with_env(engine, ft, () => null, null, null)],
    ["wasm_instance_new", () => C.wasm_instance_new(engine, null, null, null)],
    ["wasm_memory_new", () => C.wasm_memory_new(engine, null)],
    ["wasm_table_new", () => C.wasm_table_new(engine, null, null)],
    ["wasm_global_new", () => C.wasm_global_new(engine, null, null)],
    ["wasm_trap_new", () => C.wasm_trap_new(engine, bytes)],
    ["wasm_foreign_new", () => C.wasm_foreign_new(engine)],
    ["wasm_tag_new", () => C.wasm_tag_new(engine, null)],
    ["wasmts_linker_new", () => C.wasmts_linker_new(engine, null)],
    ["wasmts_loader_new", () => C.wasmts_loader_new(engine, null)],
    ["wasmts_instance_new_with_registry", () => C.wasmts_instance_new_with_registry(engine, null, null, null, null)],
    ["wasmts_trap_new_exception", () => C.wasmts_trap_new_exception(engine, null, null)],
    ["wasmts_module_last_error", () => C.wasmts_module_last_error(engine, C.WASM_EMPTY_VEC())],
  ];
  for (const [name, call] of calls) {
    t.throws(call, misuse(new RegExp(`^${name}: got a wasm_engine_t where a wasm_store_t was expected`)), name);
  }
  C.wasm_functype_delete(ft);
  e.done();
});

test("issue 12: a vector size past the limit is a wasmts_error_t, not a RangeError", (t) => {
  const out = C.WASM_EMPTY_VEC();
  t.throws(() => C.wasm_valtype_vec_new_uninitialized(out, 2 ** 40), misuse(/^wasm_valtype_vec_new_uninitialized: size 1099511627776 is above the limit/));
  t.throws(() => C.wasm_extern_vec_new_uninitialized(out, 2 ** 32), misuse(/above the limit of 10000000/));
  t.throws(() => C.wasm_val_vec_new_uninitialized(out, 2 ** 40), misuse(/^wasm_val_vec_new_uninitialized: /));
  t.throws(() => C.wasm_byte_vec_new_uninitialized(out, 2 ** 40), misuse(/^wasm_byte_vec_new_uninitialized: size 1099511627776 is above the limit/));
  t.throws(() => C.wasm_byte_vec_new(out, 2 ** 40, new Uint8Array(1)), misuse(/^wasm_byte_vec_new: /));
  t.deepEqual(out, C.WASM_EMPTY_VEC(), "nothing changed");
});

test("issue 12: wasm_val_init_ptr takes NULL, as C does, and refuses what is no pointer", (t) => {
  const v = C.WASM_INIT_VAL();
  C.wasm_val_init_ptr(v, null);
  t.is(v.kind, C.WASM_I64);
  t.is(C.wasm_val_ptr(v), 0n);
  C.wasm_val_init_ptr(v, 12345);
  t.is(C.wasm_val_ptr(v), 12345n);
  t.throws(() => C.wasm_val_init_ptr(v, 1.5), misuse(/^wasm_val_init_ptr: 1.5 is not an integer/));
  t.throws(() => C.wasm_val_ptr(C.WASM_F64_VAL(1)), misuse(/^wasm_val_ptr: the value has WASM_F64, not a pointer/));
});

test("issue 12: a malformed results vector is refused before the call runs, so misuse changes nothing", (t) => {
  const e = env();
  const ft = functype([], [C.WASM_I32]);
  let calls = 0;
  const f = C.wasm_func_new(e.store, ft, (_args, results) => {
    calls++;
    results.data[0] = C.WASM_I32_VAL(1);
    return null;
  });
  t.throws(() => C.wasm_func_call(f, null, { size: 3, data: [] }), misuse(/^wasm_func_call: the vector's data holds fewer than its size/));
  t.is(calls, 0);
  t.is(C.wasm_func_call(f, undefined as unknown as null, undefined as unknown as null), null, "undefined reads as NULL");
  t.is(calls, 1);
  C.wasm_func_delete(f);
  C.wasm_functype_delete(ft);
  e.done();
});
