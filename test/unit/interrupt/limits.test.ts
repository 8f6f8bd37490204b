import test from "ava";
import * as C from "../../../capi/index.js";
import { LinkError, MemoryInstance, Store, TableInstance, ValType } from "../../../impl/index.js";
import { compile as compileImpl, func } from "../exec/helpers.js";
import { instantiate as instantiateImpl } from "../../../impl/link/instantiate.js";
import { invoke } from "../../../impl/exec/interpreter/invoke.js";
import { compile, env, exportsOf, instantiate, message } from "../capi/helpers.js";

// Issue 12, item 7: no resource limits beyond a memory's own maximum. A store's limiter now bounds them.
const GROWER = `(module (memory (export "mem") 1) (table (export "tab") 1 funcref)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "tgrow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))`;

test("memory.grow and table.grow past the store's limits give -1; within them they grow", async (t) => {
  const store = new Store();
  store.limits.set(3 * 65536, 5, null, null, null);
  const inst = instantiateImpl(store, await compileImpl(GROWER), []);
  t.deepEqual(invoke(func(inst, "grow"), [2]), [1]);
  t.deepEqual(invoke(func(inst, "grow"), [1]), [-1]);
  t.is((inst.export("mem") as MemoryInstance).sizePages, 3);
  t.deepEqual(invoke(func(inst, "tgrow"), [4]), [1]);
  t.deepEqual(invoke(func(inst, "tgrow"), [1]), [-1]);
  t.is((inst.export("tab") as TableInstance).size, 5);
});

test("an instantiation past a count or an initial size fails with LinkError \"resource limit exceeded\", counting nothing", async (t) => {
  const store = new Store();
  store.limits.set(null, null, 2, null, null);
  const m = await compileImpl(GROWER);
  instantiateImpl(store, m, []);
  instantiateImpl(store, m, []);
  const e = t.throws(() => instantiateImpl(store, m, []), { instanceOf: LinkError });
  t.regex(e!.message, /^resource limit exceeded: 3 instances, over the store's limit of 2/);
  const small = new Store();
  small.limits.set(65535, null, null, null, null);
  t.throws(() => instantiateImpl(small, m, []), { instanceOf: LinkError, message: /memory 0 of 1 pages \(65536 bytes\)/ });
  const fewTables = new Store();
  fewTables.limits.set(null, null, null, 0, null);
  t.throws(() => instantiateImpl(fewTables, m, []), { instanceOf: LinkError, message: /1 tables, over the store's limit of 0/ });
  t.is(fewTables.limits.instanceCount, 0);
  fewTables.limits.set(null, null, null, 1, null);
  instantiateImpl(fewTables, m, []);
  t.is(fewTables.limits.tableCount, 1);
});

test("C API: wasmts_store_limiter bounds memory.grow, wasm_memory_grow, wasm_table_grow, wasm_memory_new, wasm_table_new and wasm_instance_new", async (t) => {
  const e = env();
  C.wasmts_store_limiter(e.store, 2 * 65536, 3, -1, -1, -1);
  const module = await compile(e.store, GROWER);
  const instance = instantiate(e.store, module);
  const ex = exportsOf(module, instance);
  const mem = C.wasm_extern_as_memory(ex.get("mem"))!;
  const tab = C.wasm_extern_as_table(ex.get("tab"))!;
  t.true(C.wasm_memory_grow(mem, 1));
  t.false(C.wasm_memory_grow(mem, 1));
  t.is(C.wasm_memory_size(mem), 2);
  const grow = C.wasm_extern_as_func(ex.get("grow"))!;
  const rs = [C.WASM_INIT_VAL()];
  t.is(C.wasm_func_call(grow, C.WASM_ARRAY_VEC([C.WASM_I32_VAL(1)]), C.WASM_ARRAY_VEC(rs)), null);
  t.is(rs[0]!.of.i32, -1);
  t.true(C.wasm_table_grow(tab, 2, null));
  t.false(C.wasm_table_grow(tab, 1, null));
  // Host-made memories and tables: an initial size past the limit, then the counts.
  const mt = C.wasm_memorytype_new({ min: 3, max: C.wasm_limits_max_default });
  t.is(C.wasm_memory_new(e.store, mt), null);
  C.wasm_memorytype_delete(mt);
  const tt = C.wasm_tabletype_new(C.wasm_valtype_new_funcref(), { min: 4, max: C.wasm_limits_max_default });
  t.is(C.wasm_table_new(e.store, tt, null), null);
  C.wasm_tabletype_delete(tt);
  C.wasmts_store_limiter(e.store, -1, -1, 1, -1, 1);
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  t.is(C.wasm_instance_new(e.store, module, C.WASM_EMPTY_VEC(), trap), null);
  t.regex(message(trap.value!), /^resource limit exceeded: 2 instances, over the store's limit of 1/);
  C.wasm_trap_delete(trap.value!);
  const mt1 = C.wasm_memorytype_new({ min: 1, max: 1 });
  t.is(C.wasm_memory_new(e.store, mt1), null, "a second memory is past the limit of 1");
  C.wasm_memorytype_delete(mt1);
  t.throws(() => C.wasmts_store_limiter(e.store, Number.NaN, -1, -1, -1, -1), { instanceOf: C.wasmts_error_t });
  C.wasm_extern_vec_delete(ex.vec);
  C.wasm_instance_delete(instance);
  C.wasm_module_delete(module);
  e.done();
  void ValType;
});
