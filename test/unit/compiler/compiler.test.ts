import test from "ava";
import { Trap, TrapMessage } from "../../../impl/base/errors.js";
import { ValType } from "../../../impl/base/types.js";
import { compileModule, Store } from "../../../impl/index.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { FuncInstance, MemoryInstance, type ModuleInstance } from "../../../impl/runtime/instances.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { generatedSource } from "../../../impl/exec/compiler/module.js";
import { wat } from "../../helpers/wat.js";
import { fn, instanceIn, run, TIERS } from "./helpers.js";

const I32 = ValType.I32, I64 = ValType.I64;

const KERNELS = `(module
  (memory (export "mem") 1)
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "sum") (param i32) (result i32) (local i32)
    (block (loop (br_if 1 (i32.eqz (local.get 0)))
      (local.set 1 (i32.add (local.get 1) (local.get 0)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br 0)))
    (local.get 1))
  (func (export "sel") (param i32) (result i32)
    (block $a (block $b (block $c (br_table $a $b $c (local.get 0))) (return (i32.const 30))) (return (i32.const 20)))
    (i32.const 10))
  (func (export "multi") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
  (func (export "swapsum") (param i32 i32) (result i32)
    (call 3 (local.get 0) (local.get 1)) (i32.sub))
  (func (export "bytes") (param i32) (result i32)
    (i32.store8 (i32.const 7) (local.get 0))
    (i32.add (i32.load8_s (i32.const 7)) (i32.load8_u (i32.const 7))))
  (func (export "f32") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
  (func (export "i64ops") (param i64 i64) (result i64 i64 i64 i64 i64)
    (i64.div_u (local.get 0) (local.get 1)) (i64.rem_s (local.get 0) (local.get 1))
    (i64.shr_u (local.get 0) (local.get 1)) (i64.rotl (local.get 0) (local.get 1)) (i64.clz (local.get 0)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "idiv") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func (export "trunc") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
)`;

test("both tiers give the same results on the same module (calls, loops, br_table, multi-value, memory, f32, i64)", async (t) => {
  const results: RawValue[][][] = [];
  for (const tier of TIERS) {
    const inst = await instanceIn(tier, KERNELS);
    results.push([
      run(inst, "fac", 20n), run(inst, "sum", 10000), run(inst, "sel", 0), run(inst, "sel", 1), run(inst, "sel", 2),
      run(inst, "sel", -1), run(inst, "multi", 3, 4), run(inst, "swapsum", 3, 10), run(inst, "bytes", 0xff),
      run(inst, "f32", 0x3fc00000, 0x40100000),
      run(inst, "i64ops", -1n, 3n), run(inst, "i64ops", -0x8000000000000000n, 63n), run(inst, "i64ops", 0n, -1n),
      run(inst, "trunc", 0x43e0000000000000n), // 2^63 as f64 bits: fits u64
    ]);
    t.is(fn(inst, "fac").jit !== null, tier === "compiler");
  }
  t.deepEqual(results[1], results[0]);
  // A few values checked against the spec by hand, not only against the other tier.
  t.deepEqual(results[1]![0], [2432902008176640000n]);
  t.deepEqual(results[1]![1], [50005000]);
  t.deepEqual(results[1]![3], [20]);
  t.deepEqual(results[1]![5], [30]);
  t.deepEqual(results[1]![6], [4, 3]);
  t.deepEqual(results[1]![8], [254]);
  t.deepEqual(results[1]![9], [0x40700000]);
  t.deepEqual(results[1]![10], [0x5555555555555555n, -1n, 0x1fffffffffffffffn, -1n, 0n]);
  t.deepEqual(results[1]![11], [146402730743726600n, -8n, 1n, 0x4000000000000000n, 0n]);
  t.deepEqual(results[1]![13], [-0x8000000000000000n]);
});

test("compiled code traps with the spec's messages and the interpreter's frames (function index, offsets, instance)", async (t) => {
  const text = `(module (memory 1)
    (func (export "oob") (param i32) (result i32) (call 1 (local.get 0)))
    (func (param i32) (result i32) (i32.load offset=4 (local.get 0)))
    (func (export "div0") (result i32) (i32.div_u (i32.const 1) (i32.const 0)))
    (func (export "ovf") (result i64) (i64.div_s (i64.const -0x8000000000000000) (i64.const -1)))
    (func (export "unreachable") unreachable)
    (func (export "conv") (result i32) (i32.trunc_f32_s (f32.const nan))))`;
  const frames: unknown[] = [];
  for (const tier of TIERS) {
    const inst = await instanceIn(tier, text);
    const trapOf = (name: string, ...args: RawValue[]): Trap => t.throws(() => run(inst, name, ...args), { instanceOf: Trap }) as Trap;
    const e = trapOf("oob", 65532);
    t.is(e.reason, TrapMessage.MemoryOutOfBounds);
    t.deepEqual(e.frames.map((f) => f.instance === inst), [true, true]);
    frames.push(e.frames.map((f) => [f.funcIndex, f.funcOffset, f.moduleOffset]));
    t.is(trapOf("div0").reason, TrapMessage.IntegerDivideByZero);
    t.is(trapOf("ovf").reason, TrapMessage.IntegerOverflow);
    t.is(trapOf("unreachable").reason, TrapMessage.Unreachable);
    t.is(trapOf("conv").reason, TrapMessage.InvalidConversion);
    // The store stays usable after a trap.
    t.throws(() => run(inst, "oob", 65532), { instanceOf: Trap });
  }
  t.deepEqual(frames[1], frames[0]);
  t.is((frames[1] as number[][])[0]![0], 1);
});

test("NaN payloads survive f64 moves, memory, abs, neg, copysign and reinterpret in compiled code", async (t) => {
  const inst = await instanceIn("compiler", `(module (memory 1)
    (func (export "id") (param f64) (result f64) (local f64) (local.set 1 (local.get 0)) (local.get 1))
    (func (export "mem") (param f64) (result i64) (f64.store (i32.const 8) (local.get 0)) (i64.load (i32.const 8)))
    (func (export "neg") (param f64) (result f64) (f64.neg (local.get 0)))
    (func (export "abs") (param f64) (result f64) (f64.abs (local.get 0)))
    (func (export "cs") (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1)))
    (func (export "bits") (param f64) (result i64) (i64.reinterpret_f64 (local.get 0)))
    (func (export "f32neg") (param i32) (result i32) (i32.reinterpret_f32 (f32.neg (f32.reinterpret_i32 (local.get 0))))))`);
  const nan = 0x7ff8000000abcdefn, negNan = 0xfff8000000abcdefn;
  t.deepEqual(run(inst, "id", nan), [nan]);
  t.deepEqual(run(inst, "mem", negNan), [BigInt.asIntN(64, negNan)]);
  t.deepEqual(run(inst, "neg", nan), [negNan]);
  t.deepEqual(run(inst, "abs", negNan), [nan]);
  t.deepEqual(run(inst, "cs", nan, 0xbff0000000000000n), [negNan]);
  t.deepEqual(run(inst, "bits", negNan), [BigInt.asIntN(64, negNan)]);
  t.deepEqual(run(inst, "f32neg", 0x7fc01234), [0xffc01234 | 0]);
});

test("f32 values keep signalling-NaN payloads through moves, memory, globals, calls, abs, neg and copysign", async (t) => {
  const inst = await instanceIn("compiler", `(module (memory 1) (global $g (mut f32) (f32.const 0))
    (func $id (param f32) (result f32) (local.get 0))
    (func (export "chain") (param f32) (result f32)
      (f32.store (i32.const 4) (call $id (local.get 0)))
      (global.set $g (f32.load (i32.const 4)))
      (global.get $g))
    (func (export "abs") (param f32) (result f32) (f32.abs (local.get 0)))
    (func (export "neg") (param f32) (result f32) (f32.neg (local.get 0)))
    (func (export "cs") (param f32 f32) (result f32) (f32.copysign (local.get 0) (local.get 1)))
    (func (export "const") (result i32) (i32.reinterpret_f32 (f32.const nan:0x200000)))
    (func (export "add") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1))))`);
  const snan = 0x7fa00000, negSnan = 0xffa00000;
  t.deepEqual(run(inst, "chain", snan), [snan]);
  t.deepEqual(run(inst, "chain", negSnan), [negSnan]);
  t.deepEqual(run(inst, "abs", negSnan), [snan]);
  t.deepEqual(run(inst, "neg", snan), [negSnan]);
  t.deepEqual(run(inst, "cs", snan, 0xbf800000), [negSnan]);
  t.deepEqual(run(inst, "const"), [snan]);
  // Arithmetic rounds to f32: 1 + 2^-30 is 1 in f32.
  t.deepEqual(run(inst, "add", 0x3f800000, 0x30800000), [0x3f800000]);
});

test("memory.grow is seen by compiled code: its own grow, and a shared memory grown by the host between and during calls", async (t) => {
  const exporter = await instanceIn("compiler", `(module (memory (export "mem") 1 10)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))`);
  const mem = exporter.export("mem") as MemoryInstance;
  let hostGrows = 0;
  const hostGrow = new FuncInstance({ params: [], results: [] }, null, -1, () => { mem.grow(1); hostGrows++; return []; });
  const user = await instanceIn("compiler", `(module (import "m" "mem" (memory 1)) (import "h" "grow" (func $g))
    (func (export "size") (result i32) (memory.size))
    (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
    (func (export "growThenStore") (param i32 i32) (result i32)
      (call $g) (i32.store (local.get 0) (local.get 1)) (memory.size)))`, [mem, hostGrow]);
  t.throws(() => run(user, "store", 70000, 5), { instanceOf: Trap, message: /out of bounds memory access/ });
  t.deepEqual(run(exporter, "grow", 1), [1]);
  t.deepEqual(run(user, "size"), [2]);
  run(user, "store", 70000, 5);
  t.deepEqual(run(exporter, "peek", 70000), [5]);
  mem.grow(1);
  t.deepEqual(run(user, "size"), [3]);
  // The host grows the memory during the call: the store right after it sees the new page.
  t.deepEqual(run(user, "growThenStore", 3 * 65536 + 4, 9), [4]);
  t.is(hostGrows, 1);
  t.deepEqual(run(exporter, "peek", 3 * 65536 + 4), [9]);
  t.deepEqual(run(exporter, "grow", 100), [-1]);
});

test("an out-of-bounds store in compiled code traps with its frame and writes nothing", async (t) => {
  const inst = await instanceIn("compiler", `(module (memory 1)
    (func (export "st64") (param i32) (i64.store (local.get 0) (i64.const -1)))
    (func (export "ld") (param i32) (result i32) (i32.load (local.get 0))))`);
  const e = t.throws(() => run(inst, "st64", 65532), { instanceOf: Trap }) as Trap;
  t.is(e.reason, TrapMessage.MemoryOutOfBounds);
  t.is(e.frames.length, 1);
  t.is(e.frames[0]!.funcIndex, 0);
  t.true(e.frames[0]!.funcOffset > 0);
  t.deepEqual(run(inst, "ld", 65532), [0]);
  run(inst, "st64", 65528);
  t.deepEqual(run(inst, "ld", 65532), [-1]);
});

test("call_indirect checks bounds, null and type, and calls functions of other instances and tiers", async (t) => {
  const other = await instanceIn("interpreter", `(module (func (export "seven") (result i32) (i32.const 7)))`);
  const inst = await instanceIn("compiler", `(module (import "o" "seven" (func $seven (result i32)))
    (type $r (func (result i32))) (type $p (func (param i32) (result i32)))
    (table (export "t") 4 funcref) (elem (i32.const 0) $seven $one $inc)
    (func $one (result i32) (i32.const 1))
    (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func (export "ci") (param i32) (result i32) (call_indirect (type $r) (local.get 0)))
    (func (export "cp") (param i32 i32) (result i32) (call_indirect (type $p) (local.get 1) (local.get 0))))`, [fn(other, "seven")]);
  t.deepEqual(run(inst, "ci", 0), [7]);
  t.deepEqual(run(inst, "ci", 1), [1]);
  t.deepEqual(run(inst, "cp", 2, 41), [42]);
  t.throws(() => run(inst, "ci", 2), { instanceOf: Trap, message: /indirect call type mismatch/ });
  t.throws(() => run(inst, "ci", 3), { instanceOf: Trap, message: /uninitialized element/ });
  t.throws(() => run(inst, "ci", 4), { instanceOf: Trap, message: /undefined element/ });
  t.throws(() => run(inst, "ci", -1), { instanceOf: Trap, message: /undefined element/ });
});

test("host calls get their caller and raw values; a host function calls back into compiled code (re-entrancy)", async (t) => {
  let callers: (ModuleInstance | null)[] = [];
  let inst: ModuleInstance | null = null;
  const back = new FuncInstance({ params: [I32, I64, ValType.F32], results: [I32] }, null, -1, (args, caller) => {
    callers.push(caller);
    const [n, big, f] = args as [number, bigint, number];
    t.is(typeof big, "bigint");
    t.is(f, 0x3f800000);
    // Re-enters the compiled instance with n - 1 until 0.
    return n === 0 ? [100] : [(run(inst!, "down", n - 1)[0] as number) + 1];
  });
  inst = await instanceIn("compiler", `(module (import "h" "back" (func $b (param i32 i64 f32) (result i32)))
    (func (export "down") (param i32) (result i32) (call $b (local.get 0) (i64.const -5) (f32.const 1))))`, [back]);
  t.deepEqual(run(inst, "down", 50), [150]);
  t.is(callers.length, 51);
  t.true(callers.every((c) => c === inst));
  // A trap from the host passes through the compiled frames, which it lists.
  const boom = new FuncInstance({ params: [], results: [] }, null, -1, () => { throw new Error("boom"); });
  callers = [];
  const i2 = await instanceIn("compiler", `(module (import "h" "b" (func $b)) (func (export "go") (call $b)))`, [boom]);
  const e = t.throws(() => run(i2, "go"), { instanceOf: Trap }) as Trap;
  t.is(e.reason, TrapMessage.HostError);
  t.deepEqual(e.frames.map((f) => f.funcIndex), [1]);
});

test("the call-depth limit is exact in compiled code, and deep recursion traps with \"call stack exhausted\"", async (t) => {
  const text = `(module (func $r (export "r") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1))))))))`;
  const inst = await instanceIn("compiler", text, [], { maxCallDepth: 500 });
  t.deepEqual(run(inst, "r", 499), [499]);
  const e = t.throws(() => run(inst, "r", 500), { instanceOf: Trap }) as Trap;
  t.is(e.reason, TrapMessage.CallStackExhausted);
  t.true(e.frames.length > 0);
  t.deepEqual(run(inst, "r", 10), [10]);
  const deep = await instanceIn("compiler", text, [], { maxCallDepth: 10_000_000 });
  t.is((t.throws(() => run(deep, "r", 5_000_000), { instanceOf: Trap }) as Trap).reason, TrapMessage.CallStackExhausted);
  t.deepEqual(run(deep, "r", 100), [100]);
});

test("SIMD compiles now (it used to fall back); a store that counts fuel still runs on the interpreter", async (t) => {
  const text = `(module
    (func $simd (export "simd") (param i32) (result i32) (i32x4.extract_lane 2 (i32x4.splat (local.get 0))))
    (func (export "both") (param i32) (result i32) (i32.add (call $simd (local.get 0)) (i32.const 1))))`;
  const inst = await instanceIn("compiler", text);
  t.deepEqual(run(inst, "both", 41), [42]);
  t.deepEqual(run(inst, "simd", 5), [5]);
  t.not(fn(inst, "simd").jit, null);
  t.not(fn(inst, "both").jit, null);
  // A store that counts fuel runs compiled code that counts it (see interrupt.test.ts).
  const fueled = await instanceIn("compiler", `(module (func (export "spin") (loop (br 0))))`, [], { consumeFuel: true });
  fueled.store!.setFuel(1000);
  t.throws(() => run(fueled, "spin"), { instanceOf: Trap, message: /all fuel consumed/ });
  t.not(fn(fueled, "spin").jit, null);
});

test("safe code generation: hostile export, import and function names never reach the generated source", async (t) => {
  const hostile = ["\"); throw 1; //", "`${process.exit(1)}`", "*/ }}}} x", "\u2028\u2029", "constructor", "__proto__", "F0", "M", "H"];
  const fields = hostile.map((n, i) => `(func (export ${JSON.stringify(n)}) (result i32) (i32.const ${i}))`).join("\n");
  const imported = hostile.map((n) => `(import ${JSON.stringify(n)} ${JSON.stringify(n)} (func (result i32)))`).join("\n");
  const bytes = await wat(`(module ${imported} ${fields.replace(/\(func /g, "(func ")}
    (func $${"evil"} (export "sumImports") (result i32) ${hostile.map((_, i) => `(call ${i})`).join(" ")} ${hostile.slice(1).map(() => "(i32.add)").join(" ")}))`);
  const hosts = hostile.map((_, i) => new FuncInstance({ params: [], results: [I32] }, null, -1, () => [i * 10]));
  const inst = instantiate(new Store({ tier: "compiler" }), compileModule(bytes), hosts);
  hostile.forEach((n, i) => t.deepEqual(run(inst, n), [i]));
  t.deepEqual(run(inst, "sumImports"), [hostile.reduce((s, _, i) => s + 10 * i, 0)]);
  t.not(fn(inst, hostile[0]!).jit, null);
  const source = generatedSource(inst.module);
  t.truthy(source);
  for (const n of hostile.slice(0, 4)) t.false(source!.includes(n), n);
  t.false(source!.includes("evil"));
});
