import test from "ava";
import { Worker } from "node:worker_threads";
import * as C from "../../../capi/index.js";
import { wat, WASM_THREADS_FEATURES } from "../../helpers/wat.js";
import type { WorkerArgs } from "./capi-worker.js";
import { byteVec } from "../capi/helpers.js";

test("wasmts_memorytype_new makes shared memory types, wasmts_memorytype_isshared tells them, copies and memories keep the flag", (t) => {
  const shared = C.wasmts_memorytype_new(1, true, 4, false, true)!;
  t.true(C.wasmts_memorytype_isshared(shared));
  t.true(C.wasmts_memorytype_isshared(C.wasm_memorytype_copy(shared)));
  t.deepEqual({ ...C.wasm_memorytype_limits(shared) }, { min: 1, max: 4 });
  t.false(C.wasmts_memorytype_isshared(C.wasm_memorytype_new({ min: 1, max: 2 })));
  t.false(C.wasmts_memorytype_isshared(C.wasmts_memorytype_new(1, false, 0, false, false)!));
  t.is(C.wasmts_memorytype_new(1, false, 0, false, true), null, "a shared memory needs a maximum");
  t.false(C.wasmts_memorytype_isshared(C.wasmts_memorytype_new(1, true, 2, true, false)!), "a memory64 type, not shared");
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  const memory = C.wasm_memory_new(store, shared)!;
  t.true(C.wasmts_memorytype_isshared(C.wasm_memory_type(memory)));
  t.is(C.wasmts_memory_share(C.wasm_memory_new(store, C.wasm_memorytype_new({ min: 1, max: 2 }))!), null, "an unshared memory cannot be shared");
  const handle = C.wasmts_memory_share(memory)!;
  const again = C.wasmts_memory_obtain(store, handle)!;
  C.wasm_memory_data(memory)[10] = 42;
  t.is(C.wasm_memory_data(again)[10], 42);
  t.true(C.wasm_memory_grow(again, 1));
  t.is(C.wasm_memory_size(memory), 2);
  C.wasmts_shared_memory_delete(handle);
  C.wasm_store_delete(store);
  C.wasm_engine_delete(engine);
});

// Two workers over one host-made shared memory: the first writes and signals, the second waits for it, reads
// it, writes back, grows the memory and writes in the new page, then signals; the first waits, then reads all.
const PROGRAM = `(module
  (import "env" "mem" (memory 1 4 shared))
  (func $await (param $flag i32)
    (loop $again
      (if (i32.eqz (i32.atomic.load (local.get $flag)))
        (then (drop (memory.atomic.wait32 (local.get $flag) (i32.const 0) (i64.const -1))) (br $again)))))
  (func $signal (param $flag i32)
    (i32.atomic.store (local.get $flag) (i32.const 1))
    (drop (memory.atomic.notify (local.get $flag) (i32.const 1))))
  (func (export "first") (result i32 i32 i32)
    (i32.store (i32.const 0) (i32.const 0xa1))
    (call $signal (i32.const 8))
    (call $await (i32.const 12))
    (i32.load (i32.const 4)) (memory.size) (i32.load (i32.const 65536)))
  (func (export "second") (result i32 i32 i32) (local $old i32)
    (call $await (i32.const 8))
    (i32.store (i32.const 4) (i32.const 0xb2))
    (local.set $old (memory.grow (i32.const 1)))
    (i32.store (i32.const 65536) (i32.const 0xb3))
    (i32.store8 (i32.const 65540) (i32.const 0xb4))
    (call $signal (i32.const 12))
    (i32.load (i32.const 0)) (local.get $old) (memory.size)))`;

function runWorker(args: WorkerArgs): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./capi-worker.js", import.meta.url), { workerData: args });
    w.once("message", resolve);
    w.once("error", reject);
  });
}

test("a host-made shared memory used by two workers through the C API: each sees the other's writes and the grow (issue 15 must-show 3)", async (t) => {
  const engine = C.wasm_engine_new();
  const store = C.wasm_store_new(engine);
  const bytes = await wat(PROGRAM, WASM_THREADS_FEATURES);
  const module = C.wasm_module_new(store, byteVec(bytes))!;
  t.not(module, null);
  const memory = C.wasm_memory_new(store, C.wasmts_memorytype_new(1, true, 4, false, true)!)!;
  const sharedModule = C.wasm_module_share(module);
  const sharedMemory = C.wasmts_memory_share(memory)!;
  // The second starts first: it must wait for the first's write, whatever the scheduling.
  const second = runWorker({ module: sharedModule, memory: sharedMemory, role: "second" });
  const first = runWorker({ module: sharedModule, memory: sharedMemory, role: "first" });
  const [a, b] = await Promise.all([first, second]);
  // first: the second's write, the size after its grow, the second's write in the new page; then its host's view.
  t.deepEqual(a, [0xb2, 2, 0xb3, 2, 0xb4]);
  // second: the first's write, the old size its grow returned, the new size; then its host's view.
  t.deepEqual(b, [0xa1, 1, 2, 2, 0xb4]);
  // And the host that made the memory sees every write and the grow.
  t.is(C.wasm_memory_size(memory), 2);
  const data = C.wasm_memory_data(memory);
  t.deepEqual([data[0], data[4], data[65536], data[65540]], [0xa1, 0xb2, 0xb3, 0xb4]);
  C.wasmts_shared_memory_delete(sharedMemory);
  C.wasm_shared_module_delete(sharedModule);
  C.wasm_store_delete(store);
  C.wasm_engine_delete(engine);
});
