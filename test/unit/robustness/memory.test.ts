/**
 * Issue 12: memory growth in amortised time (item 2), host views across a
 * grow (item 8) and allocation failure at instantiation (item 3).
 */
import test from "ava";
import * as C from "../../../capi/index.js";
import { compileModule, instantiate, MemoryInstance, PAGE_SIZE, Store, Trap } from "../../../impl/index.js";
import { setAllocationFailureForTesting } from "../../../impl/runtime/allocate.js";
import { wat } from "../../helpers/wat.js";
import { call, compile, env, exportsOf, instantiate as capiInstantiate, message } from "../capi/helpers.js";

test.afterEach.always(() => setAllocationFailureForTesting(null));

test.serial("1,000 grows of one page move the memory once, not 1,000 times (issue 12 item 2)", (t) => {
  const mem = new MemoryInstance({ limits: { min: 1, max: null } });
  const buffers = new Set<ArrayBufferLike>([mem.buffer]);
  for (let i = 0; i < 1000; i++) {
    mem.bytes[mem.bytes.length - 1] = i & 0xff;
    t.is(mem.grow(1), i + 1);
    buffers.add(mem.buffer);
    // The new page is zeros, the old bytes are kept.
    if (mem.bytes[mem.bytes.length - 1] !== 0 || mem.bytes[mem.bytes.length - 1 - PAGE_SIZE] !== (i & 0xff)) {
      t.fail(`grow ${i}: contents wrong`);
    }
  }
  t.is(mem.sizePages, 1001);
  t.is(mem.bytes.length, 1001 * PAGE_SIZE);
  t.is(mem.view.byteLength, 1001 * PAGE_SIZE);
  // The first grow moves the memory to its maximum size; no grow moves it again.
  t.is(buffers.size, 2);
});

test.serial("when the host cannot allocate the maximum, capacity doubles: 1,000 grows move the memory O(log n) times", (t) => {
  const mem = new MemoryInstance({ limits: { min: 1, max: null } });
  setAllocationFailureForTesting((n) => n === 65536 * PAGE_SIZE);
  const buffers = new Set<ArrayBufferLike>([mem.buffer]);
  for (let i = 0; i < 1000; i++) {
    mem.bytes[mem.bytes.length - 1] = i & 0xff;
    t.is(mem.grow(1), i + 1);
    buffers.add(mem.buffer);
    if (mem.bytes[mem.bytes.length - 1] !== 0 || mem.bytes[mem.bytes.length - 1 - PAGE_SIZE] !== (i & 0xff)) {
      t.fail(`grow ${i}: contents wrong`);
    }
  }
  t.is(mem.sizePages, 1001);
  // Doubling from one page reaches 1001 pages in 10 moves.
  t.true(buffers.size <= 11, `${buffers.size} buffers`);
});

test.serial("growth by 16 pages to 256 MiB copies each byte O(1) times (issue 12 item 2)", (t) => {
  const mem = new MemoryInstance({ limits: { min: 1, max: null } });
  let copied = 0;
  let last = mem.buffer;
  for (let i = 0; i < 256; i++) {
    t.not(mem.grow(16), -1);
    if (mem.buffer !== last) {
      copied += mem.bytes.length;
      last = mem.buffer;
    }
    mem.bytes[mem.bytes.length - PAGE_SIZE] = 1;
  }
  t.is(mem.sizePages, 1 + 256 * 16);
  t.true(copied <= 3 * mem.bytes.length, `copied ${copied} bytes for a ${mem.bytes.length}-byte memory`);
});

test.serial("growth respects the maximum exactly, even when capacity doubles past it", (t) => {
  const mem = new MemoryInstance({ limits: { min: 1, max: 5 } });
  t.is(mem.grow(2), 1);
  t.is(mem.grow(2), 3);
  t.is(mem.grow(1), -1);
  t.is(mem.sizePages, 5);
  t.true(mem.buffer.byteLength <= 5 * PAGE_SIZE);
});

test.serial("a wasm_memory_data view taken before a grow stays valid: host writes through it reach wasm (issue 12 item 8)", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module
    (memory (export "m") 1)
    (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);
  const inst = capiInstantiate(e.store, module);
  const ex = exportsOf(module, inst);
  const mem = C.wasm_extern_as_memory(ex.get("m"))!;
  const load = C.wasm_extern_as_func(ex.get("load"))!;
  const grow = C.wasm_extern_as_func(ex.get("grow"))!;
  const before = C.wasm_memory_data(mem);
  // Grow from wasm and from the host, many times (enough to move an unpinned memory).
  for (let i = 0; i < 20; i++) t.is(call(grow, C.WASM_I32_VAL(3))[0]!.of.i32, 1 + 3 * i);
  for (let i = 0; i < 20; i++) t.true(C.wasm_memory_grow(mem, 3));
  t.is(C.wasm_memory_size(mem), 121);
  before[1234] = 77;
  t.is(call(load, C.WASM_I32_VAL(1234))[0]!.of.i32, 77, "the write through the old view reached the memory");
  t.is(before.length, PAGE_SIZE, "the old view keeps its length");
  const after = C.wasm_memory_data(mem);
  t.is(after.length, 121 * PAGE_SIZE);
  after[120 * PAGE_SIZE + 1] = 5;
  t.is(call(load, C.WASM_I32_VAL(120 * PAGE_SIZE + 1))[0]!.of.i32, 5);
  t.is(before[1234], after[1234]);
  C.wasm_extern_vec_delete(ex.vec);
  e.done();
});

test.serial("when the host cannot reserve a pinned memory's maximum, grows past its capacity fail with -1 instead of moving it", (t) => {
  const e = env();
  const mt = C.wasm_memorytype_new({ min: 1, max: 100 });
  const mem = C.wasm_memory_new(e.store, mt)!;
  C.wasm_memorytype_delete(mt);
  setAllocationFailureForTesting((n) => n > PAGE_SIZE);
  const view = C.wasm_memory_data(mem);
  t.false(C.wasm_memory_grow(mem, 1), "the memory cannot move, so it cannot grow");
  setAllocationFailureForTesting(null);
  t.false(C.wasm_memory_grow(mem, 1), "not even later");
  view[5] = 9;
  t.is(C.wasm_memory_data(mem)[5], 9);
  C.wasm_memory_delete(mem);
  e.done();
});

test.serial("a memory that cannot be allocated at instantiation is a Trap \"out of memory\", not a RangeError (issue 12 item 3)", async (t) => {
  const bytes = await wat(`(module (memory 3))`);
  setAllocationFailureForTesting((n) => n === 3 * PAGE_SIZE);
  const store = new Store();
  const err = t.throws(() => instantiate(store, compileModule(bytes), []));
  t.true(err instanceof Trap, String(err));
  t.regex(err!.message, /^out of memory: cannot allocate the memory of 3 pages/);
  t.is(store.instanceCount, 0, "no half-made instance is counted in the store");
});

test.serial("wasm_instance_new returns null with an \"out of memory\" trap when a memory cannot be allocated (issue 12 item 3)", async (t) => {
  const e = env();
  const module = await compile(e.store, `(module (memory 3))`);
  setAllocationFailureForTesting((n) => n === 3 * PAGE_SIZE);
  const trap: { value: C.wasm_trap_t | null } = { value: null };
  const inst = C.wasm_instance_new(e.store, module, C.WASM_EMPTY_VEC(), trap);
  t.is(inst, null);
  t.truthy(trap.value);
  t.regex(message(trap.value!), /^out of memory/);
  C.wasm_trap_delete(trap.value);
  C.wasm_module_delete(module);
  e.done();
});
