/**
 * The entry of a thread started by wasi-threads' `thread-spawn` (./threads.ts):
 * compiles the module, instantiates it in a store of its own over the
 * spawning thread's shared memory, with WASI preview1 over the program's
 * shared descriptor table and `thread-spawn`, and calls `wasi_thread_start(tid,
 * start_arg)`. A `proc_exit` or a trap here ends the whole program (the
 * thread group); the thread ending normally ends only itself.
 * @module
 */
import { Trap, TrapMessage } from "../base/errors.js";
import { ExternKind } from "../base/types.js";
import { invoke } from "../exec/interpreter/invoke.js";
import { compileModule } from "../link/api.js";
import { instantiate } from "../link/instantiate.js";
import { FuncInstance, MemoryInstance, type Extern } from "../runtime/instances.js";
import { Epoch } from "../runtime/interrupts.js";
import { Store } from "../runtime/store.js";
import { attachWasi, WasiContext } from "./context.js";
import { createPreview1Externs, WASI_PREVIEW1 } from "./preview1.js";
import { createThreadExterns, joinThreadGroup, ThreadGroup, WASI_THREADS, type ThreadStart } from "./threads.js";
import { guardWaits } from "./thread-waits.js";
import { system } from "#wasi-system";

function runThread(start: ThreadStart): void {
  const group = new ThreadGroup(start.control);
  // The spawning store's fuel, deadline and epoch apply here too.
  const epoch = start.epoch === null ? null : new Epoch(start.epoch);
  const store = new Store({ tier: start.tier, maxCallDepth: start.maxCallDepth, consumeFuel: start.fuel !== null, epoch });
  if (start.fuel !== null) store.setFuel(start.fuel);
  if (start.deadlineMs !== null) store.setDeadline(start.deadlineMs);
  if (epoch !== null && start.epochDeadline >= 0n) store.setEpochDeadline(start.epochDeadline > epoch.value ? start.epochDeadline - epoch.value : 0n);
  joinThreadGroup(store, group, start.tid);
  const memory = MemoryInstance.fromShared(start.memory);
  guardWaits(memory, group, start.tid);
  // The program's WASI state: the same descriptors as every other thread's.
  const ctx = new WasiContext(start.config, { thread: start.fds });
  attachWasi(store, ctx);
  try {
    const module = compileModule(start.bytes);
    const preview1 = createPreview1Externs();
    const threads = createThreadExterns();
    // The same imports as the spawning thread's, resolved again here: the memory, WASI, thread-spawn.
    const imports: Extern[] = module.imports.map((imp) => {
      if (imp.desc.kind === ExternKind.Memory) return memory;
      const found = imp.module === WASI_PREVIEW1 ? preview1.get(imp.name) : imp.module === WASI_THREADS ? threads.get(imp.name) : undefined;
      if (found === undefined) throw new Trap(TrapMessage.HostError, `thread ${start.tid}: cannot resolve the import ${imp.module}.${imp.name} in a spawned thread`);
      return found;
    });
    const instance = instantiate(store, module, imports);
    const entry = instance.export("wasi_thread_start");
    if (!(entry instanceof FuncInstance)) throw new Trap(TrapMessage.HostError, "the module exports no wasi_thread_start");
    invoke(entry, [start.tid, start.startArg]);
  } catch (e) {
    // This thread stopping because another ended the program is not a new end.
    if (!(e instanceof Trap && e.message.startsWith(TrapMessage.ThreadGroupExit))) {
      const status = typeof (e as { status?: unknown }).status === "number" ? (e as { status: number }).status : 134;
      if (!(e instanceof Trap) || typeof (e as { status?: unknown }).status !== "number") {
        // A trap (not proc_exit) in a thread: say so where the host's stderr is, as a crash would.
        console.error(`thread ${start.tid}: ${e instanceof Error ? e.message : String(e)}`);
      }
      group.end(status, memory);
    }
  } finally {
    guardWaits(memory, null, start.tid);
    ctx.close();
  }
}

const data = system.threadData?.();
if (data !== undefined) runThread(data as ThreadStart);
