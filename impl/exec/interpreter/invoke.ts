/**
 * Entry point of the interpreter tier: calling a function instance with raw
 * arguments (see runtime/values.ts) from outside wasm, as instantiation (the
 * start function), the spec runner and the C API do.
 * @module
 */
import type { FuncInstance } from "../../runtime/instances.js";
import type { RawValue } from "../../runtime/values.js";
import { run } from "./loop.js";
import { warmUp } from "./warmup.js";
import {
  compiledOf, exhausted, growStack, hostFailure, isStackOverflow, machine, MAX_CALL_DEPTH, readSlot, STACK_SLOTS,
  writeSlot, type Machine,
} from "./machine.js";

/** Whether the dispatch loop has been warmed up (see {@link warmUp}). */
let warmedUp = false;

/**
 * The compiler tier's entry (installed by ../tier.ts): whether a function
 * runs compiled, and the call that runs it. Checked here, at the one entry
 * point, rather than in a dispatcher in front of it, so a wasm -> host -> wasm
 * nesting costs no extra JavaScript frame per level on either tier.
 */
let compiledReady: ((func: FuncInstance) => boolean) | null = null;
let compiledCall: (func: FuncInstance, args: RawValue[]) => RawValue[] = () => [];

/** Set by {@link interpret}: the next {@link invoke} skips the compiler tier (a flag, not a second entry, so nesting costs no JavaScript frame). */
let interpretNext = false;

/**
 * {@link invoke} on the interpreter whatever the store's tier: how compiled
 * code past its depth threshold hands a call to the interpreter (see
 * ../compiler/helpers.ts, `deep`), which keeps its frames on its own stacks.
 */
export function interpret(func: FuncInstance, args: RawValue[]): RawValue[] {
  interpretNext = true;
  return invoke(func, args);
}

/** Installs the compiler tier's entry (see {@link compiledReady}). */
export function setCompiledEntry(ready: (func: FuncInstance) => boolean, call: (func: FuncInstance, args: RawValue[]) => RawValue[]): void {
  compiledReady = ready;
  compiledCall = call;
}

/**
 * Calls a function with raw arguments (one per parameter, validated by the
 * caller); returns its raw results. Throws {@link Trap} when execution traps,
 * including "call stack exhausted" when calls nest deeper than the store's
 * `maxCallDepth` (default {@link MAX_CALL_DEPTH}; counting wasm frames and
 * host frames called from wasm) or the JavaScript stack overflows: no
 * `RangeError` escapes; and the store's interrupts ("all fuel consumed",
 * "deadline exceeded", "interrupted (epoch deadline)"). After any trap the
 * machine is as it was before the call: the store stays usable. A function
 * of a store whose tier is "compiler" goes to that tier (see ../tier.ts).
 * @see https://webassembly.github.io/spec/core/exec/modules.html#invocation
 */
export function invoke(func: FuncInstance, args: RawValue[]): RawValue[] {
  // Few locals, the work in helpers: in a wasm -> host -> wasm nesting this frame is on the
  // JavaScript stack once per level. `run` leaves the machine's `top` and `depth` as it found them.
  if (interpretNext) interpretNext = false;
  else if (compiledReady !== null && func.module !== null && func.module.store !== null && func.module.store.tier !== "interpreter" &&
    compiledReady(func)) return compiledCall(func, args);
  const m = machine();
  if (!warmedUp) {
    warmedUp = true;
    warmUp(m);
  }
  if (func.host !== null) return invokeHost(func, args);
  try {
    const cf = compiledOf(func);
    const fp = m.top;
    if (fp + 2 * cf.frameSlots > m.I.length) room(m, fp + 2 * cf.frameSlots);
    putArgs(m, func, fp, args);
    run(m, func, cf, fp);
    return takeResults(m, func, fp);
  } catch (e) {
    if (isStackOverflow(e)) exhausted(e);
    throw e;
  }
}

/** Calls a host function directly (no frame of the machine). */
function invokeHost(func: FuncInstance, args: RawValue[]): RawValue[] {
  try {
    return func.host!(args, null);
  } catch (e) {
    throw hostFailure(e);
  }
}

/** Grows the value stack to `end` words for an entry frame, or throws "call stack exhausted". */
function room(m: Machine, end: number): void {
  if (end > 2 * STACK_SLOTS) exhausted();
  growStack(m, end);
}

/** Writes the arguments into the slots from word `fp`. */
function putArgs(m: Machine, func: FuncInstance, fp: number, args: RawValue[]): void {
  const params = func.type.params;
  for (let i = 0; i < params.length; i++) writeSlot(m, params[i]!, fp + 2 * i, args[i]);
}

/** Reads the results from the slots from word `fp`. */
function takeResults(m: Machine, func: FuncInstance, fp: number): RawValue[] {
  const results = func.type.results;
  const out: RawValue[] = new Array<RawValue>(results.length);
  for (let i = 0; i < results.length; i++) out[i] = readSlot(m, results[i]!, fp + 2 * i);
  return out;
}
