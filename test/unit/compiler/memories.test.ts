/**
 * Multiple memories, memory64 and `return_call_ref` on the compiled tier:
 * such functions are compiled (not handed to the interpreter), and they
 * behave as on the interpreter: i64 addresses checked exactly up to
 * 2^64 - 1 (with offsets, around 2^53, never wrapping into bounds), the
 * same trap frames, and a grow of any memory (by the code itself, by a host
 * function, by another instance) seen by compiled code at once.
 */
import test from "ava";
import { Trap, TrapMessage } from "../../../impl/base/errors.js";
import { Op } from "../../../impl/base/opcodes.js";
import { CodeReader } from "../../../impl/decode/code.js";
import { compileModule, invoke, Store } from "../../../impl/index.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { FuncInstance, MemoryInstance, type Extern, type ModuleInstance } from "../../../impl/runtime/instances.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { wat, WASM3_FEATURES } from "../../helpers/wat.js";
import { compileRefs } from "../typed-refs/helpers.js";
import { allCompiled, TIERS } from "./helpers.js";

type Tier = (typeof TIERS)[number];
const PAGE = 65536;
const MAX_U64 = 0xffff_ffff_ffff_ffffn;
/** An i64 argument in raw form (a bigint in the signed range) for the unsigned address `a`. */
const u64 = (a: bigint): bigint => BigInt.asIntN(64, a);

async function instanceOf(tier: Tier, text: string, imports: readonly Extern[] = []): Promise<ModuleInstance> {
  return instantiate(new Store({ tier }), compileModule(await wat(text, { ...WASM3_FEATURES, threads: true })), imports);
}

function call(inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  const f = inst.export(name);
  if (!(f instanceof FuncInstance)) throw new Error(`no function export ${name}`);
  return invoke(f, args);
}

/** What a call did: its results, or its trap's reason and frames (function, offset in the function, offset in the module). */
function outcome(inst: ModuleInstance, name: string, ...args: RawValue[]): unknown {
  try {
    return { results: call(inst, name, ...args) };
  } catch (e) {
    if (!(e instanceof Trap)) throw e;
    return { trap: e.reason, frames: e.frames.map((f) => [f.funcIndex, f.funcOffset, f.moduleOffset]) };
  }
}


/** The module offset of the first instruction `op` in function `funcIndex`. */
function offsetOf(inst: ModuleInstance, funcIndex: number, op: number): number {
  const m = inst.module;
  const body = m.codes[funcIndex - m.importedFuncs]!;
  const r = new CodeReader(m.bytes, body.codeStart, body.codeEnd);
  while (r.pos < body.codeEnd) if (r.next() === op) return r.opOffset;
  throw new Error(`no instruction 0x${op.toString(16)}`);
}

/** Memory 0 with i32 addresses, memory 1 with i64 addresses (one page each), accessed every way. */
const WIDE = `(module
  (memory $a 1)
  (memory $b (export "b") i64 1 4)
  (data $seg "\\01\\02\\03\\04")
  (func (export "load") (param i64) (result i32) (i32.load $b (local.get 0)))
  (func (export "load8") (param i64) (result i32) (i32.load8_u $b (local.get 0)))
  (func (export "load_off4") (param i64) (result i32) (i32.load $b offset=4 (local.get 0)))
  (func (export "load_off_max") (param i64) (result i32) (i32.load8_u $b offset=0xffff_ffff_ffff_ffff (local.get 0)))
  (func (export "load_off_2p53") (param i64) (result i32) (i32.load8_u $b offset=0x20_0000_0000_0000 (local.get 0)))
  (func (export "load64") (param i64) (result i64) (i64.load $b (local.get 0)))
  (func (export "store") (param i64 i32) (i32.store $b (local.get 0) (local.get 1)))
  (func (export "store64") (param i64 i64) (i64.store $b (local.get 0) (local.get 1)))
  (func (export "v128_load") (param i64) (result i32) (i32x4.extract_lane 3 (v128.load $b (local.get 0))))
  (func (export "lane_load") (param i64) (result i32)
    (i32x4.extract_lane 0 (v128.load32_lane $b 0 (local.get 0) (v128.const i32x4 0 0 0 0))))
  (func (export "lane_store") (param i64 i32) (v128.store8_lane $b 0 (local.get 0) (i8x16.splat (local.get 1))))
  (func (export "splat") (param i64) (result i32) (i32x4.extract_lane 2 (v128.load16_splat $b (local.get 0))))
  (func (export "atomic_add") (param i64 i32) (result i32) (i32.atomic.rmw.add $b (local.get 0) (local.get 1)))
  (func (export "fill") (param i64 i32 i64) (memory.fill $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy_b_b") (param i64 i64 i64) (memory.copy $b $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy_a_b") (param i32 i64 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy_b_a") (param i64 i32 i32) (memory.copy $b $a (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i64 i32 i32) (memory.init $b $seg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "load_a") (param i32) (result i32) (i32.load $a (local.get 0)))
  (func (export "size") (result i64) (memory.size $b))
  (func (export "grow") (param i64) (result i64) (memory.grow $b (local.get 0))))`;

test("a multi-memory module, a memory64 module and a return_call_ref function are compiled, not left to the interpreter", async (t) => {
  const wide = await instanceOf("compiler", WIDE);
  t.deepEqual(call(wide, "size"), [1n]);
  t.true(allCompiled(wide), "multiple memories, an i64 memory, SIMD and atomics on it");
  const only64 = await instanceOf("compiler", `(module (memory i64 1)
    (func (export "rw") (param i64 i32) (result i32) (i32.store (local.get 0) (local.get 1)) (i32.load (local.get 0))))`);
  t.deepEqual(call(only64, "rw", 8n, 5), [5]);
  t.true(allCompiled(only64), "memory 0 with i64 addresses");
  const refs = instantiate(new Store({ tier: "compiler" }), await compileRefs(TAIL_REFS), []);
  t.deepEqual(call(refs, "count", 10n), [20n]);
  t.true(allCompiled(refs), "return_call_ref");
  t.not(refs.funcs[0]!.jit, null);
});

test("i64 addresses are exact up to 2^64 - 1 with offsets, around 2^53 too, never wrapping into bounds (compiled as interpreted)", async (t) => {
  const insts = { interpreter: await instanceOf("interpreter", WIDE), compiler: await instanceOf("compiler", WIDE) };
  const oob = { trap: TrapMessage.MemoryOutOfBounds };
  /** Runs the call on both tiers: the same outcome, and the compiled one as `expected` says (`t.like`). */
  const both = (expected: unknown, name: string, ...args: RawValue[]): void => {
    const c = outcome(insts.compiler, name, ...args), i = outcome(insts.interpreter, name, ...args);
    t.deepEqual(c, i, `${name}(${args.join(", ")}): the tiers agree`);
    t.like(c, expected as object, `${name}(${args.join(", ")})`);
  };
  both({ results: [] }, "store", 8n, 0x11223344);
  both({ results: [0x11223344] }, "load", 8n);
  both({ results: [] }, "store", BigInt(PAGE - 4), 0x0a0b0c0d);
  both({ results: [0x0a0b0c0d] }, "load", BigInt(PAGE - 4));
  both({ results: [0x0a0b0c0d] }, "load_off4", BigInt(PAGE - 8));
  both(oob, "load_off4", BigInt(PAGE - 7));
  both(oob, "load", BigInt(PAGE - 3));
  both({ results: [0x0a] }, "load8", BigInt(PAGE - 1));
  both(oob, "load8", BigInt(PAGE));
  for (const a of [2n ** 32n + 8n, 2n ** 32n + 8n - 4n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 53n + 8n, 2n ** 63n, MAX_U64 - 3n, MAX_U64]) {
    const arg = u64(a);
    for (const name of ["load", "load8", "load64", "load_off4", "v128_load", "lane_load", "splat"]) both(oob, name, arg);
    both(oob, "store", arg, 1);
    both(oob, "store64", arg, 1n);
    both(oob, "lane_store", arg, 1);
    both(oob, "atomic_add", arg, 1);
  }
  // 2^32 + 8 is not 8: the high word counts (the store at 8 above is untouched).
  both({ results: [0x11223344] }, "load", 8n);
  // address + offset past 2^64 is out of bounds, not a wrap to a small address.
  both(oob, "load_off_max", 0n);
  both(oob, "load_off_max", 1n);
  both(oob, "load_off4", u64(MAX_U64 - 3n));
  both(oob, "load_off_2p53", 0n);
  // SIMD and atomics in bounds, at the last bytes.
  both({ results: [] }, "lane_store", BigInt(PAGE - 1), 0x7f);
  both({ results: [0x7f0b0c0d] }, "lane_load", BigInt(PAGE - 4));
  both({ results: [0x7f0b7f0b] }, "splat", BigInt(PAGE - 2));
  both({ results: [0x7f0b0c0d] }, "atomic_add", BigInt(PAGE - 4), 1);
  both({ results: [0x7f0b0c0e] }, "load", BigInt(PAGE - 4));
  // Bulk memory with i64 addresses and lengths, between the i32 memory and the i64 one.
  both(oob, "fill", 0n, 9, u64(MAX_U64));
  both(oob, "fill", u64(MAX_U64), 9, 1n);
  both({ results: [] }, "fill", BigInt(PAGE), 9, 0n);
  both(oob, "fill", BigInt(PAGE + 1), 9, 0n);
  both(oob, "fill", u64(2n ** 53n), 9, 0n);
  both(oob, "fill", u64(2n ** 53n + 1n), 9, 0n);
  both({ results: [] }, "fill", 16n, 0x55, 4n);
  both({ results: [0x55555555] }, "load", 16n);
  both({ results: [] }, "copy_b_b", 32n, 16n, 4n);
  both(oob, "copy_b_b", 32n, 16n, u64(2n ** 64n - 16n));
  both({ results: [] }, "copy_a_b", 0, 16n, 4);
  both({ results: [0x55555555] }, "load_a", 0);
  both(oob, "copy_a_b", 0, u64(2n ** 32n + 16n), 4);
  both({ results: [] }, "init", 40n, 0, 4);
  both({ results: [0x04030201] }, "load", 40n);
  both(oob, "init", u64(MAX_U64), 0, 1);
  both({ results: [] }, "copy_b_a", 48n, 0, 4);
  both({ results: [0x55555555] }, "load", 48n);
  // memory.size and memory.grow give i64s; a grow past the maximum (4 pages), or by 2^64 - 1, fails with -1.
  both({ results: [1n] }, "size");
  both({ results: [-1n] }, "grow", -1n);
  both({ results: [-1n] }, "grow", 2n ** 32n);
  both({ results: [1n] }, "grow", 1n);
  both({ results: [2n] }, "size");
  both({ results: [0] }, "load", BigInt(2 * PAGE - 4));
  both(oob, "load", BigInt(2 * PAGE - 3));
  t.true(allCompiled(insts.compiler));
});

test("a trap on memory 1 has the interpreter's frames: the access's function and offset, then the call site", async (t) => {
  const text = `(module
    (memory $a 1)
    (memory $b 1)
    (memory $c i64 1)
    (func $inner (param i32) (result i32) (i32.load $b offset=8 (local.get 0)))
    (func $inner64 (param i64) (result i32) (i32.load16_s $c (local.get 0)))
    (func (export "outer") (param i32) (result i32) (i32.add (i32.const 1) (call $inner (local.get 0))))
    (func (export "outer64") (param i64) (result i32) (call $inner64 (local.get 0)))
    (func (export "fill") (param i64 i64) (memory.fill $c (local.get 0) (i32.const 0) (local.get 1))))`;
  const results: Record<string, unknown[]> = {};
  for (const tier of TIERS) {
    const inst = await instanceOf(tier, text);
    const e = t.throws(() => call(inst, "outer", PAGE - 11), { instanceOf: Trap });
    t.is(e.reason, TrapMessage.MemoryOutOfBounds);
    t.deepEqual(e.frames.map((f) => [f.funcIndex, f.moduleOffset]), [[0, offsetOf(inst, 0, Op.I32Load)], [2, offsetOf(inst, 2, Op.Call)]], tier);
    const e64 = t.throws(() => call(inst, "outer64", u64(2n ** 64n - 1n)), { instanceOf: Trap });
    t.deepEqual(e64.frames.map((f) => [f.funcIndex, f.moduleOffset]), [[1, offsetOf(inst, 1, Op.I32Load16S)], [3, offsetOf(inst, 3, Op.Call)]], tier);
    const fill = t.throws(() => call(inst, "fill", 1n, BigInt(PAGE)), { instanceOf: Trap });
    t.deepEqual(fill.frames.map((f) => [f.funcIndex, f.moduleOffset]), [[4, offsetOf(inst, 4, Op.MemoryFill)]], tier);
    results[tier] = [e, e64, fill].map((x) => x.frames.map((f) => [f.funcIndex, f.funcOffset, f.moduleOffset]));
    if (tier === "compiler") t.true(allCompiled(inst));
  }
  t.deepEqual(results["compiler"], results["interpreter"]);
});

test("a grow of a second memory is seen at once by compiled code: by the code itself, by a host function, by another instance", async (t) => {
  // A host function that grows memory 1 of the instance (set once the instance exists).
  let target: MemoryInstance | null = null;
  const hostGrow = new FuncInstance({ params: [], results: [] }, null, -1, () => { target!.grow(1); return []; });
  const inst = await instanceOf("compiler", `(module
    (import "env" "grow" (func $host_grow))
    (memory $a 1)
    (memory $b (export "b") 1)
    (func $grow_b (param i32) (result i32) (memory.grow $b (local.get 0)))
    (func (export "load_b") (param i32) (result i32) (i32.load $b (local.get 0)))
    (func (export "after_host_grow") (result i32)
      (i32.store $b (i32.const 0) (i32.const 1))
      (call $host_grow)
      (i32.store $b (i32.const 65536) (i32.const 77))
      (i32.load $b (i32.const 65536)))
    (func (export "after_wasm_grow") (result i32)
      (i32.store $b (i32.const 0) (i32.const 2))
      (drop (call $grow_b (i32.const 1)))
      (i32.store $b (i32.const 131072) (i32.const 88))
      (i32.load $b (i32.const 131072)))
    (func (export "grow_in_place") (result i32)
      (i32.store $b (i32.const 0) (i32.const 3))
      (drop (memory.grow $b (i32.const 1)))
      (i32.store $b (i32.const 196608) (i32.const 99))
      (i32.add (i32.load $b (i32.const 196608)) (memory.size $b))))`, [hostGrow]);
  target = inst.export("b") as MemoryInstance;
  t.like(outcome(inst, "load_b", PAGE), { trap: TrapMessage.MemoryOutOfBounds });
  t.deepEqual(call(inst, "after_host_grow"), [77]);
  t.deepEqual(call(inst, "after_wasm_grow"), [88]);
  t.deepEqual(call(inst, "grow_in_place"), [99 + 4]);
  t.is(target.sizePages, 4);
  t.true(allCompiled(inst));

  // Another instance grows an i64 memory this one imports as its memory 1.
  const owner = await instanceOf("compiler", `(module
    (memory (export "a") 1)
    (memory $m (export "m") i64 1)
    (func (export "grow") (param i64) (result i64) (memory.grow $m (local.get 0))))`);
  const user = await instanceOf("compiler", `(module
    (import "o" "grow" (func $grow (param i64) (result i64)))
    (import "o" "a" (memory $a 1))
    (import "o" "m" (memory $m i64 1))
    (func (export "load") (param i64) (result i32) (i32.load8_u $m (local.get 0)))
    (func (export "grow_then_store") (param i64) (result i32)
      (drop (call $grow (i64.const 1)))
      (i64.store8 $m (local.get 0) (i64.const 42))
      (i32.load8_u $m (local.get 0))))`, [owner.export("grow")!, owner.export("a")!, owner.export("m")!]);
  t.like(outcome(user, "load", BigInt(PAGE)), { trap: TrapMessage.MemoryOutOfBounds });
  t.deepEqual(call(user, "grow_then_store", BigInt(2 * PAGE - 1)), [42]);
  t.deepEqual(call(user, "load", BigInt(2 * PAGE - 1)), [42]);
  t.true(allCompiled(user) && allCompiled(owner));
});

const TAIL_REFS = `(module
  (type $t (func (param i64 i64) (result i64)))
  (type $ii (func (param i32) (result i32)))
  (elem declare func $loop)
  (func $loop (type $t)
    (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
      (else (return_call_ref $t (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 2)) (ref.func $loop)))))
  (func (export "count") (param i64) (result i64) (call $loop (local.get 0) (i64.const 0)))
  (func $null_tail (param i32) (result i32) (return_call_ref $ii (local.get 0) (ref.null $ii)))
  (func (export "null") (param i32) (result i32) (i32.add (call $null_tail (local.get 0)) (i32.const 1))))`;

test("return_call_ref compiled: unbounded tail recursion, a null reference traps in the caller's frame as interpreted", async (t) => {
  const frames: Record<string, unknown> = {};
  for (const tier of TIERS) {
    const inst = instantiate(new Store({ tier }), await compileRefs(TAIL_REFS), []);
    // 100,000 tail calls through references, far past the call-depth limit: the frame is replaced each time.
    t.deepEqual(call(inst, "count", 100_000n), [200_000n], tier);
    const e = t.throws(() => call(inst, "null", 5), { instanceOf: Trap });
    t.is(e.reason, TrapMessage.NullFunctionReference);
    // $null_tail (function 2) at its return_call_ref, called from the export (function 3).
    t.deepEqual(e.frames.map((f) => [f.funcIndex, f.moduleOffset]), [[2, offsetOf(inst, 2, Op.ReturnCallRef)], [3, offsetOf(inst, 3, Op.Call)]], tier);
    frames[tier] = e.frames.map((f) => [f.funcIndex, f.funcOffset, f.moduleOffset]);
    if (tier === "compiler") t.true(allCompiled(inst));
  }
  t.deepEqual(frames["compiler"], frames["interpreter"]);
});

// Serial: a memory of over 4 GiB (where the host allows it) is large; one at a time.
test.serial("compiled code reaches a memory64 memory past 4 GiB: loads, stores, SIMD lanes, bulk memory; atomics there trap saying so", async (t) => {
  const pages = 65536 + 2; // 4 GiB and 128 KiB
  let probe: ArrayBuffer | null = null;
  try {
    probe = new ArrayBuffer(pages * PAGE);
  } catch (e) {
    t.log(`the host refuses a buffer of ${pages * PAGE} bytes (${String(e)}): nothing to test here`);
    t.pass();
    return;
  }
  probe = null;
  const inst = await instanceOf("compiler", `(module
    (memory $a 1)
    (memory $m (export "m") i64 ${pages})
    (data (memory $m) (i64.const 0x1_0000_0010) "hi")
    (func (export "load8") (param i64) (result i32) (i32.load8_u $m (local.get 0)))
    (func (export "store") (param i64 i32) (i32.store $m (local.get 0) (local.get 1)))
    (func (export "lane_load") (param i64) (result i32)
      (i32x4.extract_lane 0 (v128.load32_lane $m 0 (local.get 0) (v128.const i32x4 0 0 0 0))))
    (func (export "lane_store") (param i64 i32) (v128.store16_lane $m 0 (local.get 0) (i16x8.splat (local.get 1))))
    (func (export "extend") (param i64) (result i32) (i32x4.extract_lane 2 (v128.load16x4_u $m (local.get 0))))
    (func (export "v128_load") (param i64) (result i32) (i32x4.extract_lane 0 (v128.load $m (local.get 0))))
    (func (export "fill") (param i64 i32 i64) (memory.fill $m (local.get 0) (local.get 1) (local.get 2)))
    (func (export "atomic") (param i64) (result i32) (i32.atomic.load $m (local.get 0)))
    (func (export "size") (result i64) (memory.size $m)))`);
  const m = inst.export("m") as MemoryInstance;
  const far = 2n ** 32n + 16n;
  t.deepEqual(call(inst, "size"), [BigInt(pages)]);
  t.deepEqual(call(inst, "load8", far), [0x68]);
  t.deepEqual(call(inst, "load8", far + 1n), [0x69]);
  t.deepEqual(call(inst, "lane_load", far), [0x6968]);
  t.deepEqual(call(inst, "v128_load", far), [0x6968]);
  t.deepEqual(call(inst, "extend", far - 4n), [0x6968], "lane 2 of 4 u16s from 4 bytes before the data");
  const last = BigInt(pages * PAGE - 4);
  call(inst, "store", last, 0x0a0b0c0d);
  t.is(m.view.getInt32(Number(last), true), 0x0a0b0c0d);
  call(inst, "lane_store", last + 2n, 0x7172);
  t.deepEqual(call(inst, "lane_load", last), [0x71720c0d]);
  t.like(outcome(inst, "lane_load", last + 1n), { trap: TrapMessage.MemoryOutOfBounds });
  t.like(outcome(inst, "lane_store", last + 3n, 0), { trap: TrapMessage.MemoryOutOfBounds });
  t.like(outcome(inst, "store", last + 1n, 0), { trap: TrapMessage.MemoryOutOfBounds });
  call(inst, "fill", 2n ** 32n - 2n, 5, 4n);
  t.deepEqual(call(inst, "load8", 2n ** 32n + 1n), [5]);
  t.deepEqual(call(inst, "load8", 2n ** 32n + 2n), [0]);
  t.deepEqual(call(inst, "atomic", 8n), [0]);
  t.like(outcome(inst, "atomic", far), { trap: TrapMessage.HostError });
  t.like(outcome(inst, "atomic", BigInt(pages * PAGE)), { trap: TrapMessage.MemoryOutOfBounds });
  t.true(allCompiled(inst));
});
