/**
 * `@assemblyscript/loader`, unmodified, on a namespace over this engine
 * (`wasm-c-api-ts/js-api/assemblyscript`). The loader reaches the JS API
 * through the global `WebAssembly` only when it compiles and instantiates
 * (its string, array and object helpers work on the instance's memory and
 * exports), so these functions make the namespace the global `WebAssembly`
 * for the duration of that one synchronous step and put back what was there.
 * In a realm whose global `WebAssembly` is already ours (a `vm` context after
 * `installInContext`, a realm that had none) the loader can be used directly.
 * @module
 */
import * as loader from "@assemblyscript/loader";
import { install, WebAssembly } from "./index.js";
import type { ImportObject, WebAssemblyNamespace } from "./types.js";

/** What the loader gives back: the instance's exports with its helpers (`__getString`, `__newArray`, ...). */
export type LoadedModule<T extends Record<string, unknown> = Record<string, unknown>> = ReturnType<typeof loader.instantiateSync<T>>;

/** Runs `f` with `namespace` as this realm's global `WebAssembly`, then restores the global as it was. */
function withGlobal<R>(namespace: WebAssemblyNamespace, f: () => R): R {
  const g = globalThis as Record<string, unknown>;
  const had = Object.getOwnPropertyDescriptor(g, "WebAssembly");
  install(g, namespace);
  try {
    return f();
  } finally {
    if (had) Object.defineProperty(g, "WebAssembly", had);
    else delete g["WebAssembly"];
  }
}

/**
 * The loader's `instantiateSync` on `namespace` (default: this realm's
 * namespace over the engine): `source` is module bytes or a `Module` of that
 * namespace. The start function and any import it calls run while the
 * global is swapped.
 */
export function instantiateSync<T extends Record<string, unknown> = Record<string, unknown>>(
  source: ArrayBuffer | ArrayBufferView | object, imports: ImportObject = {}, namespace: WebAssemblyNamespace = WebAssembly,
): LoadedModule<T> {
  return withGlobal(namespace, () => loader.instantiateSync<T>(source as never, imports as never));
}

/**
 * The loader's `instantiate` on `namespace`: the module is compiled
 * asynchronously by the namespace, then instantiated through the loader
 * (which needs the global only for that step).
 */
export async function instantiate<T extends Record<string, unknown> = Record<string, unknown>>(
  source: ArrayBuffer | ArrayBufferView | object | Promise<ArrayBuffer | ArrayBufferView | object>,
  imports: ImportObject = {}, namespace: WebAssemblyNamespace = WebAssembly,
): Promise<LoadedModule<T>> {
  const src = await source;
  const isModule = (src as object) instanceof (namespace.Module as unknown as new () => object);
  const module = isModule ? src : await namespace.compile(src as ArrayBuffer);
  return instantiateSync<T>(module, imports, namespace);
}
