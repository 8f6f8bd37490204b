/**
 * The interpreter's machine state, shared by every invocation: one value
 * stack for all frames (typed-array views over one buffer, plus a parallel
 * array for references) and the stack of suspended frames. Nested
 * invocations (wasm → host → wasm) continue on the same stacks above the
 * caller's frames, so the depth limit counts every wasm and host frame.
 * The value stack starts small and doubles when a call needs more
 * ({@link makeRoom}), up to {@link STACK_SLOTS}.
 * @module
 */
import { Trap, TrapMessage, WasmError } from "../../base/errors.js";
import { ValType, topType } from "../../base/types.js";
import type { FuncInstance, ModuleInstance } from "../../runtime/instances.js";
import { DEFAULT_MAX_CALL_DEPTH, type Store } from "../../runtime/store.js";
import type { RawValue } from "../../runtime/values.js";
import { V128Space } from "../simd/lanes.js";
import { codeSpace, type CodeSpace, type CompiledFunc } from "./codespace.js";

/**
 * The default largest number of frames (wasm functions and host functions
 * called from wasm) active at once; one more call traps with "call stack
 * exhausted". A store may set its own (`Store.maxCallDepth`).
 */
export const MAX_CALL_DEPTH = DEFAULT_MAX_CALL_DEPTH;

/** The most the value stack grows to, in 8-byte slots (8 MiB): frames beyond it also exhaust the stack. */
export const STACK_SLOTS = 1 << 20;

/** The value stack's first size in slots (128 KiB): most programs never need more. */
export const INITIAL_SLOTS = 1 << 14;

/** The stacks and where the next frame may start. */
export class Machine {
  /** The value stack as 32-bit words: slot k is words 2k (low) and 2k+1 (high). Replaced when the stack grows. */
  I: Int32Array;
  /** The same bytes as f32 values (slot k is `F[2k]`). */
  F: Float32Array;
  /** The same bytes as f64 values (slot k is `D[k]`). */
  D: Float64Array;
  /** v128 slots, parallel to the value stack (slot k is bytes 16k..16k+15 of `V`). */
  V: V128Space;
  /** Reference slots, parallel to the value stack (slot k is `R[k]`); grows in place. */
  readonly R: unknown[];
  /**
   * Suspended frames: return position and frame base (in words) of frame d
   * at 2d and 2d + 1. A frame whose caller is in another module instance
   * stores the position complemented (negative) and the caller's instance in `retInst`.
   * Sized for {@link maxDepth} frames (see {@link reserveFrames}).
   */
  frames = new Int32Array(2 * (MAX_CALL_DEPTH + 1));
  retInst: (ModuleInstance | null)[] = new Array<ModuleInstance | null>(MAX_CALL_DEPTH + 1).fill(null);
  /** First free word of the value stack: where an invocation puts its frame. */
  top = 0;
  /** Frames active now (wasm and host), across nested invocations. */
  depth = 0;
  /** The most frames active at once for the running code (its store's limit, set by each run). */
  maxDepth = MAX_CALL_DEPTH;
  /**
   * Backward branches and calls (events) the dispatch loop runs before it
   * suspends. Returning now and then lets V8 run the loop in the code it
   * optimised for a normal call, instead of compiling a slower on-stack
   * replacement for a loop that never returns.
   */
  fuel = 1 << 14;
  /** Events the dispatch loop had left of its budget when it last stopped (below zero: overspent). */
  fuelLeft = 0;
  /** Where a suspended dispatch loop resumes: position, frame base, frames active, instance. */
  resumePc = 0;
  resumeFp = 0;
  resumeDepth = 0;
  resumeInst: ModuleInstance | null = null;
  /** The host function the dispatch loop stopped to call, and the word where its arguments are. */
  callee: FuncInstance | null = null;
  calleeAt = 0;
  /**
   * Set when an exception leaves a call instruction (the host callee threw,
   * or the call would exhaust the stack), where the current frame's position
   * has already moved past the call: the trap's trace then names the call
   * (see ./trace.ts, which clears it).
   */
  atCall = false;
  /**
   * Where the dispatch loop was when an exception left it: instance, code
   * position, frames active (read by ./trace.ts).
   */
  trapInst: ModuleInstance | null = null;
  trapPc = 0;
  trapDepth = 0;
  /** The frame base there (read by ./exceptions.ts to write caught values). */
  trapFp = 0;

  constructor(slots = INITIAL_SLOTS) {
    const buffer = new ArrayBuffer(slots * 8);
    this.I = new Int32Array(buffer);
    this.F = new Float32Array(buffer);
    this.D = new Float64Array(buffer);
    this.V = new V128Space(slots);
    // Filled by pushing: `new Array(n)` of this size would be a slow dictionary-mode array.
    const R: unknown[] = [];
    for (let i = 0; i < slots; i++) R.push(null);
    this.R = R;
  }
}

/**
 * Grows the value stack to at least `words` words (doubling), keeping what
 * it holds. The dispatch loop holds the old arrays in locals: whoever grows
 * the stack while a loop is active must make it re-enter.
 */
export function growStack(m: Machine, words: number): void {
  let slots = m.I.length >> 1;
  while (2 * slots < words) slots *= 2;
  if (slots > STACK_SLOTS) slots = STACK_SLOTS;
  const buffer = new ArrayBuffer(slots * 8);
  const I = new Int32Array(buffer);
  I.set(m.I);
  const V = new V128Space(slots);
  V.u8.set(m.V.u8);
  m.I = I;
  m.F = new Float32Array(buffer);
  m.D = new Float64Array(buffer);
  m.V = V;
  const R = m.R;
  for (let i = R.length; i < slots; i++) R.push(null);
}

/**
 * Makes room for a frame that ends at word `end`, entered with `depth`
 * frames active: throws "call stack exhausted" (for a call instruction)
 * when the depth limit or the largest value stack would be passed, grows
 * the value stack when it is too small. The caller re-enters the dispatch
 * loop afterwards (the stack's arrays may be new).
 */
export function makeRoom(m: Machine, depth: number, end: number): void {
  if (depth >= m.maxDepth || end > 2 * STACK_SLOTS) callExhausted(m);
  if (end > m.I.length) growStack(m, end);
}

/**
 * Applies the depth limit of `store` (the default without one), making the
 * frame stack large enough for it.
 */
export function useDepthLimit(m: Machine, store: Store | null): void {
  const max = store === null ? MAX_CALL_DEPTH : store.maxCallDepth;
  m.maxDepth = max;
  if (m.frames.length < 2 * (max + 1)) reserveFrames(m, max);
}

/** Makes the frame stack hold `maxDepth` frames (keeping those it holds). */
export function reserveFrames(m: Machine, maxDepth: number): void {
  if (m.frames.length >= 2 * (maxDepth + 1)) return;
  const frames = new Int32Array(2 * (maxDepth + 1));
  frames.set(m.frames);
  m.frames = frames;
  const retInst = m.retInst;
  for (let i = retInst.length; i <= maxDepth; i++) retInst.push(null);
}

let theMachine: Machine | null = null;

/** The machine, allocated on first use. */
export function machine(): Machine {
  return (theMachine ??= new Machine());
}

/** The lowered code of a wasm function instance (lowered on first call, shared per module). */
export function compiledOf(f: FuncInstance): CompiledFunc {
  let cf = f.compiled as CompiledFunc | null;
  if (cf === null) {
    cf = spaceOf(f.module!).compiled(f.index);
    f.compiled = cf;
  }
  return cf;
}

/** The code space of an instance's module (kept on the instance for the loop's quick access). */
export function spaceOf(inst: ModuleInstance): CodeSpace {
  let space = inst.compiled as CodeSpace | null;
  if (space === null) {
    space = codeSpace(inst.module);
    inst.compiled = space;
  }
  return space;
}

/** Throws the trap "call stack exhausted". */
export function exhausted(cause?: unknown): never {
  throw new Trap(TrapMessage.CallStackExhausted, "", cause === undefined ? undefined : { cause });
}

/** Throws "call stack exhausted" for a call instruction that would nest too deep. */
export function callExhausted(m: Machine): never {
  m.atCall = true;
  exhausted();
}

/** V8's message for a JavaScript stack overflow. */
const STACK_OVERFLOW = "Maximum call stack size exceeded";

/**
 * True for the `RangeError` a JavaScript stack overflow throws. Compares the
 * message without calling anything: near the stack's limit even compiling a
 * regular expression throws.
 */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message === STACK_OVERFLOW;
}

/**
 * What an exception from host code becomes: engine errors pass through, a
 * JavaScript stack overflow is "call stack exhausted", anything else a
 * "host error" trap keeping the original as its cause.
 */
export function hostFailure(e: unknown): unknown {
  if (e instanceof WasmError) return e;
  if (isStackOverflow(e)) return new Trap(TrapMessage.CallStackExhausted, "", { cause: e });
  const detail = e instanceof Error ? e.message : String(e);
  return new Trap(TrapMessage.HostError, detail, { cause: e });
}

/** Reads the raw value of type `t` from the slot at word `w`. */
export function readSlot(m: Machine, t: ValType, w: number): RawValue {
  const I = m.I;
  switch (topType(t)) {
    case ValType.I32: return I[w]!;
    case ValType.F32: return I[w]! >>> 0;
    case ValType.I64: return (BigInt(I[w + 1]!) << 32n) | BigInt(I[w]! >>> 0);
    case ValType.F64: return (BigInt(I[w + 1]! >>> 0) << 32n) | BigInt(I[w]! >>> 0);
    case ValType.FuncRef: case ValType.ExternRef: case ValType.ExnRef: case ValType.AnyRef: return m.R[w >> 1];
    case ValType.V128: return m.V.read(w >> 1);
    default: throw new Error(`value type ${t}`);
  }
}

/** Writes the raw value `v` of type `t` into the slot at word `w`. */
export function writeSlot(m: Machine, t: ValType, w: number, v: RawValue): void {
  const I = m.I;
  switch (topType(t)) {
    case ValType.I32: case ValType.F32: I[w] = v as number; return;
    case ValType.I64: case ValType.F64: {
      const b = v as bigint;
      I[w] = Number(BigInt.asIntN(32, b));
      I[w + 1] = Number(BigInt.asIntN(32, b >> 32n));
      return;
    }
    case ValType.FuncRef: case ValType.ExternRef: case ValType.ExnRef: case ValType.AnyRef: m.R[w >> 1] = v; return;
    case ValType.V128: m.V.write(w >> 1, v as Uint8Array); return;
    default: throw new Error(`value type ${t}`);
  }
}

/** The arguments of a call to host function `f`, read from the slots at word `at`. */
export function hostArgs(m: Machine, f: FuncInstance, at: number): RawValue[] {
  const params = f.type.params;
  const args: RawValue[] = new Array<RawValue>(params.length);
  for (let i = 0; i < params.length; i++) args[i] = readSlot(m, params[i]!, at + 2 * i);
  return args;
}

/** Writes the results `out` of a call to host function `f` into the slots at word `at`. */
export function hostResults(m: Machine, f: FuncInstance, at: number, out: RawValue[]): void {
  const results = f.type.results;
  for (let i = 0; i < results.length; i++) writeSlot(m, results[i]!, at + 2 * i, out[i]);
}

/**
 * Calls a host function from wasm: arguments from the slots at word `at`,
 * results back into them. `depth` is the number of frames active, the caller's included.
 * (Kept small: in a wasm -> host -> wasm nesting its frame is on the
 * JavaScript stack once per level.)
 */
export function callHost(m: Machine, f: FuncInstance, at: number, depth: number, caller: ModuleInstance): void {
  if (depth >= m.maxDepth) callExhausted(m);
  const savedTop = m.top, savedDepth = m.depth, savedMax = m.maxDepth;
  let out: RawValue[];
  try {
    const args = hostArgs(m, f, at);
    m.top = at;
    m.depth = depth + 1;
    out = f.host!(args, caller);
  } catch (e) {
    // Set first: near the JavaScript stack's limit even the conversion may throw.
    m.atCall = true;
    throw hostFailure(e);
  } finally {
    m.top = savedTop;
    m.depth = savedDepth;
    // A nested invocation in another store sets its own limit.
    m.maxDepth = savedMax;
  }
  hostResults(m, f, at, out);
}
