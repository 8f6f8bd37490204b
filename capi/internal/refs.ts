/**
 * The functions of `WASM_DECLARE_REF` (delete, copy, same, host info, and the
 * casts to and from `wasm_ref_t`), written once and instantiated per
 * reference type. Host info belongs to the object, not the handle: every
 * handle, and every reference that comes back out of wasm, sees it.
 * @module
 */
import { callbackArg, handleAs, live, releaseHandle, type Class } from "./handles.js";
import { wasm_ref_t } from "./objects.js";
import type { ObjRecord } from "./records.js";

/** The reference functions of one handle class. */
export interface RefFunctions<T extends wasm_ref_t> {
  delete(h: T | null): void;
  copy(h: T | null): T;
  same(a: T | null, b: T | null): boolean;
  get_host_info(h: T | null): unknown;
  set_host_info(h: T | null, info: unknown): void;
  set_host_info_with_finalizer(h: T | null, info: unknown, finalizer: ((info: unknown) => void) | null): void;
  /** The cast to `wasm_ref_t`; `name` is the calling function's (the `_const` twin passes its own). */
  as_ref(h: T | null, name?: string): wasm_ref_t | null;
  /** The cast from `wasm_ref_t`; `name` as for {@link as_ref}. */
  ref_as(r: wasm_ref_t | null, name?: string): T | null;
}

/**
 * Replaces an object's host info. A finalizer given with the previous info
 * runs now (the object no longer holds that info), unless the same info and
 * finalizer are set again.
 */
export function setHostInfo(rec: ObjRecord, info: unknown, finalizer: ((info: unknown) => void) | null): void {
  const old = rec.finalizer;
  const oldInfo = rec.hostInfo;
  rec.hostInfo = info;
  rec.finalizer = finalizer;
  if (old && !(old === finalizer && oldInfo === info)) old(oldInfo);
}

/** The reference functions for handles of class `cls`, named `wasm_<name>_*` in error messages. */
export function refFunctions<T extends wasm_ref_t>(name: string, cls: Class<T>): RefFunctions<T> {
  const fn = (f: string) => `wasm_${name}_${f}`;
  return {
    delete(h) {
      // Deleting null does nothing, as in C.
      if (h === null || h === undefined) return;
      releaseHandle(live(h, cls, fn("delete")));
    },
    copy(h) {
      return handleAs(live(h, cls, fn("copy"))._rec, cls);
    },
    same(a, b) {
      return live(a, cls, fn("same"))._rec.obj === live(b, cls, fn("same"))._rec.obj;
    },
    get_host_info(h) {
      return live(h, cls, fn("get_host_info"))._rec.hostInfo;
    },
    set_host_info(h, info) {
      setHostInfo(live(h, cls, fn("set_host_info"))._rec, info, null);
    },
    set_host_info_with_finalizer(h, info, finalizer) {
      const f = fn("set_host_info_with_finalizer");
      const rec = live(h, cls, f)._rec;
      setHostInfo(rec, info, callbackArg(finalizer, true, f, "finalizer"));
    },
    as_ref(h, as = fn("as_ref")) {
      // A cast of NULL is NULL, as in C.
      return h === null || h === undefined ? null : live(h, cls, as);
    },
    ref_as(r, as = `wasm_ref_as_${name}`) {
      if (r === null || r === undefined) return null;
      const h = live(r, wasm_ref_t, as);
      return h instanceof cls ? h : null;
    },
  };
}
