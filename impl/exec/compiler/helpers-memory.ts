/**
 * What compiled code calls out of line for memories other than memory 0 with
 * i32 addresses: memory64's `memory.grow`, bulk memory on any memory, SIMD
 * lane accesses and atomics at i64 addresses. Loads and stores stay inline
 * (emit.ts: the memory's `DataView` at an address that is an exact number,
 * see `MemoryRef` in emit-api.ts). Addresses, lengths and deltas arrive as
 * exact numbers below 2^53, or as numbers of at least 2^53 that stand for
 * anything larger (beyond every memory); the semantics are the interpreter's
 * generic memory code's (../interpreter/memory.ts), whose bulk operations
 * are used as they are.
 * @module
 */
import { atomicWidthLog2 } from "../../base/atomics.js";
import { Trap, TrapMessage } from "../../base/errors.js";
import type { MemoryInstance } from "../../runtime/instances.js";
import { atomicOp } from "../interpreter/atomics.js";
import { copyMemory, fillMemory, initMemory } from "../interpreter/memory.js";

export { copyMemory, fillMemory, initMemory };

const TWO32 = 2 ** 32;

/**
 * memory64's `memory.grow` of `mem` by `delta` pages: the old size in pages,
 * or -1 when the memory cannot grow that much (a delta past the maximum,
 * 2^53 or more included, fails without asking the memory).
 */
export function memoryGrow64(mem: MemoryInstance, delta: number): number {
  return delta > mem.maxPages ? -1 : mem.grow(delta);
}

/**
 * The address {@link farView}'s view is to be read at (a u32, as the SIMD
 * lane functions take): generated code passes `H.FA[0]` right after the
 * call of `farView` in the same argument list, which JavaScript evaluates
 * left to right.
 */
export const FA = new Float64Array(1);

/**
 * A `DataView` for a SIMD lane access of memory64 memory `mem` at effective
 * address `ea`: the memory's own view when `ea` is below 4 GiB (the lane
 * functions read addresses as u32), else a view that starts at `ea`; the
 * address in it goes to {@link FA}. The lane function checks the bounds
 * (of the view, so of the memory); an `ea` past the memory's end traps here.
 */
export function farView(mem: MemoryInstance, ea: number): DataView {
  if (ea < TWO32) { FA[0] = ea; return mem.view; }
  const len = mem.view.byteLength;
  if (ea > len) throw new Trap(TrapMessage.MemoryOutOfBounds);
  FA[0] = 0;
  return new DataView(mem.buffer, ea, len - ea);
}

/**
 * Atomic instruction `op` of a memory64 memory at effective address `ea`
 * (operands as `atomicOp` takes them). Out of bounds traps first, as for
 * any access; the atomic views are typed arrays, which stop at 4 GiB on
 * Node 20, so an access beyond traps saying so (as on the interpreter).
 */
export function atomic64(mem: MemoryInstance, op: number, ea: number, alo: number, ahi: number, blo: number, bhi: number): number {
  const size = 1 << atomicWidthLog2(op);
  if (ea + size > mem.view.byteLength) throw new Trap(TrapMessage.MemoryOutOfBounds);
  if (ea + size > TWO32) throw new Trap(TrapMessage.HostError, "atomic access beyond 4 GiB: not supported on this host");
  return atomicOp(mem, op, ea, 0, alo, ahi, blo, bhi);
}
