/**
 * The engine's internal API: decode, validate, instantiate, invoke. `capi/`
 * is a thin adapter over this.
 * @module
 */
export * from "./base/types.js";
export * from "./base/errors.js";
export * from "./base/limits.js";
export * from "./base/opcodes.js";
export * from "./base/features.js";
export type * from "./decode/module.js";
export { decodeModule } from "./decode/decoder.js";
export { validateModule } from "./validate/validator.js";
export { isValidated, type IndexSpaces, type ValidatedModule } from "./validate/validated.js";
export * from "./runtime/instances.js";
export { isSharedMemoryParts, type SharedMemoryParts } from "./runtime/shared-memory.js";
export * from "./runtime/interrupts.js";
export * from "./runtime/limits.js";
export * from "./runtime/tag.js";
export * from "./runtime/exception.js";
export * from "./runtime/values.js";
export { ExternI31, HostAnyRef, isGcObject, refTest } from "./runtime/gc-refs.js";
export { rttOf } from "./base/rtt.js";
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
export { invoke, tierOf, interpreterTier, compilerTier, type Tier } from "./exec/tier.js";
export {
  canCompile, compiledForm, compilerFingerprint, installCompiledForm, modulesEmitted, type CompiledForm,
} from "./exec/compiler/module.js";
export { ENGINE_VERSION } from "./base/version.js";
export { tierUpCounts, tierUpThreshold } from "./exec/tiered.js";
export {
  chainText, LoadError, Loader,
  type InstantiateOptions, type LoadedInstance, type LoaderOptions, type LoadErrorReason,
  type ModuleReader, type ModuleRelease, type ModuleSource,
} from "./load/index.js";

export { compileModule } from "./link/api.js";
export * from "./wasi/index.js";
