/**
 * Handles and the checks every entry point makes: that a pointer is a live
 * object of the expected class (not null, not deleted, its store not
 * deleted) and that objects meet in one store. Misuse raises
 * {@link wasmts_error_t} naming the function, never corrupts state.
 * @module
 */
import { wasmts_error_t } from "../ext/error.js";
import { died } from "./live.js";
import {
  wasm_foreign_t, wasm_func_t, wasm_global_t, wasm_instance_t, wasm_memory_t, wasm_module_t,
  wasm_ref_t, wasm_store_t, wasm_table_t, wasm_tag_t, wasm_trap_t,
} from "./objects.js";
import { release, type ObjRecord, type StoreState } from "./records.js";

/** Raises the misuse error of function `fn`. */
export function misuse(fn: string, what: string): never {
  throw new wasmts_error_t(`${fn}: ${what}`);
}

/** The constructor of a class, abstract or not, for `instanceof` checks and its name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Class<T> = abstract new (...args: any[]) => T;

/** An owned (non-reference) object: configs, engines, stores, types, frames. */
interface Owned {
  _deleted: boolean;
  _owner?: string | null;
}

/** Checks that `x` is a live owned object of class `cls`. */
export function owned<T extends Owned>(x: T | null | undefined, cls: Class<T>, fn: string): T {
  if (x === null || x === undefined) misuse(fn, `got null where a ${cls.name} was expected`);
  if (!(x instanceof cls)) misuse(fn, `got ${describe(x)} where a ${cls.name} was expected`);
  if (x._deleted) misuse(fn, `the ${x.constructor.name} was already deleted`);
  return x;
}

/**
 * Checks that `x` may be deleted by the caller (live, not owned by another
 * object) and marks it deleted. Deleting null does nothing, as in C.
 */
export function deleteOwned<T extends Owned>(x: T | null | undefined, cls: Class<T>, fn: string): T | null {
  if (x === null || x === undefined) return null;
  const o = owned(x, cls, fn);
  if (o._owner) misuse(fn, `the ${o.constructor.name} belongs to a ${o._owner}, which deletes it`);
  o._deleted = true;
  died();
  return o;
}

/** Marks an object that another one owns as deleted (its owner is being deleted). */
export function dropOwned(x: Owned): void {
  if (x._deleted) return;
  x._deleted = true;
  died();
}

/** Records that `x` now belongs to an object of type `owner` (it was passed as `own`). */
export function adopt<T extends Owned>(x: T, owner: string, fn: string): T {
  if (x._owner) misuse(fn, `the ${x.constructor.name} already belongs to a ${x._owner}`);
  x._owner = owner;
  return x;
}

/** Checks that `h` is a live handle of class `cls` whose store is alive. */
export function live<T extends wasm_ref_t>(h: T | null | undefined, cls: Class<T>, fn: string): T {
  if (h === null || h === undefined) misuse(fn, `got null where a ${cls.name} was expected`);
  if (!(h instanceof cls)) misuse(fn, `got ${describe(h)} where a ${cls.name} was expected`);
  if (h._deleted) misuse(fn, `the ${h.constructor.name} handle was already deleted`);
  if (h._rec.dead) misuse(fn, `the ${h.constructor.name}'s store was deleted`);
  return h;
}

/**
 * Checks that `store` is a live `wasm_store_t` and returns its state. Passing
 * the engine (a common slip when porting) is refused like any wrong object.
 */
export function liveStore(store: wasm_store_t | null | undefined, fn: string): StoreState {
  const s = owned(store, wasm_store_t, fn);
  if (s._state.deleted) misuse(fn, "the wasm_store_t was already deleted");
  return s._state;
}

/** Checks a callback argument (a host function, a finalizer, a reader): a function, or null where `optional`. */
export function callbackArg<F extends (...args: never[]) => unknown>(f: F | null | undefined, optional: boolean, fn: string, what: string): F | null {
  if (f === null || f === undefined) {
    if (optional) return null;
    misuse(fn, `the ${what} is null`);
  }
  if (typeof f !== "function") misuse(fn, `the ${what} is ${describe(f)}, not a function`);
  return f;
}

/**
 * Checks a `uint32_t` argument (a table index, a size or delta in elements or
 * pages): a number that C's type can hold. Past the end is not misuse; the
 * function reports it as its documented failure (null, false).
 */
export function u32Arg(x: unknown, fn: string, what: string): number {
  if (typeof x !== "number" || !Number.isInteger(x) || x < 0 || x > 0xffffffff) {
    misuse(fn, `${what} ${typeof x === "number" ? String(x) : describe(x)} is not a uint32_t`);
  }
  return x;
}

/**
 * Checks a `uint64_t` argument given as a number (a table64's index or
 * delta, a memory64's delta): an integer from 0 to 2^64 (beyond 2^53 the
 * nearest double; every such number is far past any table or memory).
 */
export function u64Arg(x: unknown, fn: string, what: string): number {
  if (typeof x !== "number" || !Number.isInteger(x) || x < 0 || x > 2 ** 64) {
    misuse(fn, `${what} ${typeof x === "number" ? String(x) : describe(x)} is not a uint64_t`);
  }
  return x;
}

/** Checks that a handle belongs to `store`. */
export function sameStore(h: wasm_ref_t, store: StoreState, fn: string): void {
  if (h._rec.store !== store) misuse(fn, `the ${h.constructor.name} belongs to another store`);
}

/** A new handle to a record (one more user). */
export function handleFor(rec: ObjRecord): wasm_ref_t {
  rec.count++;
  switch (rec.kind) {
    case "func": return new wasm_func_t(rec);
    case "global": return new wasm_global_t(rec);
    case "table": return new wasm_table_t(rec);
    case "memory": return new wasm_memory_t(rec);
    case "tag": return new wasm_tag_t(rec);
    case "instance": return new wasm_instance_t(rec);
    case "module": return new wasm_module_t(rec);
    case "foreign": return new wasm_foreign_t(rec);
    case "trap": return new wasm_trap_t(rec);
    case "ref": return new wasm_ref_t(rec);
    default: {
      const never: never = rec.kind;
      return never;
    }
  }
}

/** A new handle to a record, typed as the class the caller knows it has. */
export function handleAs<T extends wasm_ref_t>(rec: ObjRecord, cls: Class<T>): T {
  const h = handleFor(rec);
  if (!(h instanceof cls)) throw new Error(`internal: a ${rec.kind} record is not a ${cls.name}`);
  return h;
}

/** Releases a handle (the `_delete` of every reference type). */
export function releaseHandle(h: wasm_ref_t): void {
  h._deleted = true;
  release(h._rec);
}

/** Releases a handle unless it was already deleted (for handles the engine lent to a callback). */
export function releaseQuietly(h: unknown): void {
  if (h instanceof wasm_ref_t && !h._deleted) releaseHandle(h);
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (typeof x === "object") {
    const name = (x as object).constructor?.name;
    return name && name !== "Object" ? `a ${name}` : "a plain object";
  }
  return `a ${typeof x}`;
}
