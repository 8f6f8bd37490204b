/**
 * WASI preview1 configuration after Wasmtime's C API (`wasi.h`), so that an
 * embedder written for Wasmtime ports call for call: a `wasi_config_t`
 * collects the program's arguments, environment, standard streams and
 * preopened directories; {@link wasmts_store_set_wasi} (after
 * `wasmtime_context_set_wasi`) attaches it to a store; from then on a module
 * importing `wasi_snapshot_preview1` instantiates with plain
 * {@link wasm_instance_new} and null entries (the engine's registry fills
 * them; an explicit extern still wins). `proc_exit` ends a call with a trap
 * whose exit status {@link wasmts_trap_exit_status} reads.
 *
 * Strings (`const char*`) are JavaScript strings and a `const char* argv[]`
 * with its `size_t argc` is an array of strings with its count; a bool
 * result is a boolean (porting guide, rules 2 and 11). Everything is copied
 * into the configuration at the call, except the byte vector of
 * {@link wasi_config_set_stdin_bytes}, which the configuration takes.
 * @module
 */
import {
  defaultWasiConfig, DIR_PERMS_READ, Errno, WasiError, DIR_PERMS_WRITE, FILE_PERMS_READ, FILE_PERMS_WRITE, ProcExit, WasiContext,
  type WasiConfig, type WasiInput, type WasiOutput, type WasiPreopen,
} from "../../impl/index.js";
import type { wasm_byte_vec_t, wasm_message_t } from "../byte_vec.js";
import { bytesOf, fillBytes, utf8nt } from "../internal/bytes.js";
import { callbackArg, deleteOwned, live, liveStore, misuse, owned, u32Arg } from "../internal/handles.js";
import { born, died } from "../internal/live.js";
import { wasm_store_t, wasm_trap_t } from "../internal/objects.js";
import type { StoreState, TrapObject } from "../internal/records.js";
import { runFinalizers, setStoreWasi } from "../internal/wasi.js";
import { outVec } from "../internal/vec.js";

/**
 * A preopen's directory permission: list the directory and open its entries.
 * Wasmtime: `WASMTIME_WASI_DIR_PERMS_READ` of `enum wasi_dir_perms_flags`.
 * @category WASI
 */
export const WASMTIME_WASI_DIR_PERMS_READ = DIR_PERMS_READ;
/**
 * A preopen's directory permission: create, rename and remove entries.
 * Wasmtime: `WASMTIME_WASI_DIR_PERMS_WRITE`.
 * @category WASI
 */
export const WASMTIME_WASI_DIR_PERMS_WRITE = DIR_PERMS_WRITE;
/**
 * A preopen's file permission: read the files under it.
 * Wasmtime: `WASMTIME_WASI_FILE_PERMS_READ` of `enum wasi_file_perms_flags`.
 * @category WASI
 */
export const WASMTIME_WASI_FILE_PERMS_READ = FILE_PERMS_READ;
/**
 * A preopen's file permission: write the files under it.
 * Wasmtime: `WASMTIME_WASI_FILE_PERMS_WRITE`.
 * @category WASI
 */
export const WASMTIME_WASI_FILE_PERMS_WRITE = FILE_PERMS_WRITE;

/**
 * The callback of {@link wasi_config_set_stdout_custom}: called with the
 * bytes of each write (lent for the call; copy them to keep them) and their
 * count. Wasmtime: `ptrdiff_t (*callback)(void *data, const unsigned char *buf, size_t len)`.
 * @category WASI
 */
export type wasi_output_callback_t = (data: unknown, buf: Uint8Array, len: number) => number;

/**
 * A WASI configuration (`wasi_config_t`): what a program started in a store
 * sees. Made by {@link wasi_config_new}; ends with {@link wasi_config_delete}
 * or when {@link wasmts_store_set_wasi} takes it.
 * @category WASI
 */
export class wasi_config_t {
  /** @internal */ _deleted = false;
  /** @internal */ _args: string[] = [];
  /** @internal */ _env: [string, string][] = [];
  /** @internal */ _stdin: WasiInput = { kind: "empty" };
  /** @internal */ _stdout: WasiOutput = { kind: "discard" };
  /** @internal */ _stderr: WasiOutput = { kind: "discard" };
  /** @internal */ readonly _preopens: WasiPreopen[] = [];
  /** @internal The finalizers of the custom stdout (0) and stderr (1) callbacks. */
  readonly _finalizers: [(() => void) | null, (() => void) | null] = [null, null];
  /** @internal */
  constructor() {
    born();
  }
}

/**
 * Makes an empty configuration: no arguments, no environment, an empty
 * stdin, stdout and stderr discarded, no preopened directory (Wasmtime's
 * defaults). The caller deletes it, or gives it to {@link wasmts_store_set_wasi}.
 *
 * Wasmtime: `own wasi_config_t *wasi_config_new(void);`
 * @category WASI
 */
export function wasi_config_new(): wasi_config_t {
  return new wasi_config_t();
}

/**
 * Deletes a configuration that was not given to a store; the finalizers of
 * its custom output callbacks run now. Null does nothing.
 *
 * Wasmtime: `void wasi_config_delete(own wasi_config_t *);`
 * @category WASI
 */
export function wasi_config_delete(config: wasi_config_t | null): void {
  const c = deleteOwned(config, wasi_config_t, "wasi_config_delete");
  if (c !== null) runFinalizers(takeFinalizers(c));
}

function takeFinalizers(c: wasi_config_t): (() => void)[] {
  const fs = c._finalizers.filter((f): f is () => void => f !== null);
  c._finalizers[0] = c._finalizers[1] = null;
  return fs;
}

/** A lone surrogate: a string that has one has no UTF-8 form (C's "not valid UTF-8"). */
const LONE_SURROGATE = /\p{Cs}/u;

/** The first `count` strings of a `const char*[]` argument (a NULL entry is misuse, as C would read through it). */
function stringList(list: unknown, count: number, fn: string, what: string): string[] {
  if (!Array.isArray(list)) misuse(fn, `the ${what} list is not an array`);
  if (count > list.length) misuse(fn, `${what} count ${count} is past the end of an array of ${list.length}`);
  const out = list.slice(0, count) as unknown[];
  out.forEach((s, i) => {
    if (typeof s !== "string") misuse(fn, `${what}[${i}] is ${s === null ? "null" : `a ${typeof s}`}, not a string`);
  });
  return out as string[];
}

function stringArg(s: unknown, fn: string, what: string): string {
  if (typeof s !== "string") misuse(fn, `the ${what} is ${s === null ? "null" : `a ${typeof s}`}, not a string`);
  return s;
}

/**
 * Sets the program's arguments, `argv[0]` (the program's name) first: the
 * first `argc` strings of `argv`, copied. Returns false, changing nothing,
 * when one has no UTF-8 form (a lone surrogate).
 *
 * Wasmtime: `bool wasi_config_set_argv(wasi_config_t *config, size_t argc, const char *argv[]);`
 *
 * @example
 * ```ts
 * wasi_config_set_argv(config, 3, ["prog", "-n", "2"]);
 * ```
 * @category WASI
 */
export function wasi_config_set_argv(config: wasi_config_t | null, argc: number, argv: readonly string[]): boolean {
  const fn = "wasi_config_set_argv";
  const c = owned(config, wasi_config_t, fn);
  const args = stringList(argv, u32Arg(argc, fn, "argc"), fn, "argv");
  if (args.some((a) => LONE_SURROGATE.test(a))) return false;
  c._args = args;
  return true;
}

/** The host process, where there is one (Node); the API works without. */
function hostProcess(): { argv?: readonly string[]; env?: Record<string, string | undefined> } | undefined {
  return (globalThis as { process?: { argv?: readonly string[]; env?: Record<string, string | undefined> } }).process;
}

/**
 * Gives the program the host process's arguments: Node's `process.argv`
 * without its first entry (the `node` executable), so `argv[0]` is the
 * script, as a C program's `argv[0]` is itself. Empty where there is no
 * host process.
 *
 * Wasmtime: `void wasi_config_inherit_argv(wasi_config_t *config);`
 * @category WASI
 */
export function wasi_config_inherit_argv(config: wasi_config_t | null): void {
  const c = owned(config, wasi_config_t, "wasi_config_inherit_argv");
  c._args = [...(hostProcess()?.argv ?? []).slice(1)].filter((a) => !LONE_SURROGATE.test(a));
}

/**
 * Sets the program's environment: `envc` pairs from `names` and `values`
 * (the same index in each), copied, in order. Returns false, changing
 * nothing, when a name or value has no UTF-8 form.
 *
 * Wasmtime: `bool wasi_config_set_env(wasi_config_t *config, size_t envc, const char *names[], const char *values[]);`
 *
 * @example
 * ```ts
 * wasi_config_set_env(config, 2, ["HOME", "LANG"], ["/", "C"]);
 * ```
 * @category WASI
 */
export function wasi_config_set_env(
  config: wasi_config_t | null, envc: number, names: readonly string[], values: readonly string[],
): boolean {
  const fn = "wasi_config_set_env";
  const c = owned(config, wasi_config_t, fn);
  const n = u32Arg(envc, fn, "envc");
  const ks = stringList(names, n, fn, "names"), vs = stringList(values, n, fn, "values");
  if ([...ks, ...vs].some((s) => LONE_SURROGATE.test(s))) return false;
  c._env = ks.map((k, i) => [k, vs[i]!]);
  return true;
}

/**
 * Gives the program the host process's environment (Node's `process.env`,
 * in its order). Empty where there is no host process.
 *
 * Wasmtime: `void wasi_config_inherit_env(wasi_config_t *config);`
 * @category WASI
 */
export function wasi_config_inherit_env(config: wasi_config_t | null): void {
  const c = owned(config, wasi_config_t, "wasi_config_inherit_env");
  const env = hostProcess()?.env ?? {};
  c._env = Object.entries(env).filter((e): e is [string, string] => typeof e[1] === "string");
}

/**
 * Whether a context could be made with `config` now: the host files and
 * directories it names open. The context is closed again at once.
 */
function opens(config: Partial<WasiConfig>): boolean {
  try {
    new WasiContext({ ...defaultWasiConfig(), ...config }).close();
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes standard input from the host file `path`. Returns false, changing
 * nothing, when the file cannot be opened for reading.
 *
 * Wasmtime: `bool wasi_config_set_stdin_file(wasi_config_t *config, const char *path);`
 * @category WASI
 */
export function wasi_config_set_stdin_file(config: wasi_config_t | null, path: string): boolean {
  const fn = "wasi_config_set_stdin_file";
  const c = owned(config, wasi_config_t, fn);
  const stdin: WasiInput = { kind: "file", path: stringArg(path, fn, "path") };
  if (!opens({ stdin })) return false;
  c._stdin = stdin;
  return true;
}

/**
 * Takes standard input from `binary`'s bytes. The configuration takes the
 * vector, as Wasmtime's does: its bytes are moved, not copied, and `binary`
 * is left empty (deleting it afterwards does nothing).
 *
 * Wasmtime: `void wasi_config_set_stdin_bytes(wasi_config_t *config, wasm_byte_vec_t *binary);`
 *
 * @example
 * ```ts
 * const input: wasm_byte_vec_t = WASM_EMPTY_VEC();
 * wasm_byte_vec_new(input, 6, new TextEncoder().encode("hello\n"));
 * wasi_config_set_stdin_bytes(config, input); // input is now empty
 * ```
 * @category WASI
 */
export function wasi_config_set_stdin_bytes(config: wasi_config_t | null, binary: wasm_byte_vec_t): void {
  const fn = "wasi_config_set_stdin_bytes";
  const c = owned(config, wasi_config_t, fn);
  const bytes = bytesOf(binary, fn);
  fillBytes(binary, new Uint8Array(0), fn);
  c._stdin = { kind: "bytes", bytes };
}

/**
 * Gives the program the host process's standard input.
 *
 * Wasmtime: `void wasi_config_inherit_stdin(wasi_config_t *config);`
 * @category WASI
 */
export function wasi_config_inherit_stdin(config: wasi_config_t | null): void {
  owned(config, wasi_config_t, "wasi_config_inherit_stdin")._stdin = { kind: "inherit" };
}

/** Sets stdout (0) or stderr (1), running the finalizer of the custom callback it replaces. */
function setOutput(c: wasi_config_t, which: 0 | 1, output: WasiOutput, finalizer: (() => void) | null): void {
  const previous = c._finalizers[which];
  if (which === 0) c._stdout = output;
  else c._stderr = output;
  c._finalizers[which] = finalizer;
  if (previous) previous();
}

function setOutputFile(config: wasi_config_t | null, path: string, which: 0 | 1, fn: string): boolean {
  const c = owned(config, wasi_config_t, fn);
  const output: WasiOutput = { kind: "file", path: stringArg(path, fn, "path") };
  if (!opens(which === 0 ? { stdout: output } : { stderr: output })) return false;
  setOutput(c, which, output, null);
  return true;
}

function setOutputCustom(
  config: wasi_config_t | null, callback: wasi_output_callback_t, data: unknown,
  finalizer: ((data: unknown) => void) | null, which: 0 | 1, fn: string,
): void {
  const c = owned(config, wasi_config_t, fn);
  callbackArg(callback, false, fn, "callback");
  callbackArg(finalizer, true, fn, "finalizer");
  const output: WasiOutput = {
    kind: "capture",
    write: (bytes) => {
      const n = callback(data, bytes, bytes.length);
      // Wasmtime reads a negative result as an OS error: here the write fails with EIO.
      if (typeof n === "number" && n < 0) throw new WasiError(Errno.IO, `the ${which === 0 ? "stdout" : "stderr"} callback returned ${n}`);
    },
  };
  setOutput(c, which, output, finalizer ? () => finalizer(data) : null);
}

/**
 * Writes standard output to the host file `path`, created or truncated
 * (now, as Wasmtime opens it at this call). Returns false, changing
 * nothing, when it cannot be opened for writing.
 *
 * Wasmtime: `bool wasi_config_set_stdout_file(wasi_config_t *config, const char *path);`
 * @category WASI
 */
export function wasi_config_set_stdout_file(config: wasi_config_t | null, path: string): boolean {
  return setOutputFile(config, path, 0, "wasi_config_set_stdout_file");
}

/**
 * Writes standard output to the host process's (file descriptor 1, written
 * synchronously, so it interleaves with the host's own output in order).
 *
 * Wasmtime: `void wasi_config_inherit_stdout(wasi_config_t *config);`
 * @category WASI
 */
export function wasi_config_inherit_stdout(config: wasi_config_t | null): void {
  setOutput(owned(config, wasi_config_t, "wasi_config_inherit_stdout"), 0, { kind: "inherit" }, null);
}

/**
 * Hands standard output to `callback`, write by write: the way to capture a
 * program's output in memory. `callback(data, buf, len)` gets `data` back
 * unchanged and the written bytes, lent for the call; `finalizer(data)`
 * runs once, when the output is replaced, the configuration deleted, or the
 * store it was given to deleted. The callback returns the count it took
 * (each write is taken whole, whatever the count) or, as in Wasmtime, a
 * negative number for an error: the program's `fd_write` then fails with
 * `EIO`, as it does when the callback throws.
 *
 * Wasmtime: `void wasi_config_set_stdout_custom(wasi_config_t *config,
 * ptrdiff_t (*callback)(void *, const unsigned char *, size_t), void *data, void (*finalizer)(void *));`
 *
 * @example
 * ```ts
 * const chunks: Uint8Array[] = [];
 * wasi_config_set_stdout_custom(config, (_data, buf, len) => { chunks.push(buf.slice()); return len; }, null, null);
 * ```
 * @category WASI
 */
export function wasi_config_set_stdout_custom(
  config: wasi_config_t | null, callback: wasi_output_callback_t, data: unknown, finalizer: ((data: unknown) => void) | null,
): void {
  setOutputCustom(config, callback, data, finalizer, 0, "wasi_config_set_stdout_custom");
}

/**
 * Writes standard error to the host file `path`, created or truncated now.
 * Returns false, changing nothing, when it cannot be opened for writing.
 *
 * Wasmtime: `bool wasi_config_set_stderr_file(wasi_config_t *config, const char *path);`
 * @category WASI
 */
export function wasi_config_set_stderr_file(config: wasi_config_t | null, path: string): boolean {
  return setOutputFile(config, path, 1, "wasi_config_set_stderr_file");
}

/**
 * Writes standard error to the host process's (file descriptor 2).
 *
 * Wasmtime: `void wasi_config_inherit_stderr(wasi_config_t *config);`
 * @category WASI
 */
export function wasi_config_inherit_stderr(config: wasi_config_t | null): void {
  setOutput(owned(config, wasi_config_t, "wasi_config_inherit_stderr"), 1, { kind: "inherit" }, null);
}

/**
 * Hands standard error to `callback`, as {@link wasi_config_set_stdout_custom} does standard output.
 *
 * Wasmtime: `void wasi_config_set_stderr_custom(wasi_config_t *config,
 * ptrdiff_t (*callback)(void *, const unsigned char *, size_t), void *data, void (*finalizer)(void *));`
 * @category WASI
 */
export function wasi_config_set_stderr_custom(
  config: wasi_config_t | null, callback: wasi_output_callback_t, data: unknown, finalizer: ((data: unknown) => void) | null,
): void {
  setOutputCustom(config, callback, data, finalizer, 1, "wasi_config_set_stderr_custom");
}

/**
 * Lets the program see the host directory `host_path` as `guest_path`, and
 * nothing outside it: `dir_perms` ({@link WASMTIME_WASI_DIR_PERMS_READ} |
 * {@link WASMTIME_WASI_DIR_PERMS_WRITE}) says what it may do with the
 * directories, `file_perms` ({@link WASMTIME_WASI_FILE_PERMS_READ} |
 * {@link WASMTIME_WASI_FILE_PERMS_WRITE}) with the files. Preopens get file
 * descriptors 3, 4, ... in the order made. Returns false, changing nothing,
 * when the directory cannot be opened or a permission has an unknown bit.
 *
 * Wasmtime: `bool wasi_config_preopen_dir(wasi_config_t *config, const char *host_path,
 * const char *guest_path, wasi_dir_perms dir_perms, wasi_file_perms file_perms);`
 *
 * @example
 * ```ts
 * wasi_config_preopen_dir(config, "./data", "/data", WASMTIME_WASI_DIR_PERMS_READ, WASMTIME_WASI_FILE_PERMS_READ);
 * ```
 * @category WASI
 */
export function wasi_config_preopen_dir(
  config: wasi_config_t | null, host_path: string, guest_path: string, dir_perms: number, file_perms: number,
): boolean {
  const fn = "wasi_config_preopen_dir";
  const c = owned(config, wasi_config_t, fn);
  const preopen: WasiPreopen = {
    hostPath: stringArg(host_path, fn, "host path"),
    guestPath: stringArg(guest_path, fn, "guest path"),
    dirPerms: u32Arg(dir_perms, fn, "dir_perms"),
    filePerms: u32Arg(file_perms, fn, "file_perms"),
  };
  const all = DIR_PERMS_READ | DIR_PERMS_WRITE;
  if ((preopen.dirPerms & ~all) !== 0 || (preopen.filePerms & ~(FILE_PERMS_READ | FILE_PERMS_WRITE)) !== 0) return false;
  if (!opens({ preopens: [preopen] })) return false;
  c._preopens.push(preopen);
  return true;
}

/** The last failure of {@link wasmts_store_set_wasi} per store. */
const lastErrors = new WeakMap<StoreState, string>();

/**
 * Attaches WASI to a store (extension, after Wasmtime's
 * `wasmtime_error_t *wasmtime_context_set_wasi(wasmtime_context_t *context, wasi_config_t *config)`):
 * makes the program's WASI context from `config` and attaches it, replacing
 * (and closing) the one attached before. Takes ownership of `config`, which
 * is deleted whatever the outcome; using it afterwards is misuse. From now
 * on a module of this store that imports `wasi_snapshot_preview1` may leave
 * those entries of {@link wasm_instance_new}'s vector null (explicit
 * externs still win; an engine that links strictly fills nothing, but a
 * linker or loader over `wasmts_engine_registry(engine)` still links
 * WASI). Returns false, with the reason in
 * {@link wasmts_wasi_last_error}, when the context cannot be made (a file
 * or directory of the configuration does not open any more).
 *
 * @example
 * ```ts
 * const config = wasi_config_new();
 * wasi_config_inherit_stdout(config);
 * if (!wasmts_store_set_wasi(store, config)) { ... wasmts_wasi_last_error(store, message) ... }
 * const instance = wasm_instance_new(store, module, WASM_ARRAY_VEC(module's imports as nulls), trap);
 * ```
 * @category WASI
 */
export function wasmts_store_set_wasi(store: wasm_store_t | null, config: wasi_config_t | null): boolean {
  const fn = "wasmts_store_set_wasi";
  const s = liveStore(store, fn);
  const c = owned(config, wasi_config_t, fn);
  c._deleted = true;
  died();
  const finalizers = takeFinalizers(c);
  const wasi: WasiConfig = {
    args: c._args, env: c._env, stdin: c._stdin, stdout: c._stdout, stderr: c._stderr, preopens: [...c._preopens],
  };
  let ctx: WasiContext;
  try {
    ctx = new WasiContext(wasi);
  } catch (e) {
    lastErrors.set(s, `cannot make the WASI context: ${e instanceof Error ? e.message : String(e)}`);
    runFinalizers(finalizers);
    return false;
  }
  lastErrors.delete(s);
  setStoreWasi(s, ctx, finalizers);
  return true;
}

/**
 * Fills `out` with why the last {@link wasmts_store_set_wasi} on `store`
 * failed (extension; NUL-terminated). Returns false (and an empty `out`)
 * when it succeeded or was never called.
 * @category WASI
 */
export function wasmts_wasi_last_error(store: wasm_store_t | null, out: wasm_message_t): boolean {
  const fn = "wasmts_wasi_last_error";
  const s = liveStore(store, fn);
  outVec(out, fn);
  const message = lastErrors.get(s);
  fillBytes(out, message === undefined ? new Uint8Array(0) : utf8nt(message), fn);
  return message !== undefined;
}

/**
 * True when `trap` is a WASI program's exit (`proc_exit`), with its exit
 * status in `status.value` (extension, after Wasmtime's
 * `bool wasmtime_trap_exit_status(const wasm_trap_t *, int *status)`, now
 * `wasmtime_error_exit_status`). The status reads as C's `int`: a status
 * above 2^31 - 1 is negative. False, leaving `status` alone, for any other
 * trap. The exit reaches the embedder as a trap from {@link wasm_func_call}
 * (or from {@link wasm_instance_new} when a start function exits); the
 * store stays usable.
 *
 * @example
 * ```ts
 * const trap = wasm_func_call(start, WASM_EMPTY_VEC(), WASM_EMPTY_VEC());
 * const status = { value: 0 };
 * if (trap && wasmts_trap_exit_status(trap, status)) console.log(`exit ${status.value}`);
 * ```
 * @category WASI
 */
export function wasmts_trap_exit_status(trap: wasm_trap_t | null, status: { value: number } | null): boolean {
  const fn = "wasmts_trap_exit_status";
  const cause = (live(trap, wasm_trap_t, fn)._rec.obj as TrapObject).cause;
  if (status !== null && status !== undefined && typeof status !== "object") misuse(fn, "the status out-parameter is not an object { value }");
  if (!(cause instanceof ProcExit)) return false;
  if (status) status.value = cause.status | 0;
  return true;
}
