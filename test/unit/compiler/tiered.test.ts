import test from "ava";
import { Trap, TrapMessage } from "../../../impl/base/errors.js";
import { ValType } from "../../../impl/base/types.js";
import { Store, tierUpCounts, tierUpThreshold } from "../../../impl/index.js";
import { TIERED_EAGER_CODE_BYTES } from "../../../impl/exec/tier.js";
import { FuncInstance } from "../../../impl/runtime/instances.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { compileModule } from "../../../impl/index.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { wat, WASM3_EH_FEATURES } from "../../helpers/wat.js";
import { fn, instanceIn, run } from "./helpers.js";
import { watRefs } from "../typed-refs/helpers.js";

/** Moves every frame at its first loop iteration or call (what the spec runner's tiered run does). */
const EAGER = { tierUpEvents: 0, tierSlice: 1 } as const;

// A loop nested in an `else` arm inside a block inside an outer loop, locals of every numeric and
// reference type, and code before the loop at every level: the OSR variant must skip exactly that
// code on entry and run it again when the outer loop comes round.
const NESTED = `(module
  (func $id (param i32) (result i32) (local.get 0))
  (table 2 funcref) (elem (i32.const 0) $id)
  (func (export "nested") (param $n i32) (param $seed i64) (result i64)
    (local $i i32) (local $j i32) (local $acc i64) (local $f f32) (local $d f64) (local $r funcref) (local $e externref)
    (local.set $r (ref.func $id))
    (loop $outer
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
      (block $b
        (local.set $d (f64.add (local.get $d) (f64.const 0.5)))
        (if (i32.and (local.get $i) (i32.const 1))
          (then (local.set $acc (i64.xor (local.get $acc) (local.get $seed))))
          (else
            (local.set $j (i32.const 0))
            (local.set $f (f32.add (local.get $f) (f32.const 1.25)))
            (loop $inner
              (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 6364136223846793005))
                (i64.extend_i32_s (call_indirect (param i32) (result i32) (local.get $j) (i32.const 0)))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br_if $inner (i32.lt_u (local.get $j) (i32.const 50))))))
        (br_if $b (ref.is_null (local.get $r)))
        (local.set $acc (i64.add (local.get $acc) (i64.trunc_f64_s (local.get $d)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (i64.add (local.get $acc) (i64.add (i64.trunc_f32_s (local.get $f)) (i64.extend_i32_u (ref.is_null (local.get $e))))))
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (memory 1)
  (func (export "oob") (param i32) (local $i i32)
    (loop $l
      (i32.store (i32.mul (local.get $i) (i32.const 4096)) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get 0)))))
  (func (export "calls_oob") (param i32) (call 3 (local.get 0)))
)`;

test("tiered: frames move to compiled code in loops (OSR) and at entries, with the interpreter's results", async (t) => {
  const inputs: [number, bigint][] = [[0, 1n], [1, 7n], [2, -3n], [17, 0x123456789abcdefn], [200, -1n]];
  const expected = await instanceIn("interpreter", NESTED);
  const want = inputs.map(([n, s]) => run(expected, "nested", n, s));
  for (const options of [EAGER, { tierUpEvents: 100, tierSlice: 7 }]) {
    const inst = await instanceIn("tiered", NESTED, [], options);
    t.deepEqual(inputs.map(([n, s]) => run(inst, "nested", n, s)), want);
    t.true(tierUpCounts(inst.store!).loops > 0, "some frame moved in a loop");
  }
  // Recursion: interpreted callers' calls move at their entry.
  const tiered = await instanceIn("tiered", NESTED, [], { tierUpEvents: 500 });
  t.deepEqual(run(tiered, "fib", 20), run(expected, "fib", 20));
  t.true(tierUpCounts(tiered.store!).entries > 0);
  t.deepEqual(run(tiered, "fib", 21), [10946]);
  t.true(fn(tiered, "fib").jit !== null, "calls from outside now run compiled");
});

test("tiered: a function that is never hot stays interpreted; the default threshold grows with the module", async (t) => {
  // A threshold set explicitly: the module starts interpreted whatever its size.
  const inst = await instanceIn("tiered", NESTED, [], { tierUpEvents: tierUpThreshold(await instanceIn("interpreter", NESTED)) });
  t.deepEqual(run(inst, "fib", 5), [5]);
  t.is(fn(inst, "fib").jit, null);
  t.deepEqual(tierUpCounts(inst.store!), { entries: 0, loops: 0 });
  t.true(tierUpThreshold(inst) > 1024);
});

test("tiered with the default thresholds: a small module compiles at its first call; a large one starts interpreted", async (t) => {
  const small = await instanceIn("tiered", NESTED);
  t.deepEqual(run(small, "fib", 5), [5]);
  t.not(fn(small, "fib").jit, null);
  // A module over TIERED_EAGER_CODE_BYTES: a function padded with nops.
  const big = await instanceIn("tiered", `(module (func (export "f") (result i32) ${"(nop)".repeat(TIERED_EAGER_CODE_BYTES + 1)} (i32.const 7)))`);
  t.deepEqual(run(big, "f"), [7]);
  t.is(fn(big, "f").jit, null);
});

test("tiered: a trap in a moved frame has the interpreter's frames", async (t) => {
  const frames: unknown[] = [];
  for (const [tier, options] of [["interpreter", {}], ["tiered", EAGER]] as const) {
    const inst = await instanceIn(tier, NESTED, [], options);
    const e = t.throws(() => run(inst, "calls_oob", 100), { instanceOf: Trap }) as Trap;
    t.is(e.reason, TrapMessage.MemoryOutOfBounds);
    frames.push(e.frames.map((f) => [f.instance === inst, f.funcIndex, f.funcOffset, f.moduleOffset]));
    if (tier === "tiered") t.true(tierUpCounts(inst.store!).loops > 0);
  }
  t.deepEqual(frames[1], frames[0]);
  t.is((frames[0] as unknown[][]).length, 2);
});

test("tiered: a wasm exception through a moved frame reaches an interpreted handler", async (t) => {
  const text = `(module
    (tag $boom (param i32))
    (func $throw (param i32) (throw $boom (local.get 0)))
    (func $thrower (param i32) (local $i i32)
      (loop $l
        (if (i32.eq (local.get $i) (local.get 0)) (then (call $throw (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (func (export "catch") (param i32) (result i32)
      (block $h (result i32)
        (try_table (catch $boom $h) (call $thrower (local.get 0)))
        (i32.const -1))))`;
  const results: RawValue[][] = [];
  for (const [tier, options] of [["interpreter", {}], ["tiered", EAGER]] as const) {
    const inst = instantiate(new Store({ tier, ...options }), compileModule(await wat(text, WASM3_EH_FEATURES)), []);
    results.push(run(inst, "catch", 1000));
    if (tier === "tiered") t.true(tierUpCounts(inst.store!).loops > 0);
  }
  t.deepEqual(results, [[1000], [1000]]);
});

test("tiered: a loop calling the host on every iteration still moves, and its host calls go on", async (t) => {
  const text = `(module
    (import "h" "f" (func $h (param i32) (result i32)))
    (func (export "loop") (param i32) (result i32) (local $i i32) (local $s i32)
      (loop $l
        (local.set $s (i32.add (local.get $s) (call $h (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get 0))))
      (local.get $s)))`;
  let calls = 0;
  const host = new FuncInstance({ params: [ValType.I32], results: [ValType.I32] }, null, -1, (args) => {
    calls++;
    return [((args[0] as number) * 3) | 0];
  });
  const inst = await instanceIn("tiered", text, [host], EAGER);
  t.deepEqual(run(inst, "loop", 500), [3 * (499 * 500) / 2]);
  t.is(calls, 500);
  t.true(tierUpCounts(inst.store!).loops > 0);
});

test("tiered: store options are checked", (t) => {
  t.throws(() => new Store({ tier: "tiered", tierSlice: 0 }), { instanceOf: RangeError });
  t.throws(() => new Store({ tier: "tiered", tierUpEvents: -1 }), { instanceOf: RangeError });
  t.throws(() => new Store({ tier: "jit" as never }), { instanceOf: RangeError, message: /tiered/ });
  t.is(new Store({ tier: "tiered" }).tierSlice, 1024);
});

test("tiered: a frame with typed function reference locals moves in its loop, with the interpreter's result", async (t) => {
  const text = `(module
    (type $f (func (param i32) (result i32)))
    (func $inc (type $f) (i32.add (local.get 0) (i32.const 1)))
    (elem declare func $inc)
    (func (export "loop") (param $n i32) (result i32)
      (local $r (ref null $f)) (local $i i32) (local $acc i32)
      (local.set $r (ref.func $inc))
      (loop $l
        (local.set $acc (call_ref $f (local.get $acc) (local.get $r)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
      (local.get $acc)))`;
  const module = compileModule(await watRefs(text));
  const expected = instantiate(new Store({ tier: "interpreter" }), module, []);
  const inst = instantiate(new Store({ ...EAGER, tier: "tiered" }), module, []);
  t.deepEqual(run(inst, "loop", 300), run(expected, "loop", 300));
  t.deepEqual(run(inst, "loop", 300), [300]);
  t.true(tierUpCounts(inst.store!).loops > 0, "the frame moved in its loop");
});
