import test from "ava";
import {
  attachWasi, compileModule, defaultWasiConfig, FuncInstance, instantiateFrom, invoke, joinThreadGroup, MemoryInstance,
  NativeRegistry, Store, Trap, WasiContext, wasiPreview1, wasiThreads, type ModuleInstance, type ThreadGroup,
} from "../../../impl/index.js";
import { wat, WASM_THREADS_FEATURES } from "../../helpers/wat.js";

/** A WASI program over a new shared memory of 1 to 2 pages, in a store joined to a new thread group. */
async function program(text: string, shared = true, tier: "interpreter" | "compiler" = "interpreter", fuel: number | null = null): Promise<{ inst: ModuleInstance; memory: MemoryInstance; group: ThreadGroup }> {
  const store = new Store({ tier, consumeFuel: fuel !== null });
  if (fuel !== null) store.setFuel(fuel);
  attachWasi(store, new WasiContext(defaultWasiConfig()));
  const group = joinThreadGroup(store);
  const memory = new MemoryInstance({ limits: { min: 1, max: 2 }, ...(shared ? { shared: true } : {}) });
  const registry = new NativeRegistry({ builtins: [wasiPreview1(), wasiThreads()] }).define("env", "memory", memory);
  const module = compileModule(await wat(text, WASM_THREADS_FEATURES));
  return { inst: instantiateFrom(store, module, { registry }), memory, group };
}

function start(inst: ModuleInstance): void {
  invoke(inst.export("_start") as FuncInstance, []);
}

const IMPORTS = `
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 2 shared))
  (export "memory" (memory 0))`;

for (const tier of ["interpreter", "compiler"] as const) {
  test(`${tier}: thread-spawn gives unique positive tids; each thread runs wasi_thread_start(tid, arg) over the parent's memory`, async (t) => {
    const { inst, memory } = await program(`(module ${IMPORTS}
      (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
        ;; Record the tid where the parent said (the argument), then count this thread done.
        (i32.store (local.get $arg) (local.get $tid))
        (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
        (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))
      (func (export "_start") (local $i i32) (local $n i32)
        (loop $spawn
          (i32.store (i32.add (i32.const 100) (i32.shl (local.get $i) (i32.const 2)))
            (call $spawn (i32.add (i32.const 200) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $spawn (i32.lt_u (local.get $i) (i32.const 3))))
        (loop $wait
          (local.set $n (i32.atomic.load (i32.const 0)))
          (if (i32.lt_u (local.get $n) (i32.const 3))
            (then (drop (memory.atomic.wait32 (i32.const 0) (local.get $n) (i64.const -1))) (br $wait))))))`, true, tier);
    start(inst);
    const v = memory.view;
    const returned = [0, 1, 2].map((i) => v.getInt32(100 + 4 * i, true));
    const seen = [0, 1, 2].map((i) => v.getInt32(200 + 4 * i, true));
    t.deepEqual(seen, returned, "each thread got the tid its spawn returned");
    t.true(returned.every((tid) => tid > 0));
    t.is(new Set(returned).size, 3);
  });
}

test("proc_exit in a spawned thread ends the program: the main thread, asleep in a wait, stops with the thread's status", async (t) => {
  const { inst, group } = await program(`(module ${IMPORTS}
    (func (export "wasi_thread_start") (param i32 i32) (call $exit (i32.const 7)))
    (func (export "_start")
      (drop (call $spawn (i32.const 0)))
      ;; Sleeps for ever: nobody notifies address 8.
      (drop (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1)))))`);
  t.throws(() => start(inst), { instanceOf: Trap, message: /^thread group exited/ });
  t.true(group.halted);
  t.is(group.status, 7);
});

test("a trap in a spawned thread ends the program: the main thread, busy in a loop, stops", async (t) => {
  const { inst, group } = await program(`(module ${IMPORTS}
    (func (export "wasi_thread_start") (param i32 i32) unreachable)
    (func (export "_start")
      (drop (call $spawn (i32.const 0)))
      (loop $forever (br $forever))))`);
  t.throws(() => start(inst), { instanceOf: Trap, message: /^thread group exited/ });
  t.true(group.halted);
  t.is(group.status, 134, "a trap ends the program as a crash would");
});

test("thread-spawn fails with a negative value over an unshared memory", async (t) => {
  const { inst, memory } = await program(`(module
    (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
    (import "env" "memory" (memory 1 2))
    (func (export "wasi_thread_start") (param i32 i32))
    (func (export "_start") (i32.store (i32.const 0) (call $spawn (i32.const 0)))))`, false);
  start(inst);
  t.true(memory.view.getInt32(0, true) < 0);
});

test("the spawning store's fuel applies to the thread: an endless loop there runs out, which ends the program", async (t) => {
  const { inst, group } = await program(`(module ${IMPORTS}
    (func (export "wasi_thread_start") (param i32 i32) (loop $forever (br $forever)))
    (func (export "_start")
      (drop (call $spawn (i32.const 0)))
      (drop (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1)))))`, true, "interpreter", 1_000_000);
  t.throws(() => start(inst), { instanceOf: Trap, message: /^thread group exited/ });
  t.true(group.halted);
  t.is(group.status, 134);
});
