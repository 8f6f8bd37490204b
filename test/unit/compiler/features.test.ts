/**
 * The compiled tier's SIMD, exception handling and tail calls: same results
 * as the interpreter, functions really compiled, values and exceptions
 * crossing tiers and host functions, and the tail-call trampoline's claims
 * (unbounded tail recursion; no change to functions without tail calls).
 */
import test from "ava";
import { Trap, TrapMessage } from "../../../impl/base/errors.js";
import { ValType } from "../../../impl/base/types.js";
import { ExceptionInstance, WasmException } from "../../../impl/runtime/exception.js";
import { FuncInstance, type ModuleInstance } from "../../../impl/runtime/instances.js";
import { TagInstance } from "../../../impl/runtime/tag.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { generatedSource } from "../../../impl/exec/compiler/module.js";
import { WASM3_EH_FEATURES } from "../../helpers/wat.js";
import { allCompiled, fn, instanceIn, run, TIERS } from "./helpers.js";
import { compileModule, Store } from "../../../impl/index.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { wat } from "../../helpers/wat.js";

const I32 = ValType.I32;
const v128 = (...bytes: number[]): Uint8Array => Uint8Array.from({ length: 16 }, (_, i) => bytes[i % bytes.length]!);

/** An instance of `text` (assembled with exception handling and tail calls on) in a store of `tier`. */
async function inst3(tier: "interpreter" | "compiler", text: string, imports: readonly (FuncInstance | TagInstance)[] = [],
  maxCallDepth?: number): Promise<ModuleInstance> {
  return instantiate(new Store({ tier, ...(maxCallDepth === undefined ? {} : { maxCallDepth }) }), compileModule(await wat(text, WASM3_EH_FEATURES)), imports);
}


const SIMD = `(module
  (memory 1)
  (global $g (mut v128) (v128.const i32x4 1 2 3 4))
  (func $id (param v128) (result v128) (local.get 0))
  (func $two (param v128 i64 v128) (result v128 i64 v128) (local.get 2) (local.get 1) (local.get 0))
  (func (export "arith") (param v128 v128) (result v128)
    (i8x16.add_sat_u (i16x8.mul (local.get 0) (local.get 1)) (i8x16.swizzle (local.get 1) (local.get 0))))
  (func (export "calls") (param v128 i64 v128) (result v128 i64 v128)
    (call $two (call $id (local.get 0)) (local.get 1) (call $id (local.get 2))))
  (func (export "lanes") (param v128) (result i32 i64 f32 f64 i32)
    (i8x16.extract_lane_s 15 (local.get 0)) (i64x2.extract_lane 1 (local.get 0))
    (f32x4.extract_lane 2 (local.get 0)) (f64x2.extract_lane 0 (local.get 0)) (i8x16.bitmask (local.get 0)))
  (func (export "replace") (param v128 i32 i64 f64) (result v128)
    (f64x2.replace_lane 1 (i64x2.replace_lane 0 (i8x16.replace_lane 3 (local.get 0) (local.get 1)) (local.get 2)) (local.get 3)))
  (func (export "mem") (param v128 i32) (result v128 v128)
    (v128.store offset=3 (local.get 1) (local.get 0))
    (v128.load8x8_s offset=3 (local.get 1))
    (v128.load32_lane 2 (local.get 1) (v128.const i64x2 -1 -1)))
  (func (export "glob") (param v128) (result v128)
    (global.get $g) (global.set $g (local.get 0)))
  (func (export "ctl") (param v128 v128 i32) (result v128)
    (block (result v128)
      (br_if 0 (local.get 0) (i32.eqz (local.get 2)))
      (drop)
      (select (local.get 1) (i8x16.shuffle 31 30 29 28 27 26 25 24 0 1 2 3 4 5 6 7 (local.get 0) (local.get 1))
        (i32.eq (local.get 2) (i32.const 1)))))
  (func (export "nan") (param v128) (result v128) (f32x4.abs (f32x4.neg (local.get 0)))))`;

test("SIMD: both tiers agree on lanes, calls, multi-value, memory, globals and control flow; everything compiles", async (t) => {
  const results: RawValue[][][] = [];
  const a = v128(0x81, 7, 0xff, 0x40, 3), b = v128(2, 0x90, 0x11);
  for (const tier of TIERS) {
    const inst = await instanceIn(tier, SIMD);
    results.push([
      run(inst, "arith", a, b), run(inst, "calls", a, -5n, b), run(inst, "lanes", a),
      run(inst, "replace", a, -1, 0x123456789abcdefn, 0xbfe0000000000000n), run(inst, "mem", b, 65536 - 19),
      run(inst, "glob", a), run(inst, "glob", b), run(inst, "ctl", a, b, 0), run(inst, "ctl", a, b, 1), run(inst, "ctl", a, b, 2),
      // A signalling NaN's payload survives the moves and the sign operations.
      run(inst, "nan", v128(1, 0, 0xa0, 0x7f)),
    ]);
    if (tier === "compiler") t.true(allCompiled(inst));
  }
  t.deepEqual(results[1], results[0]);
  // Checked by hand, not only against the other tier.
  t.deepEqual(results[1]![1], [b, -5n, a]);
  t.deepEqual(results[1]![6], [a]);
  t.deepEqual(results[1]![10], [v128(1, 0, 0xa0, 0x7f)]);
  const inst = await instanceIn("compiler", SIMD);
  t.throws(() => run(inst, "mem", b, 65536 - 18), { instanceOf: Trap, message: /out of bounds memory access/ });
});

test("SIMD: a v128 crosses to a host function and back in raw form", async (t) => {
  const seen: RawValue[] = [];
  const host = new FuncInstance({ params: [ValType.V128], results: [ValType.V128] }, null, -1, (args) => {
    seen.push(args[0]!);
    return [v128(9, 8)];
  });
  const inst = await instanceIn("compiler", `(module (import "h" "f" (func $f (param v128) (result v128)))
    (func (export "go") (param v128) (result v128) (i32x4.add (call $f (local.get 0)) (local.get 0))))`, [host]);
  const r = run(inst, "go", v128(1, 2));
  t.deepEqual(seen, [v128(1, 2)]);
  t.deepEqual(r, [v128(10, 10)]);
  t.true(allCompiled(inst));
});

const EH = `(module
  (tag $e (import "t" "e") (param i32))
  (import "h" "throws" (func $hostThrows (param i32)))
  (tag $pair (param i64 f64))
  (func $thrower (param i32) (throw $e (local.get 0)))
  (func $deep (param i32)
    (if (i32.eqz (local.get 0)) (then (call $thrower (i32.const 77)) (return)))
    (call $deep (i32.sub (local.get 0) (i32.const 1))))
  (func (export "catch") (param i32) (result i32)
    (block $h (result i32) (try_table (catch $e $h) (call $deep (local.get 0))) (i32.const -1)))
  (func (export "pair") (result i64 f64)
    (block $h (result i64 f64) (try_table (catch $pair $h) (throw $pair (i64.const -2) (f64.const 2.5))) (unreachable)))
  (func (export "fromHost") (param i32) (result i32)
    (block $h (result i32) (try_table (catch $e $h) (call $hostThrows (local.get 0))) (i32.const -1)))
  (func (export "rethrow") (result exnref)
    (block $h (result exnref) (try_table (catch_all_ref $h) (call $thrower (i32.const 5))) (ref.null exn)))
  (func (export "throwRef") (param exnref) (throw_ref (local.get 0)))
  (func (export "trapNotCaught") (result i32)
    (block $h (try_table (catch_all $h) (unreachable))) (i32.const 1))
  (func (export "loop") (param i32) (result i32) (local i32)
    (loop $l
      (drop (block $h (result i32) (try_table (catch $e $h) (call $thrower (local.get 0))) (i32.const 0)))
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if $l (i32.ne (local.get 1) (local.get 0))))
    (local.get 1))
  (func (export "uncaught") (param i32) (call $thrower (local.get 0))))`;

test("exceptions: compiled try_table catches from compiled, interpreted and host code, by tag, with payloads; traps pass", async (t) => {
  const tag = new TagInstance({ type: { params: [I32], results: [] } });
  const other = new TagInstance({ type: { params: [I32], results: [] } });
  const outcomes: unknown[][] = [];
  for (const tier of TIERS) {
    const hostThrows = new FuncInstance({ params: [I32], results: [] }, null, -1, (args) => {
      throw new WasmException(args[0] === 0 ? tag : other, [args[0]!]);
    });
    const inst = await inst3(tier, EH, [tag, hostThrows]);
    const exn = run(inst, "rethrow")[0];
    const rethrown = t.throws(() => run(inst, "throwRef", exn!), { instanceOf: WasmException }) as WasmException;
    const uncaught = t.throws(() => run(inst, "uncaught", 12), { instanceOf: WasmException }) as WasmException;
    const notCaught = t.throws(() => run(inst, "fromHost", 3), { instanceOf: WasmException }) as WasmException;
    outcomes.push([
      run(inst, "catch", 0), run(inst, "catch", 300), run(inst, "pair"), run(inst, "fromHost", 0),
      run(inst, "loop", 1000), exn instanceof ExceptionInstance, rethrown.exception === exn,
      uncaught.tag === tag && uncaught.payload[0] === 12, notCaught.tag === other,
    ]);
    t.throws(() => run(inst, "trapNotCaught"), { instanceOf: Trap, message: /unreachable/ });
    t.throws(() => run(inst, "throwRef", null), { instanceOf: Trap, message: /null reference/ });
    if (tier === "compiler") t.true(allCompiled(inst));
  }
  t.deepEqual(outcomes[1], outcomes[0]);
  t.deepEqual(outcomes[1], [[77], [77], [-2n, 0x4004000000000000n], [0], [1000], true, true, true, true]);
});

test("exceptions: a catch restores the call depth, so the depth limit stays exact after many catches from deep frames", async (t) => {
  const tag = new TagInstance({ type: { params: [I32], results: [] } });
  const hostThrows = new FuncInstance({ params: [I32], results: [] }, null, -1, () => []);
  const inst = await inst3("compiler", EH + "", [tag, hostThrows]);
  const before = t.throws(() => run(inst, "catch", 1_000_000), { instanceOf: Trap }) as Trap;
  t.is(before.reason, TrapMessage.CallStackExhausted);
  for (let i = 0; i < 50; i++) t.deepEqual(run(inst, "catch", 200), [77]);
  t.deepEqual(run(inst, "loop", 10_000), [10_000]);
  // Still the same limit: a depth that fits still fits, one that does not still traps.
  t.deepEqual(run(inst, "catch", 2000), [77]);
  t.throws(() => run(inst, "catch", 1_000_000), { instanceOf: Trap, message: /call stack exhausted/ });
});

const TAIL = `(module
  (import "h" "leaf" (func $leaf (param i32) (result i32)))
  (type $t (func (param i64 i64) (result i64)))
  (table 2 funcref) (elem (i32.const 0) $even $odd)
  (func $even (export "even") (param i64 i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
      (else (return_call_indirect (type $t) (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 2)) (i32.const 1)))))
  (func $odd (param i64 i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (i64.sub (i64.const 0) (local.get 1)))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 1))))))
  (func $count (export "count") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (return_call $leaf (i32.const 5)))
      (else (return_call $count (i32.sub (local.get 0) (i32.const 1))))))
  (func $trapper (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
  (func (export "tailTrap") (param i32) (result i32) (return_call $trapper (local.get 0)))
  (func (export "plain") (param i32) (result i32) (i32.add (call $count (local.get 0)) (i32.const 1)))
  (func (export "caughtNot") (param i32) (result i32)
    (block $h (try_table (catch_all $h) (return_call $count (local.get 0)))) (i32.const -1)))`;

/** What $even of TAIL computes, by a loop. */
function evenOdd(n: bigint): bigint {
  let acc = 0n;
  for (let even = true; ; even = !even) {
    if (n === 0n) return even ? acc : -acc;
    n -= 1n;
    acc += even ? 2n : 1n;
  }
}

test("tail calls: unbounded tail recursion (direct, indirect, mutual, to the host) runs in constant stack on both tiers", async (t) => {
  const leaf = new FuncInstance({ params: [I32], results: [I32] }, null, -1, (args) => [(args[0] as number) * 10]);
  for (const tier of TIERS) {
    const inst = await inst3(tier, TAIL, [leaf], 1000);
    t.deepEqual(run(inst, "count", 1_000_000), [50], tier);
    t.deepEqual(run(inst, "plain", 100_000), [51], tier);
    t.deepEqual(run(inst, "even", 1_000_001n, 0n), [evenOdd(1_000_001n)], tier);
    t.deepEqual(run(inst, "caughtNot", 3), [50], tier);
    // The tail-calling frame is gone: the trap's innermost frame is the callee's, and the one below is the entry's caller (none).
    const e = t.throws(() => run(inst, "tailTrap", 0), { instanceOf: Trap }) as Trap;
    t.is(e.reason, TrapMessage.IntegerDivideByZero);
    t.deepEqual(e.frames.map((f) => f.funcIndex), [4], tier);
    if (tier === "compiler") t.true(allCompiled(inst));
  }
});

test("tail calls cost nothing to functions without them: their generated text has no trampoline", async (t) => {
  const inst = await inst3("compiler", `(module
    (func $f (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func $g (export "g") (param i32) (result i32) (return_call $f (local.get 0))))`);
  t.deepEqual(run(inst, "g", 1), [2]);
  const src = generatedSource(inst.module)!;
  const f0 = src.slice(src.indexOf("function F0("), src.indexOf("function G1("));
  t.false(/TAIL|trampoline|G0/.test(f0), f0);
  t.regex(src, /function F1\(x0,\$d\)\{const r=G1\(x0,\$d\);return r===TAIL\?/);
  t.true(fn(inst, "g").jit !== null);
});

test("SIMD word operations are written in place from their one definition (simd/words.ts), not called", async (t) => {
  const inst = await instanceIn("compiler", `(module
    (func (export "w") (param v128 v128) (result v128)
      (v128.xor (i8x16.eq (local.get 0) (local.get 1))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_s (i8x16.sub (local.get 0) (local.get 1)))))))`);
  const a = v128(1, 2, 3, 250), b = v128(1, 9, 3, 7);
  const interp = await instanceIn("interpreter", `(module
    (func (export "w") (param v128 v128) (result v128)
      (v128.xor (i8x16.eq (local.get 0) (local.get 1))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_s (i8x16.sub (local.get 0) (local.get 1)))))))`);
  t.deepEqual(run(inst, "w", a, b), run(interp, "w", a, b));
  const src = generatedSource(inst.module)!;
  const body = src.slice(src.indexOf("function F0("));
  t.false(/Word\(/.test(body), body);
  t.regex(body, /0x7f7f7f7f/);
});
