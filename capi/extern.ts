/**
 * External values (`wasm_extern_t`), their vectors, and the casts between
 * them and functions, globals, tables and memories.
 * @module
 */
import type { Extern } from "../impl/index.js";
import { live, type Class } from "./internal/handles.js";
import { externKindToC } from "./internal/kinds.js";
import { wasm_extern_t, wasm_func_t, wasm_global_t, wasm_memory_t, wasm_ref_t, wasm_table_t } from "./internal/objects.js";
import { refFunctions } from "./internal/refs.js";
import { externtypeFromImpl } from "./internal/types.js";
import { vecFunctions } from "./internal/vec.js";
import type { wasm_externkind_t, wasm_externtype_t } from "./externtype.js";

export { wasm_extern_t };

const externRef = refFunctions("extern", wasm_extern_t);

/**
 * Deletes a extern handle; the extern lives on while other handles or users remain.
 * @category Runtime Objects
 */
export function wasm_extern_delete(h: wasm_extern_t | null): void {
  externRef.delete(h);
}

/**
 * Makes another handle to the same extern.
 * @category Runtime Objects
 */
export function wasm_extern_copy(h: wasm_extern_t | null): wasm_extern_t {
  return externRef.copy(h);
}

/**
 * True when two handles designate the same extern.
 * @category Runtime Objects
 */
export function wasm_extern_same(a: wasm_extern_t | null, b: wasm_extern_t | null): boolean {
  return externRef.same(a, b);
}

/**
 * The host info of the extern (null when none was set).
 * @category Runtime Objects
 */
export function wasm_extern_get_host_info(h: wasm_extern_t | null): unknown {
  return externRef.get_host_info(h);
}

/**
 * Sets the host info of the extern.
 * @category Runtime Objects
 */
export function wasm_extern_set_host_info(h: wasm_extern_t | null, info: unknown): void {
  externRef.set_host_info(h, info);
}

/**
 * Sets the host info of the extern with a finalizer that runs once when the
 * extern dies (its last handle deleted, or its store deleted).
 * @category Runtime Objects
 */
export function wasm_extern_set_host_info_with_finalizer(h: wasm_extern_t | null, info: unknown, finalizer: ((info: unknown) => void) | null): void {
  externRef.set_host_info_with_finalizer(h, info, finalizer);
}

/**
 * The extern as a reference (the same handle; null stays null).
 * @category Runtime Objects
 */
export function wasm_extern_as_ref(h: wasm_extern_t | null): wasm_ref_t | null {
  return externRef.as_ref(h);
}

/**
 * A reference as an extern, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_extern(r: wasm_ref_t | null): wasm_extern_t | null {
  return externRef.ref_as(r);
}

/**
 * A const extern as a const reference (the same handle).
 * @category Runtime Objects
 */
export function wasm_extern_as_ref_const(h: wasm_extern_t | null): wasm_ref_t | null {
  return externRef.as_ref(h, "wasm_extern_as_ref_const");
}

/**
 * A const reference as a const extern, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_extern_const(r: wasm_ref_t | null): wasm_extern_t | null {
  return externRef.ref_as(r, "wasm_ref_as_extern_const");
}
/**
 * A vector of externs (`wasm_extern_vec_t`): the imports given to
 * {@link wasm_instance_new}, or the exports {@link wasm_instance_exports} fills in.
 * @category Runtime Objects
 */
export interface wasm_extern_vec_t {
  size: number;
  data: Array<wasm_extern_t | null>;
}

const vec = vecFunctions<wasm_extern_t>("extern", (e) => wasm_extern_copy(e), (e) => wasm_extern_delete(e),
  (e, fn) => live(e, wasm_extern_t, fn));

/** Makes an empty extern vector in `out`. @category Runtime Objects */
export function wasm_extern_vec_new_empty(out: wasm_extern_vec_t): void {
  vec.new_empty(out);
}
/** Makes an extern vector of `size` null entries in `out`. @category Runtime Objects */
export function wasm_extern_vec_new_uninitialized(out: wasm_extern_vec_t, size: number): void {
  vec.new_uninitialized(out, size);
}
/** Makes an extern vector in `out` that takes the first `size` handles of `data`. @category Runtime Objects */
export function wasm_extern_vec_new(out: wasm_extern_vec_t, size: number, data: ArrayLike<wasm_extern_t | null>): void {
  vec.make(out, size, data);
}
/** Copies an extern vector into `out` (new handles to the same externs). @category Runtime Objects */
export function wasm_extern_vec_copy(out: wasm_extern_vec_t, src: wasm_extern_vec_t): void {
  vec.copy(out, src);
}
/** Deletes an extern vector: releases its handles; it becomes empty. @category Runtime Objects */
export function wasm_extern_vec_delete(v: wasm_extern_vec_t): void {
  vec.delete(v);
}

/**
 * The kind of an extern.
 * @category Runtime Objects
 */
export function wasm_extern_kind(e: wasm_extern_t | null): wasm_externkind_t {
  return externKindToC((live(e, wasm_extern_t, "wasm_extern_kind")._rec.obj as Extern).kind);
}

/**
 * The extern's current type (tables and memories report their current size
 * as minimum; a new extern type that the caller owns).
 * @category Runtime Objects
 */
export function wasm_extern_type(e: wasm_extern_t | null): wasm_externtype_t {
  return externtypeFromImpl((live(e, wasm_extern_t, "wasm_extern_type")._rec.obj as Extern).externType());
}

function up<T extends wasm_extern_t>(h: T | null, cls: Class<T>, fn: string): wasm_extern_t | null {
  return h === null || h === undefined ? null : live(h, cls, fn);
}

function down<T extends wasm_extern_t>(e: wasm_extern_t | null, cls: Class<T>, fn: string): T | null {
  if (e === null || e === undefined) return null;
  const h = live(e, wasm_extern_t, fn);
  return h instanceof cls ? h : null;
}

/** A function as an extern (the same handle). @category Runtime Objects */
export function wasm_func_as_extern(f: wasm_func_t | null): wasm_extern_t | null {
  return up(f, wasm_func_t, "wasm_func_as_extern");
}
/** A global as an extern (the same handle). @category Runtime Objects */
export function wasm_global_as_extern(g: wasm_global_t | null): wasm_extern_t | null {
  return up(g, wasm_global_t, "wasm_global_as_extern");
}
/** A table as an extern (the same handle). @category Runtime Objects */
export function wasm_table_as_extern(t: wasm_table_t | null): wasm_extern_t | null {
  return up(t, wasm_table_t, "wasm_table_as_extern");
}
/** A memory as an extern (the same handle). @category Runtime Objects */
export function wasm_memory_as_extern(m: wasm_memory_t | null): wasm_extern_t | null {
  return up(m, wasm_memory_t, "wasm_memory_as_extern");
}

/** An extern as a function, or null when it is another kind. @category Runtime Objects */
export function wasm_extern_as_func(e: wasm_extern_t | null): wasm_func_t | null {
  return down(e, wasm_func_t, "wasm_extern_as_func");
}
/** An extern as a global, or null when it is another kind. @category Runtime Objects */
export function wasm_extern_as_global(e: wasm_extern_t | null): wasm_global_t | null {
  return down(e, wasm_global_t, "wasm_extern_as_global");
}
/** An extern as a table, or null when it is another kind. @category Runtime Objects */
export function wasm_extern_as_table(e: wasm_extern_t | null): wasm_table_t | null {
  return down(e, wasm_table_t, "wasm_extern_as_table");
}
/** An extern as a memory, or null when it is another kind. @category Runtime Objects */
export function wasm_extern_as_memory(e: wasm_extern_t | null): wasm_memory_t | null {
  return down(e, wasm_memory_t, "wasm_extern_as_memory");
}

/** A const function as a const extern (the same handle). @category Runtime Objects */
export function wasm_func_as_extern_const(f: wasm_func_t | null): wasm_extern_t | null {
  return up(f, wasm_func_t, "wasm_func_as_extern_const");
}
/** A const global as a const extern (the same handle). @category Runtime Objects */
export function wasm_global_as_extern_const(g: wasm_global_t | null): wasm_extern_t | null {
  return up(g, wasm_global_t, "wasm_global_as_extern_const");
}
/** A const table as a const extern (the same handle). @category Runtime Objects */
export function wasm_table_as_extern_const(t: wasm_table_t | null): wasm_extern_t | null {
  return up(t, wasm_table_t, "wasm_table_as_extern_const");
}
/** A const memory as a const extern (the same handle). @category Runtime Objects */
export function wasm_memory_as_extern_const(m: wasm_memory_t | null): wasm_extern_t | null {
  return up(m, wasm_memory_t, "wasm_memory_as_extern_const");
}

/** A const extern as a const function, or null. @category Runtime Objects */
export function wasm_extern_as_func_const(e: wasm_extern_t | null): wasm_func_t | null {
  return down(e, wasm_func_t, "wasm_extern_as_func_const");
}
/** A const extern as a const global, or null. @category Runtime Objects */
export function wasm_extern_as_global_const(e: wasm_extern_t | null): wasm_global_t | null {
  return down(e, wasm_global_t, "wasm_extern_as_global_const");
}
/** A const extern as a const table, or null. @category Runtime Objects */
export function wasm_extern_as_table_const(e: wasm_extern_t | null): wasm_table_t | null {
  return down(e, wasm_table_t, "wasm_extern_as_table_const");
}
/** A const extern as a const memory, or null. @category Runtime Objects */
export function wasm_extern_as_memory_const(e: wasm_extern_t | null): wasm_memory_t | null {
  return down(e, wasm_memory_t, "wasm_extern_as_memory_const");
}
