/**
 * Tables (`wasm_table_t`).
 * @module
 */
import { TableInstance, ValType, type DefType } from "../impl/index.js";
import { handleAs, live, liveStore, owned, u32Arg, u64Arg } from "./internal/handles.js";
import { wasm_ref_t, wasm_store_t, wasm_table_t, wasm_tabletype_t } from "./internal/objects.js";
import { recordOf, type StoreState } from "./internal/records.js";
import { refFunctions } from "./internal/refs.js";
import { externtypeFromImpl, tabletypeToImpl } from "./internal/types.js";
import { rawFromVal, refFromRaw } from "./internal/values.js";
import { WASM_EXTERNREF, WASM_FUNCREF } from "./valtype.js";

export { wasm_table_t };

/** The size of a table, in elements (`wasm_table_size_t`). @category Runtime Objects */
export type wasm_table_size_t = number;

const tableRef = refFunctions("table", wasm_table_t);

/**
 * Deletes a table handle; the table lives on while other handles or users remain.
 * @category Runtime Objects
 */
export function wasm_table_delete(h: wasm_table_t | null): void {
  tableRef.delete(h);
}

/**
 * Makes another handle to the same table.
 * @category Runtime Objects
 */
export function wasm_table_copy(h: wasm_table_t | null): wasm_table_t {
  return tableRef.copy(h);
}

/**
 * True when two handles designate the same table.
 * @category Runtime Objects
 */
export function wasm_table_same(a: wasm_table_t | null, b: wasm_table_t | null): boolean {
  return tableRef.same(a, b);
}

/**
 * The host info of the table (null when none was set).
 * @category Runtime Objects
 */
export function wasm_table_get_host_info(h: wasm_table_t | null): unknown {
  return tableRef.get_host_info(h);
}

/**
 * Sets the host info of the table.
 * @category Runtime Objects
 */
export function wasm_table_set_host_info(h: wasm_table_t | null, info: unknown): void {
  tableRef.set_host_info(h, info);
}

/**
 * Sets the host info of the table with a finalizer that runs once when the
 * table dies (its last handle deleted, or its store deleted).
 * @category Runtime Objects
 */
export function wasm_table_set_host_info_with_finalizer(h: wasm_table_t | null, info: unknown, finalizer: ((info: unknown) => void) | null): void {
  tableRef.set_host_info_with_finalizer(h, info, finalizer);
}

/**
 * The table as a reference (the same handle; null stays null).
 * @category Runtime Objects
 */
export function wasm_table_as_ref(h: wasm_table_t | null): wasm_ref_t | null {
  return tableRef.as_ref(h);
}

/**
 * A reference as a table, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_table(r: wasm_ref_t | null): wasm_table_t | null {
  return tableRef.ref_as(r);
}

/**
 * A const table as a const reference (the same handle).
 * @category Runtime Objects
 */
export function wasm_table_as_ref_const(h: wasm_table_t | null): wasm_ref_t | null {
  return tableRef.as_ref(h, "wasm_table_as_ref_const");
}

/**
 * A const reference as a const table, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_table_const(r: wasm_ref_t | null): wasm_table_t | null {
  return tableRef.ref_as(r, "wasm_ref_as_table_const");
}
function tableInstance(t: wasm_table_t | null, fn: string): TableInstance {
  return live(t, wasm_table_t, fn)._rec.obj as TableInstance;
}

/** The raw form of a reference stored into a table of element type `elem`. */
/**
 * Checks an index or delta of `table`: a `uint32_t` (`wasm_table_size_t`),
 * or for a table64 (extension) any `uint64_t` as a number; one past the end
 * is the documented failure (null, false), not misuse.
 */
function indexArg(table: TableInstance, x: unknown, fn: string, what: string): number {
  return table.type.address64 === true ? u64Arg(x, fn, what) : u32Arg(x, fn, what);
}

function rawRef(ref: wasm_ref_t | null, elem: ValType, s: StoreState, fn: string, types: readonly DefType[] | undefined): unknown {
  const kind = elem === ValType.FuncRef ? WASM_FUNCREF : WASM_EXTERNREF;
  return rawFromVal({ kind, of: { ref } }, elem, s, fn, "the reference", types);
}

/**
 * Makes a table of type `type` (copied), every element `init` (null for
 * none), or returns null when the limits are impossible (minimum above maximum).
 * @category Runtime Objects
 */
export function wasm_table_new(store: wasm_store_t | null, type: wasm_tabletype_t | null, init: wasm_ref_t | null): wasm_table_t | null {
  const fn = "wasm_table_new";
  const s = liveStore(store, fn);
  const tt = tabletypeToImpl(owned(type, wasm_tabletype_t, fn));
  const raw = rawRef(init, tt.elemType, s, fn, tt.context);
  const { min, max } = tt.limits;
  if (max !== null && min > max) return null;
  // The store's resource limits (extension `wasmts_store_limiter`).
  const limits = s.runtime.limits;
  if (!limits.canMakeTable(min)) return null;
  let table: TableInstance;
  try {
    table = new TableInstance(tt, raw);
  } catch {
    return null;
  }
  limits.tableCount++;
  table.limits = limits;
  return handleAs(recordOf(s, table), wasm_table_t);
}

/**
 * The table's type, with its current size as minimum (a new table type that the caller owns).
 * @category Runtime Objects
 */
export function wasm_table_type(t: wasm_table_t | null): wasm_tabletype_t {
  return externtypeFromImpl(tableInstance(t, "wasm_table_type").externType()) as wasm_tabletype_t;
}

/**
 * The element at `index` (a new handle that the caller owns), or null when
 * the element is null or `index` is out of bounds.
 * @category Runtime Objects
 */
export function wasm_table_get(t: wasm_table_t | null, index: wasm_table_size_t): wasm_ref_t | null {
  const fn = "wasm_table_get";
  const h = live(t, wasm_table_t, fn);
  const table = h._rec.obj as TableInstance;
  if (indexArg(table, index, fn, "index") >= table.size) return null;
  return refFromRaw(table.elements[index], h._rec.store);
}

/**
 * Sets the element at `index`; false when `index` is out of bounds. A
 * function table takes only functions (C leaves other references undefined).
 * @category Runtime Objects
 */
export function wasm_table_set(t: wasm_table_t | null, index: wasm_table_size_t, ref: wasm_ref_t | null): boolean {
  const fn = "wasm_table_set";
  const h = live(t, wasm_table_t, fn);
  const table = h._rec.obj as TableInstance;
  indexArg(table, index, fn, "index");
  const raw = rawRef(ref, table.type.elemType, h._rec.store, fn, table.type.context);
  if (index >= table.size) return false;
  table.elements[index] = raw;
  return true;
}

/**
 * The table's current size, in elements.
 * @category Runtime Objects
 */
export function wasm_table_size(t: wasm_table_t | null): wasm_table_size_t {
  return tableInstance(t, "wasm_table_size").size;
}

/**
 * Grows the table by `delta` elements set to `init`; false (and no change)
 * when that would pass its maximum.
 * @category Runtime Objects
 */
export function wasm_table_grow(t: wasm_table_t | null, delta: wasm_table_size_t, init: wasm_ref_t | null): boolean {
  const fn = "wasm_table_grow";
  const h = live(t, wasm_table_t, fn);
  const table = h._rec.obj as TableInstance;
  indexArg(table, delta, fn, "delta");
  const raw = rawRef(init, table.type.elemType, h._rec.store, fn, table.type.context);
  return table.grow(delta, raw) !== -1;
}
