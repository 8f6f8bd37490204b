import test from "ava";
import * as C from "../../../capi/index.js";
import { callI32, compile, exported, functype, lastError, message, name, trapOut } from "./capi-helpers.js";

function env() {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  return { engine, store, done: () => { C.wasm_store_delete(store); C.wasm_engine_delete(engine); } };
}

const I32 = C.WASM_I32;

test("tags: host creation, type, identity, host info and extern casts", (t) => {
  const { store, done } = env();
  const tt = C.wasm_tagtype_new(functype([I32, C.WASM_F64], []));
  const a = C.wasm_tag_new(store, tt), b = C.wasm_tag_new(store, tt);
  C.wasm_tagtype_delete(tt);
  t.false(C.wasm_tag_same(a, b), "two tags of one type are different tags");
  const a2 = C.wasm_tag_copy(a);
  t.true(C.wasm_tag_same(a, a2));
  const type = C.wasm_tag_type(a);
  const params = C.wasm_functype_params(C.wasm_tagtype_functype(type));
  t.deepEqual(params.data.map((v) => C.wasm_valtype_kind(v)), [I32, C.WASM_F64]);
  C.wasm_tagtype_delete(type);
  const ext = C.wasm_tag_as_extern(a)!;
  t.is(C.wasm_extern_kind(ext), C.WASM_EXTERN_TAG);
  t.is(C.wasm_extern_as_tag(ext), a);
  t.is(C.wasm_extern_as_tag_const(ext), a);
  t.is(C.wasm_tag_as_extern_const(a), ext);
  t.is(C.wasm_extern_as_func(ext), null);
  const et = C.wasm_extern_type(ext);
  t.not(C.wasm_externtype_as_tagtype(et), null);
  C.wasm_externtype_delete(et);
  C.wasm_tag_set_host_info(a, "info");
  t.is(C.wasm_tag_get_host_info(a2), "info", "host info belongs to the tag, not the handle");
  let finalized = 0;
  C.wasm_tag_set_host_info_with_finalizer(b, "b", () => finalized++);
  t.is(C.wasm_ref_as_tag(C.wasm_tag_as_ref(a)), a);
  t.is(C.wasm_ref_as_tag_const(C.wasm_tag_as_ref_const(a)), a);
  C.wasm_tag_delete(a);
  C.wasm_tag_delete(a2);
  C.wasm_tag_delete(b);
  t.is(finalized, 1);
  t.throws(() => C.wasm_tag_new(null, null), { instanceOf: C.wasmts_error_t, message: /^wasm_tag_new: / });
  done();
});

const printer = `(module
  (import "spectest" "print_i32" (func $p (param i32)))
  (import "spectest" "global_i32" (global $g i32))
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (func (export "run") (result i32) (call $p (global.get $g)) (call $twice (global.get $g))))`;

test("null entries of wasm_instance_new's vector are filled from the registry; overriding one spectest function keeps the rest", async (t) => {
  const { engine, store, done } = env();
  const registry = C.wasmts_registry_new(engine);
  const module = await compile(store, printer);
  const printed: number[] = [];
  const ft = functype([I32], []);
  t.true(C.wasmts_registry_define_func(registry, name("spectest"), name("print_i32"), ft, (args) => {
    printed.push(args.data[0]!.of.i32 as number);
    return null;
  }));
  C.wasm_functype_delete(ft);
  // Registered after the module was compiled: resolution is lazy.
  const twice = functype([I32], [I32]);
  t.true(C.wasmts_registry_define_func(registry, name("env"), name("twice"), twice, (args, results) => {
    results.data[0] = C.WASM_I32_VAL((args.data[0]!.of.i32 as number) * 2);
    return null;
  }));
  C.wasm_functype_delete(twice);
  const trap = trapOut();
  const instance = C.wasmts_instance_new_with_registry(store, module, C.WASM_ARRAY_VEC([null, null, null]), registry, trap);
  t.truthy(instance, trap.value ? message(trap.value) : "");
  t.deepEqual(callI32(exported(module, instance!, "run")), [1332], "global_i32 (666) came from the built-in spectest");
  t.deepEqual(printed, [666], "print_i32 came from the user's registration");
  C.wasmts_registry_delete(registry);
  done();
});

test("a strict engine's wasm_instance_new leaves null entries unfilled even with a registry around", async (t) => {
  const { engine, store, done } = env();
  C.wasmts_engine_set_strict_linking(engine, true);
  const registry = C.wasmts_registry_new(engine);
  const module = await compile(store, `(module (import "spectest" "print" (func)))`);
  const trap = trapOut();
  t.is(C.wasm_instance_new(store, module, C.WASM_ARRAY_VEC([null]), trap), null);
  t.regex(message(trap.value!), /^unknown import for "spectest" "print"/);
  t.truthy(C.wasmts_instance_new_with_registry(store, module, C.WASM_ARRAY_VEC([null]), registry, trapOut()),
    "an explicitly given registry still fills");
  C.wasmts_registry_delete(registry);
  done();
});

test("registry: a duplicate fails with a last error unless shadowing is on; the env finalizer runs once at deletion", (t) => {
  const { engine, done } = env();
  const registry = C.wasmts_registry_new(engine);
  const ft = functype([], []);
  let finalized = 0;
  t.true(C.wasmts_registry_define_func_with_env(registry, name("env"), name("f"), ft, () => null, "env", (e) => {
    t.is(e, "env");
    finalized++;
  }));
  t.is(lastError((out) => C.wasmts_registry_last_error(registry, out)), null);
  t.false(C.wasmts_registry_define_func(registry, name("env"), name("f"), ft, () => null));
  t.regex(lastError((out) => C.wasmts_registry_last_error(registry, out))!, /^duplicate definition for "env" "f"/);
  C.wasmts_registry_set_shadowing(registry, true);
  t.true(C.wasmts_registry_define_func(registry, name("env"), name("f"), ft, () => null));
  C.wasm_functype_delete(ft);
  t.is(finalized, 0);
  C.wasmts_registry_delete(registry);
  t.is(finalized, 1);
  t.throws(() => C.wasmts_registry_define_func(registry, name("env"), name("g"), ft, () => null), { instanceOf: C.wasmts_error_t });
  done();
});

test("a registry entry of the wrong type is a trap naming both types, not a fall-through", async (t) => {
  const { engine, store, done } = env();
  const registry = C.wasmts_registry_new(engine);
  const ft = functype([C.WASM_I64], []);
  C.wasmts_registry_define_func(registry, name("spectest"), name("print_i32"), ft, () => null);
  C.wasm_functype_delete(ft);
  const module = await compile(store, `(module (import "spectest" "print_i32" (func (param i32))))`);
  const trap = trapOut();
  t.is(C.wasmts_instance_new_with_registry(store, module, null, registry, trap), null);
  t.is(message(trap.value!),
    `incompatible import type for "spectest" "print_i32": expected (func (param i32)), got (func (param i64)) [import 0; from the native registry]`);
  C.wasmts_registry_delete(registry);
  done();
});

test("externs registered from a store link in that store only; each store gets its own built-in spectest", async (t) => {
  const { engine, store, done } = env();
  const other = C.wasm_store_new(engine);
  const registry = C.wasmts_registry_new(engine);
  const limits = { min: 1, max: 1 };
  const mt = C.wasm_memorytype_new(limits);
  const memory = C.wasm_memory_new(store, mt)!;
  C.wasm_memorytype_delete(mt);
  C.wasm_memory_data(memory)[0] = 77;
  t.true(C.wasmts_registry_define(registry, name("env"), name("mem"), C.wasm_memory_as_extern(memory)));
  const text = `(module (import "env" "mem" (memory 1)) (func (export "first") (result i32) (i32.load8_u (i32.const 0))))`;
  const inStore = C.wasmts_instance_new_with_registry(store, await compile(store, text), null, registry, trapOut());
  t.truthy(inStore);
  const trap = trapOut();
  t.is(C.wasmts_instance_new_with_registry(other, await compile(other, text), null, registry, trap), null);
  t.regex(message(trap.value!), /^unknown import for "env" "mem"/);
  const spec = `(module (import "spectest" "memory" (memory 1)) (func (export "poke") (i32.store8 (i32.const 0) (i32.const 5)))
    (func (export "peek") (result i32) (i32.load8_u (i32.const 0))))`;
  const ma = await compile(store, spec), mb = await compile(other, spec);
  const a = C.wasmts_instance_new_with_registry(store, ma, null, registry, trapOut())!;
  const b = C.wasmts_instance_new_with_registry(other, mb, null, registry, trapOut())!;
  callI32(exported(ma, a, "poke"));
  t.deepEqual([callI32(exported(ma, a, "peek")), callI32(exported(mb, b, "peek"))], [[5], [0]]);
  C.wasmts_registry_delete(registry);
  C.wasm_store_delete(other);
  done();
});

test("registry: an instance registered under a name is bound live", async (t) => {
  const { engine, store, done } = env();
  const registry = C.wasmts_registry_new(engine);
  const lib = await compile(store, `(module (global (export "g") (mut i32) (i32.const 1)) (func (export "inc") (global.set 0 (i32.add (global.get 0) (i32.const 1)))))`);
  const libInst = C.wasm_instance_new(store, lib, C.WASM_EMPTY_VEC(), null)!;
  t.true(C.wasmts_registry_define_instance(registry, name("lib"), libInst));
  t.false(C.wasmts_registry_define_instance(registry, name("lib"), libInst));
  const app = await compile(store, `(module (import "lib" "g" (global (mut i32))) (func (export "get") (result i32) (global.get 0)))`);
  const appInst = C.wasmts_instance_new_with_registry(store, app, null, registry, trapOut())!;
  callI32(exported(lib, libInst, "inc"));
  t.deepEqual(callI32(exported(app, appInst, "get")), [2], "the imported global is the library's own");
  C.wasmts_registry_delete(registry);
  done();
});

test("linker: named instances and externs, one trap for three missing imports, stubs, and the built vector", async (t) => {
  const { engine, store, done } = env();
  const registry = C.wasmts_registry_new(engine);
  const linker = C.wasmts_linker_new(store, registry);
  const lib = await compile(store, `(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`);
  const libInst = C.wasm_instance_new(store, lib, C.WASM_EMPTY_VEC(), null)!;
  t.true(C.wasmts_linker_define_instance(linker, name("lib"), libInst));
  const app = await compile(store, `(module
    (import "lib" "add" (func $add (param i32 i32) (result i32)))
    (import "env" "a" (func $a)) (import "env" "b" (memory 1)) (import "env" "c" (func $c (param i32)))
    (import "spectest" "global_i32" (global $g i32))
    (func (export "run") (param i32) (result i32) (call $add (local.get 0) (global.get $g)))
    (func (export "c") (call $c (i32.const 0))))`);
  const trap = trapOut();
  t.is(C.wasmts_linker_instantiate(linker, app, null, trap), null);
  t.deepEqual(message(trap.value!).split("\n"), [
    `unknown import for "env" "a": expected (func) [import 1]`,
    `unknown import for "env" "b": expected (memory 1) [import 2]`,
    `unknown import for "env" "c": expected (func (param i32)) [import 3]`,
  ]);
  C.wasm_trap_delete(trap.value!);

  const mt = C.wasm_memorytype_new({ min: 1, max: 1 });
  const memory = C.wasm_memory_new(store, mt)!;
  C.wasm_memorytype_delete(mt);
  t.true(C.wasmts_linker_define(linker, name("env"), name("b"), C.wasm_memory_as_extern(memory)));
  t.false(C.wasmts_linker_define(linker, name("env"), name("b"), C.wasm_memory_as_extern(memory)));
  t.regex(lastError((out) => C.wasmts_linker_last_error(linker, out))!, /^duplicate definition for "env" "b"/);
  C.wasmts_linker_allow_shadowing(linker, true);
  t.true(C.wasmts_linker_define(linker, name("env"), name("b"), C.wasm_memory_as_extern(memory)));
  C.wasmts_linker_stub_unresolved(linker, true);

  const full: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  t.true(C.wasmts_linker_imports(linker, app, null, full, trapOut()));
  t.is(full.size, 5);
  t.true(C.wasm_memory_same(C.wasm_extern_as_memory(full.data[2]!)!, memory));
  t.is(C.wasm_extern_kind(full.data[4]!), C.WASM_EXTERN_GLOBAL);
  const inst = C.wasm_instance_new(store, app, full, null)!;
  C.wasm_extern_vec_delete(full);
  t.deepEqual(callI32(exported(app, inst, "run"), 4), [670]);
  t.throws(() => callI32(exported(app, inst, "c")), { message: /^trap: unknown import: env::c was called/ });
  const direct = C.wasmts_linker_instantiate(linker, app, null, trapOut());
  t.truthy(direct);
  C.wasmts_linker_delete(linker);
  C.wasmts_registry_delete(registry);
  done();
});

test("linker without a registry: explicit externs first, names next, nothing else", async (t) => {
  const { store, done } = env();
  const linker = C.wasmts_linker_new(store, null);
  const module = await compile(store, `(module (import "spectest" "print" (func)) (import "m" "g" (global i32)))`);
  const gt = C.wasm_globaltype_new(C.wasm_valtype_new(I32), C.WASM_CONST);
  const g = C.wasm_global_new(store, gt, C.WASM_I32_VAL(3));
  C.wasm_globaltype_delete(gt);
  C.wasmts_linker_define(linker, name("m"), name("g"), C.wasm_global_as_extern(g));
  const trap = trapOut();
  t.is(C.wasmts_linker_instantiate(linker, module, null, trap), null);
  t.regex(message(trap.value!), /^unknown import for "spectest" "print"/);
  const ft = functype([], []);
  const f = C.wasm_func_new(store, ft, () => null);
  C.wasm_functype_delete(ft);
  const out: C.wasm_extern_vec_t = C.WASM_EMPTY_VEC();
  t.true(C.wasmts_linker_imports(linker, module, C.WASM_ARRAY_VEC([C.wasm_func_as_extern(f)]), out, null));
  t.true(C.wasm_func_same(C.wasm_extern_as_func(out.data[0]!)!, f));
  t.true(C.wasm_global_same(C.wasm_extern_as_global(out.data[1]!)!, g));
  C.wasm_extern_vec_delete(out);
  C.wasmts_linker_delete(linker);
  done();
});

test("capi sharing: a host memory, table and global imported by two instances of different modules, grown and set from everywhere", async (t) => {
  const { store, done } = env();
  const mt = C.wasm_memorytype_new({ min: 1, max: 3 });
  const memory = C.wasm_memory_new(store, mt)!;
  C.wasm_memorytype_delete(mt);
  const tt = C.wasm_tabletype_new(C.wasm_valtype_new(C.WASM_FUNCREF), { min: 1, max: 10 });
  const table = C.wasm_table_new(store, tt, null)!;
  C.wasm_tabletype_delete(tt);
  const gt = C.wasm_globaltype_new(C.wasm_valtype_new(I32), C.WASM_VAR);
  const global = C.wasm_global_new(store, gt, C.WASM_I32_VAL(1));
  C.wasm_globaltype_delete(gt);
  const imports = C.WASM_ARRAY_VEC([C.wasm_memory_as_extern(memory), C.wasm_table_as_extern(table), C.wasm_global_as_extern(global)]);
  const writer = await compile(store, `(module
    (import "h" "mem" (memory 1 3)) (import "h" "tab" (table 1 10 funcref)) (import "h" "g" (global (mut i32)))
    (func (export "write") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
    (func (export "grow_mem") (result i32) (memory.grow (i32.const 1)))
    (func (export "grow_tab") (result i32) (table.grow (ref.null func) (i32.const 2)))
    (func (export "set_g") (param i32) (global.set 0 (local.get 0))))`);
  const reader = await compile(store, `(module
    (import "h" "mem" (memory 1)) (import "h" "tab" (table 1 funcref)) (import "h" "g" (global (mut i32)))
    (func (export "read") (param i32) (result i32) (i32.load8_u (local.get 0)))
    (func (export "mem_size") (result i32) (memory.size))
    (func (export "tab_size") (result i32) (table.size))
    (func (export "get_g") (result i32) (global.get 0)))`);
  const w = C.wasm_instance_new(store, writer, imports, null)!;
  const r = C.wasm_instance_new(store, reader, imports, null)!;
  const fw = (n: string) => exported(writer, w, n), fr = (n: string) => exported(reader, r, n);

  C.wasm_memory_data(memory)[9] = 99;
  t.deepEqual(callI32(fr("read"), 9), [99], "a host write through wasm_memory_data is seen by wasm");
  callI32(fw("write"), 10, 42);
  t.deepEqual([callI32(fr("read"), 10), C.wasm_memory_data(memory)[10]], [[42], 42]);
  t.deepEqual(callI32(fw("grow_mem")), [1]);
  t.deepEqual([callI32(fr("mem_size")), C.wasm_memory_size(memory)], [[2], 2]);
  t.true(C.wasm_memory_grow(memory, 1));
  t.deepEqual(callI32(fr("mem_size")), [3], "wasm_memory_grow from the host is seen by wasm");
  t.deepEqual(callI32(fr("read"), 9), [99], "contents survive");
  t.deepEqual(callI32(fw("grow_tab")), [1]);
  t.deepEqual([callI32(fr("tab_size")), C.wasm_table_size(table)], [[3], 3]);
  t.true(C.wasm_table_grow(table, 4, null));
  t.deepEqual(callI32(fr("tab_size")), [7], "wasm_table_grow from the host is seen by wasm");
  callI32(fw("set_g"), 8);
  t.deepEqual(callI32(fr("get_g")), [8]);
  C.wasm_global_set(global, C.WASM_I32_VAL(-2));
  t.deepEqual(callI32(fr("get_g")), [-2], "wasm_global_set from the host is seen by wasm");
  done();
});

test.serial("registries and linkers are counted as live objects and leave nothing behind", async (t) => {
  const before = C.wasmts_live_count();
  const { engine, store, done } = env();
  const registry = C.wasmts_registry_new(engine);
  const linker = C.wasmts_linker_new(store, registry);
  const module = await compile(store, `(module (import "spectest" "memory" (memory 1)) (global (export "g") i32 (i32.const 0)))`);
  const lib = C.wasmts_linker_instantiate(linker, module, null, null)!;
  C.wasmts_linker_define_instance(linker, name("lib"), lib);
  C.wasmts_registry_define_instance(registry, name("lib"), lib);
  t.true(C.wasmts_live_count() > before);
  C.wasm_instance_delete(lib);
  C.wasm_module_delete(module);
  C.wasmts_linker_delete(linker);
  C.wasmts_registry_delete(registry);
  done();
  t.is(C.wasmts_live_count(), before);
});
