/**
 * Sleeping synchronously until a monotonic deadline: a WASI call returns
 * only when its work is done, and `poll_oneoff` with a clock is how a
 * program sleeps. `Atomics.wait` on a small SharedArrayBuffer blocks the
 * thread without spinning; where it is not allowed (a browser's main
 * thread, or no SharedArrayBuffer) the wait spins on the clock instead.
 * @module
 */
import type { WasiSystem } from "./system.js";

let cell: Int32Array | null | undefined;

function waitCell(): Int32Array | null {
  if (cell === undefined) cell = typeof SharedArrayBuffer === "function" ? new Int32Array(new SharedArrayBuffer(4)) : null;
  return cell;
}

/** Blocks until the monotonic clock reaches `deadlineNs`. */
export function sleepUntil(sys: WasiSystem, deadlineNs: bigint): void {
  const c = waitCell();
  let canWait = c !== null;
  for (;;) {
    const left = deadlineNs - sys.monotonicNs();
    if (left <= 0n) return;
    if (canWait) {
      try {
        // Nobody notifies the cell: the wait always runs to its timeout (in milliseconds, fractions allowed).
        Atomics.wait(c!, 0, 0, Number(left) / 1e6);
      } catch {
        canWait = false;
      }
    }
  }
}
