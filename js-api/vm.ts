/**
 * Installing the namespace as the global `WebAssembly` of a `node:vm`
 * context (`wasm-c-api-ts/js-api/vm`, Node only). The namespace's code is
 * evaluated inside the context (from the script bundle the build writes
 * next to this file), so every object it makes, every error it throws and
 * every promise it returns belongs to the context's realm, as code there
 * expects (`e instanceof TypeError`, `buffer instanceof ArrayBuffer`).
 * @module
 */
import { readFileSync } from "node:fs";
import vm from "node:vm";
import type { WebAssemblyOptions } from "./context.js";
import type { WebAssemblyNamespace } from "./index.js";

/** The script bundle's file, written by `npm run build` (tools/bundle-js-api.ts). */
export const SCRIPT_FILE = new URL("./webassembly-script.js", import.meta.url);

/** The global name the bundle's IIFE assigns, local to the wrapper below. */
export const SCRIPT_GLOBAL_NAME = "wasmCApiTsJsApi";

/** What the bundle evaluates to: this package's `js-api` entry, made in the context. */
interface ScriptExports {
  createWebAssembly(options?: WebAssemblyOptions): object;
  install(target?: object, namespace?: object): WebAssemblyNamespace;
}

let source: string | null = null;

/** Detaches a buffer of any realm (a `vm` context has neither `transfer` nor `structuredClone` of its own on Node 20). */
function detach(buffer: ArrayBuffer): void {
  structuredClone(buffer, { transfer: [buffer] });
}

/**
 * Installs a new namespace over the engine as `WebAssembly` in `context`
 * (a contextified object, see `vm.createContext`), replacing the context's
 * own; returns it. `options` as for `createWebAssembly` (the detaching
 * function defaults to this realm's `structuredClone`).
 */
export function installInContext(context: vm.Context, options: WebAssemblyOptions = {}): WebAssemblyNamespace {
  source ??= readFileSync(SCRIPT_FILE, "utf8");
  // The engine decodes names with the Encoding API, which a bare context lacks: the context's own when
  // it has them, else this realm's, as parameters of the wrapper (no global of the context is added).
  const load = vm.runInContext(
    `(function (TextDecoder, TextEncoder) {\n${source}\nreturn ${SCRIPT_GLOBAL_NAME};\n})`, context, { filename: SCRIPT_FILE.pathname },
  ) as (decoder: unknown, encoder: unknown) => ScriptExports;
  const own = vm.runInContext("[typeof TextDecoder === 'function' ? TextDecoder : null, typeof TextEncoder === 'function' ? TextEncoder : null]", context) as unknown[];
  const api = load(own[0] ?? TextDecoder, own[1] ?? TextEncoder);
  const namespace = api.createWebAssembly({ detach, ...options });
  return api.install(vm.runInContext("globalThis", context) as object, namespace);
}
