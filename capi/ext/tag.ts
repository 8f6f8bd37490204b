/**
 * Tags (`wasm_tag_t`), upstream's addition for exception handling, under
 * upstream's names: host creation, the type, the reference functions and the
 * casts to and from `wasm_extern_t`. A tag is an extern like a global: made by
 * the host or exported by an instance, imported by type (the payload's
 * function type must match exactly), and identified by the object (two tags
 * of one type are different tags).
 * @module
 */
import { TagInstance } from "../../impl/index.js";
import { live, liveStore, misuse, owned, handleAs, type Class } from "../internal/handles.js";
import { wasm_extern_t, wasm_ref_t, wasm_store_t, wasm_tag_t, wasm_tagtype_t } from "../internal/objects.js";
import { recordOf } from "../internal/records.js";
import { refFunctions } from "../internal/refs.js";
import { externtypeFromImpl, functypeToImpl } from "../internal/types.js";

export { wasm_tag_t };

const tagRef = refFunctions("tag", wasm_tag_t);

/**
 * Deletes a tag handle; the tag lives on while other handles or users remain.
 * @category Extensions
 */
export function wasm_tag_delete(h: wasm_tag_t | null): void {
  tagRef.delete(h);
}

/**
 * Makes another handle to the same tag.
 * @category Extensions
 */
export function wasm_tag_copy(h: wasm_tag_t | null): wasm_tag_t {
  return tagRef.copy(h);
}

/**
 * True when two handles designate the same tag (not merely tags of one type).
 * @category Extensions
 */
export function wasm_tag_same(a: wasm_tag_t | null, b: wasm_tag_t | null): boolean {
  return tagRef.same(a, b);
}

/**
 * The host info of the tag (null when none was set).
 * @category Extensions
 */
export function wasm_tag_get_host_info(h: wasm_tag_t | null): unknown {
  return tagRef.get_host_info(h);
}

/**
 * Sets the host info of the tag.
 * @category Extensions
 */
export function wasm_tag_set_host_info(h: wasm_tag_t | null, info: unknown): void {
  tagRef.set_host_info(h, info);
}

/**
 * Sets the host info of the tag with a finalizer that runs once when the tag
 * dies (its last handle deleted, or its store deleted).
 * @category Extensions
 */
export function wasm_tag_set_host_info_with_finalizer(h: wasm_tag_t | null, info: unknown, finalizer: ((info: unknown) => void) | null): void {
  tagRef.set_host_info_with_finalizer(h, info, finalizer);
}

/** The tag as a reference (the same handle; null stays null). @category Extensions */
export function wasm_tag_as_ref(h: wasm_tag_t | null): wasm_ref_t | null {
  return tagRef.as_ref(h);
}
/** A reference as a tag, or null when it designates something else. @category Extensions */
export function wasm_ref_as_tag(r: wasm_ref_t | null): wasm_tag_t | null {
  return tagRef.ref_as(r);
}
/** A const tag as a const reference (the same handle). @category Extensions */
export function wasm_tag_as_ref_const(h: wasm_tag_t | null): wasm_ref_t | null {
  return tagRef.as_ref(h, "wasm_tag_as_ref_const");
}
/** A const reference as a const tag, or null. @category Extensions */
export function wasm_ref_as_tag_const(r: wasm_ref_t | null): wasm_tag_t | null {
  return tagRef.ref_as(r, "wasm_ref_as_tag_const");
}

/**
 * Makes a tag of type `type` (copied; the caller keeps the tag type) in a store.
 *
 * @example
 * ```ts
 * const params: wasm_valtype_vec_t = WASM_EMPTY_VEC();
 * wasm_valtype_vec_new(params, 1, [wasm_valtype_new(WASM_I32)]);
 * const results: wasm_valtype_vec_t = WASM_EMPTY_VEC();
 * wasm_valtype_vec_new_empty(results);
 * const tagtype = wasm_tagtype_new(wasm_functype_new(params, results));
 * const tag = wasm_tag_new(store, tagtype); // import it as (tag (param i32))
 * wasm_tagtype_delete(tagtype);
 * ```
 * @category Extensions
 */
export function wasm_tag_new(store: wasm_store_t | null, type: wasm_tagtype_t | null): wasm_tag_t {
  const fn = "wasm_tag_new";
  const s = liveStore(store, fn);
  const ft = functypeToImpl(owned(type, wasm_tagtype_t, fn)._functype, fn);
  if (ft.results.length !== 0) misuse(fn, "a tag's function type has no results");
  return handleAs(recordOf(s, new TagInstance({ type: ft })), wasm_tag_t);
}

/**
 * The tag's type (a new tag type that the caller owns).
 * @category Extensions
 */
export function wasm_tag_type(tag: wasm_tag_t | null): wasm_tagtype_t {
  const t = (live(tag, wasm_tag_t, "wasm_tag_type")._rec.obj as TagInstance).externType();
  return externtypeFromImpl(t) as wasm_tagtype_t;
}

function up<T extends wasm_extern_t>(h: T | null, cls: Class<T>, fn: string): wasm_extern_t | null {
  return h === null || h === undefined ? null : live(h, cls, fn);
}

function down<T extends wasm_extern_t>(e: wasm_extern_t | null, cls: Class<T>, fn: string): T | null {
  if (e === null || e === undefined) return null;
  const h = live(e, wasm_extern_t, fn);
  return h instanceof cls ? h : null;
}

/** A tag as an extern (the same handle). @category Extensions */
export function wasm_tag_as_extern(t: wasm_tag_t | null): wasm_extern_t | null {
  return up(t, wasm_tag_t, "wasm_tag_as_extern");
}
/** A const tag as a const extern (the same handle). @category Extensions */
export function wasm_tag_as_extern_const(t: wasm_tag_t | null): wasm_extern_t | null {
  return up(t, wasm_tag_t, "wasm_tag_as_extern_const");
}
/** An extern as a tag, or null when it is another kind. @category Extensions */
export function wasm_extern_as_tag(e: wasm_extern_t | null): wasm_tag_t | null {
  return down(e, wasm_tag_t, "wasm_extern_as_tag");
}
/** A const extern as a const tag, or null. @category Extensions */
export function wasm_extern_as_tag_const(e: wasm_extern_t | null): wasm_tag_t | null {
  return down(e, wasm_tag_t, "wasm_extern_as_tag_const");
}
