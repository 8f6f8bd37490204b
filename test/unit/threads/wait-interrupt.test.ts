import test from "ava";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import {
  compileModule, Epoch, FuncInstance, instantiate, invoke, MemoryInstance, Store, Trap,
} from "../../../impl/index.js";
import { wat, WASM_THREADS_FEATURES } from "../../helpers/wat.js";

/** Raises the flag at 16 (and wakes its watcher), then sleeps at 8, where nobody ever notifies. */
const WAITER = `(module
  (import "env" "memory" (memory 1 1 shared))
  (func (export "wait_forever") (result i32)
    (i32.atomic.store (i32.const 16) (i32.const 1))
    (drop (memory.atomic.notify (i32.const 16) (i32.const 1)))
    (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1))))`;

const TIERS = ["interpreter", "compiler"] as const;

for (const tier of TIERS) {
  test(`${tier}: an epoch interrupt from another thread ends this thread's wait that nobody notifies`, async (t) => {
    const memory = new MemoryInstance({ limits: { min: 1, max: 1 }, shared: true });
    const epoch = new Epoch();
    const store = new Store({ tier, epoch });
    store.setEpochDeadline(1);
    const inst = instantiate(store, compileModule(await wat(WAITER, WASM_THREADS_FEATURES)), [memory]);
    const bumper = new Worker(new URL("./wait-bumper.js", import.meta.url), { workerData: { memory: memory.sharedParts, epoch: epoch.buffer } });
    const exited = once(bumper, "exit");
    t.throws(() => invoke(inst.export("wait_forever") as FuncInstance, []), { instanceOf: Trap, message: /^interrupted \(epoch deadline\)/ });
    await exited;
    t.is(epoch.value, 1n, "the bumper advanced the epoch once, after the wait began");
  });

  test(`${tier}: a worker asleep in a wait for ever ends with the epoch trap when the host advances the epoch`, async (t) => {
    const memory = new MemoryInstance({ limits: { min: 1, max: 1 }, shared: true });
    const epoch = new Epoch();
    const waiter = new Worker(new URL("./wait-waiter.js", import.meta.url), {
      workerData: { memory: memory.sharedParts, epoch: epoch.buffer, wasm: await wat(WAITER, WASM_THREADS_FEATURES), tier },
    });
    const answer = once(waiter, "message");
    // Listened for at once: when the worker ends before this thread has taken its message, Node emits the
    // message and the exit in one task, and a listener added after the message had missed the exit (a hang).
    const exited = once(waiter, "exit");
    // The host's side: once the worker is about to sleep (it raised the flag), advance the epoch.
    const flag = new Int32Array(memory.sharedParts!.buffer);
    while (Atomics.load(flag, 4) === 0) await new Promise((r) => setTimeout(r, 5));
    epoch.increment();
    const [message] = await answer as [string];
    t.regex(message, /^Trap: interrupted \(epoch deadline\)/);
    await exited;
  });

  test(`${tier}: a store's deadline ends a wait that nobody notifies`, async (t) => {
    const memory = new MemoryInstance({ limits: { min: 1, max: 1 }, shared: true });
    const store = new Store({ tier });
    // The deadline is set by the code itself just before it sleeps, so it cannot pass before the wait begins.
    const arm = new FuncInstance({ params: [], results: [] }, null, -1, () => { store.setDeadline(20); return []; });
    const inst = instantiate(store, compileModule(await wat(`(module
      (import "env" "memory" (memory 1 1 shared))
      (import "env" "arm" (func $arm))
      (func (export "wait_forever") (result i32)
        (i32.atomic.store (i32.const 16) (i32.const 1))
        (call $arm)
        (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1))))`, WASM_THREADS_FEATURES)), [memory, arm]);
    t.throws(() => invoke(inst.export("wait_forever") as FuncInstance, []), { instanceOf: Trap, message: /^deadline exceeded/ });
    t.is(memory.view.getInt32(16, true), 1, "the code ran up to its wait");
  });
}

test("a wait with a timeout in an interruptible store still times out (2) and sees a differing value (1)", async (t) => {
  const memory = new MemoryInstance({ limits: { min: 1, max: 1 }, shared: true });
  const store = new Store({ epoch: new Epoch() });
  store.setEpochDeadline(1000);
  const inst = instantiate(store, compileModule(await wat(`(module
    (import "env" "memory" (memory 1 1 shared))
    (func (export "wait") (param i32 i64) (result i32)
      (memory.atomic.wait32 (i32.const 8) (local.get 0) (local.get 1))))`, WASM_THREADS_FEATURES)), [memory]);
  const wait = inst.export("wait") as FuncInstance;
  t.deepEqual(invoke(wait, [0, 12_000_000n]), [2], "12 ms: longer than a slice, then timed out");
  t.deepEqual(invoke(wait, [5, -1n]), [1]);
});
