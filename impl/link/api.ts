/**
 * The instantiation-linking API: compiling a module, resolving its imports
 * by position, by name and from the native registry, and instantiating it.
 * This is everything a layer built on top of linking may use (the loader in
 * `impl/load/` imports this module and nothing else of the engine), so that
 * such a layer has no back door into the engine's internals.
 * @module
 */
import type { Features } from "../base/features.js";
import { decodeAndValidate } from "../validate/fused.js";
import type { ValidatedModule } from "../validate/validated.js";

export { DecodeError, LinkError, Trap, ValidationError, WasmError } from "../base/errors.js";
export type { Features } from "../base/features.js";
export { externTypeText, type ExternType } from "../base/types.js";
export type { Import, Module } from "../decode/module.js";
export type { IndexSpaces, ValidatedModule } from "../validate/validated.js";
export type { Extern, ModuleInstance, Store } from "../runtime/instances.js";
export { instantiate } from "./instantiate.js";
export { importExternType } from "./imports.js";
export {
  buildImportList, instantiateFrom, resolveImports,
  type ImportSource, type ImportSources, type ResolvedImport,
} from "./import-list.js";
export { NamedExterns, type NamedExternsOptions } from "./named-externs.js";
export { NativeRegistry, type NativeRegistryOptions, type RegistryEntry, type RegistrySource } from "./registry.js";

/**
 * Decodes and validates a binary module: the validated module, the only
 * form instantiation takes (throws `DecodeError` or `ValidationError`); `features` as for the
 * decoder (default: Wasm 2.0 plus exception handling). The same as the
 * engine facade's `compileModule`.
 * @see https://webassembly.github.io/spec/core/exec/modules.html#instantiation
 */
export function compileModule(bytes: Uint8Array, features?: Features): ValidatedModule {
  // One pass over the function bodies: the same verdict as validateModule(decodeModule(...)).
  return decodeAndValidate(bytes, features);
}
