/**
 * What compiled code calls out of line: traps, the i64 and conversion
 * operators that do not fit in an expression, calls that leave compiled
 * code (host functions, functions of other tiers), and the frames a trap
 * collects on its way out. Passed to each module's generated code as one
 * object (`H`); nothing here is generated.
 *
 * Value representation inside compiled code (see DECISIONS.md, "How does
 * the compiler tier represent values?"): i32 a signed 32-bit number; i64
 * two such numbers (low, high: two parameters, two variables; a single i64
 * result returns the low half and leaves the high half in {@link HI}); f32
 * its bits as an i32; f64 a JavaScript number; references as in raw form.
 * At the engine boundary values are raw (runtime/values.ts): the
 * conversions are {@link internalArgs}, {@link rawResults} and their helpers.
 * @module
 */
import { AI, AL, ATOMIC_HI, atomicOp, atomicViews } from "../interpreter/atomics.js";
import { elementTrap } from "../traps.js";
import { Trap, TrapMessage, WasmError, type TrapFrame } from "../../base/errors.js";
import { funcTypeMatches, ValType, type FuncType } from "../../base/types.js";
import type { FuncInstance, ModuleInstance } from "../../runtime/instances.js";
import { f64FromBits, f64ToBits, type RawValue } from "../../runtime/values.js";
import { hostFailure, isStackOverflow, machine, type Machine } from "../interpreter/machine.js";
import { MAX_TRAP_FRAMES } from "../interpreter/trace.js";
import { DEFAULT_MAX_CALL_DEPTH } from "../../runtime/store.js";
import { pause, resume, tick, type Meter } from "./meter.js";
import * as N from "../numerics.js";
import * as B from "../interpreter/bulk.js";
import { throwRef } from "../interpreter/exceptions.js";
import { caught, newException, unpack } from "./helpers-eh.js";
import { LANE_FUNCTIONS, VR, VS, VW } from "./helpers-simd.js";
import { GC_REF_HELPERS } from "./helpers-gc-refs.js";
import { GC_AGGREGATE_HELPERS } from "./helpers-gc-aggregates.js";
import { setTailCallOut, TA, TAIL, TC, trampoline } from "./helpers-tail.js";
import { atomic64, copyMemory, FA, farView, fillMemory, initMemory, memoryGrow64 } from "./helpers-memory.js";
import { partCount } from "./parts.js";


/**
 * The high half of an i64 that a compiled function returns as its one
 * result (the low half is the return value); read by the caller at once.
 */
export const HI = new Int32Array(1);
/** Out-parameter of the i64 helpers of numerics.ts (low, high). */
export const W = new Int32Array(2);

/** Scratch for a v128's bytes and words at the engine boundary. */
const V_BYTES = new Uint8Array(16);
const V_WORDS = new Int32Array(V_BYTES.buffer);

/** Appends a raw value of type `t` to `out` in compiled code's form (an i64 as two halves, low first; a v128 as four words). */
export function pushInternal(out: unknown[], t: ValType, v: RawValue): void {
  switch (t) {
    case ValType.V128:
      V_BYTES.set((v as Uint8Array).subarray(0, 16));
      out.push(V_WORDS[0], V_WORDS[1], V_WORDS[2], V_WORDS[3]);
      return;
    case ValType.F32: out.push((v as number) | 0); return;
    case ValType.F64: out.push(f64FromBits(v as bigint)); return;
    case ValType.I64: {
      const b = v as bigint;
      out.push(Number(BigInt.asIntN(32, b)), Number(BigInt.asIntN(32, b >> 32n)));
      return;
    }
    default: out.push(v);
  }
}

/** The raw value of type `t` at `vals[i]` (and `vals[i + 1]` for an i64's high half). */
export function readRaw(t: ValType, vals: readonly unknown[], i: number): RawValue {
  const v = vals[i];
  switch (t) {
    case ValType.F32: return (v as number) >>> 0;
    case ValType.F64: return f64ToBits(v as number);
    case ValType.I64: return (BigInt(vals[i + 1] as number) << 32n) | BigInt((v as number) >>> 0);
    case ValType.V128:
      V_WORDS[0] = v as number; V_WORDS[1] = vals[i + 1] as number; V_WORDS[2] = vals[i + 2] as number; V_WORDS[3] = vals[i + 3] as number;
      return V_BYTES.slice();
    default: return v;
  }
}

/** The raw result of a compiled function returning one value `r` of type `t` (an i64's high half is in {@link HI}, a v128's words 1 to 3 in `VR`). */
export function singleRaw(t: ValType, r: unknown): RawValue {
  switch (t) {
    case ValType.V128:
      V_WORDS[0] = r as number; V_WORDS[1] = VR[0]!; V_WORDS[2] = VR[1]!; V_WORDS[3] = VR[2]!;
      return V_BYTES.slice();
    case ValType.F32: return (r as number) >>> 0;
    case ValType.F64: return f64ToBits(r as number);
    case ValType.I64: return (BigInt(HI[0]!) << 32n) | BigInt((r as number) >>> 0);
    default: return r;
  }
}

/** The raw results of a compiled function of type `ft` that returned `r`. */
export function rawResults(ft: FuncType, r: unknown): RawValue[] {
  const rs = ft.results;
  if (rs.length === 0) return [];
  if (rs.length === 1) return [singleRaw(rs[0]!, r)];
  const arr = r as unknown[];
  const out = new Array<RawValue>(rs.length);
  for (let i = 0, at = 1; i < rs.length; i++) {
    out[i] = readRaw(rs[i]!, arr, at);
    at += partCount(rs[i]!);
  }
  return out;
}

/** The arguments `raw` of a call to a function of type `ft`, in compiled form from index 1 (see {@link valueArray}). */
export function internalArgs(ft: FuncType, raw: readonly RawValue[]): unknown[] {
  const out = valueArray();
  const ps = ft.params;
  for (let i = 0; i < ps.length; i++) pushInternal(out, ps[i]!, raw[i]);
  return out;
}

/**
 * An array for values of compiled code: its first element is null, so V8
 * keeps it a generic array. An array holding only numbers would be an array
 * of doubles, and V8 canonicalises the NaNs stored in those, which would
 * lose NaN payloads. Values start at index 1.
 */
export function valueArray(): unknown[] {
  return [null];
}

/**
 * The results of a call in compiled code's form: nothing, the one value,
 * or (several results) an array from {@link valueArray}.
 */
function packResults(f: FuncInstance, raw: RawValue[]): unknown {
  const rs = f.type.results;
  if (rs.length === 0) return undefined;
  const out = valueArray();
  for (let i = 0; i < rs.length; i++) pushInternal(out, rs[i]!, raw[i]);
  if (rs.length > 1) return out;
  // One result: the value itself; an i64 returns its low half, the high half in HI.
  if (rs[0] === ValType.I64) HI[0] = out[2] as number;
  else if (rs[0] === ValType.V128) { VR[0] = out[2] as number; VR[1] = out[3] as number; VR[2] = out[4] as number; }
  return out[1];
}

/** The hook through which compiled code calls a wasm function it has no JavaScript function for (set by ../tier.ts). */
let invokeAny: (f: FuncInstance, args: RawValue[]) => RawValue[] = () => { throw new Error("tier not installed"); };
/** The interpreter's entry whatever the store's tier (set by ../tier.ts). */
let interpretHook: (f: FuncInstance, args: RawValue[]) => RawValue[] = () => { throw new Error("tier not installed"); };

/** Installs the tier dispatcher {@link callOut} uses for wasm functions, and the interpreter's own entry (called once by ../tier.ts). */
export function setInvoke(fn: (f: FuncInstance, args: RawValue[]) => RawValue[],
  interpret: (f: FuncInstance, args: RawValue[]) => RawValue[]): void {
  invokeAny = fn;
  interpretHook = interpret;
}

/**
 * The most frames compiled code stacks on the JavaScript stack: a call
 * deeper than this (or than a function's own bound, see
 * {@link compiledDepthFor}) runs on the interpreter, which keeps its frames
 * on its own stacks, so recursion reaches the store's call-depth limit
 * (10,000 frames by default) on either tier instead of overflowing Node's
 * default JavaScript stack (about 5,000 compiled frames). The interpreter
 * does not enter compiled code again below this depth.
 */
export const COMPILED_DEPTH = 2000;

/** The JavaScript stack (bytes) the compiled frames of one recursion may take, by the estimate below. */
const COMPILED_STACK_BUDGET = 400_000;

/**
 * The depth past which function with `vars` JavaScript variables (its
 * parameters, locals, operand-stack variables and temporaries) runs on the
 * interpreter: {@link COMPILED_DEPTH}, lower for functions whose frames
 * are large. The estimate of a frame (8 bytes a variable, since V8's
 * unoptimised frames hold every variable, plus a fixed part) bounds the
 * stack a recursion of that function takes; what it misses ends as a
 * JavaScript stack overflow, which compiled code still turns into "call
 * stack exhausted".
 */
export function compiledDepthFor(vars: number): number {
  return Math.max(1, Math.min(COMPILED_DEPTH, Math.floor(COMPILED_STACK_BUDGET / (8 * vars + 200))));
}

/** The raw arguments of a call to `f` from compiled-form values at index 1 on of `args`. */
function rawArgs(f: FuncInstance, args: unknown[]): RawValue[] {
  const ps = f.type.params;
  const raw = new Array<RawValue>(ps.length);
  for (let i = 0, at = 1; i < ps.length; i++) {
    raw[i] = readRaw(ps[i]!, args, at);
    at += partCount(ps[i]!);
  }
  return raw;
}

/**
 * Calls `f` from compiled code of instance `caller`, whose frame is at
 * depth `d`, with arguments in compiled form (from index 1 of `args`, see
 * {@link valueArray}); returns its results in compiled form. A function
 * compiled by this tier is called directly; a host function gets the
 * caller and a frame of the depth count (as the interpreter counts it); any
 * other wasm function goes through the tier dispatcher (the interpreter,
 * usually), with the machine's depth set to `d`.
 */
export function callOut(f: FuncInstance, args: unknown[], caller: ModuleInstance, d: number, meter: Meter | null): unknown {
  const jit = f.jit;
  if (jit !== null) {
    return (jit as (...a: unknown[]) => unknown)(...args.slice(1), d + 1);
  }
  const raw = rawArgs(f, args);
  const m = machine();
  const depth = m.depth, max = m.maxDepth;
  let out: RawValue[];
  if (f.host !== null) {
    if (d >= max) exhausted();
    // A host call is an event; the interpreter checks for interrupts after it returns.
    if (meter !== null) pause(meter, 1);
    try {
      m.depth = d + 1;
      out = f.host(raw, caller);
    } catch (e) {
      throw hostFailure(e);
    } finally {
      m.depth = depth;
      m.maxDepth = max;
    }
  } else {
    // The interpreter (or a tier of another store) charges the call's entry itself.
    if (meter !== null) pause(meter, 0);
    try {
      m.depth = d;
      out = invokeAny(f, raw);
    } finally {
      m.depth = depth;
      m.maxDepth = max;
    }
  }
  if (meter !== null) resume(meter);
  return packResults(f, out);
}

/**
 * Calls host function `f` from compiled code of instance `caller`, whose
 * frame is at depth `d` (arguments in compiled form from index 1 of `args`);
 * returns its results in compiled form (an import that is not a host
 * function goes to {@link callOut}). What callOut does for a
 * host function, in a frame of few locals (the work in helpers): in a
 * wasm -> host -> wasm nesting this frame is on the JavaScript stack once
 * per level.
 */
export function callHost(f: FuncInstance, args: unknown[], caller: ModuleInstance, d: number, meter: Meter | null): unknown {
  // An import that is a wasm function run elsewhere (the interpreter, another store's tier).
  if (f.host === null) return callOut(f, args, caller, d, meter);
  const max = machine().maxDepth;
  const a = hostArgs(f, args, d, meter);
  let out: RawValue[];
  try {
    out = f.host(a, caller);
  } catch (e) {
    throw hostFailure(e);
  }
  return hostResults(f, out, meter, max);
}

/**
 * Before a host call from depth `d`: the limit, the call's event, its frame
 * counted; the raw arguments. The machine's depth stays `d + 1` after the
 * call (compiled code does not read it: each call out of it sets it, and
 * the compiled entry restores it when it returns or throws).
 */
function hostArgs(f: FuncInstance, args: unknown[], d: number, meter: Meter | null): RawValue[] {
  const m = machine();
  if (d >= m.maxDepth) exhausted();
  const raw = rawArgs(f, args);
  // A host call is an event; the interpreter checks for interrupts after it returns.
  if (meter !== null) pause(meter, 1);
  m.depth = d + 1;
  return raw;
}

/** After a host call: the depth limit (a nested call may have run another store's code), interrupts that became due, the results in compiled form. */
function hostResults(f: FuncInstance, out: RawValue[], meter: Meter | null, max: number): unknown {
  machine().maxDepth = max;
  if (meter !== null) resume(meter);
  return packResults(f, out);
}

/**
 * A call of compiled function `f` at depth `d` past its threshold (see the
 * prologue emit.ts writes): traps "call stack exhausted" past the limit of
 * `f`'s store, exactly where the interpreter would; otherwise runs `f` on
 * the interpreter with the machine's depth at `d - 1`.
 */
export function deep(f: FuncInstance, args: unknown[], _caller: ModuleInstance, d: number, meter: Meter | null): unknown {
  const store = f.module === null ? null : f.module.store;
  if (d > (store === null ? DEFAULT_MAX_CALL_DEPTH : store.maxCallDepth)) exhausted();
  const raw = rawArgs(f, args);
  if (meter !== null) pause(meter, 0);
  const m = machine();
  const depth = m.depth, max = m.maxDepth;
  let out: RawValue[];
  try {
    m.depth = d - 1;
    out = interpretHook(f, raw);
  } finally {
    m.depth = depth;
    m.maxDepth = max;
  }
  if (meter !== null) resume(meter);
  return packResults(f, out);
}

/**
 * `call_indirect`'s look-up: the function at `i` of table elements `elems`,
 * checked against `type`; traps as the spec says.
 */
export function indirect(elems: unknown[], i: number, type: FuncType): FuncInstance {
  i >>>= 0;
  if (i >= elems.length) elementTrap(TrapMessage.UndefinedElement, i);
  const f = elems[i] as FuncInstance | null;
  if (f === null) elementTrap(TrapMessage.UninitializedElement, i);
  if (!funcTypeMatches(f.type, type)) throw new Trap(TrapMessage.IndirectCallTypeMismatch);
  return f;
}

/**
 * `call_ref`'s callee: the function `f` refers to, of type `type`. Null
 * traps; the type is checked although validation guarantees it, since a host
 * may have stored a function of another type (see DECISIONS.md).
 */
export function callRef(f: FuncInstance | null, type: FuncType): FuncInstance {
  if (f === null) throw new Trap(TrapMessage.NullFunctionReference);
  if (!funcTypeMatches(f.type, type)) throw new Trap(TrapMessage.IndirectCallTypeMismatch);
  return f;
}

/** Throws "call stack exhausted". */
export function exhausted(): never {
  throw new Trap(TrapMessage.CallStackExhausted);
}

/** Throws the trap with message `reason`. */
export function trap(reason: string): never {
  throw new Trap(reason);
}

/**
 * What an exception leaving compiled function `funcIndex` of `inst` at
 * module offset `offset` becomes: a trap gets the frame appended (innermost
 * first, as the interpreter's traces are); a JavaScript stack overflow
 * becomes "call stack exhausted" with it; anything else (a wasm exception,
 * an engine bug) passes unchanged.
 */
export function framed(e: unknown, inst: ModuleInstance, funcIndex: number, offset: number): unknown {
  let t: Trap;
  if (e instanceof Trap) t = e;
  else if (isStackOverflow(e)) t = new Trap(TrapMessage.CallStackExhausted, "", { cause: e });
  else if (e instanceof RangeError && e.message === DATAVIEW_OUT_OF_BOUNDS) t = new Trap(TrapMessage.MemoryOutOfBounds);
  else return e;
  if (t.frames.length < MAX_TRAP_FRAMES) {
    const m = inst.module;
    const body = m.codes[funcIndex - m.importedFuncs];
    const frame: TrapFrame = { instance: inst, funcIndex, funcOffset: body === undefined ? -1 : offset - body.bodyStart, moduleOffset: offset };
    t.frames.push(frame);
  }
  return t;
}

/**
 * The message of the RangeError a DataView access out of its bounds throws
 * (compiled code leaves the bounds check of memory accesses to the view).
 */
const DATAVIEW_OUT_OF_BOUNDS = ((): string => {
  try {
    new DataView(new ArrayBuffer(0)).getInt8(0);
  } catch (e) {
    if (e instanceof RangeError) return e.message;
  }
  return "Offset is outside the bounds of the DataView";
})();

/** Whether `e` is a wasm-level error that compiled code passes on as it is. */
export function isEngineError(e: unknown): boolean {
  return e instanceof WasmError;
}

// ---------------------------------------------------------------- scratch for bit casts

const scratch = new ArrayBuffer(8);
/** Scratch views for reinterpretations and sign operations on NaNs. */
export const SF = new Float32Array(scratch);
export const SI = new Int32Array(scratch);
export const SD = new Float64Array(scratch);
export const SL = new BigInt64Array(scratch);

/** `fNN.neg` on a NaN: flips the sign bit, keeping the payload (the double carries it). */
export function negNaN(x: number): number {
  SD[0] = x;
  SI[1] ^= 0x80000000;
  return SD[0]!;
}

/** `fNN.abs` on a NaN: clears the sign bit. */
export function absNaN(x: number): number {
  SD[0] = x;
  SI[1] &= 0x7fffffff;
  return SD[0]!;
}

/** `fNN.copysign`: the magnitude of `a` with the sign of `b`, bit-exact on NaNs. */
export function copysign(a: number, b: number): number {
  SD[0] = b;
  const sign = SI[1]! & 0x80000000;
  SD[0] = a;
  SI[1] = (SI[1]! & 0x7fffffff) | sign;
  return SD[0]!;
}

/** The helpers as the generated code receives them. */
export const HELPERS = {
  ...N, ...B,
  callOut, callHost, deep, indirect, callRef, exhausted, trap, framed, tick,
  SF, SI, SD, SL, HI, W, negNaN, absNaN, copysign,
  ...LANE_FUNCTIONS, VS, VW, VR,
  newException, caught, unpack, throwRef,
  TAIL, TC, TA, trampoline,
  atomic: atomicOp, ATOMIC_HI, atomicViews, AL, AI,
  ...GC_REF_HELPERS,
  ...GC_AGGREGATE_HELPERS,
  memoryGrow64, copyMemory, fillMemory, initMemory, farView, FA, atomic64,
  machine: machine as () => Machine,
};

setTailCallOut(callOut);
