import test from "ava";
import { Epoch, Store, Trap, TrapMessage, type FuncInstance, type ModuleInstance } from "../../../impl/index.js";
import { compile, func, host } from "../exec/helpers.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { invoke } from "../../../impl/exec/interpreter/invoke.js";
import { epochBumper } from "./helpers.js";

// Issue 12, item 7: nothing could stop a running call. A store's fuel, deadline and epoch deadline now can.
const PROGRAM = `(module
  (import "env" "tick" (func $tick))
  (func $spin (export "spin") (loop (br 0)))
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "count") (param i32)
    (loop (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "ticks") (param i32)
    (loop (call $tick) (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (call $down (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $sink (export "sink") (param i32)
    (if (local.get 0) (then (call $sink (i32.sub (local.get 0) (i32.const 1)))) (else (call $tick) (loop (br 0))))))`;

async function setUp(store: Store, tick: () => void = () => {}): Promise<ModuleInstance> {
  const t = host({ params: [], results: [] }, () => { tick(); return []; });
  return instantiate(store, await compile(PROGRAM), [t]);
}

function trapOf(f: () => unknown): Trap {
  try {
    f();
  } catch (e) {
    if (e instanceof Trap) return e;
    throw e;
  }
  throw new Error("no trap");
}

const call = (f: FuncInstance, ...args: number[]): unknown[] => invoke(f, args);

test("fuel stops an infinite loop with \"all fuel consumed\", with frames; the store stays usable", async (t) => {
  const store = new Store({ consumeFuel: true });
  const inst = await setUp(store);
  store.setFuel(100_000);
  const e = trapOf(() => call(func(inst, "spin")));
  t.is(e.message, TrapMessage.OutOfFuel);
  t.is(e.frames.length, 1);
  t.is(e.frames[0]!.funcIndex, 1);
  t.is(store.getFuel(), 0);
  store.setFuel(100);
  t.deepEqual(call(func(inst, "add"), 2, 3), [5]);
});

test("fuel stops a deep recursion, every frame in the trace", async (t) => {
  const store = new Store({ consumeFuel: true });
  const inst = await setUp(store);
  store.setFuel(50_000);
  const e = trapOf(() => call(func(inst, "fib"), 100));
  t.is(e.message, TrapMessage.OutOfFuel);
  t.true(e.frames.length > 90, `${e.frames.length} frames`);
  t.true(e.frames.every((f) => f.funcIndex === 2));
  store.setFuel(1000);
  t.deepEqual(call(func(inst, "fib"), 10), [55]);
});

test("fuel is exact: a loop of n iterations costs n (one entry, n - 1 branches back); one unit less traps", async (t) => {
  const store = new Store({ consumeFuel: true });
  const inst = await setUp(store);
  const count = func(inst, "count");
  for (const n of [1, 2, 17, 5000, 100_000]) {
    store.setFuel(n);
    call(count, n);
    t.is(store.getFuel(), 0, `n = ${n}`);
    store.setFuel(n - 1);
    t.is(trapOf(() => call(count, n)).message, TrapMessage.OutOfFuel);
  }
  // Calls cost one each: fib(10) makes 177 calls, the entry included.
  store.setFuel(1000);
  call(func(inst, "fib"), 10);
  t.is(store.getFuel(), 1000 - 177);
});

test("fuel is deterministic: the same program with the same fuel stops at the same place with the same fuel left", async (t) => {
  const runs: { fuel: number; at: unknown; result: unknown }[] = [];
  for (let i = 0; i < 3; i++) {
    const store = new Store({ consumeFuel: true });
    const inst = await setUp(store);
    store.setFuel(123_457);
    const e = trapOf(() => call(func(inst, "fib"), 30));
    const at = e.frames.map((f) => [f.funcIndex, f.funcOffset]);
    store.setFuel(5_000);
    const result = call(func(inst, "fib"), 15);
    runs.push({ fuel: store.getFuel(), at, result });
  }
  t.deepEqual(runs[1], runs[0]);
  t.deepEqual(runs[2], runs[0]);
  t.deepEqual(runs[0]!.result, [610]);
});

test("host calls cost fuel, and so does wasm the host runs (nested invocations share the store's fuel)", async (t) => {
  const store = new Store({ consumeFuel: true });
  let inner: FuncInstance | null = null;
  const inst = await setUp(store, () => { invoke(inner!, [5]); });
  inner = func(inst, "count");
  store.setFuel(1_000);
  call(func(inst, "ticks"), 10);
  // Outer: 1 entry + 10 calls + 9 branches back; inner: 10 calls of count(5), 5 each.
  t.is(store.getFuel(), 1_000 - (1 + 10 + 9) - 10 * 5);
  store.setFuel(60);
  t.is(trapOf(() => call(func(inst, "ticks"), 10)).message, TrapMessage.OutOfFuel);
  t.is(store.getFuel(), 0);
});

test("without consumeFuel, fuel cannot be set and nothing is counted", async (t) => {
  const store = new Store();
  const inst = await setUp(store);
  t.is(store.interrupts, null);
  t.throws(() => store.setFuel(1), { message: /fuel is not consumed/ });
  t.throws(() => store.getFuel(), { message: /fuel is not consumed/ });
  t.deepEqual(call(func(inst, "fib"), 12), [144]);
});

// On every tier: the tiered mode (the default) compiles this small module at its first call.
for (const tier of ["interpreter", "compiler", "tiered"] as const) test(`a deadline stops an infinite loop and a deep recursion with "deadline exceeded"; cleared, calls run again (${tier})`, async (t) => {
  const store = new Store({ tier });
  // The deepest frame of `sink` calls `tick` before it spins: that arms the deadline, so it cannot pass
  // before the recursion is complete, however loaded the machine.
  let arm = false;
  const inst = await setUp(store, () => { if (arm) store.setDeadline(1); });
  store.setDeadline(20);
  const spin = trapOf(() => call(func(inst, "spin")));
  t.is(spin.message, TrapMessage.DeadlineExceeded);
  t.is(spin.frames[0]!.funcIndex, 1);
  // A recursion 100 deep that then spins: the deadline finds the same 101 frames. A far deadline
  // first, so that compiled code is compiled with its checks.
  store.setDeadline(3_600_000);
  arm = true;
  const rec = trapOf(() => call(func(inst, "sink"), 100));
  arm = false;
  t.is(rec.message, TrapMessage.DeadlineExceeded);
  t.is(rec.frames.length, 101);
  t.true(rec.frames.every((f) => f.funcIndex === 7));
  // Still passed: the next call traps at once.
  t.is(trapOf(() => call(func(inst, "add"), 1, 2)).message, TrapMessage.DeadlineExceeded);
  store.clearDeadline();
  t.is(store.interrupts, null);
  t.deepEqual(call(func(inst, "add"), 1, 2), [3]);
});

test("on the interpreter, a deadline that a host callback sets stops the call already running", async (t) => {
  const store = new Store({ tier: "interpreter" });
  let arm = false;
  const inst = await setUp(store, () => { if (arm) store.setDeadline(1); });
  arm = true;
  const e = trapOf(() => call(func(inst, "sink"), 3));
  t.is(e.message, TrapMessage.DeadlineExceeded);
  t.is(e.frames.length, 4);
});

test("an epoch bumped by another worker stops an infinite loop (and a deep recursion); cleared, calls run again", async (t) => {
  const epoch = new Epoch();
  const store = new Store({ epoch });
  const inst = await setUp(store);
  for (const [name, arg] of [["spin", []], ["fib", [100]]] as const) {
    store.setEpochDeadline(1);
    const bumper = await epochBumper(epoch.buffer, "impl");
    bumper.go();
    const e = trapOf(() => invoke(func(inst, name), [...arg]));
    await bumper.done();
    t.is(e.message, TrapMessage.EpochInterrupt);
    t.true(e.frames.length >= 1);
  }
  store.clearEpochDeadline();
  t.deepEqual(call(func(inst, "add"), 4, 5), [9]);
  t.throws(() => new Store().setEpochDeadline(1), { message: /no epoch/ });
});

test("a deep recursion that is not interrupted still ends in \"call stack exhausted\" (interrupts on)", async (t) => {
  const store = new Store({ consumeFuel: true });
  const inst = await setUp(store);
  store.setFuel(1_000_000);
  t.is(trapOf(() => call(func(inst, "down"), 20_000)).message, TrapMessage.CallStackExhausted);
  t.deepEqual(call(func(inst, "down"), 100), [100]);
});

test("the start function runs under the store's fuel", async (t) => {
  const store = new Store({ consumeFuel: true });
  store.setFuel(1_000);
  const m = await compile("(module (func $s (loop (br 0))) (start $s))");
  const e = t.throws(() => instantiate(store, m, []), { instanceOf: Trap });
  t.is(e?.message, TrapMessage.OutOfFuel);
});
