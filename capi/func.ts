/**
 * Functions (`wasm_func_t`) and host callbacks.
 * @module
 */
import { FuncInstance, invoke, type RawValue } from "../impl/index.js";
import { callbackArg, handleAs, live, liveStore, misuse, owned } from "./internal/handles.js";
import { hostFunc } from "./internal/hostfunc.js";
import { wasm_func_t, wasm_functype_t, wasm_ref_t, wasm_store_t, wasm_trap_t } from "./internal/objects.js";
import { recordOf } from "./internal/records.js";
import { refFunctions } from "./internal/refs.js";
import { trapOrThrow } from "./internal/traps.js";
import { functypeFromImpl, functypeToImpl } from "./internal/types.js";
import { rawFromVal, storeVal, valFromRaw } from "./internal/values.js";
import { inVec } from "./internal/vec.js";
import type { wasm_val_vec_t } from "./val.js";

export { wasm_func_t };

/**
 * A host callback (`wasm_func_callback_t`): reads `args`, fills
 * `results.data[i]` (which arrive as `WASM_INIT_VAL()` storage, `size` equal
 * to the result arity), and returns null or a trap it owns.
 * @category Runtime Objects
 */
export type wasm_func_callback_t = (args: wasm_val_vec_t, results: wasm_val_vec_t) => wasm_trap_t | null;

/**
 * A host callback with an environment (`wasm_func_callback_with_env_t`): as
 * {@link wasm_func_callback_t}, with the `env` given to {@link wasm_func_new_with_env} first.
 * @category Runtime Objects
 */
export type wasm_func_callback_with_env_t = (env: unknown, args: wasm_val_vec_t, results: wasm_val_vec_t) => wasm_trap_t | null;

const funcRef = refFunctions("func", wasm_func_t);

/**
 * Deletes a func handle; the function lives on while other handles or users remain.
 * @category Runtime Objects
 */
export function wasm_func_delete(h: wasm_func_t | null): void {
  funcRef.delete(h);
}

/**
 * Makes another handle to the same function.
 * @category Runtime Objects
 */
export function wasm_func_copy(h: wasm_func_t | null): wasm_func_t {
  return funcRef.copy(h);
}

/**
 * True when two handles designate the same function.
 * @category Runtime Objects
 */
export function wasm_func_same(a: wasm_func_t | null, b: wasm_func_t | null): boolean {
  return funcRef.same(a, b);
}

/**
 * The host info of the function (null when none was set).
 * @category Runtime Objects
 */
export function wasm_func_get_host_info(h: wasm_func_t | null): unknown {
  return funcRef.get_host_info(h);
}

/**
 * Sets the host info of the function.
 * @category Runtime Objects
 */
export function wasm_func_set_host_info(h: wasm_func_t | null, info: unknown): void {
  funcRef.set_host_info(h, info);
}

/**
 * Sets the host info of the function with a finalizer that runs once when the
 * function dies (its last handle deleted, or its store deleted).
 * @category Runtime Objects
 */
export function wasm_func_set_host_info_with_finalizer(h: wasm_func_t | null, info: unknown, finalizer: ((info: unknown) => void) | null): void {
  funcRef.set_host_info_with_finalizer(h, info, finalizer);
}

/**
 * The func as a reference (the same handle; null stays null).
 * @category Runtime Objects
 */
export function wasm_func_as_ref(h: wasm_func_t | null): wasm_ref_t | null {
  return funcRef.as_ref(h);
}

/**
 * A reference as a func, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_func(r: wasm_ref_t | null): wasm_func_t | null {
  return funcRef.ref_as(r);
}

/**
 * A const func as a const reference (the same handle).
 * @category Runtime Objects
 */
export function wasm_func_as_ref_const(h: wasm_func_t | null): wasm_ref_t | null {
  return funcRef.as_ref(h, "wasm_func_as_ref_const");
}

/**
 * A const reference as a const func, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_func_const(r: wasm_ref_t | null): wasm_func_t | null {
  return funcRef.ref_as(r, "wasm_ref_as_func_const");
}
function funcInstance(f: wasm_func_t | null, fn: string): FuncInstance {
  return live(f, wasm_func_t, fn)._rec.obj as FuncInstance;
}

/**
 * Makes a host function of type `type` (copied) that runs `callback`.
 * @category Runtime Objects
 */
export function wasm_func_new(store: wasm_store_t | null, type: wasm_functype_t | null, callback: wasm_func_callback_t): wasm_func_t {
  const fn = "wasm_func_new";
  const s = liveStore(store, fn);
  const ft = functypeToImpl(owned(type, wasm_functype_t, fn), fn);
  callbackArg(callback, false, fn, "callback");
  // The callback itself is the invoker (same shape): no wrapper frame per call, which matters to deep re-entrancy.
  const func = new FuncInstance(ft, null, -1, hostFunc(s, ft, callback));
  return handleAs(recordOf(s, func), wasm_func_t);
}

/**
 * Makes a host function of type `type` (copied) that runs `callback` with
 * `env`; `finalizer(env)` runs once when the function dies.
 * @category Runtime Objects
 */
export function wasm_func_new_with_env(
  store: wasm_store_t | null, type: wasm_functype_t | null, callback: wasm_func_callback_with_env_t,
  env: unknown, finalizer: ((env: unknown) => void) | null,
): wasm_func_t {
  const fn = "wasm_func_new_with_env";
  const s = liveStore(store, fn);
  const ft = functypeToImpl(owned(type, wasm_functype_t, fn), fn);
  callbackArg(callback, false, fn, "callback");
  callbackArg(finalizer, true, fn, "finalizer");
  const func = new FuncInstance(ft, null, -1, hostFunc(s, ft, (args, results) => callback(env, args, results)));
  const rec = recordOf(s, func);
  if (finalizer) rec.onDeath = () => finalizer(env);
  return handleAs(rec, wasm_func_t);
}

/**
 * The function's type (a new function type that the caller owns).
 * @category Runtime Objects
 */
export function wasm_func_type(f: wasm_func_t | null): wasm_functype_t {
  return functypeFromImpl(funcInstance(f, "wasm_func_type").type);
}

/**
 * The number of parameters of the function.
 * @category Runtime Objects
 */
export function wasm_func_param_arity(f: wasm_func_t | null): number {
  return funcInstance(f, "wasm_func_param_arity").type.params.length;
}

/**
 * The number of results of the function.
 * @category Runtime Objects
 */
export function wasm_func_result_arity(f: wasm_func_t | null): number {
  return funcInstance(f, "wasm_func_result_arity").type.results.length;
}

/**
 * Calls a function. `args` must hold one value of the right kind per
 * parameter; each result is written into `results.data[i]` in place (porting
 * guide (docs/porting-guide.md), rule 10), as many as `results.size` holds: a shorter vector, even
 * an empty one, is accepted. Returns null, or the trap (owned by the caller).
 * @category Runtime Objects
 */
export function wasm_func_call(f: wasm_func_t | null, args: wasm_val_vec_t | null, results: wasm_val_vec_t | null): wasm_trap_t | null {
  // Kept to few locals, its work in helpers: in a wasm -> host -> wasm nesting this frame is on
  // the JavaScript stack once per level.
  const h = live(f, wasm_func_t, "wasm_func_call");
  const func = h._rec.obj as FuncInstance;
  // The results vector is checked before the call, so that misuse changes nothing.
  if (results !== null && results !== undefined) inVec(results, "wasm_func_call");
  let out: RawValue[];
  try {
    out = invoke(func, callArgs(h, func, args));
  } catch (e) {
    return trapOrThrow(h._rec.store, e);
  }
  if (results !== null && results !== undefined) callResults(h, func, out, results);
  return null;
}

/** The raw arguments of a call, checked against the function's parameters. */
function callArgs(h: wasm_func_t, func: FuncInstance, args: wasm_val_vec_t | null): RawValue[] {
  const fn = "wasm_func_call";
  const params = func.type.params;
  const n = args === null || args === undefined ? 0 : inVec(args, fn);
  if (n !== params.length) misuse(fn, `the function takes ${params.length} argument(s), the vector holds ${n}`);
  const raw: RawValue[] = new Array<RawValue>(params.length);
  for (let i = 0; i < params.length; i++) raw[i] = rawFromVal(args!.data[i], params[i]!, h._rec.store, fn, `argument ${i}`, func.type.rtt?.context);
  return raw;
}

/** Writes a call's results into the caller's vector, as many as it holds. */
function callResults(h: wasm_func_t, func: FuncInstance, out: RawValue[], results: wasm_val_vec_t): void {
  const resultTypes = func.type.results;
  const m = Math.min(inVec(results, "wasm_func_call"), resultTypes.length);
  for (let i = 0; i < m; i++) {
    const v = valFromRaw(out[i], resultTypes[i]!, h._rec.store, func.type.rtt?.context);
    const slot = results.data[i];
    if (slot && typeof slot === "object") storeVal(slot, v);
    else results!.data[i] = v;
  }
}
