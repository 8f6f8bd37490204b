/**
 * What a WASI context is made from: the program's arguments and
 * environment, where its standard streams go, and the host directories it
 * may see. A plain value; `capi/ext/wasi.ts` builds one from the
 * `wasi_config_*` calls (after Wasmtime's `wasi.h`), the command line from
 * its flags.
 * @module
 */

/** A preopen's directory permission: list and open entries (Wasmtime's `WASMTIME_WASI_DIR_PERMS_READ`). */
export const DIR_PERMS_READ = 1;
/** A preopen's directory permission: create, rename and remove entries (`WASMTIME_WASI_DIR_PERMS_WRITE`). */
export const DIR_PERMS_WRITE = 2;
/** A preopen's file permission: read files (`WASMTIME_WASI_FILE_PERMS_READ`). */
export const FILE_PERMS_READ = 1;
/** A preopen's file permission: write files (`WASMTIME_WASI_FILE_PERMS_WRITE`). */
export const FILE_PERMS_WRITE = 2;

/** A host directory the program sees as `guestPath`, with what it may do there. */
export interface WasiPreopen {
  readonly hostPath: string;
  readonly guestPath: string;
  /** {@link DIR_PERMS_READ} | {@link DIR_PERMS_WRITE}. */
  readonly dirPerms: number;
  /** {@link FILE_PERMS_READ} | {@link FILE_PERMS_WRITE}. */
  readonly filePerms: number;
}

/** Where standard input comes from: nothing (end of file at once), the host's, fixed bytes, or a host file. */
export type WasiInput =
  | { readonly kind: "empty" }
  | { readonly kind: "inherit" }
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  | { readonly kind: "file"; readonly path: string };

/**
 * Where standard output or error goes: nowhere, the host's, a host file
 * (created or truncated), or a function that receives each write's bytes
 * (a copy the function may keep).
 */
export type WasiOutput =
  | { readonly kind: "discard" }
  | { readonly kind: "inherit" }
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "capture"; readonly write: (bytes: Uint8Array) => void };

/** The whole configuration of a WASI context. */
export interface WasiConfig {
  /** `argv`, the program name first. */
  readonly args: readonly string[];
  /** The environment, in order; each pair becomes `KEY=VALUE`. */
  readonly env: readonly (readonly [string, string])[];
  readonly stdin: WasiInput;
  readonly stdout: WasiOutput;
  readonly stderr: WasiOutput;
  /** Preopened directories, which get file descriptors 3, 4, ... in this order. */
  readonly preopens: readonly WasiPreopen[];
}

/** A configuration with no arguments, no environment, empty stdin, discarded output and no preopens (Wasmtime's defaults). */
export function defaultWasiConfig(): WasiConfig {
  return { args: [], env: [], stdin: { kind: "empty" }, stdout: { kind: "discard" }, stderr: { kind: "discard" }, preopens: [] };
}
