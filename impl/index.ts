/**
 * The engine's internal API: decode, validate, instantiate, invoke. `capi/`
 * is a thin adapter over this.
 * @module
 */
export * from "./base/types.js";
export * from "./base/errors.js";
export * from "./base/opcodes.js";
export * from "./base/features.js";
export type * from "./decode/module.js";
export { definedTags } from "./decode/module.js";
export { decodeModule } from "./decode/decoder.js";
export { validateModule } from "./validate/validator.js";
export * from "./runtime/instances.js";
export * from "./runtime/tag.js";
export * from "./runtime/exception.js";
export * from "./runtime/values.js";
export { instantiate } from "./link/instantiate.js";
export { checkImports, importExternType, matchImport, unknownImport } from "./link/imports.js";
export { NamedExterns, type NamedExternsOptions } from "./link/named-externs.js";
export { NativeRegistry, type NativeRegistryOptions, type RegistryEntry, type RegistrySource } from "./link/registry.js";
export {
  buildImportList, instantiateFrom, resolveImports,
  type ImportSource, type ImportSources, type ResolvedImport,
} from "./link/import-list.js";
export { unresolvedStub } from "./link/stubs.js";
export type { BuiltinModule } from "./link/builtins/builtin-module.js";
export { createSpectestExterns, spectest, type PrintSink } from "./link/builtins/spectest.js";
export { invoke } from "./exec/interpreter/invoke.js";
export {
  chainText, LoadError, Loader,
  type InstantiateOptions, type LoadedInstance, type LoaderOptions, type LoadErrorReason,
  type ModuleReader, type ModuleRelease, type ModuleSource,
} from "./load/index.js";

import { decodeModule } from "./decode/decoder.js";
import { validateModule } from "./validate/validator.js";
import type { Module } from "./decode/module.js";
import type { Features } from "./base/features.js";

/**
 * Decodes and validates a binary module (throws `DecodeError` or
 * `ValidationError`); `features` as for {@link decodeModule}.
 */
export function compileModule(bytes: Uint8Array, features?: Features): Module {
  const module = decodeModule(bytes, features);
  validateModule(module);
  return module;
}
