/**
 * The compiled tier's inline atomic accesses (emit-atomics.ts): each call's
 * result, or its trap's message and frames, against the interpreter's, at
 * the edges the inline path hands to the generic helper (the end of the
 * memory, unaligned addresses, offsets past 4 GiB, grows by the host and by
 * another holder of a shared memory) and on an unshared memory.
 * @module
 */
import test from "ava";
import { Trap } from "../../../impl/base/errors.js";
import { compileModule, FuncInstance, instantiate, invoke, MemoryInstance, Store, type ModuleInstance, type RawValue } from "../../../impl/index.js";
import { wat, WASM_THREADS_FEATURES } from "../../helpers/wat.js";
import { func } from "../exec/helpers.js";

const TIERS = ["interpreter", "compiler", "tiered"] as const;
type Tier = (typeof TIERS)[number];

/** The module over memory `mem` (imported, shared or not) and a second memory of its own; `env.grow` grows the imported memory. */
const text = (shared: boolean): string => `(module
  (import "env" "mem" (memory 1 4 ${shared ? "shared" : ""}))
  (import "env" "grow" (func $host_grow))
  (memory $b 1 1 ${shared ? "shared" : ""})
  (func (export "add") (param i32 i32) (result i32) (i32.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "add_off") (param i32 i32) (result i32) (i32.atomic.rmw.add offset=8 (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.atomic.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.atomic.store (local.get 0) (local.get 1)))
  (func (export "load8") (param i32) (result i32) (i32.atomic.load8_u (local.get 0)))
  (func (export "load16") (param i32) (result i32) (i32.atomic.load16_u (local.get 0)))
  (func (export "store16_off") (param i32 i32) (i32.atomic.store16 offset=1 (local.get 0) (local.get 1)))
  (func (export "add8") (param i32 i32) (result i32) (i32.atomic.rmw8.add_u (local.get 0) (local.get 1)))
  (func (export "xchg16") (param i32 i64) (result i64) (i64.atomic.rmw16.xchg_u (local.get 0) (local.get 1)))
  (func (export "or32") (param i32 i64) (result i64) (i64.atomic.rmw32.or_u (local.get 0) (local.get 1)))
  (func (export "load32") (param i32) (result i64) (i64.atomic.load32_u (local.get 0)))
  (func (export "cas8") (param i32 i32 i32) (result i32) (i32.atomic.rmw8.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
  (func (export "cas") (param i32 i32 i32) (result i32) (i32.atomic.rmw.cmpxchg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "load64") (param i32) (result i64) (i64.atomic.load (local.get 0)))
  (func (export "store64") (param i32 i64) (i64.atomic.store (local.get 0) (local.get 1)))
  (func (export "add64") (param i32 i64) (result i64) (i64.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "sub64_off") (param i32 i64) (result i64) (i64.atomic.rmw.sub offset=16 (local.get 0) (local.get 1)))
  (func (export "xor64") (param i32 i64) (result i64) (i64.atomic.rmw.xor (local.get 0) (local.get 1)))
  (func (export "cas64") (param i32 i64 i64) (result i64) (i64.atomic.rmw.cmpxchg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "add_b") (param i32 i32) (result i32) (i32.atomic.rmw.add $b (local.get 0) (local.get 1)))
  (func (export "grow_then_add") (param i32 i32) (result i32)
    (drop (memory.grow (i32.const 1)))
    (i32.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "host_grow_then_add") (param i32 i32) (result i32)
    ;; Views made before the call, past whose end the access is.
    (drop (i32.atomic.load (i32.const 0)))
    (call $host_grow)
    (i32.atomic.rmw.add (local.get 0) (local.get 1))))`;

type Call = readonly [string, ...RawValue[]];

const END = 65536;
/** Calls at the edges, in order (each sees the previous ones' writes). */
const CALLS: readonly Call[] = [
  ["add", 0, 5], ["add", 0, -1], ["load", 0],
  // The end of the memory: the last word fits; past it, out of bounds wins over unaligned.
  ["add", END - 4, 7], ["add", END - 4, 1], ["add", END, 1], ["add", END - 2, 1], ["add", END - 3, 1], ["add", -4, 1], ["add", 2, 1],
  ["add_off", END - 12, 3], ["add_off", END - 8, 3], ["add_off", -8, 1], ["add_off", -4, 1], ["add_off", -6, 1], ["add_off", 1, 1],
  ["store", END - 4, -2], ["load", END - 4], ["load", END - 1], ["store", END, 1], ["store", 6, 1],
  // Narrow widths: unsigned, zero-extended results; an unaligned 16-bit access with an offset.
  ["store", 16, -1], ["load8", 17], ["load16", 18], ["load8", END - 1], ["load8", END], ["load16", END - 2], ["load16", END - 1], ["load16", 17],
  ["add8", 16, 1], ["load", 16], ["add8", END - 1, 200], ["add8", END - 1, 100], ["load8", END - 1],
  ["store16_off", 19, 0x12345], ["load", 20], ["store16_off", 18, 1], ["store16_off", END - 3, 1], ["store16_off", END - 2, 1],
  ["xchg16", 16, -1n], ["xchg16", 16, 0x1_0000_0042n], ["or32", 24, 0x8000_0000n], ["or32", 24, 1n], ["load32", 24], ["or32", END - 4, 1n], ["or32", END - 2, 1n],
  // Compare-exchange: a mismatched expected value leaves memory; the narrow one compares the expected value wrapped.
  ["cas", 32, 1, 2], ["cas", 32, 0, -7], ["load", 32], ["cas8", 32, 0x1f9, 3], ["cas8", 32, 0xf8, 4], ["load", 32], ["cas", END, 0, 0], ["cas", 33, 0, 0],
  // i64: carries and borrows across the halves, results on both halves.
  ["store64", 40, 0xffff_ffffn], ["add64", 40, 1n], ["load64", 40], ["add64", 40, -0x1_0000_0002n], ["load64", 40],
  ["sub64_off", 24, 0x1_0000_0001n], ["load64", 40], ["xor64", 40, -1n], ["load64", 40],
  ["cas64", 40, 5n, 6n], ["cas64", 40, 0x1_0000_0001n, -0x1234_5678_9abcn], ["load64", 40],
  ["load64", END - 8], ["add64", END - 8, 3n], ["add64", END - 8, -1n], ["load64", END - 8], ["load64", END - 4], ["load64", END], ["load64", END - 12], ["load64", 44],
  ["sub64_off", END - 24, 1n], ["sub64_off", END - 16, 1n], ["sub64_off", -16, 1n], ["sub64_off", -20, 1n],
  ["store64", END - 8, 0n], ["store64", END, 0n], ["store64", END - 4, 0n], ["store64", 4, 0n],
  // A second memory; grows by the code and by the host, each seen at once.
  ["add_b", END - 4, 9], ["add_b", END - 4, 1], ["add_b", END, 1], ["add_b", 1, 1],
  ["add", END, 1], ["grow_then_add", END, 4], ["grow_then_add", 2 * END, 5], ["add", 2 * END - 4, 1], ["add", 2 * END, 1],
  ["host_grow_then_add", 4 * END - 4, 6], ["add", 4 * END - 4, 1], ["add", 4 * END, 1],
];

type Outcome = RawValue[] | { trap: string; frames: [number, number][] };

function outcome(inst: ModuleInstance, [name, ...args]: Call): Outcome {
  try {
    return invoke(func(inst, name), args);
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
    return { trap: e.message, frames: e.frames.map((f) => [f.funcIndex, f.funcOffset]) };
  }
}

async function runAll(tier: Tier, shared: boolean): Promise<{ outcomes: Outcome[]; inst: ModuleInstance }> {
  const mem = new MemoryInstance({ limits: { min: 1, max: 4 }, shared });
  const grow = new FuncInstance({ params: [], results: [] }, null, -1, () => { mem.grow(1); return []; });
  const inst = instantiate(new Store({ tier }), compileModule(await wat(text(shared), { ...WASM_THREADS_FEATURES, multi_memory: true })), [mem, grow]);
  return { outcomes: CALLS.map((c) => outcome(inst, c)), inst };
}

for (const shared of [true, false]) {
  const kind = shared ? "shared" : "unshared";
  test(`atomics on a ${kind} memory: compiled and tiered code give the interpreter's results, traps and trap frames`, async (t) => {
    const reference = (await runAll("interpreter", shared)).outcomes;
    for (const tier of ["compiler", "tiered"] as const) {
      const { outcomes, inst } = await runAll(tier, shared);
      for (let i = 0; i < CALLS.length; i++) t.deepEqual(outcomes[i], reference[i], `${tier}: ${CALLS[i]!.join(" ")}`);
      if (tier === "compiler") for (const name of ["add", "add_off", "cas64", "xchg16", "host_grow_then_add"]) t.not(func(inst, name).jit, null, name);
    }
    // What the interpreter gives, as the proposal says.
    const at = (name: string, ...args: RawValue[]): Outcome => reference[CALLS.findIndex((c) => c[0] === name && args.every((a, j) => c[j + 1] === a))]!;
    const trap = (o: Outcome): string => Array.isArray(o) ? "none" : o.trap;
    t.regex(trap(at("add", END - 2, 1)), /^out of bounds/, "out of bounds before unaligned");
    t.regex(trap(at("add_off", -4, 1)), /^out of bounds/, "an effective address past 4 GiB does not wrap");
    t.regex(trap(at("add", 2, 1)), /^unaligned atomic/);
    t.deepEqual(at("load8", 17), [0xff]);
    t.deepEqual(at("xchg16", 16, -1n), [0xff00n], "zero-extended");
    t.deepEqual(at("load32", 24), [0x8000_0001n]);
    t.deepEqual(at("cas", 32, 1, 2), [0], "a mismatched expected value returns the value");
    t.deepEqual(at("cas8", 32, 0x1f9, 3), [0xf9], "the narrow compare-exchange wraps its expected value");
    t.deepEqual(at("cas8", 32, 0xf8, 4), [3]);
    t.deepEqual(at("add64", 40, 1n), [0xffff_ffffn]);
    t.deepEqual(at("add64", 40, -0x1_0000_0002n), [0x1_0000_0000n]);
    t.deepEqual(at("host_grow_then_add", 4 * END - 4, 6), [0]);
    t.deepEqual(at("add", 4 * END - 4, 1), [6]);
  });
}

test("a handler sees a memory a callee grew (and moved) before throwing: plain and atomic accesses on the compiled tier", async (t) => {
  const text = `(module (memory 1 100) (tag $t)
    (func $grow_and_throw (drop (memory.grow (i32.const 50))) (throw $t))
    (func (export "run") (result i32)
      (i32.store (i32.const 0) (i32.const 5))
      (drop (i32.atomic.load (i32.const 4)))
      (block $h (try_table (catch $t $h) (call $grow_and_throw)))
      (i32.store (i32.const 0) (i32.const 7))
      (i32.atomic.store (i32.const 4) (i32.const 9))
      (i32.atomic.store (i32.const 0x320000) (i32.const 11))
      (i32.load (i32.const 0)))
    (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))`;
  for (const tier of TIERS) {
    const inst = instantiate(new Store({ tier }), compileModule(await wat(text, WASM_THREADS_FEATURES)), []);
    t.deepEqual(invoke(func(inst, "run"), []), [7], tier);
    t.deepEqual([0, 4, 0x320000].map((a) => invoke(func(inst, "peek"), [a])[0]), [7, 9, 11], tier);
  }
});

test("atomics on a memory64 memory: loads, stores and a read-modify-write at i64 addresses, and their traps, as interpreted", async (t) => {
  const bytes = await wat(`(module (memory i64 1)
    (func (export "store") (param i64 i32) (i32.atomic.store (local.get 0) (local.get 1)))
    (func (export "store64") (param i64 i64) (i64.atomic.store offset=8 (local.get 0) (local.get 1)))
    (func (export "load") (param i64) (result i32) (i32.atomic.load (local.get 0)))
    (func (export "load64") (param i64) (result i64) (i64.atomic.load offset=8 (local.get 0)))
    (func (export "add") (param i64 i32) (result i32) (i32.atomic.rmw.add (local.get 0) (local.get 1))))`,
  { ...WASM_THREADS_FEATURES, memory64: true });
  const seen: unknown[] = [];
  for (const tier of TIERS) {
    const inst = instantiate(new Store({ tier }), compileModule(bytes), []);
    const call = (name: string, ...args: RawValue[]): unknown => {
      try {
        return invoke(inst.export(name) as FuncInstance, args);
      } catch (e) {
        return e instanceof Trap ? `trap: ${e.message}` : e;
      }
    };
    seen.push([
      call("store", 16n, 0x01020304), call("load", 16n), call("add", 16n, 5), call("load", 16n),
      call("store64", 24n, -2n), call("load64", 24n), call("load", 32n),
      call("store", 65532n, 9), call("load", 65532n),
      call("store", 65533n, 1), call("store", 65536n, 1), call("store", 2n ** 40n, 1), call("load64", 65528n), call("add", 6n, 1),
    ]);
  }
  t.deepEqual(seen[1], seen[0]);
  t.deepEqual(seen[2], seen[0]);
  // The interpreter's answers, as the proposal says: values round-trip, out of bounds before unaligned.
  const first = seen[0] as unknown[];
  t.deepEqual(first.slice(0, 4), [[], [0x01020304], [0x01020304], [0x01020309]]);
  t.deepEqual(first[5], [-2n]);
  t.regex(String(first[10]), /out of bounds/);
  t.regex(String(first[11]), /out of bounds/);
  t.regex(String(first[13]), /unaligned/);
});
