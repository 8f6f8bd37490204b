/**
 * Globals (`wasm_global_t`).
 * @module
 */
import { GlobalInstance } from "../impl/index.js";
import { handleAs, live, liveStore, misuse, owned } from "./internal/handles.js";
import { wasm_global_t, wasm_globaltype_t, wasm_ref_t, wasm_store_t } from "./internal/objects.js";
import { recordOf } from "./internal/records.js";
import { refFunctions } from "./internal/refs.js";
import { externtypeFromImpl, globaltypeToImpl } from "./internal/types.js";
import { rawFromVal, storeVal, valFromRaw } from "./internal/values.js";
import type { wasm_val_t } from "./val.js";

export { wasm_global_t };

const globalRef = refFunctions("global", wasm_global_t);

/**
 * Deletes a global handle; the global lives on while other handles or users remain.
 * @category Runtime Objects
 */
export function wasm_global_delete(h: wasm_global_t | null): void {
  globalRef.delete(h);
}

/**
 * Makes another handle to the same global.
 * @category Runtime Objects
 */
export function wasm_global_copy(h: wasm_global_t | null): wasm_global_t {
  return globalRef.copy(h);
}

/**
 * True when two handles designate the same global.
 * @category Runtime Objects
 */
export function wasm_global_same(a: wasm_global_t | null, b: wasm_global_t | null): boolean {
  return globalRef.same(a, b);
}

/**
 * The host info of the global (null when none was set).
 * @category Runtime Objects
 */
export function wasm_global_get_host_info(h: wasm_global_t | null): unknown {
  return globalRef.get_host_info(h);
}

/**
 * Sets the host info of the global.
 * @category Runtime Objects
 */
export function wasm_global_set_host_info(h: wasm_global_t | null, info: unknown): void {
  globalRef.set_host_info(h, info);
}

/**
 * Sets the host info of the global with a finalizer that runs once when the
 * global dies (its last handle deleted, or its store deleted).
 * @category Runtime Objects
 */
export function wasm_global_set_host_info_with_finalizer(h: wasm_global_t | null, info: unknown, finalizer: ((info: unknown) => void) | null): void {
  globalRef.set_host_info_with_finalizer(h, info, finalizer);
}

/**
 * The global as a reference (the same handle; null stays null).
 * @category Runtime Objects
 */
export function wasm_global_as_ref(h: wasm_global_t | null): wasm_ref_t | null {
  return globalRef.as_ref(h);
}

/**
 * A reference as a global, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_global(r: wasm_ref_t | null): wasm_global_t | null {
  return globalRef.ref_as(r);
}

/**
 * A const global as a const reference (the same handle).
 * @category Runtime Objects
 */
export function wasm_global_as_ref_const(h: wasm_global_t | null): wasm_ref_t | null {
  return globalRef.as_ref(h, "wasm_global_as_ref_const");
}

/**
 * A const reference as a const global, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_global_const(r: wasm_ref_t | null): wasm_global_t | null {
  return globalRef.ref_as(r, "wasm_ref_as_global_const");
}
function globalInstance(g: wasm_global_t | null, fn: string): GlobalInstance {
  return live(g, wasm_global_t, fn)._rec.obj as GlobalInstance;
}

/**
 * Makes a global of type `type` (copied) holding `val`, which must have the
 * type's kind (a reference must belong to `store`).
 * @category Runtime Objects
 */
export function wasm_global_new(store: wasm_store_t | null, type: wasm_globaltype_t | null, val: wasm_val_t | null): wasm_global_t {
  const fn = "wasm_global_new";
  const s = liveStore(store, fn);
  const gt = globaltypeToImpl(owned(type, wasm_globaltype_t, fn));
  const global = new GlobalInstance(gt, rawFromVal(val, gt.valType, s, fn, "the initial value", gt.context));
  return handleAs(recordOf(s, global), wasm_global_t);
}

/**
 * The global's type (a new global type that the caller owns).
 * @category Runtime Objects
 */
export function wasm_global_type(g: wasm_global_t | null): wasm_globaltype_t {
  return externtypeFromImpl(globalInstance(g, "wasm_global_type").externType()) as wasm_globaltype_t;
}

/**
 * Reads the global into `out`, in place; a reference gets a new handle that the caller owns.
 * @category Runtime Objects
 */
export function wasm_global_get(g: wasm_global_t | null, out: wasm_val_t | null): void {
  const fn = "wasm_global_get";
  const h = live(g, wasm_global_t, fn);
  if (out === null || typeof out !== "object") misuse(fn, "the out-parameter is null");
  const global = h._rec.obj as GlobalInstance;
  storeVal(out, valFromRaw(global.get(), global.type.valType, h._rec.store, global.type.context));
}

/**
 * Writes a mutable global; `val` must have the global's kind. Setting a const
 * global is an error (C leaves it undefined).
 * @category Runtime Objects
 */
export function wasm_global_set(g: wasm_global_t | null, val: wasm_val_t | null): void {
  const fn = "wasm_global_set";
  const h = live(g, wasm_global_t, fn);
  const global = h._rec.obj as GlobalInstance;
  if (!global.type.mutable) misuse(fn, "the global is const (WASM_CONST)");
  global.set(rawFromVal(val, global.type.valType, h._rec.store, fn, "the value", global.type.context));
}
