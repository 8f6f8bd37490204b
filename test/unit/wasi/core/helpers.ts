/**
 * Test helpers for the WASI core: a module in text that imports preview1
 * functions, instantiated at the engine level in a store with a context.
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  compileModule, defaultWasiConfig, FuncInstance, instantiateFrom, invoke, MemoryInstance, NativeRegistry, Store,
  attachWasi, wasiPreview1, WasiContext, type ModuleInstance, type RawValue, type WasiConfig, type WasiSystem,
} from "../../../../impl/index.js";
import { wat } from "../../../helpers/wat.js";

/** The preview1 imports tests use, with their wasm types. */
export const IMPORTS: Record<string, string> = {
  args_get: "(param i32 i32) (result i32)",
  args_sizes_get: "(param i32 i32) (result i32)",
  environ_get: "(param i32 i32) (result i32)",
  environ_sizes_get: "(param i32 i32) (result i32)",
  clock_res_get: "(param i32 i32) (result i32)",
  clock_time_get: "(param i32 i64 i32) (result i32)",
  fd_advise: "(param i32 i64 i64 i32) (result i32)",
  fd_allocate: "(param i32 i64 i64) (result i32)",
  fd_close: "(param i32) (result i32)",
  fd_datasync: "(param i32) (result i32)",
  fd_fdstat_get: "(param i32 i32) (result i32)",
  fd_fdstat_set_flags: "(param i32 i32) (result i32)",
  fd_fdstat_set_rights: "(param i32 i64 i64) (result i32)",
  fd_filestat_get: "(param i32 i32) (result i32)",
  fd_filestat_set_size: "(param i32 i64) (result i32)",
  fd_filestat_set_times: "(param i32 i64 i64 i32) (result i32)",
  fd_pread: "(param i32 i32 i32 i64 i32) (result i32)",
  fd_prestat_get: "(param i32 i32) (result i32)",
  fd_prestat_dir_name: "(param i32 i32 i32) (result i32)",
  fd_pwrite: "(param i32 i32 i32 i64 i32) (result i32)",
  fd_read: "(param i32 i32 i32 i32) (result i32)",
  fd_readdir: "(param i32 i32 i32 i64 i32) (result i32)",
  fd_renumber: "(param i32 i32) (result i32)",
  fd_seek: "(param i32 i64 i32 i32) (result i32)",
  fd_sync: "(param i32) (result i32)",
  fd_tell: "(param i32 i32) (result i32)",
  fd_write: "(param i32 i32 i32 i32) (result i32)",
  path_create_directory: "(param i32 i32 i32) (result i32)",
  path_filestat_get: "(param i32 i32 i32 i32 i32) (result i32)",
  path_filestat_set_times: "(param i32 i32 i32 i32 i64 i64 i32) (result i32)",
  path_link: "(param i32 i32 i32 i32 i32 i32 i32) (result i32)",
  path_open: "(param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)",
  path_readlink: "(param i32 i32 i32 i32 i32 i32) (result i32)",
  path_remove_directory: "(param i32 i32 i32) (result i32)",
  path_rename: "(param i32 i32 i32 i32 i32 i32) (result i32)",
  path_symlink: "(param i32 i32 i32 i32 i32) (result i32)",
  path_unlink_file: "(param i32 i32 i32) (result i32)",
  poll_oneoff: "(param i32 i32 i32 i32) (result i32)",
  proc_exit: "(param i32)",
  proc_raise: "(param i32) (result i32)",
  sched_yield: "(result i32)",
  random_get: "(param i32 i32) (result i32)",
  sock_accept: "(param i32 i32 i32) (result i32)",
  sock_recv: "(param i32 i32 i32 i32 i32 i32) (result i32)",
  sock_send: "(param i32 i32 i32 i32 i32) (result i32)",
  sock_shutdown: "(param i32 i32) (result i32)",
};

/**
 * A module that imports every preview1 function and re-exports each as
 * `name` (so tests call them with raw arguments through a real wasm
 * caller), with one exported memory of `pages` pages.
 */
export function proxyModuleText(pages = 1): string {
  const imports = Object.entries(IMPORTS)
    .map(([n, t]) => `(import "wasi_snapshot_preview1" "${n}" (func $${n} ${t}))`).join("\n");
  const wrappers = Object.entries(IMPORTS).map(([n, t]) => {
    const params = [...t.matchAll(/param ([^)]*)/g)].flatMap((m) => m[1]!.trim().split(/\s+/));
    const result = t.includes("result") ? "(result i32)" : "";
    const ps = params.map((p, i) => `(param $p${i} ${p})`).join(" ");
    const gets = params.map((_, i) => `(local.get $p${i})`).join(" ");
    return `(func (export "${n}") ${ps} ${result} (call $${n} ${gets}))`;
  }).join("\n");
  return `(module ${imports} (memory (export "memory") ${pages}) ${wrappers}
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`;
}

/** A WASI instance ready to call: `call(name, ...args)` returns the first result (the errno). */
export interface Wasi {
  readonly ctx: WasiContext;
  readonly store: Store;
  readonly instance: ModuleInstance;
  readonly memory: MemoryInstance;
  call(name: string, ...args: RawValue[]): number;
  /** Writes `bytes` (or a string as UTF-8) at `ptr`; returns its byte length. */
  put(ptr: number, data: Uint8Array | string): number;
  /** The bytes at `ptr`. */
  get(ptr: number, len: number): Uint8Array;
  u32(ptr: number): number;
  u64(ptr: number): bigint;
  /** Closes the context. */
  close(): void;
}

let proxyBytes: Uint8Array | null = null;

/** Instantiates the proxy module in a store with a context made from `config` (defaults filled in). */
export async function wasi(config: Partial<WasiConfig> = {}, system?: WasiSystem): Promise<Wasi> {
  proxyBytes ??= await wat(proxyModuleText());
  const module = compileModule(proxyBytes);
  const store = new Store();
  const ctx = new WasiContext({ ...defaultWasiConfig(), ...config }, system === undefined ? {} : { system });
  attachWasi(store, ctx);
  const instance = instantiateFrom(store, module, { registry: new NativeRegistry({ builtins: [wasiPreview1()] }) });
  const memory = instance.export("memory") as MemoryInstance;
  const enc = new TextEncoder();
  return {
    ctx, store, instance, memory,
    call(name, ...args) {
      const f = instance.export(name) as FuncInstance;
      const out = invoke(f, args);
      return out[0] as number;
    },
    put(ptr, data) {
      const b = typeof data === "string" ? enc.encode(data) : data;
      memory.bytes.set(b, ptr);
      return b.length;
    },
    get: (ptr, len) => memory.bytes.slice(ptr, ptr + len),
    u32: (ptr) => memory.view.getUint32(ptr, true),
    u64: (ptr) => memory.view.getBigUint64(ptr, true),
    close: () => ctx.close(),
  };
}

/** A fresh temporary directory under the OS's, and its removal. */
export function tempDir(prefix = "wasi-core-"): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Text as UTF-8. */
export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** UTF-8 to text. */
export function text(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

/** Scratch addresses the file system helpers use (tests keep their own data above 4096). */
const PATH_AT = 1024, OUT_AT = 1000, IOV_AT = 900;

/** `path_open` of `path` under directory `dir`: [errno, fd]. */
export function open(w: Wasi, dir: number, path: string, o: {
  oflags?: number; base?: bigint; inheriting?: bigint; fdflags?: number; follow?: boolean;
} = {}): [number, number] {
  const len = w.put(PATH_AT, path);
  w.memory.view.setUint32(OUT_AT, 0xdead, true);
  const e = w.call("path_open", dir, o.follow === false ? 0 : 1, PATH_AT, len, o.oflags ?? 0,
    o.base ?? 0x3fffffffn, o.inheriting ?? 0x3fffffffn, o.fdflags ?? 0, OUT_AT);
  return [e, w.u32(OUT_AT)];
}

/** Calls a `path_*` function `name(dir, [flags,] path, len, ...rest)`; `flags` null for those without lookup flags. */
export function pathCall(w: Wasi, name: string, dir: number, flags: number | null, path: string, ...rest: (number | bigint)[]): number {
  const len = w.put(PATH_AT, path);
  return flags === null ? w.call(name, dir, PATH_AT, len, ...rest) : w.call(name, dir, flags, PATH_AT, len, ...rest);
}

/** Two paths: `name(dir1, p1, len1, dir2, p2, len2)` (rename) or with link's flags after dir1. */
export function twoPaths(w: Wasi, name: string, dir1: number, flags: number | null, p1: string, dir2: number, p2: string): number {
  const l1 = w.put(PATH_AT, p1);
  const l2 = w.put(PATH_AT + 512, p2);
  return flags === null
    ? w.call(name, dir1, PATH_AT, l1, dir2, PATH_AT + 512, l2)
    : w.call(name, dir1, flags, PATH_AT, l1, dir2, PATH_AT + 512, l2);
}

/** `fd_write` of `data` to `fd`: [errno, nwritten]. */
export function write(w: Wasi, fd: number, data: string | Uint8Array, at?: bigint): [number, number] {
  const len = w.put(4096, data);
  w.memory.view.setUint32(IOV_AT, 4096, true);
  w.memory.view.setUint32(IOV_AT + 4, len, true);
  const e = at === undefined ? w.call("fd_write", fd, IOV_AT, 1, OUT_AT) : w.call("fd_pwrite", fd, IOV_AT, 1, at, OUT_AT);
  return [e, w.u32(OUT_AT)];
}

/** `fd_read` (or `fd_pread` at `at`) of up to `max` bytes from `fd`: [errno, text]. */
export function read(w: Wasi, fd: number, max: number, at?: bigint): [number, string] {
  w.memory.view.setUint32(IOV_AT, 8192, true);
  w.memory.view.setUint32(IOV_AT + 4, max, true);
  w.memory.view.setUint32(OUT_AT, 0, true);
  const e = at === undefined ? w.call("fd_read", fd, IOV_AT, 1, OUT_AT) : w.call("fd_pread", fd, IOV_AT, 1, at, OUT_AT);
  return [e, text(w.get(8192, w.u32(OUT_AT)))];
}
