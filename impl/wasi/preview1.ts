/**
 * The `wasi_snapshot_preview1` built-in module: one host function per
 * preview1 function, over raw values. Each host function finds the WASI
 * context of its caller's store and the caller's exported `memory` (cached
 * per instance), runs the call, and turns whatever the call threw into an
 * errno; only traps (ProcExit among them) leave it.
 * @see https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md
 * @module
 */
import { Trap, TrapMessage } from "../base/errors.js";
import { ValType, type FuncType } from "../base/types.js";
import type { BuiltinModule } from "../link/builtins/builtin-module.js";
import { FuncInstance, MemoryInstance, type Extern, type HostFunc, type ModuleInstance } from "../runtime/instances.js";
import type { RawValue } from "../runtime/values.js";
import type { WasiCall } from "./calls/call.js";
import { argsGet, argsSizesGet, environGet, environSizesGet } from "./calls/args-env.js";
import { clockResGet, clockTimeGet } from "./calls/clock.js";
import {
  fdAdvise, fdAllocate, fdClose, fdDatasync, fdFdstatGet, fdFdstatSetFlags, fdFdstatSetRights, fdFilestatGet,
  fdFilestatSetSize, fdFilestatSetTimes, fdPrestatDirName, fdPrestatGet, fdRenumber, fdSeek, fdSync, fdTell,
} from "./calls/fd-meta.js";
import { fdPread, fdPwrite, fdRead, fdWrite } from "./calls/fd-io.js";
import { fdReaddir } from "./calls/fd-readdir.js";
import {
  pathCreateDirectory, pathFilestatGet, pathFilestatSetTimes, pathLink, pathOpen, pathReadlink,
  pathRemoveDirectory, pathRename, pathSymlink, pathUnlinkFile,
} from "./calls/path.js";
import { pollOneoff } from "./calls/poll.js";
import { procExit, procRaise, schedYield, sockCall } from "./calls/proc.js";
import { randomGet } from "./calls/random.js";
import { wasiOf, type WasiContext } from "./context.js";
import { errnoOf } from "./errno.js";
import { ProcExit } from "./proc-exit.js";
import { endThreadGroup } from "./threads.js";
import { isStackOverflow } from "../exec/interpreter/machine.js";

/** The module name WASI preview1 programs import from. */
export const WASI_PREVIEW1 = "wasi_snapshot_preview1";

const I32 = ValType.I32, I64 = ValType.I64;

/** Each function: its parameter types (`i` i32, `I` i64; the result is one i32 errno, but none for proc_exit) and implementation. */
const FUNCTIONS: readonly (readonly [name: string, params: string, call: WasiCall])[] = [
  ["args_get", "ii", argsGet],
  ["args_sizes_get", "ii", argsSizesGet],
  ["environ_get", "ii", environGet],
  ["environ_sizes_get", "ii", environSizesGet],
  ["clock_res_get", "ii", clockResGet],
  ["clock_time_get", "iIi", clockTimeGet],
  ["fd_advise", "iIIi", fdAdvise],
  ["fd_allocate", "iII", fdAllocate],
  ["fd_close", "i", fdClose],
  ["fd_datasync", "i", fdDatasync],
  ["fd_fdstat_get", "ii", fdFdstatGet],
  ["fd_fdstat_set_flags", "ii", fdFdstatSetFlags],
  ["fd_fdstat_set_rights", "iII", fdFdstatSetRights],
  ["fd_filestat_get", "ii", fdFilestatGet],
  ["fd_filestat_set_size", "iI", fdFilestatSetSize],
  ["fd_filestat_set_times", "iIIi", fdFilestatSetTimes],
  ["fd_pread", "iiiIi", fdPread],
  ["fd_prestat_get", "ii", fdPrestatGet],
  ["fd_prestat_dir_name", "iii", fdPrestatDirName],
  ["fd_pwrite", "iiiIi", fdPwrite],
  ["fd_read", "iiii", fdRead],
  ["fd_readdir", "iiiIi", fdReaddir],
  ["fd_renumber", "ii", fdRenumber],
  ["fd_seek", "iIii", fdSeek],
  ["fd_sync", "i", fdSync],
  ["fd_tell", "ii", fdTell],
  ["fd_write", "iiii", fdWrite],
  ["path_create_directory", "iii", pathCreateDirectory],
  ["path_filestat_get", "iiiii", pathFilestatGet],
  ["path_filestat_set_times", "iiiiIIi", pathFilestatSetTimes],
  ["path_link", "iiiiiii", pathLink],
  ["path_open", "iiiiiIIii", pathOpen],
  ["path_readlink", "iiiiii", pathReadlink],
  ["path_remove_directory", "iii", pathRemoveDirectory],
  ["path_rename", "iiiiii", pathRename],
  ["path_symlink", "iiiii", pathSymlink],
  ["path_unlink_file", "iii", pathUnlinkFile],
  ["poll_oneoff", "iiii", pollOneoff],
  ["proc_exit", "i", procExit],
  ["proc_raise", "i", procRaise],
  ["sched_yield", "", schedYield],
  ["random_get", "ii", randomGet],
  ["sock_accept", "iii", sockCall],
  ["sock_recv", "iiiiii", sockCall],
  ["sock_send", "iiiii", sockCall],
  ["sock_shutdown", "ii", sockCall],
];

/** The preview1 function names, in the order of the witx. */
export const PREVIEW1_FUNCTIONS: readonly string[] = FUNCTIONS.map(([name]) => name);

/** The calls that never touch memory: they run for an instance that exports none. */
const NO_MEMORY = new Set(["fd_close", "fd_renumber", "fd_datasync", "fd_sync", "fd_fdstat_set_flags",
  "fd_fdstat_set_rights", "fd_filestat_set_size", "fd_filestat_set_times", "fd_advise", "fd_allocate",
  "proc_exit", "proc_raise", "sched_yield", "sock_shutdown"]);

// One frozen result array per errno, shared by every call: the interpreter copies results out at once,
// so a call allocates no array for its result.
const RESULTS: readonly (readonly RawValue[])[] = Array.from({ length: 77 }, (_, e) => Object.freeze([e]));

const memories = new WeakMap<ModuleInstance, MemoryInstance>();

/** A trap for a WASI call that cannot run: no caller, no context, no memory. */
function cannotRun(name: string, why: string): never {
  throw new Trap(TrapMessage.HostError, `${WASI_PREVIEW1}.${name}: ${why}`);
}

function contextOf(caller: ModuleInstance | null, name: string): WasiContext {
  if (caller === null) cannotRun(name, "called from the host, not from a wasm instance (WASI needs its caller's memory)");
  const ctx = caller.store === null ? null : wasiOf(caller.store);
  if (ctx === null) cannotRun(name, "the caller's store has no WASI context (attach one with attachWasi)");
  return ctx;
}

function memoryOf(caller: ModuleInstance, name: string): MemoryInstance {
  let mem = memories.get(caller);
  if (mem === undefined) {
    const m = caller.export("memory");
    if (!(m instanceof MemoryInstance)) cannotRun(name, 'the calling instance exports no memory named "memory"');
    mem = m;
    memories.set(caller, mem);
  }
  return mem;
}

/** The host function for `call`. */
function hostFunction(name: string, call: WasiCall): HostFunc {
  const usesMemory = !NO_MEMORY.has(name);
  return (args, caller) => {
    const ctx = contextOf(caller, name);
    const mem = usesMemory ? memoryOf(caller!, name) : (null as unknown as MemoryInstance);
    let errno: number;
    try {
      errno = call(ctx, mem, args);
    } catch (e) {
      // Traps (ProcExit) unwind the program; so does a JavaScript stack overflow, which the engine turns
      // into "call stack exhausted" (it says where the program is, not what the host found).
      if (e instanceof ProcExit && caller!.store !== null) {
        // wasi-threads: proc_exit on any thread ends the whole program, its other threads included.
        endThreadGroup(caller!.store, e.status, caller!.memories[0] ?? null);
        // Other threads' captured output so far reaches its function before the program's end is reported.
        ctx.flush();
      }
      if (e instanceof Trap || isStackOverflow(e)) throw e;
      errno = errnoOf(e);
    }
    return RESULTS[errno] as RawValue[];
  };
}

/** The function type of a preview1 function from its parameter letters. */
function typeOf(name: string, params: string): FuncType {
  return {
    params: [...params].map((c) => (c === "I" ? I64 : I32)),
    results: name === "proc_exit" ? [] : [I32],
  };
}

/**
 * The externs of the module: one {@link FuncInstance} per preview1 function.
 * Each is a leaf: no WASI function calls wasm or grows a memory, so the
 * interpreter calls them without leaving its dispatch loop.
 */
export function createPreview1Externs(): Map<string, Extern> {
  return new Map(FUNCTIONS.map(([name, params, call]) => {
    const func = new FuncInstance(typeOf(name, params), null, -1, hostFunction(name, call));
    func.leaf = true;
    return [name, func];
  }));
}

/**
 * The `wasi_snapshot_preview1` built-in module, for a {@link NativeRegistry}.
 * It serves only stores with a WASI context attached ({@link attachWasi}),
 * so elsewhere its imports stay unknown (and explicit externs always win).
 *
 * @example
 * ```ts
 * const registry = new NativeRegistry({ builtins: [wasiPreview1()] });
 * attachWasi(store, new WasiContext({ ...defaultWasiConfig(), args: ["prog"] }));
 * const instance = instantiateFrom(store, module, { registry });
 * ```
 */
export function wasiPreview1(): BuiltinModule {
  return {
    name: WASI_PREVIEW1,
    create: createPreview1Externs,
    serves: (store) => store !== null && wasiOf(store) !== null,
  };
}
