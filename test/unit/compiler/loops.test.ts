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
