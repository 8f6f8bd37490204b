/**
 * wasi-threads: a thread's waits on the program's shared memory registered
 * with its thread group, so that the end of the program (another thread's
 * `proc_exit` or trap) wakes it, and it then stops with the trap "thread
 * group exited" instead of sleeping on.
 * @module
 */
import { Trap, TrapMessage } from "../base/errors.js";
import type { MemoryInstance } from "../runtime/instances.js";
import type { ThreadGroup } from "./threads.js";

/** Guards `memory`'s waits in thread `tid` of `group` (null: no longer). */
export function guardWaits(memory: MemoryInstance, group: ThreadGroup | null, tid: number): void {
  if (group === null) {
    memory.waitGuard = null;
    return;
  }
  memory.waitGuard = {
    enter(ea: number): void {
      group.sleeping(tid, ea);
      if (group.halted) { group.sleeping(tid, -1); throw new Trap(TrapMessage.ThreadGroupExit); }
    },
    leave(): void {
      group.sleeping(tid, -1);
      if (group.halted) throw new Trap(TrapMessage.ThreadGroupExit);
    },
  };
}
