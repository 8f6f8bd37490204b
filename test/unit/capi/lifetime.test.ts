import test from "ava";
import * as C from "../../../capi/index.js";
import { call, compile, env, exportsOf, instantiate } from "./helpers.js";

// Serial: these tests read the global live-object count.

test.serial("instances deleted at once are finalized at once, each finalizer once; the live count returns to where it was", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module (func (export "f")))`);
  const base = C.wasmts_live_count();
  const finalized: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const inst = C.wasm_instance_new(e.store, module, C.WASM_EMPTY_VEC(), null)!;
    C.wasm_instance_set_host_info_with_finalizer(inst, i, (x) => finalized.push(x as number));
    C.wasm_instance_delete(inst);
    t.is(finalized.length, i + 1);
  }
  t.is(C.wasmts_live_count(), base);
  C.wasm_module_delete(module);
  e.done();
  t.is(finalized.length, 1000);
});

test.serial("an export handle keeps its instance alive: the instance's finalizer waits for the last export handle", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module (func (export "f") (result i32) (i32.const 1)) (memory (export "m") 1))`);
  const inst = instantiate(e.store, module);
  const ran: unknown[] = [];
  C.wasm_instance_set_host_info_with_finalizer(inst, "inst", (x) => ran.push(x));
  const ex = exportsOf(module, inst);
  const mem = C.wasm_memory_copy(C.wasm_extern_as_memory(ex.get("m"))!);
  C.wasm_instance_delete(inst);
  C.wasm_extern_vec_delete(ex.vec);
  t.deepEqual(ran, []);
  t.is(C.wasm_memory_size(mem), 1);
  C.wasm_memory_delete(mem);
  t.deepEqual(ran, ["inst"]);
  C.wasm_module_delete(module);
  e.done();
  t.deepEqual(ran, ["inst"]);
});

test.serial("a reference handed to wasm lives until its store is deleted: identity and host info survive its handles", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (global (export "g") (mut externref) (ref.null extern))
    (func (export "get") (result externref) (global.get 0)))`);
  const inst = instantiate(e.store, module);
  const ex = exportsOf(module, inst);
  const ran: unknown[] = [];
  const f = C.wasm_foreign_new(e.store);
  C.wasm_foreign_set_host_info_with_finalizer(f, "kept", (x) => ran.push(x));
  C.wasm_global_set(C.wasm_extern_as_global(ex.get("g")), C.WASM_REF_VAL(C.wasm_foreign_as_ref(f)));
  C.wasm_foreign_delete(f);
  t.deepEqual(ran, []);
  const [v] = call(C.wasm_extern_as_func(ex.get("get"))!);
  const back = C.wasm_ref_as_foreign(v!.of.ref!)!;
  t.is(C.wasm_foreign_get_host_info(back), "kept");
  C.wasm_foreign_delete(back);
  C.wasm_extern_vec_delete(ex.vec);
  C.wasm_instance_delete(inst);
  C.wasm_module_delete(module);
  t.deepEqual(ran, []);
  e.done();
  t.deepEqual(ran, ["kept"]);
});

test.serial("a program that deletes what it owns leaves the live count where it started", async (t) => {
  const base = C.wasmts_live_count();
  const e = env();
  const module = await compile(e.store, `(module (import "" "f" (func (param i32))) (func (export "g") (call 0 (i32.const 1))))`);
  const ft = C.wasm_functype_new_1_0(C.wasm_valtype_new_i32());
  const f = C.wasm_func_new(e.store, ft, () => null);
  const inst = instantiate(e.store, module, [C.wasm_func_as_extern(f)]);
  const imports: C.wasm_importtype_vec_t = C.WASM_EMPTY_VEC();
  C.wasm_module_imports(module, imports);
  const ex = exportsOf(module, inst);
  const type = C.wasm_func_type(C.wasm_extern_as_func(ex.get("g"))!);
  call(C.wasm_extern_as_func(ex.get("g"))!);
  C.wasm_functype_delete(type);
  C.wasm_extern_vec_delete(ex.vec);
  C.wasm_importtype_vec_delete(imports);
  C.wasm_instance_delete(inst);
  C.wasm_func_delete(f);
  C.wasm_functype_delete(ft);
  C.wasm_module_delete(module);
  C.wasm_store_delete(e.store);
  C.wasm_engine_delete(e.engine);
  t.is(C.wasmts_live_count(), base);
});

test("wasmts_ref_address gives every object one stable number, 0 for null", (t) => {
  const e = env();
  const f = C.wasm_foreign_new(e.store);
  const g = C.wasm_foreign_new(e.store);
  const a = C.wasmts_ref_address(C.wasm_foreign_as_ref(f));
  t.true(a > 0);
  t.is(C.wasmts_ref_address(C.wasm_foreign_copy(f)), a);
  t.not(C.wasmts_ref_address(g), a);
  t.is(C.wasmts_ref_address(null), 0);
  e.done();
});
