import test from "ava";
import { Worker } from "node:worker_threads";
import { compileModule, instantiate, invoke, MemoryInstance, Store, type FuncInstance } from "../../../impl/index.js";
import { wat, WASM_THREADS_FEATURES } from "../../helpers/wat.js";

// The function raises word 1 (the worker's go), then sleeps until the worker has grown the memory and raised
// word 0, then, in the same run of code (no call in between), reads memory.size and the new page, plainly
// and atomically (compiled code's atomic views then still end at the first page: the generic path does these).
const PROBE = `(module (import "env" "mem" (memory 1 2 shared))
  (func (export "probe") (result i32 i32 i32 i64 i64 i32)
    (i32.atomic.store (i32.const 4) (i32.const 1))
    (drop (memory.atomic.notify (i32.const 4) (i32.const 1)))
    (block $up (loop $wait
      (br_if $up (i32.atomic.load (i32.const 0)))
      (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
      (br $wait)))
    (memory.size) (i32.load (i32.const 65544)) (i32.atomic.load (i32.const 65544))
    (i64.atomic.rmw.add (i32.const 65544) (i64.const 0x100000001)) (i64.atomic.load (i32.const 65544))
    (i32.atomic.rmw.add (i32.const 131068) (i32.const 1))))`;

for (const tier of ["interpreter", "compiler"] as const) {
  test(`${tier}: a grow made by another thread while this thread's code runs is seen by that code at once`, async (t) => {
    const memory = new MemoryInstance({ limits: { min: 1, max: 2 }, shared: true });
    const inst = instantiate(new Store({ tier }), compileModule(await wat(PROBE, WASM_THREADS_FEATURES)), [memory]);
    const worker = new Worker(new URL("./grow-worker.js", import.meta.url), { workerData: memory.sharedParts });
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    t.deepEqual(invoke(inst.export("probe") as FuncInstance, []), [2, 4242, 4242, 4242n, 0x100001093n, 0]);
    await exited;
  });
}
