/**
 * wasi-threads: the `wasi` module's `thread-spawn(start_arg) -> tid`. A
 * spawn starts a thread (a `worker_threads` worker on Node, through the
 * `#wasi-system` host) that compiles the caller's module, instantiates it in
 * a store of its own over the caller's shared memory (the same
 * `SharedArrayBuffer`: every byte and every grow is shared) with the same
 * imports resolved again there (WASI preview1 over the program's WASI state,
 * `thread-spawn` itself, the memory), and calls its export
 * `wasi_thread_start(tid, start_arg)`. The WASI state is shared as
 * wasi-threads requires: the first spawn moves the descriptor table into
 * shared memory (`WasiContext.share`, ./shared-fds.ts), so every thread
 * reads the same stdin, writes the same stdout and stderr (a captured
 * stream's writes from other threads reach its function through the main
 * thread, in order), and sees the files any thread opens, with their positions.
 *
 * The threads of one program form a {@link ThreadGroup}: a few words of
 * shared memory that hand out thread ids (unique, from 1 up) and record the
 * program's end. When any thread calls `proc_exit` or traps, the group is
 * halted with that status; every other thread of the group stops at its next
 * interruption check (the trap "thread group exited", through its store's
 * {@link Store.setHalt}), and one sleeping in `memory.atomic.wait` is woken
 * for it. `thread-spawn` returns a negative value when it cannot start a
 * thread (the host has no threads, the memory is not shared, the module has
 * no `wasi_thread_start`, the group has ended or has too many threads, the
 * descriptor table cannot be shared).
 * @see https://github.com/WebAssembly/wasi-threads
 * @module
 */
import { ValType } from "../base/types.js";
import type { BuiltinModule } from "../link/builtins/builtin-module.js";
import { FuncInstance, type Extern, type MemoryInstance, type ModuleInstance } from "../runtime/instances.js";
import type { SharedMemoryParts } from "../runtime/shared-memory.js";
import type { Store } from "../runtime/store.js";
import type { WasiConfig } from "./config.js";
import type { SharedFdParts } from "./shared-fds.js";
import { wasiOf } from "./context.js";
import { guardWaits } from "./thread-waits.js";
import { system } from "#wasi-system";

/** The module name of wasi-threads' import. */
export const WASI_THREADS = "wasi";

/** Threads a group may have at once (the size of its table of sleeping threads). */
export const MAX_THREADS = 1024;

// Words of a group's control block.
const HALTED = 0, STATUS = 1, NEXT_TID = 2, WAITS = 8;

/**
 * The shared state of one wasi-threads program: thread ids, whether and how
 * it ended, and where each thread sleeps (so that the end wakes it).
 */
export class ThreadGroup {
  /** The control block, shareable with other threads (`new ThreadGroup(control)` there). */
  readonly control: SharedArrayBuffer;
  /** Its words: halted flag, exit status, next thread id, then a slot per thread (the byte address it waits at, plus 1). */
  readonly words: Int32Array;

  constructor(control: SharedArrayBuffer = new SharedArrayBuffer(4 * (WAITS + MAX_THREADS))) {
    this.control = control;
    this.words = new Int32Array(control);
  }

  /** The word that becomes nonzero when the program has ended (for {@link Store.setHalt}). */
  get halt(): Int32Array {
    return this.words.subarray(HALTED, HALTED + 1);
  }

  /** Whether the program has ended. */
  get halted(): boolean {
    return Atomics.load(this.words, HALTED) !== 0;
  }

  /** The status the program ended with (meaningful once {@link halted}). */
  get status(): number {
    return Atomics.load(this.words, STATUS);
  }

  /** A new thread id (1, 2, ...), or -1 when the group has as many threads as it can have. */
  nextTid(): number {
    const tid = Atomics.add(this.words, NEXT_TID, 1) + 1;
    return tid < MAX_THREADS ? tid : -1;
  }

  /**
   * Ends the program with `status` (the first end wins; returns whether this
   * was it) and wakes every thread of the group sleeping in a wait on `memory`.
   */
  end(status: number, memory: MemoryInstance | null): boolean {
    if (Atomics.compareExchange(this.words, HALTED, 0, 1) !== 0) return false;
    Atomics.store(this.words, STATUS, status | 0);
    if (memory !== null && memory.sharedParts !== null) {
      const cells = new Int32Array(memory.sharedParts.buffer);
      const nap = new Int32Array(new SharedArrayBuffer(4));
      // A thread between its look at the flag and its wait misses one wake: sweep a few times.
      for (let round = 0; round < 5; round++) {
        for (let t = 0; t < MAX_THREADS; t++) {
          const at = Atomics.load(this.words, WAITS + t);
          if (at !== 0) Atomics.notify(cells, (at - 1) >>> 2);
        }
        try { Atomics.wait(nap, 0, 0, 2); } catch { /* this thread may not sleep */ }
      }
    }
    return true;
  }

  /** Notes that thread `tid` sleeps at byte address `ea` (or no longer sleeps: -1). */
  sleeping(tid: number, ea: number): void {
    Atomics.store(this.words, WAITS + tid, ea + 1);
  }
}

/** What a memory of a group's thread carries so that its waits can be woken when the program ends. */
export interface GroupWait {
  readonly group: ThreadGroup;
  readonly tid: number;
}

const groupOfStore = new WeakMap<Store, ThreadGroup>();
const tidOfStore = new WeakMap<Store, number>();

/**
 * Makes `store` run the main thread (tid 0) of a wasi-threads program of
 * `group` (a new group when absent): its code stops when another thread ends
 * the program. Call before the program starts. Returns the group.
 */
export function joinThreadGroup(store: Store, group: ThreadGroup = new ThreadGroup(), tid = 0): ThreadGroup {
  groupOfStore.set(store, group);
  tidOfStore.set(store, tid);
  store.setHalt(group.halt);
  return group;
}

/** The thread group of a store's program, or null. */
export function threadGroupOf(store: Store): ThreadGroup | null {
  return groupOfStore.get(store) ?? null;
}

/** The thread id of the thread a store runs (0: the main thread). */
export function threadIdOf(store: Store): number {
  return tidOfStore.get(store) ?? 0;
}

/** What a spawned thread receives (plain data, structured-cloned). */
export interface ThreadStart {
  readonly bytes: Uint8Array;
  readonly memory: SharedMemoryParts;
  /** The thread group's control block. */
  readonly control: SharedArrayBuffer;
  /** Arguments and environment (the streams are in {@link fds}). */
  readonly config: WasiConfig;
  /** The program's descriptor table, shared. */
  readonly fds: SharedFdParts;
  readonly tier: Store["tier"];
  readonly maxCallDepth: number;
  readonly tid: number;
  readonly startArg: number;
  /**
   * The spawning store's interruption state, which the thread's store takes
   * on: its fuel left (null: fuel not consumed), its deadline as milliseconds
   * left (null: none), its epoch counter (shared) and the epoch deadline.
   */
  readonly fuel: number | null;
  readonly deadlineMs: number | null;
  readonly epoch: SharedArrayBuffer | null;
  readonly epochDeadline: bigint;
}

/** `-EAGAIN`-like: the proposal asks for a negative value on failure. */
const SPAWN_FAILED = -6;

/**
 * The configuration a spawned thread receives: arguments and environment;
 * its descriptors (standard streams and preopens among them) are the shared
 * table, so the streams are left out (a captured stream's function cannot
 * cross to another thread).
 */
function threadConfig(config: WasiConfig): WasiConfig {
  return { ...config, stdin: { kind: "empty" }, stdout: { kind: "discard" }, stderr: { kind: "discard" } };
}

/** `thread-spawn(start_arg)` for an instance `caller` of store `store`. */
function spawn(caller: ModuleInstance | null, startArg: number): number {
  const store = caller?.store ?? null;
  if (caller === null || store === null || system.startThread === undefined) return SPAWN_FAILED;
  const memory = caller.memories[0];
  const ctx = wasiOf(store);
  if (memory === undefined || memory.sharedParts === null || ctx === null) return SPAWN_FAILED;
  const start = caller.export("wasi_thread_start");
  if (!(start instanceof FuncInstance)) return SPAWN_FAILED;
  let fds: SharedFdParts;
  try {
    // The first spawn moves the program's descriptors into shared memory: every thread sees the same ones.
    fds = ctx.share();
  } catch {
    return SPAWN_FAILED;
  }
  const group = threadGroupOf(store) ?? joinThreadGroup(store);
  if (group.halted) return SPAWN_FAILED;
  if (memory.waitGuard === null) guardWaits(memory, group, threadIdOf(store));
  const tid = group.nextTid();
  if (tid < 0) return SPAWN_FAILED;
  const watch = store.interrupts;
  const data: ThreadStart = {
    bytes: caller.module.bytes, memory: memory.sharedParts, control: group.control, config: threadConfig(ctx.config), fds,
    tier: store.tier, maxCallDepth: store.maxCallDepth, tid, startArg,
    fuel: store.consumeFuel ? store.getFuel() : null,
    deadlineMs: watch !== null && watch.deadline !== Infinity ? Math.max(0, watch.deadline - performance.now()) : null,
    epoch: store.epoch?.buffer ?? null,
    epochDeadline: watch?.epochDeadline ?? -1n,
  };
  return system.startThread(data) ? tid : SPAWN_FAILED;
}

/** The externs of the `wasi` module: `thread-spawn`. */
export function createThreadExterns(): Map<string, Extern> {
  const spawnFunc = new FuncInstance({ params: [ValType.I32], results: [ValType.I32] }, null, -1,
    (args, caller) => [spawn(caller, args[0] as number)]);
  return new Map<string, Extern>([["thread-spawn", spawnFunc]]);
}

/**
 * The `wasi` built-in module of wasi-threads, for a `NativeRegistry`: it
 * serves the stores with a WASI context, as `wasi_snapshot_preview1` does.
 */
export function wasiThreads(): BuiltinModule {
  return {
    name: WASI_THREADS,
    create: createThreadExterns,
    serves: (store) => store !== null && wasiOf(store) !== null,
  };
}

/**
 * Ends the program of `store`'s thread group, if it has one, with `status`
 * (`proc_exit` calls it, on any thread), waking the group's threads sleeping on `memory`.
 */
export function endThreadGroup(store: Store, status: number, memory: MemoryInstance | null): void {
  threadGroupOf(store)?.end(status, memory);
}
