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
  compiledOf, exhausted, hostFailure, isStackOverflow, machine, MAX_CALL_DEPTH, readSlot, writeSlot,
} from "./machine.js";

/** Whether the dispatch loop has been warmed up (see {@link warmUp}). */
let warmedUp = false;

/**
 * Calls a function with raw arguments (one per parameter, validated by the
 * caller); returns its raw results. Throws {@link Trap} when execution traps,
 * including "call stack exhausted" when calls nest deeper than
 * {@link MAX_CALL_DEPTH} (counting wasm frames and host frames called from
 * wasm) or the JavaScript stack overflows: no `RangeError` escapes.
 * @see https://webassembly.github.io/spec/core/exec/modules.html#invocation
 */
export function invoke(func: FuncInstance, args: RawValue[]): RawValue[] {
  const m = machine();
  if (!warmedUp) {
    warmedUp = true;
    warmUp(m);
  }
  const savedTop = m.top, savedDepth = m.depth;
  try {
    if (func.host !== null) {
      try {
        return func.host(args);
      } catch (e) {
        throw hostFailure(e);
      }
    }
    const cf = compiledOf(func);
    const fp = savedTop;
    if (savedDepth >= MAX_CALL_DEPTH || fp + 2 * cf.frameSlots > m.I.length) exhausted();
    const { params, results } = func.type;
    for (let i = 0; i < params.length; i++) writeSlot(m, params[i]!, fp + 2 * i, args[i]);
    run(m, func, cf, fp);
    const out: RawValue[] = new Array<RawValue>(results.length);
    for (let i = 0; i < results.length; i++) out[i] = readSlot(m, results[i]!, fp + 2 * i);
    return out;
  } catch (e) {
    if (isStackOverflow(e)) exhausted(e);
    throw e;
  } finally {
    m.top = savedTop;
    m.depth = savedDepth;
  }
}
