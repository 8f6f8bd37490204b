import test from "ava";
import { Epoch, Store, tierUpCounts, Trap, TrapMessage } from "../../../impl/index.js";
import { FuncInstance, type ModuleInstance } from "../../../impl/runtime/instances.js";
import { epochBumper } from "../interrupt/helpers.js";
import { fn, instanceIn, run, TIERS } from "./helpers.js";
import { INTERRUPT_PROGRAM as PROGRAM } from "../../helpers/interrupt-program.js";

/**
 * Fuel, epoch and deadline in compiled code: the compiled tier counts the
 * interpreter's events (calls at the callee's entry, entries from the host,
 * backward branches, host calls), so fuel is exact and the same on both
 * tiers, and the same traps stop it.
 */


type Tier = (typeof TIERS)[number];

/** An instance of PROGRAM in a new store of `tier`; its host function `tick` calls `count(5)` of the instance when `nested`. */
async function setUp(tier: Tier | "tiered", options: { consumeFuel?: boolean; epoch?: Epoch; tierUpEvents?: number; tierSlice?: number }, nested = false): Promise<ModuleInstance> {
  let inst: ModuleInstance | null = null;
  const tick = new FuncInstance({ params: [], results: [] }, null, -1, () => {
    if (nested) run(inst!, "count", 5);
    return [];
  });
  inst = await instanceIn(tier, PROGRAM, [tick], options);
  return inst;
}

/** What a call did: its results, or its trap's message and frames (function index, and the call sites of all but the innermost). */
function outcome(inst: ModuleInstance, name: string, ...args: number[]): unknown {
  try {
    return { results: run(inst, name, ...args) };
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
    return { trap: e.message, funcs: e.frames.map((f) => f.funcIndex), sites: e.frames.slice(1).map((f) => f.moduleOffset) };
  }
}

test("fuel is exact on the compiled tier: a loop of n iterations costs n, one unit less traps; fib(10) costs 177", async (t) => {
  const inst = await setUp("compiler", { consumeFuel: true });
  const store = inst.store!;
  for (const n of [1, 2, 17, 5000, 100_000]) {
    store.setFuel(n);
    run(inst, "count", n);
    t.is(store.getFuel(), 0, `n = ${n}`);
    store.setFuel(n - 1);
    t.like(outcome(inst, "count", n), { trap: TrapMessage.OutOfFuel });
    t.is(store.getFuel(), 0);
  }
  store.setFuel(1000);
  t.deepEqual(run(inst, "fib", 10), [55]);
  t.is(store.getFuel(), 1000 - 177);
  t.not(fn(inst, "count").jit, null);
  t.not(fn(inst, "fib").jit, null);
});

test("the same program with the same fuel stops at the same event with the same fuel left on both tiers", async (t) => {
  const cases: [string, number[], number][] = [
    ["fib", [20], 5000], ["fib", [20], 21_890], ["fib", [20], 21_891], ["fib", [15], 0], ["fib", [15], 1],
    ["spin", [], 12_345], ["count", [1000], 999], ["nested", [50], 170], ["nested", [50], 199], ["nested", [50], 200],
    ["mixed", [300], 599], ["mixed", [300], 899], ["mixed", [300], 900],
  ];
  const seen: unknown[][] = [];
  for (const tier of TIERS) {
    const inst = await setUp(tier, { consumeFuel: true });
    const store = inst.store!;
    const rows: unknown[] = [];
    for (const [name, args, fuel] of cases) {
      store.setFuel(fuel);
      rows.push([name, fuel, outcome(inst, name, ...args), store.getFuel()]);
    }
    seen.push(rows);
    if (tier === "compiler") {
      t.not(fn(inst, "mixed").jit, null);
      // SIMD is compiled too (it once fell back to the interpreter), metered like the rest.
      t.not(fn(inst, "simd").jit, null);
    }
  }
  t.deepEqual(seen[1], seen[0]);
  // Some of the cases trap, some do not.
  t.true(seen[0]!.some((r) => (r as [string, number, { trap?: string }])[2].trap === TrapMessage.OutOfFuel));
  t.true(seen[0]!.some((r) => "results" in (r as [string, number, object])[2]));
});

test("host calls cost fuel on the compiled tier, and so does wasm the host runs (both tiers agree)", async (t) => {
  const left: number[] = [];
  for (const tier of TIERS) {
    const inst = await setUp(tier, { consumeFuel: true }, true);
    const store = inst.store!;
    store.setFuel(1_000);
    run(inst, "ticks", 10);
    // Outer: 1 entry + 10 calls + 9 branches back; inner: 10 calls of count(5), 5 each.
    t.is(store.getFuel(), 1_000 - (1 + 10 + 9) - 10 * 5);
    store.setFuel(60);
    t.like(outcome(inst, "ticks", 10), { trap: TrapMessage.OutOfFuel });
    left.push(store.getFuel());
  }
  t.deepEqual(left, [0, 0]);
});

test("a deadline stops a compiled infinite loop and a deep recursion; cleared, calls run again", async (t) => {
  const inst = await setUp("compiler", {});
  const store = inst.store!;
  store.setDeadline(20);
  t.like(outcome(inst, "spin"), { trap: TrapMessage.DeadlineExceeded, funcs: [1] });
  // Long enough that a loaded machine descheduling the process cannot let it pass before the recursion is deep.
  store.setDeadline(500);
  const rec = outcome(inst, "fib", 100) as { trap: string; funcs: number[] };
  t.is(rec.trap, TrapMessage.DeadlineExceeded);
  // Stopped inside the recursion: fib(100)'s calls are at least 50 deep but for the few near its root.
  t.true(rec.funcs.length > 30, `${rec.funcs.length} frames`);
  t.not(fn(inst, "spin").jit, null);
  store.clearDeadline();
  t.deepEqual(run(inst, "fib", 10), [55]);
});

test("a deadline set after an instance was compiled without checks: its calls go to the interpreter, which stops them", async (t) => {
  const inst = await setUp("compiler", {});
  t.deepEqual(run(inst, "fib", 10), [55]);
  t.not(fn(inst, "fib").jit, null);
  inst.store!.setDeadline(20);
  t.like(outcome(inst, "spin"), { trap: TrapMessage.DeadlineExceeded });
  inst.store!.clearDeadline();
  t.deepEqual(run(inst, "fib", 12), [144]);
});

test("an epoch bumped by another worker stops compiled code (a loop and a deep recursion)", async (t) => {
  const epoch = new Epoch();
  const inst = await setUp("compiler", { epoch });
  const store = inst.store as Store;
  for (const [name, arg] of [["spin", []], ["fib", [100]]] as const) {
    store.setEpochDeadline(1);
    const bumper = await epochBumper(epoch.buffer, "impl");
    bumper.go();
    const e = outcome(inst, name, ...arg) as { trap: string; funcs: number[] };
    await bumper.done();
    t.is(e.trap, TrapMessage.EpochInterrupt);
    t.true(e.funcs.length >= 1);
  }
  t.not(fn(inst, "spin").jit, null);
  store.clearEpochDeadline();
  t.deepEqual(run(inst, "fib", 10), [55]);
});

test("compiled code of a store that cannot be interrupted has no checks", async (t) => {
  const plain = await setUp("compiler", {});
  run(plain, "count", 3);
  const fueled = await setUp("compiler", { consumeFuel: true });
  fueled.store!.setFuel(10);
  run(fueled, "count", 3);
  const { generatedSource } = await import("../../../impl/exec/compiler/module.js");
  t.false(generatedSource(plain.module)!.includes("CT.n"));
  t.true(generatedSource(fueled.module, true)!.includes("CT.n"));
});

test("tiered: frames move to compiled code while fuel is counted, and fuel stays exact (every case as on the interpreter)", async (t) => {
  const cases: [string, number[], number][] = [
    ["fib", [20], 5000], ["fib", [20], 21_890], ["fib", [20], 21_891], ["fib", [15], 1],
    ["spin", [], 12_345], ["count", [1000], 999], ["count", [1000], 1000], ["nested", [50], 170], ["nested", [50], 200],
    ["mixed", [300], 599], ["mixed", [300], 900], ["ticks", [40], 79], ["ticks", [40], 500],
  ];
  // A new instance per case, so that each starts interpreted and moves in the function it runs.
  const rowsOf = async (tier: "interpreter" | "tiered", options: object): Promise<{ rows: unknown[]; loops: number; entries: number }> => {
    const rows: unknown[] = [];
    let loops = 0, entries = 0;
    for (const [name, args, fuel] of cases) {
      const inst = await instanceIn(tier, PROGRAM, [new FuncInstance({ params: [], results: [] }, null, -1, () => [])], { consumeFuel: true, ...options });
      const store = inst.store!;
      store.setFuel(fuel);
      rows.push([name, fuel, outcome(inst, name, ...args), store.getFuel()]);
      loops += tierUpCounts(store).loops;
      entries += tierUpCounts(store).entries;
    }
    return { rows, loops, entries };
  };
  const expected = (await rowsOf("interpreter", {})).rows;
  // Every frame at its first look; after a hundred events, looking every 7; the default rhythm.
  let loops = 0, entries = 0;
  for (const options of [{ tierUpEvents: 0, tierSlice: 1 }, { tierUpEvents: 100, tierSlice: 7 }, { tierUpEvents: 3000 }]) {
    const moved = await rowsOf("tiered", options);
    t.deepEqual(moved.rows, expected, JSON.stringify(options));
    t.true(moved.loops + moved.entries > 0, `${JSON.stringify(options)}: no frame moved`);
    loops += moved.loops;
    entries += moved.entries;
  }
  // Frames moved both ways: in a loop (on-stack replacement) and at a function's entry.
  t.true(loops > 0 && entries > 0, `loops ${loops}, entries ${entries}`);
  t.true(expected.some((r) => (r as [string, number, { trap?: string }])[2].trap === TrapMessage.OutOfFuel));
});

test("tiered: frames move while a deadline is set, into code that a deadline stops; code compiled before any deadline is never moved into while one is set", async (t) => {
  const lively = { tierUpEvents: 100, tierSlice: 7 };
  const inst = await setUp("tiered", lively);
  const store = inst.store!;
  // A deadline far away: the loop moves (and finishes) long before it.
  store.setDeadline(600_000);
  run(inst, "count", 100_000);
  t.true(tierUpCounts(store).loops > 0, "count moved in its loop");
  // The instance's code counts events: a deadline that passes stops it.
  store.setDeadline(20);
  t.like(outcome(inst, "spin"), { trap: TrapMessage.DeadlineExceeded, funcs: [1] });
  t.not(fn(inst, "spin").jit, null);
  store.clearDeadline();
  // Compiled while nothing could interrupt the store: code that counts nothing.
  const plain = await setUp("tiered", lively);
  const plainStore = plain.store!;
  t.deepEqual(run(plain, "fib", 15), [610]);
  const before = tierUpCounts(plainStore);
  t.true(before.entries + before.loops > 0);
  plainStore.setDeadline(20);
  t.like(outcome(plain, "spin"), { trap: TrapMessage.DeadlineExceeded, funcs: [1] });
  t.deepEqual(tierUpCounts(plainStore), before, "no frame moved into code that counts nothing");
});
