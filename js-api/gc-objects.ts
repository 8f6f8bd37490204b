/**
 * Exported GC Objects (GC): a wasm struct or array as JavaScript sees it.
 * The wrapper is opaque: it has no prototype and no properties, cannot be
 * extended, reads give undefined and writes and deletes throw a `TypeError`.
 * It is a `Proxy` because a plain object can only give that last behaviour
 * in strict code (a frozen object ignores a sloppy-mode write). Every wrapper
 * shares one handler and one target (an empty, non-extensible object with a
 * null prototype, which the Proxy invariants for `isExtensible` and
 * `getPrototypeOf` require); the engine object stays out of JavaScript's
 * reach, in the namespace's brand map.
 * @see https://github.com/WebAssembly/gc/blob/main/proposals/gc/MVP-JS.md
 * @see https://webassembly.github.io/spec/js-api/#gc-exotic-objects
 * @module
 */
import type { Context } from "./context.js";

/** The one target of every wrapper: no prototype, no properties, not extensible. */
const TARGET: object = Object.preventExtensions(Object.create(null) as object);

function refuse(what: string): never {
  throw new TypeError(`a WebAssembly GC object cannot ${what}`);
}

/** The exotic object's internal methods, as MVP-JS.md lists them. */
const HANDLER: ProxyHandler<object> = {
  getPrototypeOf: () => null,
  setPrototypeOf: () => false,
  isExtensible: () => false,
  preventExtensions: () => false,
  getOwnPropertyDescriptor: () => undefined,
  defineProperty: () => false,
  has: () => false,
  get: () => undefined,
  set: () => refuse("have properties set"),
  deleteProperty: () => refuse("have properties deleted"),
  ownKeys: () => [],
};

/**
 * The Exported GC Object of struct or array `obj`: the same object every
 * time for one namespace, so identity survives the round trip through wasm.
 */
export function exportedGCObject(ctx: Context, obj: object): object {
  const known = ctx.gcObjects.get(obj);
  if (known !== undefined) return known;
  const wrapper = new Proxy(TARGET, HANDLER);
  ctx.gcObjects.set(obj, wrapper);
  ctx.gcObjectOf.set(wrapper, obj);
  return wrapper;
}
