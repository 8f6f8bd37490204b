/**
 * Host functions: the engine-side function that runs a `wasm.h` callback
 * (porting guide (docs/porting-guide.md), rules 6 and 9). Arguments arrive as a const vector of
 * fresh values whose references the engine lends for the call; results
 * arrive as a vector of `WASM_INIT_VAL()` storage sized to the result arity,
 * read after the callback returns. A trap the callback returns becomes a wasm
 * trap with its message, unless it stands for a wasm exception (extension
 * `wasmts_trap_new_exception`): that exception is thrown into wasm, which may
 * catch it. A JavaScript exception the callback throws becomes a "host error"
 * trap that keeps the exception as its cause, never a raw error inside wasm.
 * @module
 */
import { Trap, TrapMessage, WasmException, type FuncType, type HostFunc, type RawValue } from "../../impl/index.js";
import type { wasm_val_t, wasm_val_vec_t } from "../val.js";
import { releaseQuietly } from "./handles.js";
import { wasm_trap_t } from "./objects.js";
import type { StoreState, TrapObject } from "./records.js";
import { engineTrapOf, hostErrorTrap } from "./traps.js";
import { initVal, rawFromVal, valFromRaw } from "./values.js";

/** How the engine calls a callback: with the argument and result vectors. */
export type Invoker = (args: wasm_val_vec_t, results: wasm_val_vec_t) => unknown;

function releaseRefs(vals: readonly (wasm_val_t | undefined)[]): void {
  for (const v of vals) if (v && typeof v === "object" && v.of && typeof v.of === "object") releaseQuietly(v.of.ref);
}

/** The engine's host function for a callback of type `type` in `store`. */
export function hostFunc(store: StoreState, type: FuncType, invoke: Invoker): HostFunc {
  // Few locals, the work in helpers: in a wasm -> host -> wasm nesting this frame is on the
  // JavaScript stack once per level.
  return (raw: RawValue[]): RawValue[] => {
    const args = argVec(store, type, raw);
    const results = resultVec(type);
    const resultVals = results.data;
    let ret: unknown;
    try {
      ret = invoke(args, results);
    } catch (e) {
      release(args, results, resultVals);
      throw hostErrorTrap(e);
    }
    try {
      return takeResults(store, type, results, ret);
    } finally {
      release(args, results, resultVals);
    }
  };
}

/** Results are owned by the engine once returned; arguments were lent. Either may be shared. */
function release(args: wasm_val_vec_t, results: wasm_val_vec_t, resultVals: wasm_val_t[]): void {
  releaseRefs(results.data);
  if (results.data !== resultVals) releaseRefs(resultVals);
  releaseRefs(args.data);
}

/** The callback's argument vector: fresh values, frozen (it is const). */
function argVec(store: StoreState, type: FuncType, raw: RawValue[]): wasm_val_vec_t {
  const params = type.params;
  const argVals: wasm_val_t[] = [];
  for (let i = 0; i < params.length; i++) argVals.push(valFromRaw(raw[i], params[i]!, store, type.rtt?.context));
  return Object.freeze({ size: argVals.length, data: argVals });
}

/** The callback's result vector: `WASM_INIT_VAL()` storage sized to the result arity. */
function resultVec(type: FuncType): wasm_val_vec_t {
  // A plain loop: `Array.from({ length }, f)` iterates an array-like generically, and was a third
  // of the cost of a call through `wasm_func_new`.
  const n = type.results.length;
  const data: wasm_val_t[] = [];
  for (let i = 0; i < n; i++) data.push(initVal());
  return { size: n, data };
}

/** The raw results the callback left in `results`, or the trap (or wasm exception) it returned, thrown. */
function takeResults(store: StoreState, type: FuncType, results: wasm_val_vec_t, ret: unknown): RawValue[] {
  if (ret !== null && ret !== undefined) {
    if (!(ret instanceof wasm_trap_t) || ret._deleted || ret._rec.dead) {
      throw new Trap(TrapMessage.HostError, "the callback returned something other than a live wasm_trap_t or null");
    }
    const obj = ret._rec.obj as TrapObject;
    // The callback returns an owned trap: the engine takes it.
    releaseQuietly(ret);
    throw obj.cause instanceof WasmException ? obj.cause : engineTrapOf(obj);
  }
  try {
    return type.results.map((t, i) => rawFromVal(results.data[i], t, store, "host callback", `result ${i}`, type.rtt?.context));
  } catch (e) {
    throw hostErrorTrap(e);
  }
}
