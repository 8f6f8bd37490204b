import test from "ava";
import { Trap, TrapMessage } from "../../../impl/base/errors.js";
import { ValType } from "../../../impl/base/types.js";
import { FuncInstance, type ModuleInstance } from "../../../impl/runtime/instances.js";
import { COMPILED_DEPTH } from "../../../impl/exec/compiler/helpers.js";
import { fn, instanceIn, run, TIERS } from "./helpers.js";

/**
 * The call-depth limit on the compiled tier: compiled frames up to a
 * threshold, the interpreter past it, so recursion reaches the store's limit
 * (10,000 frames by default) on both tiers and traps at the same call with
 * the same frames.
 */

const RECURSE = `(module (func $r (export "r") (param i32) (result i32)
  (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
    (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1))))))))`;

/** The same recursion in a function with 60 i64 locals (large frames: its own, lower threshold). */
const BIG = `(module (func $r (export "r") (param i32) (result i64) (local ${"i64 ".repeat(60)})
  (local.set 60 (i64.extend_i32_u (local.get 0)))
  (if (result i64) (i32.eqz (local.get 0)) (then (local.get 60))
    (else (i64.add (local.get 60) (call $r (i32.sub (local.get 0) (i32.const 1))))))))`;

/** The frames of a trap as plain values (the instance as its export "r"'s owner being this one). */
function frames(e: Trap, inst: ModuleInstance): [number, number, number, boolean][] {
  return e.frames.map((f) => [f.funcIndex, f.funcOffset, f.moduleOffset, f.instance === inst]);
}

function trapOf(inst: ModuleInstance, arg: number): Trap {
  try {
    run(inst, "r", arg);
  } catch (e) {
    if (e instanceof Trap) return e;
    throw e;
  }
  throw new Error(`r(${arg}) did not trap`);
}

for (const [what, text, ok] of [["a small function", RECURSE, 9999], ["a function with large frames", BIG, 49995000n]] as const) {
  test(`${what}: both tiers reach 10,000 frames and trap one frame further with the same frames`, async (t) => {
    const seen: { result: unknown; frames: [number, number, number, boolean][]; length: number }[] = [];
    for (const tier of TIERS) {
      const inst = await instanceIn(tier, text);
      // r(n) is n + 1 frames: r(9999) is the deepest call the default limit of 10,000 allows.
      const result = run(inst, "r", 9999)[0];
      const e = trapOf(inst, 10_000);
      t.is(e.reason, TrapMessage.CallStackExhausted);
      seen.push({ result, frames: frames(e, inst), length: e.frames.length });
      t.is(fn(inst, "r").jit !== null, tier === "compiler");
      // The store is still usable after the trap.
      t.deepEqual(run(inst, "r", 3), [typeof ok === "bigint" ? 6n : 3]);
    }
    t.is(seen[0]!.result, ok);
    t.is(seen[1]!.result, ok);
    t.true(seen[0]!.length > 0);
    t.deepEqual(seen[1], seen[0]);
  });
}

test("a store's own limit, lower or higher than the default, is exact on both tiers", async (t) => {
  for (const limit of [700, 25_000]) {
    const outcomes: unknown[] = [];
    for (const tier of TIERS) {
      const inst = await instanceIn(tier, RECURSE, [], { maxCallDepth: limit });
      t.deepEqual(run(inst, "r", limit - 1), [limit - 1]);
      const e = trapOf(inst, limit);
      t.is(e.reason, TrapMessage.CallStackExhausted);
      outcomes.push(frames(e, inst));
    }
    t.deepEqual(outcomes[1], outcomes[0]);
  }
});

test("recursion through a host function past the compiled threshold: the host's calls back run, results as on the interpreter", async (t) => {
  // r(n) calls the host at every level where n % 500 == 0; the host calls back into s(7), which recurses 7 deep.
  const text = `(module (import "h" "f" (func $h (param i32) (result i32)))
    (func $s (export "s") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (i32.add (i32.const 1) (call $s (i32.sub (local.get 0) (i32.const 1)))))))
    (func $r (export "r") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add
          (if (result i32) (i32.eqz (i32.rem_u (local.get 0) (i32.const 500))) (then (call $h (local.get 0))) (else (i32.const 1)))
          (call $r (i32.sub (local.get 0) (i32.const 1))))))))`;
  const sums: unknown[] = [];
  for (const tier of TIERS) {
    let inst: ModuleInstance | null = null;
    let calls = 0;
    const h = new FuncInstance({ params: [ValType.I32], results: [ValType.I32] }, null, -1, () => {
      calls++;
      return run(inst!, "s", 7);
    });
    inst = await instanceIn(tier, text, [h]);
    // 9,000 frames of r, the host's frame, and 8 of s at the deepest host call: within 10,000.
    sums.push(run(inst, "r", 9000)[0]);
    t.is(calls, 18);
    t.true(9000 + 1 + 8 > COMPILED_DEPTH);
  }
  t.deepEqual(sums[1], sums[0]);
  t.is(sums[0], 9000 - 18 + 18 * 8);
});

test("a function with its own lower bound checks the depth once, against the lower of its bound and the store's limit (exact either way)", async (t) => {
  const { generatedSource } = await import("../../../impl/exec/compiler/module.js");
  // BIG's bound (its frames are large) is below the tier's threshold; 150 is below that bound, 700 above it.
  for (const limit of [150, 700]) {
    const outcomes: unknown[] = [];
    for (const tier of TIERS) {
      const inst = await instanceIn(tier, BIG, [], { maxCallDepth: limit });
      t.deepEqual(run(inst, "r", limit - 1), [BigInt((limit - 1) * limit / 2)]);
      const e = trapOf(inst, limit);
      t.is(e.reason, TrapMessage.CallStackExhausted);
      outcomes.push(frames(e, inst));
      if (tier !== "compiler") continue;
      const src = generatedSource(inst.module)!;
      const m = /const D0=DL<(\d+)\?DL:\1;function F0\(x0,\$d\)\{if\(\$d>=D0\)return /.exec(src);
      t.truthy(m, "one comparison against the folded bound");
      const bound = Number(m![1]);
      t.true(bound > 150 && bound < 700 && bound < COMPILED_DEPTH);
    }
    t.deepEqual(outcomes[1], outcomes[0]);
  }
  // A small function's bound is higher (its frames are smaller), the same one comparison.
  const small = await instanceIn("compiler", RECURSE);
  run(small, "r", 3);
  const m = /const D0=DL<(\d+)\?DL:\1;function F0\(x0,\$d\)\{if\(\$d>=D0\)return /.exec(generatedSource(small.module)!);
  t.truthy(m);
  t.true(Number(m![1]) > 1000);
});

/** The frames of the trap `r(arg)` raises, or its result. */
function outcome(inst: ModuleInstance, arg: number): unknown {
  try {
    return run(inst, "r", arg);
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
    return [e.reason, frames(e, inst)];
  }
}

test("a small function calling itself alternates with its clone: exact at limits of either parity, the same frames as the interpreter", async (t) => {
  const { generatedSource } = await import("../../../impl/exec/compiler/module.js");
  // Frames alternate between F0 (odd depths) and its clone F0r (even depths): limits of both parities,
  // the smallest ones, and one past the tier's threshold.
  for (const limit of [1, 2, 3, 4, 699, 700, COMPILED_DEPTH + 1, COMPILED_DEPTH + 2]) {
    const seen: unknown[][] = [];
    for (const tier of TIERS) {
      const inst = await instanceIn(tier, RECURSE, [], { maxCallDepth: limit });
      seen.push([outcome(inst, limit - 2), outcome(inst, limit - 1), outcome(inst, limit)]);
      if (tier === "compiler") t.regex(generatedSource(inst.module)!, /function F0r\(x0,\$c\)\{/);
    }
    t.deepEqual(seen[1], seen[0], `limit ${limit}`);
    // r(n) is n + 1 frames: r(limit - 1) is the deepest call the limit allows (r(-1) of limit 1 recurses until it traps).
    if (limit > 1) t.deepEqual(seen[0]![0], [limit - 2]);
    t.deepEqual(seen[0]![1], [limit - 1]);
    t.is((seen[0]![2] as [string, unknown[]])[0], TrapMessage.CallStackExhausted);
  }
});

test("a trap in the clone's frame and in the original's: the same frames as the interpreter", async (t) => {
  // r(n) recurses to n = 0 and traps there (unreachable) or divides by zero one level up.
  const text = `(module (func $r (export "r") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (unreachable))
      (else (i32.div_u (call $r (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))`;
  for (const n of [1, 2, 5, 6]) {
    const seen: unknown[] = [];
    for (const tier of TIERS) seen.push(outcome(await instanceIn(tier, text), n));
    t.deepEqual(seen[1], seen[0]);
    t.is((seen[0] as [string, unknown[]])[0], TrapMessage.Unreachable);
    t.is(((seen[0] as [string, unknown[]])[1]).length, n + 1);
  }
});

test("a chain of functions that do not recurse, called at the limit, traps at exactly the frame the interpreter does", async (t) => {
  // r(n) recurses n deep, then calls a, which calls b, which calls c: n + 4 frames in all.
  const text = `(module
    (func $c (result i32) (i32.const 7))
    (func $b (result i32) (i32.add (call $c) (i32.const 1)))
    (func $a (result i32) (i32.add (call $b) (i32.const 1)))
    (func $r (export "r") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (call $a))
        (else (call $r (i32.sub (local.get 0) (i32.const 1)))))))`;
  const limit = 500;
  for (const n of [limit - 5, limit - 4, limit - 3, limit - 2, limit - 1]) {
    const seen: unknown[] = [];
    for (const tier of TIERS) seen.push(outcome(await instanceIn(tier, text, [], { maxCallDepth: limit }), n));
    t.deepEqual(seen[1], seen[0], `r(${n})`);
    // r(n) is n + 1 frames of r; a, b and c take three more.
    if (n + 4 <= limit) t.deepEqual(seen[0], [9]);
    else t.is((seen[0] as [string, unknown[]])[0], TrapMessage.CallStackExhausted);
  }
});
