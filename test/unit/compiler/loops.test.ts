/**
 * Loops in compiled code: an innermost loop without calls and with many
 * integer variables runs as a pair of JavaScript loops (coercions in the
 * outer one, the body in the inner one, back to the outer one every 1,024
 * iterations); other loops stay single. Results are the interpreter's
 * across the re-entries of the outer loop, from every kind of backward
 * branch (`br`, `br_if`, `br_table`, from nested blocks).
 */
import test from "ava";
import { generatedSource } from "../../../impl/exec/compiler/module.js";
import { instanceIn, run, TIERS } from "./helpers.js";

/**
 * An i64 xorshift over `n` iterations (three i64 locals and a counter: seven
 * integer variables at the head); the backward branch is a `br_if`, a
 * `br_table` inside a block, or a `br` in an `if`, by the counter's low bits.
 */
const PAIR = `(module (func (export "f") (param i32) (result i64) (local i64 i64 i64 i32)
  (local.set 1 (i64.const 0x2545F4914F6CDD1D)) (local.set 2 (i64.const 7))
  (block $done
    (loop $l
      (local.set 1 (i64.xor (local.get 1) (i64.shl (local.get 1) (i64.const 13))))
      (local.set 1 (i64.xor (local.get 1) (i64.shr_u (local.get 1) (i64.const 7))))
      (local.set 3 (i64.mul (local.get 1) (i64.const 0x9E3779B97F4A7C15)))
      (local.set 2 (i64.add (local.get 2) (i64.sub (local.get 3) (i64.extend_i32_u (local.get 4)))))
      (local.set 4 (i32.add (local.get 4) (i32.const 1)))
      (br_if $done (i32.ge_u (local.get 4) (local.get 0)))
      (block $b
        (br_table $l $b $l (i32.and (local.get 4) (i32.const 3))))
      (if (i32.and (local.get 4) (i32.const 4)) (then (br $l)))
      (br_if $l (i32.const 1))))
  (i64.xor (local.get 2) (local.get 1))))`;

/** The same loop with a call in its body. */
const WITH_CALL = `(module
  (func $id (param i64) (result i64) (local.get 0))
  (func (export "f") (param i32) (result i64) (local i64 i64 i64 i32)
  (local.set 1 (i64.const 0x2545F4914F6CDD1D))
  (block $done
    (loop $l
      (local.set 1 (i64.xor (local.get 1) (call $id (i64.shl (local.get 1) (i64.const 13)))))
      (local.set 2 (i64.add (local.get 2) (local.get 1)))
      (local.set 3 (i64.mul (local.get 3) (local.get 2)))
      (local.set 4 (i32.add (local.get 4) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get 4) (local.get 0)))))
  (i64.xor (local.get 2) (local.get 1))))`;

test("an innermost call-free loop with many integer variables is a pair; results as on the interpreter across re-entries", async (t) => {
  const results: unknown[] = [];
  for (const tier of TIERS) {
    const inst = await instanceIn(tier, PAIR);
    // 0, 1 and 1,023 to 1,025 iterations (around one re-entry of the outer loop), and many re-entries.
    results.push([0, 1, 1023, 1024, 1025, 5000, 100_000].map((n) => run(inst, "f", n)[0]));
    if (tier !== "compiler") continue;
    const src = generatedSource(inst.module)!;
    const m = /L(\d+):for\(;;\)\{[^{}]*\|=0;\$k=1024;L\1i:for\(;;\)\{/.exec(src);
    t.truthy(m, "the outer loop coerces, then opens the inner one");
    const l = m![1]!;
    t.true(src.includes(`if(--$k!==0)continue L${l}i;continue L${l};`));
    t.false(src.includes("\u0002") || src.includes("\u0003"), "every backward-branch mark resolved");
  }
  t.deepEqual(results[1], results[0]);
});

test("a loop with a call in its body stays a single loop", async (t) => {
  const results: unknown[] = [];
  for (const tier of TIERS) {
    const inst = await instanceIn(tier, WITH_CALL);
    results.push([0, 3, 2000].map((n) => run(inst, "f", n)[0]));
    if (tier === "compiler") {
      const src = generatedSource(inst.module)!;
      t.false(/L\d+i:for/.test(src));
      t.false(src.includes("$k"));
      t.regex(src, /continue L\d+;/);
    }
  }
  t.deepEqual(results[1], results[0]);
});

/**
 * An i32 state machine of nine locals (a state register, a counter and
 * seven accumulators) whose loop holds a small inner loop: the outer loop
 * carries nine integer variables, the inner one two.
 */
function nineLocals(innerBody: string): string {
  return `(module (func (export "f") (param i32) (result i32) (local i32 i32 i32 i32 i32 i32 i32 i32 i32)
  (block $done
    (loop $l
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if $done (i32.gt_u (local.get 1) (local.get 0)))
      (local.set 2 (i32.xor (local.get 2) (i32.mul (local.get 1) (i32.const 0x9E3779B9))))
      (local.set 3 (i32.add (local.get 3) (local.get 2)))
      (local.set 4 (i32.rotl (local.get 4) (local.get 3)))
      (local.set 5 (i32.sub (local.get 5) (local.get 4)))
      (local.set 6 (i32.xor (local.get 6) (i32.shr_u (local.get 5) (i32.const 3))))
      (local.set 7 (i32.add (local.get 7) (local.get 6)))
      ${innerBody}
      (br_table $l $l $l (i32.and (local.get 1) (i32.const 3)))))
  (i32.xor (local.get 2) (i32.xor (local.get 3) (i32.xor (local.get 4) (i32.xor (local.get 5)
    (i32.xor (local.get 6) (i32.xor (local.get 7) (i32.add (local.get 8) (local.get 9))))))))))`;
}

/** A small inner loop: local 9 counts down from local 1's low bits, adding to local 8. */
const SMALL_INNER = `(local.set 9 (i32.and (local.get 1) (i32.const 7)))
      (block $x (loop $in
        (br_if $x (i32.eqz (local.get 9)))
        (local.set 8 (i32.add (local.get 8) (local.get 9)))
        (local.set 9 (i32.sub (local.get 9) (i32.const 1)))
        (br $in)))`;

/** An inner loop that itself carries every local (nine integer variables at its head). */
const WIDE_INNER = `(local.set 9 (i32.and (local.get 1) (i32.const 3)))
      (block $x (loop $in
        (br_if $x (i32.eqz (local.get 9)))
        (local.set 8 (i32.add (local.get 8) (i32.xor (local.get 2) (local.get 3))))
        (local.set 8 (i32.add (local.get 8) (i32.xor (local.get 4) (local.get 5))))
        (local.set 8 (i32.add (local.get 8) (i32.xor (local.get 6) (i32.add (local.get 7) (local.get 1)))))
        (local.set 9 (i32.sub (local.get 9) (i32.const 1)))
        (br $in)))`;

/** The labels of the loops of `src` (a pair's outer loop counts, its inner one not), in order. */
function loops(src: string): string[] {
  return [...src.matchAll(/L(\d+):for\(;;\)\{/g)].map((m) => m[1]!);
}

/** The labels of the loops emitted as pairs in `src`. */
function pairs(src: string): string[] {
  return [...src.matchAll(/L(\d+)i:for\(;;\)\{/g)].map((m) => m[1]!);
}

test("a call-free i32 loop with nine integer variables is a pair even around a small loop; results as on the interpreter", async (t) => {
  const results: unknown[] = [];
  for (const tier of TIERS) {
    const inst = await instanceIn(tier, nineLocals(SMALL_INNER));
    results.push([0, 1, 1023, 1024, 1025, 3000, 50_000].map((n) => run(inst, "f", n)[0]));
    if (tier !== "compiler") continue;
    const src = generatedSource(inst.module)!;
    const p = pairs(src);
    t.is(p.length, 1, "one pair");
    t.is(p[0], loops(src)[0], "the pair is the outer loop");
    // Its head coerces the nine locals, then opens the inner loop of the pair.
    t.regex(src, new RegExp(`L${p[0]}:for\\(;;\\)\\{(?:x\\d+\\|=0;){9,}\\$k=1024;L${p[0]}i:for`));
    t.false(src.includes("\u0002") || src.includes("\u0003"), "every backward-branch mark resolved");
  }
  t.deepEqual(results[1], results[0]);
});

test("a loop around a pair stays single (no pair in a pair)", async (t) => {
  const results: unknown[] = [];
  for (const tier of TIERS) {
    const inst = await instanceIn(tier, nineLocals(WIDE_INNER));
    results.push([0, 5, 1025, 20_000].map((n) => run(inst, "f", n)[0]));
    if (tier !== "compiler") continue;
    const src = generatedSource(inst.module)!;
    const p = pairs(src);
    t.is(p.length, 1, "one pair");
    const all = loops(src);
    t.is(all.length, 2);
    t.is(p[0], all[1], "the pair is the inner loop, not the loop around it");
  }
  t.deepEqual(results[1], results[0]);
});
