import test, { type ExecutionContext } from "ava";
import { Trap, TrapMessage, type TrapFrame } from "../../../impl/base/errors.js";
import { Op } from "../../../impl/base/opcodes.js";
import { ValType } from "../../../impl/base/types.js";
import { CodeReader } from "../../../impl/decode/code.js";
import { compiledFunction, sourceOffset } from "../../../impl/exec/interpreter/codespace.js";
import { listInstructions } from "../../../impl/exec/interpreter/disassemble.js";
import { invoke } from "../../../impl/exec/interpreter/invoke.js";
import { machine, MAX_CALL_DEPTH } from "../../../impl/exec/interpreter/machine.js";
import { MAX_TRAP_FRAMES } from "../../../impl/exec/interpreter/trace.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { Store, type ModuleInstance } from "../../../impl/runtime/instances.js";
import { call, compile, func, host, instance, traps } from "./helpers.js";

const I32 = ValType.I32;

/**
 * The offset in the module binary of the `nth` instruction `op` of function
 * `funcIndex`, found by reading the binary (not through the interpreter).
 */
function offsetOf(inst: ModuleInstance, funcIndex: number, op: number, nth = 0): number {
  const m = inst.module;
  const body = m.codes[funcIndex - m.importedFuncs]!;
  const r = new CodeReader(m.bytes, body.codeStart, body.codeEnd);
  let seen = 0;
  while (r.pos < body.codeEnd) {
    if (r.next() === op && seen++ === nth) return r.opOffset;
  }
  throw new Error(`no instruction ${op} number ${nth} in function ${funcIndex}`);
}

/** Asserts that `frame` is at the `nth` instruction `op` of function `funcIndex` of `inst`. */
function isAt(t: ExecutionContext, frame: TrapFrame | undefined, inst: ModuleInstance, funcIndex: number, op: number, nth = 0): void {
  t.truthy(frame, `a frame for function ${funcIndex}`);
  const offset = offsetOf(inst, funcIndex, op, nth);
  const body = inst.module.codes[funcIndex - inst.module.importedFuncs]!;
  t.is(frame!.instance, inst);
  t.is(frame!.funcIndex, funcIndex);
  t.is(frame!.moduleOffset, offset);
  t.is(frame!.funcOffset, offset - body.bodyStart);
  t.is(inst.module.bytes[frame!.moduleOffset], op > 0xff ? op >> 8 : op, "the offset is the instruction's opcode byte");
}

test("a trap deep in a call chain lists every frame, innermost first, each at its call", async (t) => {
  const inst = await instance(`(module
    (func $c (param i32) (result i32) (i32.div_s (i32.const 100) (local.get 0)))
    (func $b (param i32) (result i32) (i32.add (i32.const 1) (call $c (local.get 0))))
    (func $a (param i32) (result i32) (nop) (call $b (local.get 0)) (call $b (i32.sub (local.get 0) (i32.const 7))) (i32.add))
    (func (export "run") (param i32) (result i32) (call $a (local.get 0))))`);
  t.deepEqual(call(inst, "run", 5), [(20 + 1) + (-50 + 1)]);
  const e = traps(t, () => call(inst, "run", 0), TrapMessage.IntegerDivideByZero);
  t.is(e.frames.length, 4);
  isAt(t, e.frames[0], inst, 0, Op.I32DivS);
  isAt(t, e.frames[1], inst, 1, Op.Call);
  isAt(t, e.frames[2], inst, 2, Op.Call, 0);
  isAt(t, e.frames[3], inst, 3, Op.Call);
  // Here the first call in $a returns and the second traps.
  const e2 = traps(t, () => call(inst, "run", 7), TrapMessage.IntegerDivideByZero);
  isAt(t, e2.frames[2], inst, 2, Op.Call, 1);
});

test("each kind of trap names the instruction that traps, fused or not", async (t) => {
  const inst = await instance(`(module (memory 1) (table 2 funcref) (type $v (func))
    (func (export "unreachable") (nop) (unreachable))
    (func (export "load") (param i32) (result i32) (i32.load (i32.add (local.get 0) (i32.const 4))))
    (func (export "scaled") (param i32) (result i32) (i32.load (i32.add (i32.const 8) (i32.shl (local.get 0) (i32.const 2)))))
    (func (export "store") (param i32) (i32.store offset=4 (local.get 0) (i32.const 1)))
    (func (export "mul-load") (param i32 f64) (result f64) (f64.mul (local.get 1) (f64.load (local.get 0))))
    (func (export "muladd-load") (param i32 f64 f64) (result f64)
      (f64.add (local.get 2) (f64.mul (local.get 1) (f64.load (local.get 0)))))
    (func (export "tee-under") (param i32 i32) (result i32)
      ;; local 0 is read below the value written into it: the division is moved after a copy
      (i32.add (local.get 0) (local.tee 0 (i32.div_u (local.get 1) (local.get 0)))))
    (func (export "trunc") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
    (func (export "indirect") (param i32) (call_indirect (type $v) (local.get 0)))
    (func (export "fill") (param i32) (memory.fill (local.get 0) (i32.const 0) (i32.const 16))))`);
  const fused = (name: string): string[] =>
    listInstructions(compiledFunction(inst.module, func(inst, name).index)).map((i) => i.name);
  // The fusions this test is about happen (then the trap must name the load, not the arithmetic).
  t.true(fused("load").includes("I32LoadA"));
  t.true(fused("scaled").includes("I32LoadS"));
  t.true(fused("mul-load").includes("F64MulL"));
  t.true(fused("muladd-load").includes("F64MulAddL"));
  const at = (name: string, op: number, ...args: (number | bigint)[]): void => {
    const e = t.throws(() => call(inst, name, ...args), { instanceOf: Trap }) as Trap;
    t.is(e.frames.length, 1, name);
    isAt(t, e.frames[0], inst, func(inst, name).index, op);
  };
  at("unreachable", Op.Unreachable);
  at("load", Op.I32Load, 65533);
  at("scaled", Op.I32Load, 16383);
  at("store", Op.I32Store, 65533);
  at("mul-load", Op.F64Load, 65530, 0x3ff0000000000000n);
  at("muladd-load", Op.F64Load, 65530, 0x3ff0000000000000n, 0n);
  at("tee-under", Op.I32DivU, 0, 1);
  at("trunc", Op.I32TruncF32S, 0x7fc00000);
  at("indirect", Op.CallIndirect, 0);
  at("indirect", Op.CallIndirect, 5);
  at("fill", Op.MemoryFill, 65530);
});

test("every lowered instruction maps to a wasm instruction of its own function", async (t) => {
  const m = await compile(`(module (memory 1)
    (func (param i32 f64) (result f64) (local i32)
      (block (loop
        (local.set 2 (i32.add (local.get 2) (i32.load (i32.add (local.get 0) (i32.const 4)))))
        (local.set 1 (f64.add (local.get 1) (f64.mul (local.get 1) (f64.load (local.get 2)))))
        (br_if 1 (i32.eqz (local.get 0)))
        (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))
      (local.get 1)))`);
  const cf = compiledFunction(m, 0);
  const body = m.codes[0]!;
  t.true(cf.sitePcs.length > 0);
  for (let i = 0; i < cf.sitePcs.length; i++) {
    if (i > 0) t.true(cf.sitePcs[i]! > cf.sitePcs[i - 1]!, "positions ascend");
    t.true(cf.sourceOffsets[i]! >= body.codeStart && cf.sourceOffsets[i]! < body.codeEnd, "inside the body");
    t.is(sourceOffset(cf, cf.sitePcs[i]!, false), cf.sourceOffsets[i]!);
  }
  t.is(cf.sitePcs[0], cf.entry);
});

test("a trap raised by a host function has as its origin the wasm call of the host", async (t) => {
  const boom = new Error("boom");
  const fail = host({ params: [I32], results: [I32] }, () => { throw boom; });
  const abort = host({ params: [], results: [] }, () => { throw new Trap(TrapMessage.Unreachable, "from the host"); });
  const inst = await instance(`(module (import "h" "fail" (func $fail (param i32) (result i32)))
    (import "h" "abort" (func $abort)) (table funcref (elem $abort))
    (func $mid (param i32) (result i32) (local.get 0) (call $fail) (i32.const 1) (i32.add))
    (func (export "direct") (result i32) (call $mid (i32.const 3)))
    (func (export "indirect") (nop) (call_indirect (i32.const 0))))`, [fail, abort]);
  const e = traps(t, () => call(inst, "direct"), TrapMessage.HostError);
  t.is(e.cause, boom);
  t.is(e.frames.length, 2, "host frames are not listed");
  isAt(t, e.frames[0], inst, 2, Op.Call);
  isAt(t, e.frames[1], inst, 3, Op.Call);
  const e2 = traps(t, () => call(inst, "indirect"), TrapMessage.Unreachable);
  t.is(e2.frames.length, 1);
  isAt(t, e2.frames[0], inst, 4, Op.CallIndirect);
  t.deepEqual(traps(t, () => invoke(fail, [1]), TrapMessage.HostError).frames, [], "a host function called alone has no wasm frame");
});

test("a trap in a nested invocation (wasm, host, wasm) lists the inner frames, then the outer ones", async (t) => {
  let inner: ModuleInstance | undefined;
  const reenter = host({ params: [I32], results: [I32] }, (args) => invoke(func(inner!, "divide"), args));
  inner = await instance(`(module (func $d (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
    (func (export "divide") (param i32) (result i32) (call $d (local.get 0))))`);
  const outer = await instance(`(module (import "h" "reenter" (func $reenter (param i32) (result i32)))
    (func (export "run") (param i32) (result i32) (call $reenter (local.get 0))))`, [reenter]);
  t.deepEqual(call(outer, "run", 1), [1]);
  const e = traps(t, () => call(outer, "run", 0), TrapMessage.IntegerDivideByZero);
  t.is(e.frames.length, 3);
  isAt(t, e.frames[0], inner, 0, Op.I32DivU);
  isAt(t, e.frames[1], inner, 1, Op.Call);
  isAt(t, e.frames[2], outer, 1, Op.Call);
});

test("a trap in the start function has the start function's frames", async (t) => {
  const m = await compile(`(module (memory 1)
    (func $init (i32.store (i32.const 70000) (i32.const 1)))
    (func $start (nop) (call $init))
    (start $start))`);
  const e = t.throws(() => instantiate(new Store(), m, []), { instanceOf: Trap }) as Trap;
  t.is(e.reason, TrapMessage.MemoryOutOfBounds);
  t.is(e.frames.length, 2);
  const inst = e.frames[0]!.instance as ModuleInstance;
  t.is(inst.module, m);
  isAt(t, e.frames[0], inst, 0, Op.I32Store);
  isAt(t, e.frames[1], inst, 1, Op.Call);
});

test(`call stack exhaustion keeps the innermost ${MAX_TRAP_FRAMES} frames, the innermost at the call that failed`, async (t) => {
  const inst = await instance(`(module
    (func $down (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (unreachable))
        (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
    (func (export "down") (param i32) (result i32) (call $down (local.get 0))))`);
  const e = traps(t, () => call(inst, "down", MAX_CALL_DEPTH), TrapMessage.CallStackExhausted);
  t.is(e.frames.length, MAX_TRAP_FRAMES);
  for (const f of e.frames) isAt(t, f, inst, 0, Op.Call);
  // Shallower than the limit, every frame is there: the recursion, then the export.
  const e2 = traps(t, () => call(inst, "down", 10), TrapMessage.Unreachable);
  t.is(e2.frames.length, 12);
  isAt(t, e2.frames[0], inst, 0, Op.Unreachable);
  isAt(t, e2.frames[10], inst, 0, Op.Call);
  isAt(t, e2.frames[11], inst, 1, Op.Call);
  t.is(machine().depth, 0);
});

test("exhaustion through host recursion (wasm, host, wasm, ...) is a trap whose frames are the wasm calls of the host", async (t) => {
  let inst: ModuleInstance | undefined;
  const again = host({ params: [], results: [] }, () => invoke(func(inst!, "loop"), []));
  inst = await instance(`(module (import "h" "again" (func $again))
    (func (export "loop") (nop) (call $again)))`, [again]);
  const e = traps(t, () => call(inst, "loop"), TrapMessage.CallStackExhausted);
  t.true(e.frames.length > 0 && e.frames.length <= MAX_TRAP_FRAMES);
  for (const f of e.frames) isAt(t, f, inst, 1, Op.Call);
  t.is(machine().depth, 0);
});

test("frames across instances each name their own instance (c calls b calls a)", async (t) => {
  const a = await instance(`(module
    (func (export "check") (param i32) (result i32) (if (local.get 0) (then (unreachable))) (i32.const 7)))`);
  const b = await instance(`(module (import "a" "check" (func $check (param i32) (result i32)))
    (func $mid (param i32) (result i32) (nop) (call $check (local.get 0)))
    (func (export "run") (param i32) (result i32) (call $mid (local.get 0))))`, [func(a, "check")]);
  const c = await instance(`(module (import "b" "run" (func $run (param i32) (result i32)))
    (func (export "go") (param i32) (result i32) (call $run (local.get 0))))`, [func(b, "run")]);
  t.deepEqual(call(c, "go", 0), [7]);
  const e = traps(t, () => call(c, "go", 1), TrapMessage.Unreachable);
  t.is(e.frames.length, 4);
  isAt(t, e.frames[0], a, 0, Op.Unreachable);
  isAt(t, e.frames[1], b, 1, Op.Call);
  isAt(t, e.frames[2], b, 2, Op.Call);
  isAt(t, e.frames[3], c, 1, Op.Call);
});

test("a trap after the loop suspended (fuel, a grown memory, code lowered later) still has every frame", async (t) => {
  const inst = await instance(`(module (memory 1)
    (func $late (param i32) (result i32) (i32.rem_s (i32.const 1) (local.get 0)))
    (func $spin (param i32) (result i32) (local i32)
      (loop (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (drop (memory.grow (i32.const 1)))
      (call $late (i32.sub (local.get 1) (local.get 1))))
    (func (export "run") (param i32) (result i32) (call $spin (local.get 0))))`);
  const e = traps(t, () => call(inst, "run", 3 * machine().fuel + 5), TrapMessage.IntegerDivideByZero);
  t.is(e.frames.length, 3);
  isAt(t, e.frames[0], inst, 0, Op.I32RemS);
  isAt(t, e.frames[1], inst, 1, Op.Call);
  isAt(t, e.frames[2], inst, 2, Op.Call);
});
