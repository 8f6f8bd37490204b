/**
 * The trace of a trap: when an exception leaves the dispatch loop, the wasm
 * frames it was running, innermost first, each named by its instance,
 * function index and the offsets of the wasm instruction it was at. Built
 * only on the way out, from the loop's position, the machine's frame stack
 * and each function's side table (see {@link sourceOffset}); running code
 * records nothing.
 * @module
 */
import { Trap, TrapMessage, type TrapFrame } from "../../base/errors.js";
import type { ModuleInstance } from "../../runtime/instances.js";
import { sourceOffset } from "./codespace.js";
import { isStackOverflow, spaceOf, type Machine } from "./machine.js";

/**
 * The most frames a trace keeps: the innermost ones. A trace deeper than this
 * (a runaway recursion exhausting the stack) loses its outermost frames,
 * which would otherwise cost time and memory for thousands of repeats.
 */
export const MAX_TRAP_FRAMES = 1000;

/**
 * What a run of the dispatch loop rethrows for exception `e`, which left
 * the loop where the machine's `trap*` fields say (instance, code position,
 * frames active; those above `baseDepth` are this run's): a {@link Trap}
 * gets the run's frames appended to its trace (a trap that came out of a
 * nested invocation already lists the inner frames); a JavaScript stack
 * overflow becomes the trap "call stack exhausted" with them; anything else
 * (an engine bug) passes as it is.
 */
export function traced(m: Machine, e: unknown, baseDepth: number): unknown {
  // The loop notes these for every exception that leaves it; null when entering the loop
  // failed (the JavaScript stack overflowed), which leaves no frame of this run to list.
  const inst = m.trapInst, pc = m.trapPc, depth = inst !== null ? m.trapDepth : baseDepth;
  m.trapInst = null;
  // The current frame's position is past the call when the exception left a call instruction.
  let returning = m.atCall;
  m.atCall = false;
  let trap: Trap;
  if (e instanceof Trap) trap = e;
  else if (isStackOverflow(e)) trap = new Trap(TrapMessage.CallStackExhausted, "", { cause: e });
  else return e;
  const frames = trap.frames;
  const stack = m.frames;
  let at = pc, where = inst!;
  for (let d = depth; d > baseDepth && frames.length < MAX_TRAP_FRAMES; d--) {
    if (d < depth) {
      // Frame d called frame d + 1: its position is the return address, complemented when
      // the callee was in another instance; its own instance is then in `retInst`.
      const ret = stack[2 * d]!;
      if (ret < 0) { at = ~ret; where = m.retInst[d]!; } else at = ret;
      returning = true;
    }
    const frame = frameAt(where, at, returning);
    if (frame !== null) frames.push(frame);
  }
  return trap;
}

/**
 * The frame of instance `inst` at code position `pc`: the instruction
 * starting there, or when `returning`, the call ending there. Null for code
 * without a side table (the warm-up's synthetic functions).
 */
function frameAt(inst: ModuleInstance, pc: number, returning: boolean): TrapFrame | null {
  const cf = spaceOf(inst).funcAt(returning ? pc - 1 : pc);
  if (cf === null) return null;
  const moduleOffset = sourceOffset(cf, pc, returning);
  if (moduleOffset < 0) return null;
  const m = inst.module;
  const body = m.codes[cf.funcIndex - m.importedFuncs]!;
  return { instance: inst, funcIndex: cf.funcIndex, funcOffset: moduleOffset - body.bodyStart, moduleOffset };
}
