/**
 * Extension: wasm exceptions (exception handling) across the host boundary,
 * carried by `wasm_trap_t` since `wasm.h` has no exception object.
 *
 * - A wasm exception that leaves `wasm_func_call` uncaught comes back as a
 *   trap whose message names the tag (`uncaught exception: tag "e0" (param i32)
 *   with payload [42]`); {@link wasmts_trap_exception_tag} and
 *   {@link wasmts_trap_exception_payload} give its tag and payload.
 * - A host callback raises a wasm exception by returning the trap that
 *   {@link wasmts_trap_new_exception} makes: wasm code can catch it with
 *   `try_table` by its tag like an exception thrown by wasm. Returning an
 *   exception trap that `wasm_func_call` gave back rethrows that exception.
 * - Every other trap stays a trap: wasm code never catches traps.
 * @module
 */
import { WasmException, type TagInstance } from "../../impl/index.js";
import type { wasm_val_vec_t } from "../val.js";
import { handleAs, live, liveStore, misuse, sameStore } from "../internal/handles.js";
import { wasm_store_t, wasm_tag_t, wasm_trap_t } from "../internal/objects.js";
import { recordOf, TrapObject } from "../internal/records.js";
import { newTrap } from "../internal/traps.js";
import { rawFromVal, valFromRaw } from "../internal/values.js";
import { inVec, outVec } from "../internal/vec.js";

function exceptionOf(trap: wasm_trap_t | null, fn: string): WasmException | null {
  const cause = (live(trap, wasm_trap_t, fn)._rec.obj as TrapObject).cause;
  return cause instanceof WasmException ? cause : null;
}

/**
 * Makes a trap that stands for a wasm exception of `tag` with `payload` (one
 * value per parameter of the tag's type, of those kinds; references move into
 * the exception as with `wasm_val_vec_new`). Returned by a host callback, it
 * raises the exception in the calling wasm code, which can catch it. The
 * caller owns the trap.
 *
 * @example
 * ```ts
 * // In a host callback: throw (tag (param i32)) with payload 42.
 * const payload: wasm_val_vec_t = WASM_EMPTY_VEC();
 * wasm_val_vec_new(payload, 1, [WASM_I32_VAL(42)]);
 * const trap = wasmts_trap_new_exception(store, tag, payload);
 * wasm_val_vec_delete(payload);
 * return trap;
 * ```
 * @category Extensions
 */
export function wasmts_trap_new_exception(store: wasm_store_t | null, tag: wasm_tag_t | null, payload: wasm_val_vec_t | null): wasm_trap_t {
  const fn = "wasmts_trap_new_exception";
  const s = liveStore(store, fn);
  const t = live(tag, wasm_tag_t, fn);
  sameStore(t, s, fn);
  const instance = t._rec.obj as TagInstance;
  const params = instance.type.type.params;
  const n = inVec(payload, fn);
  if (n !== params.length) misuse(fn, `the tag's payload has ${params.length} value(s), got ${n}`);
  const raw = params.map((p, i) => rawFromVal(payload!.data[i], p, s, fn, `payload value ${i}`, instance.type.type.rtt?.context));
  const e = new WasmException(instance, raw);
  return newTrap(s, new TrapObject(e.message, [], e));
}

/**
 * True when the trap stands for a wasm exception (one that left wasm code
 * uncaught, or one made by {@link wasmts_trap_new_exception}).
 * @category Extensions
 */
export function wasmts_trap_is_exception(trap: wasm_trap_t | null): boolean {
  return exceptionOf(trap, "wasmts_trap_is_exception") !== null;
}

/**
 * The tag of the exception the trap stands for (a new handle the caller
 * owns), or null when the trap is not an exception. The tag is the very tag
 * thrown: `wasm_tag_same` with the tag the host made or got as an export.
 * @category Extensions
 */
export function wasmts_trap_exception_tag(trap: wasm_trap_t | null): wasm_tag_t | null {
  const e = exceptionOf(trap, "wasmts_trap_exception_tag");
  return e === null ? null : handleAs(recordOf(trap!._rec.store, e.tag), wasm_tag_t);
}

/**
 * Fills `out` with the payload of the exception the trap stands for (new
 * values the caller owns; delete the vector with `wasm_val_vec_delete`); an
 * empty vector when the trap is not an exception.
 * @category Extensions
 */
export function wasmts_trap_exception_payload(trap: wasm_trap_t | null, out: wasm_val_vec_t): void {
  const fn = "wasmts_trap_exception_payload";
  const e = exceptionOf(trap, fn);
  const v = outVec(out, fn);
  const params = e === null ? [] : e.tag.type.type.params;
  v.data = params.map((p, i) => valFromRaw(e!.payload[i], p, trap!._rec.store, e!.tag.type.type.rtt?.context));
  v.size = v.data.length;
}
