/**
 * 64-bit memory and table types (extension; memory64 and table64 of Wasm
 * 3.0). `wasm.h`'s `wasm_limits_t` has 32-bit bounds and no index type, so,
 * after Wasmtime's `wasmtime_memorytype_new`/`_is64`/`_minimum`/`_maximum`,
 * a 64-bit memory type is made by `wasmts_memorytype_new(min, max_present,
 * max, is_64, shared)` (./threads.ts) and asked with
 * {@link wasmts_memorytype_is64}, {@link wasmts_memorytype_minimum} and
 * {@link wasmts_memorytype_maximum}; tables get the same shape:
 * {@link wasmts_tabletype_new}, {@link wasmts_tabletype_is64},
 * {@link wasmts_tabletype_minimum}, {@link wasmts_tabletype_maximum}.
 *
 * Bounds are JavaScript numbers: exact up to 2^53 (a memory64's are at most
 * 2^48 pages), beyond that the nearest double, as in the engine. The
 * standard `wasm_memorytype_limits`/`wasm_tabletype_limits` of a 64-bit type
 * saturate each bound at 0xffffffff (a maximum beyond 32 bits reads as
 * `wasm_limits_max_default`). A `uint64_t* out` parameter is an object
 * `{ value: number }` that the function fills (porting guide, rule 4's shape
 * for a pointer to a scalar).
 * @module
 */
import { misuse, owned } from "../internal/handles.js";
import { checkPageCount, checkU64Bound } from "../internal/limits.js";
import { wasm_memorytype_t, wasm_tabletype_t, wasm_valtype_t } from "../internal/objects.js";
import { adoptPart, limitsFromWide } from "../internal/types.js";
import { wasm_valkind_is_ref, wasm_valtype_delete } from "../valtype.js";

/** Writes `value` into a `uint64_t*` out-parameter (`{ value }`), which must be an object. */
function writeOut(out: { value: number } | null, value: number, fn: string): void {
  if (out === null || typeof out !== "object") misuse(fn, "the out-parameter is not a { value } object");
  out.value = value;
}

/**
 * Whether a memory type is addressed by i64 (memory64; Wasmtime's
 * `wasmtime_memorytype_is64`).
 * @category Extensions
 */
export function wasmts_memorytype_is64(t: wasm_memorytype_t | null): boolean {
  return owned(t, wasm_memorytype_t, "wasmts_memorytype_is64")._is64;
}

/**
 * A memory type's minimum in pages, exact for a memory64's (Wasmtime's
 * `wasmtime_memorytype_minimum`).
 * @category Extensions
 */
export function wasmts_memorytype_minimum(t: wasm_memorytype_t | null): number {
  return owned(t, wasm_memorytype_t, "wasmts_memorytype_minimum")._bounds.min;
}

/**
 * Whether a memory type has a maximum; when it has, writes it (in pages,
 * exact for a memory64's) into `out.value`, else leaves `out` alone
 * (Wasmtime's `bool wasmtime_memorytype_maximum(ty, uint64_t *max)`).
 * @category Extensions
 */
export function wasmts_memorytype_maximum(t: wasm_memorytype_t | null, out: { value: number } | null): boolean {
  const fn = "wasmts_memorytype_maximum";
  const max = owned(t, wasm_memorytype_t, fn)._bounds.max;
  if (out === null || typeof out !== "object") misuse(fn, "the out-parameter is not a { value } object");
  if (max === null) return false;
  writeOut(out, max, fn);
  return true;
}

/**
 * Makes a table type, taking ownership of its element type (`WASM_FUNCREF`
 * or `WASM_EXTERNREF`): `min` elements, a maximum of `max` when
 * `max_present`, indexed by i64 when `is_64` (table64). The shape of
 * {@link wasmts_memorytype_new} without `shared`. Returns null when the type
 * is impossible (a minimum over the maximum; the element type is then
 * deleted, as the caller gave it away). A 32-bit table's bounds must be
 * counts below 0xffffffff and a table64's integers from 0 to 2^64; anything
 * else is misuse. A table of more than `TABLE_SIZE_LIMIT` (10,000,000)
 * elements is a valid type that `wasm_table_new` refuses to make (null).
 * @category Extensions
 */
export function wasmts_tabletype_new(element: wasm_valtype_t | null, min: number, max_present: boolean, max: number, is_64: boolean): wasm_tabletype_t | null {
  const fn = "wasmts_tabletype_new";
  const e = owned(element, wasm_valtype_t, fn);
  if (!wasm_valkind_is_ref(e._kind)) misuse(fn, "a table's element type must be a reference type (WASM_FUNCREF, WASM_EXTERNREF, WASMTS_ANYREF, a wasmts_valtype_new_ref type)");
  const bound = is_64 ? checkU64Bound : checkPageCount;
  bound(min, fn, "min");
  if (max_present) bound(max, fn, "max");
  if (max_present && min > max) {
    wasm_valtype_delete(e);
    return null;
  }
  const part = adoptPart(e, wasm_valtype_t, "wasm_tabletype_t", fn);
  const bounds = Object.freeze({ min, max: max_present ? max : null });
  return new wasm_tabletype_t(part, limitsFromWide(bounds), is_64 === true, bounds);
}

/**
 * Whether a table type is indexed by i64 (table64).
 * @category Extensions
 */
export function wasmts_tabletype_is64(t: wasm_tabletype_t | null): boolean {
  return owned(t, wasm_tabletype_t, "wasmts_tabletype_is64")._is64;
}

/**
 * A table type's minimum in elements, exact for a table64's up to 2^53.
 * @category Extensions
 */
export function wasmts_tabletype_minimum(t: wasm_tabletype_t | null): number {
  return owned(t, wasm_tabletype_t, "wasmts_tabletype_minimum")._bounds.min;
}

/**
 * Whether a table type has a maximum; when it has, writes it (in elements)
 * into `out.value`, else leaves `out` alone (the shape of
 * {@link wasmts_memorytype_maximum}).
 * @category Extensions
 */
export function wasmts_tabletype_maximum(t: wasm_tabletype_t | null, out: { value: number } | null): boolean {
  const fn = "wasmts_tabletype_maximum";
  const max = owned(t, wasm_tabletype_t, fn)._bounds.max;
  if (out === null || typeof out !== "object") misuse(fn, "the out-parameter is not a { value } object");
  if (max === null) return false;
  writeOut(out, max, fn);
  return true;
}
