import test from "ava";
import * as C from "../../../capi/index.js";
import { TABLE_SIZE_LIMIT } from "../../../impl/base/limits.js";
import { wat, WASM3_FEATURES } from "../../helpers/wat.js";
import { byteVec, call, env, exportsOf, instantiate } from "./helpers.js";

/** Compiles Wasm 3.0 module text (memory64/table64 syntax) in a store. */
async function compile3(store: C.wasm_store_t, text: string): Promise<C.wasm_module_t> {
  const binary = byteVec(await wat(text, WASM3_FEATURES));
  const module = C.wasm_module_new(store, binary);
  C.wasm_byte_vec_delete(binary);
  if (!module) throw new Error("module did not compile");
  return module;
}

/** The maximum a `_maximum` query reports: the number, or null when it says there is none (and leaves `out` alone). */
function maximumOf(query: (out: { value: number }) => boolean): number | null {
  const out = { value: -42 };
  const has = query(out);
  if (!has && out.value !== -42) throw new Error("the out-parameter was written without a maximum");
  return has ? out.value : null;
}

test("wasmts_memorytype_new makes 64-bit memory types up to 2^48 pages; the queries give exact bounds, wasm_memorytype_limits saturated ones", (t) => {
  const mt = C.wasmts_memorytype_new(2 ** 40, true, 2 ** 48, true, false)!;
  t.true(C.wasmts_memorytype_is64(mt));
  t.false(C.wasmts_memorytype_isshared(mt));
  t.is(C.wasmts_memorytype_minimum(mt), 2 ** 40);
  t.is(maximumOf((o) => C.wasmts_memorytype_maximum(mt, o)), 2 ** 48);
  t.deepEqual({ ...C.wasm_memorytype_limits(mt) }, { min: 0xffffffff, max: 0xffffffff });
  const copy = C.wasm_memorytype_copy(mt);
  t.true(C.wasmts_memorytype_is64(copy));
  t.is(maximumOf((o) => C.wasmts_memorytype_maximum(copy, o)), 2 ** 48);
  const small = C.wasmts_memorytype_new(1, false, 0, true, false)!;
  t.deepEqual({ ...C.wasm_memorytype_limits(small) }, { min: 1, max: C.wasm_limits_max_default });
  t.is(maximumOf((o) => C.wasmts_memorytype_maximum(small, o)), null);
  // Impossible types are null; a bound that is no uint64_t is misuse.
  t.is(C.wasmts_memorytype_new(2 ** 48 + 1, false, 0, true, false), null);
  t.is(C.wasmts_memorytype_new(1, true, 2 ** 48 + 1, true, false), null);
  t.is(C.wasmts_memorytype_new(3, true, 2, true, false), null);
  t.throws(() => C.wasmts_memorytype_new(-1, false, 0, true, false), { instanceOf: C.wasmts_error_t });
  t.throws(() => C.wasmts_memorytype_new(1.5, false, 0, true, false), { instanceOf: C.wasmts_error_t });
  t.throws(() => C.wasmts_memorytype_new(2 ** 32, false, 0, false, false), { instanceOf: C.wasmts_error_t }, "a 32-bit type's bound is a page count");
  // The standard constructor makes 32-bit types, which the queries read the same way.
  const std = C.wasm_memorytype_new({ min: 1, max: 3 });
  t.false(C.wasmts_memorytype_is64(std));
  t.is(C.wasmts_memorytype_minimum(std), 1);
  t.is(maximumOf((o) => C.wasmts_memorytype_maximum(std, o)), 3);
  t.is(maximumOf((o) => C.wasmts_memorytype_maximum(C.wasm_memorytype_new({ min: 1, max: C.wasm_limits_max_default }), o)), null);
  t.throws(() => C.wasmts_memorytype_maximum(std, null), { instanceOf: C.wasmts_error_t });
  for (const x of [mt, copy, small, std]) C.wasm_memorytype_delete(x);
});

test("wasmts_tabletype_new makes 64-bit table types with u64 bounds; the queries give them exactly, wasm_tabletype_limits saturated", (t) => {
  const tt = C.wasmts_tabletype_new(C.wasm_valtype_new_funcref(), 2 ** 33, true, 2 ** 50, true)!;
  t.true(C.wasmts_tabletype_is64(tt));
  t.is(C.wasm_valtype_kind(C.wasm_tabletype_element(tt)), C.WASM_FUNCREF);
  t.is(C.wasmts_tabletype_minimum(tt), 2 ** 33);
  t.is(maximumOf((o) => C.wasmts_tabletype_maximum(tt, o)), 2 ** 50);
  t.deepEqual({ ...C.wasm_tabletype_limits(tt) }, { min: 0xffffffff, max: 0xffffffff });
  const copy = C.wasm_tabletype_copy(tt);
  t.true(C.wasmts_tabletype_is64(copy));
  t.is(C.wasmts_tabletype_minimum(copy), 2 ** 33);
  const full = C.wasmts_tabletype_new(C.wasm_valtype_new_externref(), 0, true, 2 ** 64, true)!;
  t.is(maximumOf((o) => C.wasmts_tabletype_maximum(full, o)), 2 ** 64, "2^64 - 1 as a number");
  const narrow = C.wasmts_tabletype_new(C.wasm_valtype_new_funcref(), 1, false, 0, false)!;
  t.false(C.wasmts_tabletype_is64(narrow));
  t.is(maximumOf((o) => C.wasmts_tabletype_maximum(narrow, o)), null);
  t.false(C.wasmts_tabletype_is64(C.wasm_tabletype_new(C.wasm_valtype_new_funcref(), { min: 1, max: 2 })));
  t.is(C.wasmts_tabletype_new(C.wasm_valtype_new_funcref(), 3, true, 2, true), null);
  t.throws(() => C.wasmts_tabletype_new(C.wasm_valtype_new_i32(), 0, false, 0, true), { instanceOf: C.wasmts_error_t });
  t.throws(() => C.wasmts_tabletype_new(C.wasm_valtype_new_funcref(), 2 ** 65, false, 0, true), { instanceOf: C.wasmts_error_t });
  t.throws(() => C.wasmts_tabletype_new(C.wasm_valtype_new_funcref(), 2 ** 32, false, 0, false), { instanceOf: C.wasmts_error_t });
  for (const x of [tt, copy, full, narrow]) C.wasm_tabletype_delete(x);
});

test("a 64-bit table through wasm_table_*: indices and deltas past 2^32 are failures, not misuse; sizes stay under TABLE_SIZE_LIMIT", (t) => {
  const e = env();
  const tt = C.wasmts_tabletype_new(C.wasm_valtype_new_externref(), 2, true, 2 ** 40, true)!;
  const f = C.wasm_foreign_new(e.store);
  const table = C.wasm_table_new(e.store, tt, null)!;
  t.is(C.wasm_table_size(table), 2);
  t.true(C.wasm_table_set(table, 1, C.wasm_foreign_as_ref(f)));
  t.false(C.wasm_table_set(table, 2 ** 32 + 1, null));
  t.is(C.wasm_table_get(table, 2 ** 32 + 1), null);
  t.is(C.wasm_table_get(table, 2 ** 64), null);
  t.false(C.wasm_table_grow(table, 2 ** 33, null), "within the declared 2^40, beyond the engine's limit");
  t.false(C.wasm_table_grow(table, TABLE_SIZE_LIMIT, null));
  t.true(C.wasm_table_grow(table, 3, null));
  t.is(C.wasm_table_size(table), 5);
  t.throws(() => C.wasm_table_get(table, 2 ** 65), { instanceOf: C.wasmts_error_t });
  t.throws(() => C.wasm_table_grow(table, -1, null), { instanceOf: C.wasmts_error_t });
  const type = C.wasm_table_type(table);
  t.true(C.wasmts_tabletype_is64(type));
  t.is(C.wasmts_tabletype_minimum(type), 5);
  t.is(maximumOf((o) => C.wasmts_tabletype_maximum(type, o)), 2 ** 40);
  C.wasm_tabletype_delete(type);
  // A valid type whose minimum the engine will not make.
  const huge = C.wasmts_tabletype_new(C.wasm_valtype_new_externref(), 2 ** 33, false, 0, true)!;
  t.is(C.wasm_table_new(e.store, huge, null), null);
  C.wasm_tabletype_delete(huge);
  C.wasm_tabletype_delete(tt);
  e.done();
});

test("wasm_module_imports/exports report 64-bit table and memory types; a host table64 links only to a table64 import and wasm calls through it", async (t) => {
  const e = env();
  const module = await compile3(e.store, `(module
    (type $r (func (result i32)))
    (import "m" "t" (table i64 1 0x1_0000_0000 funcref))
    (import "m" "mem" (memory i64 1 2))
    (table (export "own") i64 2 funcref)
    (func (export "ci") (param i64) (result i32) (call_indirect 0 (type $r) (local.get 0))))`);
  const imports: C.wasm_importtype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_imports(module, imports);
  const it = C.wasm_externtype_as_tabletype_const(C.wasm_importtype_type(imports.data[0]!))!;
  t.true(C.wasmts_tabletype_is64(it));
  t.is(maximumOf((o) => C.wasmts_tabletype_maximum(it, o)), 2 ** 32);
  t.deepEqual({ ...C.wasm_tabletype_limits(it) }, { min: 1, max: 0xffffffff });
  const im = C.wasm_externtype_as_memorytype_const(C.wasm_importtype_type(imports.data[1]!))!;
  t.true(C.wasmts_memorytype_is64(im));
  t.is(C.wasmts_memorytype_minimum(im), 1);
  t.is(maximumOf((o) => C.wasmts_memorytype_maximum(im, o)), 2);
  C.wasm_importtype_vec_delete(imports);
  const exports: C.wasm_exporttype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_exports(module, exports);
  const et = C.wasm_externtype_as_tabletype_const(C.wasm_exporttype_type(exports.data[0]!))!;
  t.true(C.wasmts_tabletype_is64(et));
  t.is(C.wasmts_tabletype_minimum(et), 2);
  C.wasm_exporttype_vec_delete(exports);
  C.wasm_module_delete(module);

  // Linking (tables only: this module imports no memory).
  const user = await compile3(e.store, `(module
    (type $r (func (result i32)))
    (import "m" "t" (table i64 1 funcref))
    (func (export "ci") (param i64) (result i32) (call_indirect 0 (type $r) (local.get 0))))`);
  const t32 = C.wasm_table_new(e.store, C.wasm_tabletype_new(C.wasm_valtype_new_funcref(), { min: 1, max: 10 }), null)!;
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  t.is(C.wasm_instance_new(e.store, user, C.WASM_ARRAY_VEC([C.wasm_table_as_extern(t32)]), trap), null, "a 32-bit table is no table64");
  if (trap.value) C.wasm_trap_delete(trap.value);
  const t64 = C.wasm_table_new(e.store, C.wasmts_tabletype_new(C.wasm_valtype_new_funcref(), 1, false, 0, true)!, null)!;
  const instance = instantiate(e.store, user, [C.wasm_table_as_extern(t64)]);
  const lib = await compile3(e.store, `(module (func (export "seven") (result i32) (i32.const 7)))`);
  const libInstance = instantiate(e.store, lib);
  const seven = exportsOf(lib, libInstance);
  t.true(C.wasm_table_set(t64, 0, C.wasm_func_as_ref(C.wasm_extern_as_func(seven.get("seven")))));
  const ex = exportsOf(user, instance);
  const ci = C.wasm_extern_as_func(ex.get("ci"))!;
  t.is(call(ci, C.WASM_I64_VAL(0n))[0]!.of.i32, 7);
  t.throws(() => call(ci, C.WASM_I64_VAL(2n ** 32n)), { message: /undefined element/ });
  C.wasm_extern_vec_delete(ex.vec);
  C.wasm_extern_vec_delete(seven.vec);
  e.done();
});

test("a 64-bit memory above 4 GiB through wasm_memory_*: data_size is the whole size, the data view its first 4 GiB", (t) => {
  const pages = 65536 + 2;
  let probe: ArrayBuffer | null = null;
  try {
    probe = new ArrayBuffer(pages * 65536);
  } catch (e) {
    t.log(`the host refuses ${pages} pages (${String(e)}): wasm_memory_new must then fail cleanly`);
  }
  const e = env();
  const mt = C.wasmts_memorytype_new(pages, false, 0, true, false)!;
  const memory = C.wasm_memory_new(e.store, mt);
  C.wasm_memorytype_delete(mt);
  if (probe === null) {
    t.is(memory, null);
    return;
  }
  probe = null;
  t.not(memory, null);
  t.is(C.wasm_memory_size(memory!), pages);
  t.is(C.wasm_memory_data_size(memory!), pages * 65536);
  t.true(C.wasm_memory_grow(memory!, 1));
  t.is(C.wasm_memory_data_size(memory!), (pages + 1) * 65536);
  // (wasm_memory_data pins the storage, so it comes after the grow: porting guide, rule 8.)
  t.is(C.wasm_memory_data(memory!).length, 2 ** 32);
  C.wasm_memory_delete(memory!);
});
