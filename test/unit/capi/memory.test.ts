import test from "ava";
import * as C from "../../../capi/index.js";
import { call, compile, env, exportsOf, instantiate } from "./helpers.js";

test("wasm_memory_new, wasm_memory_type, sizes, wasm_memory_grow within the maximum", (t) => {
  const e = env();
  const mt = C.wasm_memorytype_new({ min: 1, max: 3 });
  const m = C.wasm_memory_new(e.store, mt)!;
  C.wasm_memorytype_delete(mt);
  t.is(C.wasm_memory_size(m), 1);
  t.is(C.wasm_memory_data_size(m), C.MEMORY_PAGE_SIZE);
  t.is(C.wasm_memory_data(m).length, 0x10000);
  t.true(C.wasm_memory_grow(m, 2));
  t.is(C.wasm_memory_size(m), 3);
  t.false(C.wasm_memory_grow(m, 1));
  t.true(C.wasm_memory_grow(m, 0));
  const type = C.wasm_memory_type(m);
  t.deepEqual({ ...C.wasm_memorytype_limits(type) }, { min: 3, max: 3 });
  C.wasm_memorytype_delete(type);
  const impossible = C.wasm_memorytype_new({ min: 2, max: 1 });
  t.is(C.wasm_memory_new(e.store, impossible), null);
  C.wasm_memorytype_delete(impossible);
  const tooBig = C.wasm_memorytype_new({ min: 70000, max: C.wasm_limits_max_default });
  t.is(C.wasm_memory_new(e.store, tooBig), null);
  C.wasm_memorytype_delete(tooBig);
  e.done();
});

test("wasm_memory_data is a view over the memory's bytes: writes are seen by wasm, and fetched again after a grow (rule 8)", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (memory (export "m") 1 2)
    (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
    (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
    (func (export "grow") (result i32) (memory.grow (i32.const 1))))`);
  const inst = instantiate(e.store, module);
  const ex = exportsOf(module, inst);
  const mem = C.wasm_extern_as_memory(ex.get("m"))!;
  const load = C.wasm_extern_as_func(ex.get("load"))!;
  C.wasm_memory_data(mem)[100] = 42;
  t.is(call(load, C.WASM_I32_VAL(100))[0]!.of.i32, 42);
  call(C.wasm_extern_as_func(ex.get("store"))!, C.WASM_I32_VAL(7), C.WASM_I32_VAL(9));
  t.is(C.wasm_memory_data(mem)[7], 9);
  t.is(call(C.wasm_extern_as_func(ex.get("grow"))!)[0]!.of.i32, 1);
  t.is(C.wasm_memory_size(mem), 2);
  const data = C.wasm_memory_data(mem);
  t.is(data.length, 0x20000);
  t.is(data[100], 42);
  data[0x1ffff] = 5;
  t.is(call(load, C.WASM_I32_VAL(0x1ffff))[0]!.of.i32, 5);
  C.wasm_extern_vec_delete(ex.vec);
  e.done();
});

test("a host memory imported by an instance is one memory: grows and writes on either side are seen by both", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (memory (import "" "m") 1)
    (func (export "size") (result i32) (memory.size))
    (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))`);
  const mt = C.wasm_memorytype_new({ min: 1, max: 4 });
  const mem = C.wasm_memory_new(e.store, mt)!;
  C.wasm_memorytype_delete(mt);
  const inst = instantiate(e.store, module, [C.wasm_memory_as_extern(mem)]);
  const ex = exportsOf(module, inst);
  t.true(C.wasm_memory_grow(mem, 2));
  t.is(call(C.wasm_extern_as_func(ex.get("size"))!)[0]!.of.i32, 3);
  C.wasm_memory_data(mem)[0x20000] = 77;
  t.is(call(C.wasm_extern_as_func(ex.get("load"))!, C.WASM_I32_VAL(0x20000))[0]!.of.i32, 77);
  C.wasm_extern_vec_delete(ex.vec);
  e.done();
});
