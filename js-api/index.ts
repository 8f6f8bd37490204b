/**
 * The JavaScript `WebAssembly` namespace implemented over this engine
 * (`wasm-c-api-ts/js-api`): the JS API's interfaces and functions, a
 * layer above the engine's API as `capi/` is. Use {@link WebAssembly}
 * directly, make another namespace with {@link createWebAssembly} (its own
 * store, tier and caches), or {@link install} one as a realm's global
 * `WebAssembly` (a worker installs in its own realm; a `vm` context through
 * `wasm-c-api-ts/js-api/vm`).
 * @see https://webassembly.github.io/spec/js-api/
 * @module
 */
import { createWebAssembly } from "./namespace.js";

export { createWebAssembly } from "./namespace.js";
export type { WebAssemblyOptions } from "./context.js";
export { ExactMemory } from "./memory.js";

import type { WebAssemblyNamespace } from "./types.js";

export type * from "./types.js";

/** A namespace over the engine for this realm, made when this module loads. */
export const WebAssembly = createWebAssembly() as unknown as WebAssemblyNamespace;

/**
 * Installs `namespace` (default {@link WebAssembly}) as `target.WebAssembly`
 * (default: this realm's global object), with the property attributes the
 * JS API gives the global (writable, not enumerable, configurable), in
 * place of any `WebAssembly` already there. Returns the namespace.
 */
export function install(target: object = globalThis, namespace: object = WebAssembly): WebAssemblyNamespace {
  Object.defineProperty(target, "WebAssembly", { value: namespace, writable: true, enumerable: false, configurable: true });
  return namespace as WebAssemblyNamespace;
}
