/**
 * WASI preview1 (`wasi_snapshot_preview1`) built into the engine: a
 * {@link WasiContext} made from a {@link WasiConfig}, attached to a store,
 * serves the imports of the instances made in that store through the
 * {@link wasiPreview1} built-in module of a `NativeRegistry`.
 * @module
 */
export * from "./config.js";
export { ProcExit } from "./proc-exit.js";
export { MAX_THREADS, ThreadGroup, WASI_THREADS, createThreadExterns, joinThreadGroup, threadGroupOf, wasiThreads, type ThreadStart } from "./threads.js";
export { WasiContext, attachWasi, wasiOf, type CStrings } from "./context.js";
export { type SharedFdParts } from "./shared-fds.js";
export { WASI_PREVIEW1, PREVIEW1_FUNCTIONS, createPreview1Externs, wasiPreview1 } from "./preview1.js";
export { Errno, WasiError, errnoOf } from "./errno.js";
export { Rights, RIGHTS_ALL } from "./rights.js";
export { MAX_SYMLINKS } from "./path-resolve.js";
export { OpenFlag, type HostStat, type TimeSpec, type WasiSystem } from "./system.js";
