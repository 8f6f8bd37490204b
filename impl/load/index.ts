/**
 * Loading linking: resolving dependency modules by name, on top of
 * instantiation linking. The loader's one entry module; everything in
 * `impl/load/` reaches the engine only through `impl/link/api.ts`.
 * @module
 */
export { Loader, type InstantiateOptions, type LoadedInstance, type LoaderOptions } from "./loader.js";
export { chainText, LoadError, type LoadErrorReason } from "./load-error.js";
export { ModuleSources, type ModuleReader, type ModuleRelease, type ModuleSource, type SourcedModule } from "./module-sources.js";
export { isFileName, modulePath, readFromSearchPath } from "./search-path.js";
