/**
 * The dispatch loop: runs lowered code ({@link Code}) with the program
 * counter, frame base, code array, stack views and memory view in locals.
 * Wasm calls do not recurse in JavaScript: a call pushes the caller's
 * position and frame base onto the machine's frame stack and continues in
 * the same loop, so the depth limit is exact and deep recursion traps
 * instead of overflowing the JavaScript stack.
 *
 * One {@link execute} call runs in one module instance, whose state (code,
 * memory view, tables, globals) it holds in constants. Whatever would change
 * that state suspends the loop and {@link run} enters it again: a call or
 * return across instances, a memory that grew, code lowered into a grown
 * code space, a value stack that grew, a call to a host function (which
 * {@link run} makes, so that nested invocations do not stack a dispatch
 * loop's large frame per level), and every 16k events (backward branches
 * and calls). The last keeps V8 from compiling the loop by on-stack
 * replacement, whose code runs about 1.5x slower than the code it compiles
 * for a function entered normally; it is also where fuel, deadlines and
 * epochs are checked (see {@link Interrupts}), so those cost nothing in the
 * loop itself.
 *
 * Rare instructions live in helpers ({@link ./bulk.js}, {@link ../numerics.js})
 * so this function stays small enough for V8's optimising compiler.
 * @module
 */
import { elementTrap } from "../traps.js";
import { Trap, TrapMessage } from "../../base/errors.js";
import { funcTypeMatches } from "../../base/types.js";
import type { FuncInstance, MemoryInstance, ModuleInstance } from "../../runtime/instances.js";
import type { Interrupts } from "../../runtime/interrupts.js";
import type { RawValue } from "../../runtime/values.js";
import {
  fCeil, fFloor, fNearest, fTrunc, f32ConvertI64S, f32ConvertI64U, f64ConvertI64S, f64ConvertI64U,
  i32Ctz, i32DivS, i32DivU, i32Popcnt, i32RemS, i32RemU, i32Rotl, i32Rotr,
  i32TruncS, i32TruncSatS, i32TruncSatU, i32TruncU,
  i64Clz, i64Ctz, i64DivS, i64DivU, i64Mul, i64Popcnt, i64RemS, i64RemU, i64Rotl, i64Rotr,
  i64Shl, i64ShrS, i64ShrU, i64TruncS, i64TruncSatS, i64TruncSatU, i64TruncU, trap,
} from "../numerics.js";
import {
  dataDrop, elemDrop, memoryCopy, memoryFill, memoryInit, tableCopy, tableFill, tableGet, tableGrow, tableInit, tableSet,
} from "./bulk.js";
import { simdStep } from "../simd/step.js";
import { atomicStep } from "./atomics.js";
import { MEM_WORDS, memStep } from "./memory.js";
import { Code, MoveKind } from "./codes.js";
import type { CompiledFunc } from "./codespace.js";
import {
  callHost, compiledOf, exhausted, hostArgs, hostFailure, hostResults, makeRoom, spaceOf, useDepthLimit, type Machine,
} from "./machine.js";
import { throwRef, throwTag, unwind } from "./exceptions.js";
import { moveDown } from "./tail.js";
import { traced } from "./trace.js";
import { anyConvertExtern, externConvertAny, refTest } from "../../runtime/gc-refs.js";
import { setStructSlot, structSlot, type ArrayObject, type StructObject } from "../../runtime/gc-objects.js";
import { GC_AGG_WORDS, arrayOutOfBounds, gcAggregateStep, nullArray, nullStruct } from "./gc-aggregates.js";

const EMPTY_VIEW = new DataView(new ArrayBuffer(0));

/**
 * Reports a code the loop does not know (a lowering bug). Out of line: with the
 * message built inline, V8 computed its number-to-string conversion on every dispatch.
 */
function badCode(op: number, pc: number): never {
  throw new Error(`interpreter: bad code ${op} at ${pc}`);
}

function memoryOutOfBounds(): never {
  trap(TrapMessage.MemoryOutOfBounds);
}

/**
 * Sets up the locals of a new frame at word `fp` (the arguments are already
 * there): zeros for the declared locals, the constants after them, nulls in
 * reference locals.
 */
function initFrame(I: Int32Array, R: unknown[], cf: CompiledFunc, fp: number): void {
  const init = cf.init;
  const at = fp + 2 * cf.nParams;
  for (let i = 0; i < init.length; i++) I[at + i] = init[i];
  const refs = cf.refLocals;
  if (refs.length !== 0) {
    const fd = fp >> 1;
    for (let i = 0; i < refs.length; i++) R[fd + refs[i]] = null;
  }
}

/** `RetN`: copies several results to the frame base, ascending (see the lowering). */
function returnMany(I: Int32Array, R: unknown[], code: Int32Array, pc: number, fp: number): void {
  const n = code[pc + 1];
  const fd = fp >> 1;
  for (let j = 0; j < n; j++) {
    const src = code[pc + 2 + 2 * j];
    switch (code[pc + 3 + 2 * j] as MoveKind) {
      case MoveKind.W32: I[fp + 2 * j] = I[fp + src]; break;
      case MoveKind.W64: I[fp + 2 * j] = I[fp + src]; I[fp + 2 * j + 1] = I[fp + src + 1]; break;
      case MoveKind.Ref: R[fd + j] = R[fd + src]; break;
    }
  }
}

/** Why {@link execute} returned. */
export const enum Stop {
  /** The entry frame returned: its results are at its base. */
  Returned,
  /** Out of fuel, or state to reload: the state to resume from is in the machine's `resume*` fields. */
  Suspended,
  /**
   * A call to the host function `m.callee` with its arguments at word
   * `m.calleeAt`: the caller makes it, then resumes (the `resume*` fields
   * are past the call).
   */
  HostCall,
}

/**
 * The tiered mode's look at each stop of a run (installed by ../tiered.ts):
 * after a suspension it may compile the running instance and move the top
 * frame to compiled code, returning how the run goes on (see {@link Stop}: `HostCall` with
 * `m.callee` standing for the compiled rest of the frame, `Returned` when
 * that frame was the run's first and has returned).
 */
let tierUp: ((m: Machine, base: number, stop: Stop) => Stop) | null = null;

/** Installs the tiered mode's hook (see {@link tierUp}). */
export function setTierUp(hook: (m: Machine, base: number, stop: Stop) => Stop): void {
  tierUp = hook;
}

/**
 * Runs wasm function `func` (whose lowered code is `cf`) with its frame at
 * word `fp0` (which is `m.top`), where the arguments already are; leaves the results there.
 * Frames are counted from `m.depth`. Enters the dispatch loop again after
 * each suspension, makes the host calls it stops for, and (when the
 * store of `func`'s instance can be interrupted) charges fuel and checks
 * the deadlines there. Applies that store's depth limit.
 */
export function run(m: Machine, func: FuncInstance, cf: CompiledFunc, fp0: number): void {
  initFrame(m.I, m.R, cf, fp0);
  const base = m.depth;
  // The settings of the store whose code this is: what can interrupt it (null: nothing, and the
  // loop runs as if interruption did not exist), and its depth limit.
  const store = func.module!.store;
  // Read again after each host call, which may set or clear a deadline.
  let watch = store !== null ? store.interrupts : null;
  // A tiered store's code stops every few events, so that what runs long moves to compiled code.
  const tiered = tierUp !== null && store !== null && store.tier === "tiered";
  useDepthLimit(m, store);
  // Left over only if tracing an earlier trap failed (at the JavaScript stack's limit).
  m.atCall = false;
  m.trapInst = null;
  m.resumeInst = func.module; m.resumePc = cf.entry; m.resumeFp = fp0; m.resumeDepth = base + 1;
  // Try blocks are not nested deeper than two, and calls take few arguments: every block and
  // argument takes registers in this frame, which a wasm -> host -> wasm nesting stacks per level.
  try {
    if (base >= m.maxDepth) exhausted();
    // Entering from the host is a call: it costs one event.
    if (watch !== null) {
      watch.spend(1);
      interruptIfDue(m, watch);
    }
    for (;;) {
      let stop: Stop;
      try {
        const slice = tiered ? store.tierBudget : m.fuel;
        stop = watch === null ? execute(m, base, slice) : metered(m, watch, base, slice);
      } catch (e) {
        // A wasm exception caught by a handler of this run resumes at the handler's landing pad.
        if (!unwind(m, e, base)) throw e;
        continue;
      }
      if (tiered) {
        // Fuel and deadlines first: a run that must stop stops where it is, as it would interpreted.
        if (watch !== null && stop === Stop.Suspended) interruptIfDue(m, watch);
        stop = tierUp!(m, base, stop);
      }
      if (stop === Stop.Returned) break;
      if (stop === Stop.HostCall) {
        // Made here rather than in the loop, and inline: in a wasm -> host -> wasm nesting, each
        // level costs the JavaScript stack this frame, not the loop's large one nor a helper's.
        // The caller's position waits on the frame stack, where a wasm call keeps it.
        const f = m.callee!, at = m.calleeAt, d = holdCaller(m);
        let out: RawValue[];
        try {
          if (d >= m.maxDepth) exhausted();
          m.top = at;
          m.depth = d + 1;
          out = f.host!(hostArgs(m, f, at), m.resumeInst);
        } catch (e) {
          m.top = fp0;
          m.depth = base;
          useDepthLimit(m, store);
          const failure = failedAtCall(m, d, e);
          if (!unwind(m, failure, base)) throw failure;
          continue;
        }
        // Nested invocations may have been in other stores.
        m.top = fp0;
        m.depth = base;
        useDepthLimit(m, store);
        hostResults(m, f, at, out);
        resumeCaller(m, d);
        watch = store !== null ? store.interrupts : null;
      }
      if (watch !== null) interruptIfDue(m, watch);
    }
  } catch (e) {
    m.resumeInst = null;
    throw traced(m, e, base);
  }
  m.resumeInst = null;
}

/**
 * Before a host call: the caller's position (the `resume*` fields) goes to
 * the frame stack, as for a wasm call, since nested invocations use the
 * `resume*` fields too; returns the caller's depth.
 */
function holdCaller(m: Machine): number {
  const d = m.resumeDepth;
  m.frames[2 * d] = m.resumePc; m.frames[2 * d + 1] = m.resumeFp; m.retInst[d] = m.resumeInst;
  m.callee = null;
  return d;
}

/** After a host call from frame `d`: the loop resumes in the caller, past the call. */
function resumeCaller(m: Machine, d: number): void {
  m.resumePc = m.frames[2 * d]!; m.resumeFp = m.frames[2 * d + 1]!; m.resumeDepth = d;
  m.resumeInst = m.retInst[d]!;
  m.retInst[d] = null;
}

/**
 * What a failed host call from frame `d` raises, located at the call: its
 * trace names the call, and a handler around the call may catch a wasm exception.
 */
function failedAtCall(m: Machine, d: number, e: unknown): unknown {
  // Set first: near the JavaScript stack's limit even the conversion may throw.
  m.atCall = true;
  m.trapInst = m.retInst[d]!; m.trapPc = m.frames[2 * d]!; m.trapFp = m.frames[2 * d + 1]!; m.trapDepth = d;
  m.retInst[d] = null;
  return hostFailure(e);
}

/**
 * Runs the dispatch loop from the `resume*` fields with a budget of at most
 * `slice` events, less if the store's interruption state says so, and
 * charges what it ran (also when it throws).
 */
function metered(m: Machine, watch: Interrupts, base: number, slice: number): Stop {
  const budget = watch.budget(slice);
  m.fuelLeft = budget;
  try {
    return execute(m, base, budget);
  } finally {
    watch.spend(budget - m.fuelLeft);
  }
}

/**
 * Throws the trap that interrupts the run (out of fuel, a deadline passed)
 * if one is due, located where the loop would resume, so that its trace
 * lists the frames that were running.
 */
function interruptIfDue(m: Machine, watch: Interrupts): void {
  const why = watch.check();
  if (why === null) return;
  m.trapInst = m.resumeInst; m.trapPc = m.resumePc; m.trapFp = m.resumeFp; m.trapDepth = m.resumeDepth;
  m.atCall = false;
  throw new Trap(why);
}

/**
 * The dispatch loop: runs from where the machine's `resume*` fields say
 * (code position, frame base, frames active, instance), until the frame at
 * depth `baseDepth + 1` returns, it must suspend, or it has run more than
 * `budget` events (backward branches and calls); leaves the events it had
 * left in `m.fuelLeft`.
 */
function execute(m: Machine, baseDepth: number, budget: number): Stop {
  // Where to start: read here rather than passed, since every argument of a call takes a register
  // in the caller's frame, and `run`'s frame is on the JavaScript stack once per level of nesting.
  const inst = m.resumeInst!;
  const pc0 = m.resumePc, fp0 = m.resumeFp, depth0 = m.resumeDepth;
  const I = m.I, F = m.F, D = m.D, R = m.R;
  // The instance's state is constant here: whatever changes it (a call or return into another
  // instance, a memory growing, the code space growing) suspends, and the loop is entered again.
  // Fewer values carried around the loop leave more registers for the ones that are.
  const space = spaceOf(inst);
  const code = space.code;
  const localFuncs = space.funcs;
  const funcs = inst.funcs, globals = inst.globals, tables = inst.tables;
  const mem: MemoryInstance | null = inst.memories.length > 0 ? inst.memories[0]! : null;
  const dv = mem !== null ? mem.view : EMPTY_VIEW;
  const memLen = dv.byteLength;
  // `| 0` keeps these loop variables untagged 32-bit integers in V8's optimised code.
  let depth = depth0 | 0;
  let fuel = budget | 0;
  const maxDepth = m.maxDepth;
  // The current frame.
  let pc = pc0 | 0;
  let fp = fp0 | 0;
  let fd = fp >> 1;
  // The instance to resume in after a suspension.
  let resumeIn = inst;

  // An exception leaving the loop notes where it left; `run` builds the trace from that and the
  // frame stack (see ./trace.ts), so nothing is recorded per instruction or per call.
  try {
    for (;;) {
      suspend: {
        // The call being made, if this instruction is a call: a function instance, or a function of this
        // instance, and where its frame starts. (Declared in the loop so they are not carried around it.)
        let callee: FuncInstance | null = null;
        let next: CompiledFunc | null = null;
        let argBase = 0;
        ret: {
          enter: {
            external: {
              backward: {
                const op = code[pc] as Code;
                switch (op) {
                  // ---------------------------------------------------------- control
                  case Code.Unreachable: trap(TrapMessage.Unreachable);
                  case Code.Br: pc = code[pc + 1]; if (pc < 0) break backward; continue;
                  case Code.BrIf: pc = I[fp + code[pc + 1]] !== 0 ? code[pc + 2] : pc + 3; if (pc < 0) break backward; continue;
                  case Code.BrIfNot: pc = I[fp + code[pc + 1]] === 0 ? code[pc + 2] : pc + 3; if (pc < 0) break backward; continue;
                  case Code.BrTable: {
                    const i = I[fp + code[pc + 1]] >>> 0;
                    const n = code[pc + 2];
                    pc = code[pc + 3 + (i < n ? i : n)];
                    if (pc < 0) break backward;
                    continue;
                  }
                  case Code.Ret0: break ret;
                  case Code.Ret32: I[fp] = I[fp + code[pc + 1]]; break ret;
                  case Code.Ret64: {
                    const s = fp + code[pc + 1];
                    const lo = I[s], hi = I[s + 1];
                    I[fp] = lo; I[fp + 1] = hi;
                    break ret;
                  }
                  case Code.RetRef: R[fd] = R[fd + code[pc + 1]]; break ret;
                  case Code.RetN: returnMany(I, R, code, pc, fp); break ret;
                  case Code.CallLocal: {
                    const f = localFuncs[code[pc + 1]];
                    argBase = code[pc + 2];
                    pc += 3;
                    next = f !== null ? f : space.compiled(code[pc - 2] + space.importedFuncs);
                    break enter;
                  }
                  case Code.CallImport:
                    callee = funcs[code[pc + 1]];
                    argBase = code[pc + 2];
                    pc += 3;
                    break external;
                  case Code.CallIndirect: {
                    const elements = tables[code[pc + 2]].elements;
                    const i = I[fp + code[pc + 4]] >>> 0;
                    if (i >= elements.length) elementTrap(TrapMessage.UndefinedElement, i);
                    const f = elements[i] as FuncInstance | null;
                    if (f === null) elementTrap(TrapMessage.UninitializedElement, i);
                    const expected = space.types[code[pc + 1]];
                    if (!funcTypeMatches(f.type, expected)) trap(TrapMessage.IndirectCallTypeMismatch);
                    callee = f;
                    argBase = code[pc + 3];
                    pc += 5;
                    break external;
                  }
                  case Code.CallRef: {
                    const f = R[fd + code[pc + 3]] as FuncInstance | null;
                    if (f === null) trap(TrapMessage.NullFunctionReference);
                    const expected = space.types[code[pc + 1]];
                    if (!funcTypeMatches(f.type, expected)) trap(TrapMessage.IndirectCallTypeMismatch);
                    callee = f;
                    argBase = code[pc + 2];
                    pc += 4;
                    break external;
                  }
                  case Code.Throw: throwTag(m, inst, code[pc + 1], fp + code[pc + 2]);
                  case Code.ThrowRef: throwRef(R[fd + code[pc + 1]]);
                  case Code.ReturnCallLocal: {
                    const f = localFuncs[code[pc + 1]];
                    const nf = f !== null ? f : space.compiled(code[pc + 1] + space.importedFuncs);
                    if (fp + 2 * nf.frameSlots > I.length) {
                      // The value stack grows first (or this throws); the loop re-enters with the new arrays.
                      makeRoom(m, 0, fp + 2 * nf.frameSlots);
                      moveDown(m, fp, code[pc + 2], nf.type.params);
                      initFrame(m.I, m.R, nf, fp);
                      pc = nf.entry | 0;
                      fuel--;
                      break suspend;
                    }
                    moveDown(m, fp, code[pc + 2], nf.type.params);
                    initFrame(I, R, nf, fp);
                    pc = nf.entry | 0;
                    if (--fuel < 0 || space.code !== code) break suspend;
                    continue;
                  }
                  case Code.ReturnCallImport: case Code.ReturnCallIndirect: case Code.ReturnCallRef: {
                    let f: FuncInstance;
                    let at: number;
                    if (op === Code.ReturnCallImport) {
                      f = funcs[code[pc + 1]];
                      at = code[pc + 2];
                      pc += 3;
                    } else if (op === Code.ReturnCallRef) {
                      const g = R[fd + code[pc + 3]] as FuncInstance | null;
                      if (g === null) trap(TrapMessage.NullFunctionReference);
                      const expected = space.types[code[pc + 1]];
                      if (!funcTypeMatches(g.type, expected)) trap(TrapMessage.IndirectCallTypeMismatch);
                      f = g;
                      at = code[pc + 2];
                      pc += 4;
                    } else {
                      const elements = tables[code[pc + 2]].elements;
                      const i = I[fp + code[pc + 4]] >>> 0;
                      if (i >= elements.length) elementTrap(TrapMessage.UndefinedElement, i);
                      const g = elements[i] as FuncInstance | null;
                      if (g === null) elementTrap(TrapMessage.UninitializedElement, i);
                      const expected = space.types[code[pc + 1]];
                      if (!funcTypeMatches(g.type, expected)) trap(TrapMessage.IndirectCallTypeMismatch);
                      f = g;
                      at = code[pc + 3];
                      pc += 5;
                    }
                    fuel--;
                    if (f.host !== null) {
                      // The host runs above this frame, then its results are this frame's.
                      callHost(m, f, fp + at, depth, inst);
                      moveDown(m, fp, at, f.type.results);
                      if (--depth === baseDepth) { m.fuelLeft = fuel; return Stop.Returned; }
                      const ra = m.frames[2 * depth];
                      fp = m.frames[2 * depth + 1]; fd = fp >> 1;
                      // The host may have grown the memory or the stack, lowered code, or spent the
                      // store's fuel (through wasm it called): the loop re-enters either way.
                      if (ra >= 0) pc = ra;
                      else {
                        pc = ~ra;
                        resumeIn = m.retInst[depth]!;
                        m.retInst[depth] = null;
                      }
                      break suspend;
                    }
                    const nf = compiledOf(f);
                    // The value stack may grow first (or this throws); the loop then re-enters.
                    if (fp + 2 * nf.frameSlots > I.length) makeRoom(m, 0, fp + 2 * nf.frameSlots);
                    moveDown(m, fp, at, nf.type.params);
                    initFrame(m.I, m.R, nf, fp);
                    pc = nf.entry | 0;
                    if (f.module !== inst) {
                      // The frame now runs in another instance: its return must restore the caller's.
                      const k = 2 * (depth - 1);
                      if (depth - 1 > baseDepth && m.frames[k] >= 0) { m.frames[k] = ~m.frames[k]; m.retInst[depth - 1] = inst; }
                      resumeIn = f.module!;
                      break suspend;
                    }
                    if (fuel < 0 || m.I !== I || space.code !== code) break suspend;
                    continue;
                  }

                  // ---------------------------------------------------------- branches on a comparison
                  // @generated begin branches (tools/gen-interpreter.ts, from isa.ts: edit the table there)
                  // ---- fused compare and branch: `i:a i:b @target` / `i:a k:b @target` ----
                  // Order as the i32 comparisons (eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u).
                  case Code.BrEq: pc = I[fp + code[pc + 1]] === I[fp + code[pc + 2]] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrNe: pc = I[fp + code[pc + 1]] !== I[fp + code[pc + 2]] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrLtS: pc = I[fp + code[pc + 1]] < I[fp + code[pc + 2]] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrLtU: pc = I[fp + code[pc + 1]] >>> 0 < I[fp + code[pc + 2]] >>> 0 ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrGtS: pc = I[fp + code[pc + 1]] > I[fp + code[pc + 2]] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrGtU: pc = I[fp + code[pc + 1]] >>> 0 > I[fp + code[pc + 2]] >>> 0 ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrLeS: pc = I[fp + code[pc + 1]] <= I[fp + code[pc + 2]] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrLeU: pc = I[fp + code[pc + 1]] >>> 0 <= I[fp + code[pc + 2]] >>> 0 ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrGeS: pc = I[fp + code[pc + 1]] >= I[fp + code[pc + 2]] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrGeU: pc = I[fp + code[pc + 1]] >>> 0 >= I[fp + code[pc + 2]] >>> 0 ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrEqI: pc = I[fp + code[pc + 1]] === code[pc + 2] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrNeI: pc = I[fp + code[pc + 1]] !== code[pc + 2] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrLtSI: pc = I[fp + code[pc + 1]] < code[pc + 2] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrLtUI: pc = I[fp + code[pc + 1]] >>> 0 < code[pc + 2] >>> 0 ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrGtSI: pc = I[fp + code[pc + 1]] > code[pc + 2] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrGtUI: pc = I[fp + code[pc + 1]] >>> 0 > code[pc + 2] >>> 0 ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrLeSI: pc = I[fp + code[pc + 1]] <= code[pc + 2] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrLeUI: pc = I[fp + code[pc + 1]] >>> 0 <= code[pc + 2] >>> 0 ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrGeSI: pc = I[fp + code[pc + 1]] >= code[pc + 2] ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrGeUI: pc = I[fp + code[pc + 1]] >>> 0 >= code[pc + 2] >>> 0 ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;

                  // ---- increment, then compare and branch: `i:dst i:src k:add i:b @target` / `i:dst i:src k:add k:b @target` ----
                  // `I[dst] = I[src] + add`, then branch when `I[dst] op b` (a loop's counter step and test in one).
                  case Code.BrAddIEq: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v === I[fp + code[pc + 4]] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddINe: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v !== I[fp + code[pc + 4]] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddILtS: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v < I[fp + code[pc + 4]] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddILtU: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >>> 0 < I[fp + code[pc + 4]] >>> 0 ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddIGtS: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v > I[fp + code[pc + 4]] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddIGtU: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >>> 0 > I[fp + code[pc + 4]] >>> 0 ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddILeS: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v <= I[fp + code[pc + 4]] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddILeU: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >>> 0 <= I[fp + code[pc + 4]] >>> 0 ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddIGeS: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >= I[fp + code[pc + 4]] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddIGeU: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >>> 0 >= I[fp + code[pc + 4]] >>> 0 ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddIEqI: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v === code[pc + 4] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddINeI: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v !== code[pc + 4] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddILtSI: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v < code[pc + 4] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddILtUI: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >>> 0 < code[pc + 4] >>> 0 ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddIGtSI: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v > code[pc + 4] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddIGtUI: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >>> 0 > code[pc + 4] >>> 0 ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddILeSI: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v <= code[pc + 4] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddILeUI: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >>> 0 <= code[pc + 4] >>> 0 ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddIGeSI: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >= code[pc + 4] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddIGeUI: {
                    const v = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >>> 0 >= code[pc + 4] >>> 0 ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }

                  // ---- register increment, then compare with an immediate and branch: `i:dst i:src i:add k:b @target` ----
                  case Code.BrAddEqI: {
                    const v = (I[fp + code[pc + 2]] + I[fp + code[pc + 3]]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v === code[pc + 4] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddNeI: {
                    const v = (I[fp + code[pc + 2]] + I[fp + code[pc + 3]]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v !== code[pc + 4] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddLtSI: {
                    const v = (I[fp + code[pc + 2]] + I[fp + code[pc + 3]]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v < code[pc + 4] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddLtUI: {
                    const v = (I[fp + code[pc + 2]] + I[fp + code[pc + 3]]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >>> 0 < code[pc + 4] >>> 0 ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddGtSI: {
                    const v = (I[fp + code[pc + 2]] + I[fp + code[pc + 3]]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v > code[pc + 4] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddGtUI: {
                    const v = (I[fp + code[pc + 2]] + I[fp + code[pc + 3]]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >>> 0 > code[pc + 4] >>> 0 ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddLeSI: {
                    const v = (I[fp + code[pc + 2]] + I[fp + code[pc + 3]]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v <= code[pc + 4] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddLeUI: {
                    const v = (I[fp + code[pc + 2]] + I[fp + code[pc + 3]]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >>> 0 <= code[pc + 4] >>> 0 ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddGeSI: {
                    const v = (I[fp + code[pc + 2]] + I[fp + code[pc + 3]]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >= code[pc + 4] ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }
                  case Code.BrAddGeUI: {
                    const v = (I[fp + code[pc + 2]] + I[fp + code[pc + 3]]) | 0;
                    I[fp + code[pc + 1]] = v;
                    pc = v >>> 0 >= code[pc + 4] >>> 0 ? code[pc + 5] : pc + 6;
                    if (pc < 0) break backward; continue;
                  }

                  // ---- increment a register, then branch on another: `i:dst i:src k:add i:cond @target`, when `cond` is nonzero / zero ----
                  // (A loop whose test was computed before its counter's step.)
                  case Code.BrIfAddI:
                    I[fp + code[pc + 1]] = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    pc = I[fp + code[pc + 4]] !== 0 ? code[pc + 5] : pc + 6; if (pc < 0) break backward; continue;
                  case Code.BrIfNotAddI:
                    I[fp + code[pc + 1]] = (I[fp + code[pc + 2]] + code[pc + 3]) | 0;
                    pc = I[fp + code[pc + 4]] === 0 ? code[pc + 5] : pc + 6; if (pc < 0) break backward; continue;

                  // ---- test bits and branch: `i:a k:mask @target`, when `a & mask` is nonzero / zero ----
                  case Code.BrAndINz: pc = (I[fp + code[pc + 1]] & code[pc + 2]) !== 0 ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  case Code.BrAndIZ: pc = (I[fp + code[pc + 1]] & code[pc + 2]) === 0 ? code[pc + 3] : pc + 4; if (pc < 0) break backward; continue;
                  // @generated end branches

                  // ---------------------------------------------------------- moves, constants, globals
                  // @generated begin moves (tools/gen-interpreter.ts, from isa.ts: edit the table there)
                  // ---- moves and constants ----
                  case Code.Mov32: I[fp + code[pc + 1]] = I[fp + code[pc + 2]]; pc += 3; continue;
                  case Code.Mov64: {
                    const d = fp + code[pc + 1], s = fp + code[pc + 2];
                    const lo = I[s], hi = I[s + 1];
                    I[d] = lo; I[d + 1] = hi;
                    pc += 3; continue;
                  }
                  case Code.MovF64: D[fd + code[pc + 1]] = D[fd + code[pc + 2]]; pc += 3; continue;
                  case Code.MovRef: R[fd + code[pc + 1]] = R[fd + code[pc + 2]]; pc += 3; continue;
                  case Code.Const32: I[fp + code[pc + 1]] = code[pc + 2]; pc += 3; continue;
                  case Code.Const64: {
                    const d = fp + code[pc + 1];
                    I[d] = code[pc + 2]; I[d + 1] = code[pc + 3];
                    pc += 4; continue;
                  }
                  case Code.Select32: I[fp + code[pc + 1]] = I[fp + code[pc + 4]] !== 0 ? I[fp + code[pc + 2]] : I[fp + code[pc + 3]]; pc += 5; continue;
                  case Code.Select64: {
                    const s = fp + (I[fp + code[pc + 4]] !== 0 ? code[pc + 2] : code[pc + 3]);
                    const d = fp + code[pc + 1];
                    const lo = I[s], hi = I[s + 1];
                    I[d] = lo; I[d + 1] = hi;
                    pc += 5; continue;
                  }
                  case Code.SelectRef: R[fd + code[pc + 1]] = I[fp + code[pc + 4]] !== 0 ? R[fd + code[pc + 2]] : R[fd + code[pc + 3]]; pc += 5; continue;
                  case Code.GlobalGet32: I[fp + code[pc + 1]] = globals[code[pc + 2]].cell[0]; pc += 3; continue;
                  case Code.GlobalGet64: {
                    const cell = globals[code[pc + 2]].cell;
                    const d = fp + code[pc + 1];
                    I[d] = cell[0]; I[d + 1] = cell[1];
                    pc += 3; continue;
                  }
                  case Code.GlobalGetRef: R[fd + code[pc + 1]] = globals[code[pc + 2]].ref; pc += 3; continue;
                  case Code.GlobalSet32: globals[code[pc + 1]].cell[0] = I[fp + code[pc + 2]]; pc += 3; continue;
                  case Code.GlobalSet64: {
                    const cell = globals[code[pc + 1]].cell;
                    const s = fp + code[pc + 2];
                    cell[0] = I[s]; cell[1] = I[s + 1];
                    pc += 3; continue;
                  }
                  case Code.GlobalSetRef: globals[code[pc + 1]].ref = R[fd + code[pc + 2]]; pc += 3; continue;
                  // @generated end moves

                  // ---------------------------------------------------------- memory
                  // @generated begin memory (tools/gen-interpreter.ts, from isa.ts: edit the table there)
                  // ---- memory: loads `i:dst i:addr k:offset`, stores `i:addr i:value k:offset` ----
                  case Code.I32Load: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 4 > memLen) memoryOutOfBounds();
                    I[fp + code[pc + 1]] = dv.getInt32(ea, true);
                    pc += 4; continue;
                  }
                  case Code.I64Load: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    const d = fp + code[pc + 1];
                    I[d] = dv.getInt32(ea, true); I[d + 1] = dv.getInt32(ea + 4, true);
                    pc += 4; continue;
                  }
                  case Code.F64Load: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    D[fd + code[pc + 1]] = dv.getFloat64(ea, true);
                    pc += 4; continue;
                  }
                  case Code.I32Load8S: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 1 > memLen) memoryOutOfBounds();
                    I[fp + code[pc + 1]] = dv.getInt8(ea);
                    pc += 4; continue;
                  }
                  case Code.I32Load8U: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 1 > memLen) memoryOutOfBounds();
                    I[fp + code[pc + 1]] = dv.getUint8(ea);
                    pc += 4; continue;
                  }
                  case Code.I32Load16S: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 2 > memLen) memoryOutOfBounds();
                    I[fp + code[pc + 1]] = dv.getInt16(ea, true);
                    pc += 4; continue;
                  }
                  case Code.I32Load16U: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 2 > memLen) memoryOutOfBounds();
                    I[fp + code[pc + 1]] = dv.getUint16(ea, true);
                    pc += 4; continue;
                  }
                  case Code.I64Load8S: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 1 > memLen) memoryOutOfBounds();
                    const v = dv.getInt8(ea), d = fp + code[pc + 1];
                    I[d] = v; I[d + 1] = v >> 31;
                    pc += 4; continue;
                  }
                  case Code.I64Load8U: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 1 > memLen) memoryOutOfBounds();
                    const d = fp + code[pc + 1];
                    I[d] = dv.getUint8(ea); I[d + 1] = 0;
                    pc += 4; continue;
                  }
                  case Code.I64Load16S: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 2 > memLen) memoryOutOfBounds();
                    const v = dv.getInt16(ea, true), d = fp + code[pc + 1];
                    I[d] = v; I[d + 1] = v >> 31;
                    pc += 4; continue;
                  }
                  case Code.I64Load16U: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 2 > memLen) memoryOutOfBounds();
                    const d = fp + code[pc + 1];
                    I[d] = dv.getUint16(ea, true); I[d + 1] = 0;
                    pc += 4; continue;
                  }
                  case Code.I64Load32S: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 4 > memLen) memoryOutOfBounds();
                    const v = dv.getInt32(ea, true), d = fp + code[pc + 1];
                    I[d] = v; I[d + 1] = v >> 31;
                    pc += 4; continue;
                  }
                  case Code.I64Load32U: {
                    const ea = (I[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 4 > memLen) memoryOutOfBounds();
                    const d = fp + code[pc + 1];
                    I[d] = dv.getInt32(ea, true); I[d + 1] = 0;
                    pc += 4; continue;
                  }
                  case Code.I32Store: {
                    const ea = (I[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 4 > memLen) memoryOutOfBounds();
                    dv.setInt32(ea, I[fp + code[pc + 2]], true);
                    pc += 4; continue;
                  }
                  case Code.I64Store: {
                    const ea = (I[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    const s = fp + code[pc + 2];
                    dv.setInt32(ea, I[s], true); dv.setInt32(ea + 4, I[s + 1], true);
                    pc += 4; continue;
                  }
                  case Code.F64Store: {
                    const ea = (I[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    dv.setFloat64(ea, D[fd + code[pc + 2]], true);
                    pc += 4; continue;
                  }
                  case Code.Store8: {
                    const ea = (I[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 1 > memLen) memoryOutOfBounds();
                    dv.setInt8(ea, I[fp + code[pc + 2]]);
                    pc += 4; continue;
                  }
                  case Code.Store16: {
                    const ea = (I[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
                    if (ea + 2 > memLen) memoryOutOfBounds();
                    dv.setInt16(ea, I[fp + code[pc + 2]], true);
                    pc += 4; continue;
                  }

                  // Loads and stores whose address is a register plus a constant, added with 32-bit wrap-around
                  // (`i32.add` then an access with offset 0): `i:dst i:base k:add` / `i:base i:value k:add`.
                  case Code.I32LoadA: {
                    const ea = (I[fp + code[pc + 2]] + code[pc + 3]) >>> 0;
                    if (ea + 4 > memLen) memoryOutOfBounds();
                    I[fp + code[pc + 1]] = dv.getInt32(ea, true);
                    pc += 4; continue;
                  }
                  case Code.I64LoadA: {
                    const ea = (I[fp + code[pc + 2]] + code[pc + 3]) >>> 0;
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    const d = fp + code[pc + 1];
                    I[d] = dv.getInt32(ea, true); I[d + 1] = dv.getInt32(ea + 4, true);
                    pc += 4; continue;
                  }
                  case Code.F64LoadA: {
                    const ea = (I[fp + code[pc + 2]] + code[pc + 3]) >>> 0;
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    D[fd + code[pc + 1]] = dv.getFloat64(ea, true);
                    pc += 4; continue;
                  }
                  case Code.I32Load8SA: {
                    const ea = (I[fp + code[pc + 2]] + code[pc + 3]) >>> 0;
                    if (ea + 1 > memLen) memoryOutOfBounds();
                    I[fp + code[pc + 1]] = dv.getInt8(ea);
                    pc += 4; continue;
                  }
                  case Code.I32Load8UA: {
                    const ea = (I[fp + code[pc + 2]] + code[pc + 3]) >>> 0;
                    if (ea + 1 > memLen) memoryOutOfBounds();
                    I[fp + code[pc + 1]] = dv.getUint8(ea);
                    pc += 4; continue;
                  }
                  case Code.I32Load16SA: {
                    const ea = (I[fp + code[pc + 2]] + code[pc + 3]) >>> 0;
                    if (ea + 2 > memLen) memoryOutOfBounds();
                    I[fp + code[pc + 1]] = dv.getInt16(ea, true);
                    pc += 4; continue;
                  }
                  case Code.I32Load16UA: {
                    const ea = (I[fp + code[pc + 2]] + code[pc + 3]) >>> 0;
                    if (ea + 2 > memLen) memoryOutOfBounds();
                    I[fp + code[pc + 1]] = dv.getUint16(ea, true);
                    pc += 4; continue;
                  }
                  case Code.I32StoreA: {
                    const ea = (I[fp + code[pc + 1]] + code[pc + 3]) >>> 0;
                    if (ea + 4 > memLen) memoryOutOfBounds();
                    dv.setInt32(ea, I[fp + code[pc + 2]], true);
                    pc += 4; continue;
                  }
                  case Code.I64StoreA: {
                    const ea = (I[fp + code[pc + 1]] + code[pc + 3]) >>> 0;
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    const s = fp + code[pc + 2];
                    dv.setInt32(ea, I[s], true); dv.setInt32(ea + 4, I[s + 1], true);
                    pc += 4; continue;
                  }
                  case Code.F64StoreA: {
                    const ea = (I[fp + code[pc + 1]] + code[pc + 3]) >>> 0;
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    dv.setFloat64(ea, D[fd + code[pc + 2]], true);
                    pc += 4; continue;
                  }
                  case Code.Store8A: {
                    const ea = (I[fp + code[pc + 1]] + code[pc + 3]) >>> 0;
                    if (ea + 1 > memLen) memoryOutOfBounds();
                    dv.setInt8(ea, I[fp + code[pc + 2]]);
                    pc += 4; continue;
                  }
                  case Code.Store16A: {
                    const ea = (I[fp + code[pc + 1]] + code[pc + 3]) >>> 0;
                    if (ea + 2 > memLen) memoryOutOfBounds();
                    dv.setInt16(ea, I[fp + code[pc + 2]], true);
                    pc += 4; continue;
                  }

                  // Loads and stores at a constant base plus a shifted index (`i32.shl`, `i32.add`, then an access
                  // with offset 0: a C array at a static address): `i:dst i:index k:shift k:base` / `i:index i:value k:shift k:base`.
                  case Code.I32LoadS: {
                    const ea = ((I[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0;
                    if (ea + 4 > memLen) memoryOutOfBounds();
                    I[fp + code[pc + 1]] = dv.getInt32(ea, true);
                    pc += 5; continue;
                  }
                  case Code.I64LoadS: {
                    const ea = ((I[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0;
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    const d = fp + code[pc + 1];
                    I[d] = dv.getInt32(ea, true); I[d + 1] = dv.getInt32(ea + 4, true);
                    pc += 5; continue;
                  }
                  case Code.F64LoadS: {
                    const ea = ((I[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0;
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    D[fd + code[pc + 1]] = dv.getFloat64(ea, true);
                    pc += 5; continue;
                  }
                  case Code.I32StoreS: {
                    const ea = ((I[fp + code[pc + 1]] << code[pc + 3]) + code[pc + 4]) >>> 0;
                    if (ea + 4 > memLen) memoryOutOfBounds();
                    dv.setInt32(ea, I[fp + code[pc + 2]], true);
                    pc += 5; continue;
                  }
                  case Code.I64StoreS: {
                    const ea = ((I[fp + code[pc + 1]] << code[pc + 3]) + code[pc + 4]) >>> 0;
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    const s = fp + code[pc + 2];
                    dv.setInt32(ea, I[s], true); dv.setInt32(ea + 4, I[s + 1], true);
                    pc += 5; continue;
                  }
                  case Code.F64StoreS: {
                    const ea = ((I[fp + code[pc + 1]] << code[pc + 3]) + code[pc + 4]) >>> 0;
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    dv.setFloat64(ea, D[fd + code[pc + 2]], true);
                    pc += 5; continue;
                  }
                  case Code.MemorySize:
                    // `dv.byteLength`, not `memLen`: a shared memory's view tracks grows made by other threads.
                    I[fp + code[pc + 1]] = dv.byteLength / 65536;
                    pc += 2; continue;
                  // @generated end memory
                  case Code.MemoryGrow: {
                    // Validation guarantees a memory exists.
                    I[fp + code[pc + 1]] = mem!.grow(I[fp + code[pc + 2]] >>> 0);
                    pc += 3;
                    // A new view (unshared), or the same length-tracking view grown (shared): re-enter with its length.
                    if (mem!.view !== dv || dv.byteLength !== memLen) break suspend;
                    continue;
                  }
                  // @generated begin bulk (tools/gen-interpreter.ts, from isa.ts: edit the table there)
                  case Code.MemoryInit: memoryInit(inst, code[pc + 1], I[fp + code[pc + 2]], I[fp + code[pc + 3]], I[fp + code[pc + 4]]); pc += 5; continue;
                  case Code.DataDrop: dataDrop(inst, code[pc + 1]); pc += 2; continue;
                  case Code.MemoryCopy: memoryCopy(mem!, I[fp + code[pc + 1]], I[fp + code[pc + 2]], I[fp + code[pc + 3]]); pc += 4; continue;
                  case Code.MemoryFill: memoryFill(mem!, I[fp + code[pc + 1]], I[fp + code[pc + 2]], I[fp + code[pc + 3]]); pc += 4; continue;
                  // @generated end bulk

                  // ---------------------------------------------------------- numeric: i32, i64, f32, f64, conversions
                  // @generated begin numeric (tools/gen-interpreter.ts, from isa.ts: edit the table there)
                  // ---- i32: unary `i:dst i:a`, binary `i:dst i:a i:b`, with immediate `i:dst i:a k:b` ----
                  case Code.I32Eqz: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] === 0 ? 1 : 0; pc += 3; continue;
                  case Code.I32Eq: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] === I[fp + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.I32Ne: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] !== I[fp + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.I32LtS: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] < I[fp + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.I32LtU: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >>> 0 < I[fp + code[pc + 3]] >>> 0 ? 1 : 0; pc += 4; continue;
                  case Code.I32GtS: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] > I[fp + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.I32GtU: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >>> 0 > I[fp + code[pc + 3]] >>> 0 ? 1 : 0; pc += 4; continue;
                  case Code.I32LeS: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] <= I[fp + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.I32LeU: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >>> 0 <= I[fp + code[pc + 3]] >>> 0 ? 1 : 0; pc += 4; continue;
                  case Code.I32GeS: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >= I[fp + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.I32GeU: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >>> 0 >= I[fp + code[pc + 3]] >>> 0 ? 1 : 0; pc += 4; continue;
                  case Code.I32EqI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] === code[pc + 3] ? 1 : 0; pc += 4; continue;
                  case Code.I32NeI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] !== code[pc + 3] ? 1 : 0; pc += 4; continue;
                  case Code.I32LtSI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] < code[pc + 3] ? 1 : 0; pc += 4; continue;
                  case Code.I32LtUI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >>> 0 < code[pc + 3] >>> 0 ? 1 : 0; pc += 4; continue;
                  case Code.I32GtSI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] > code[pc + 3] ? 1 : 0; pc += 4; continue;
                  case Code.I32GtUI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >>> 0 > code[pc + 3] >>> 0 ? 1 : 0; pc += 4; continue;
                  case Code.I32LeSI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] <= code[pc + 3] ? 1 : 0; pc += 4; continue;
                  case Code.I32LeUI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >>> 0 <= code[pc + 3] >>> 0 ? 1 : 0; pc += 4; continue;
                  case Code.I32GeSI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >= code[pc + 3] ? 1 : 0; pc += 4; continue;
                  case Code.I32GeUI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >>> 0 >= code[pc + 3] >>> 0 ? 1 : 0; pc += 4; continue;
                  case Code.I32Clz: I[fp + code[pc + 1]] = Math.clz32(I[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.I32Ctz: I[fp + code[pc + 1]] = i32Ctz(I[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.I32Popcnt: I[fp + code[pc + 1]] = i32Popcnt(I[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.I32Add: I[fp + code[pc + 1]] = (I[fp + code[pc + 2]] + I[fp + code[pc + 3]]) | 0; pc += 4; continue;
                  case Code.I32Sub: I[fp + code[pc + 1]] = (I[fp + code[pc + 2]] - I[fp + code[pc + 3]]) | 0; pc += 4; continue;
                  case Code.I32Mul: I[fp + code[pc + 1]] = Math.imul(I[fp + code[pc + 2]], I[fp + code[pc + 3]]); pc += 4; continue;
                  case Code.I32DivS: I[fp + code[pc + 1]] = i32DivS(I[fp + code[pc + 2]], I[fp + code[pc + 3]]); pc += 4; continue;
                  case Code.I32DivU: I[fp + code[pc + 1]] = i32DivU(I[fp + code[pc + 2]], I[fp + code[pc + 3]]); pc += 4; continue;
                  case Code.I32RemS: I[fp + code[pc + 1]] = i32RemS(I[fp + code[pc + 2]], I[fp + code[pc + 3]]); pc += 4; continue;
                  case Code.I32RemU: I[fp + code[pc + 1]] = i32RemU(I[fp + code[pc + 2]], I[fp + code[pc + 3]]); pc += 4; continue;
                  case Code.I32And: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] & I[fp + code[pc + 3]]; pc += 4; continue;
                  case Code.I32Or: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] | I[fp + code[pc + 3]]; pc += 4; continue;
                  case Code.I32Xor: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] ^ I[fp + code[pc + 3]]; pc += 4; continue;
                  case Code.I32Shl: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] << I[fp + code[pc + 3]]; pc += 4; continue;
                  case Code.I32ShrS: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >> I[fp + code[pc + 3]]; pc += 4; continue;
                  case Code.I32ShrU: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >>> I[fp + code[pc + 3]]; pc += 4; continue;
                  case Code.I32Rotl: I[fp + code[pc + 1]] = i32Rotl(I[fp + code[pc + 2]], I[fp + code[pc + 3]]); pc += 4; continue;
                  case Code.I32Rotr: I[fp + code[pc + 1]] = i32Rotr(I[fp + code[pc + 2]], I[fp + code[pc + 3]]); pc += 4; continue;
                  case Code.I32AddI: I[fp + code[pc + 1]] = (I[fp + code[pc + 2]] + code[pc + 3]) | 0; pc += 4; continue;
                  case Code.I32MulI: I[fp + code[pc + 1]] = Math.imul(I[fp + code[pc + 2]], code[pc + 3]); pc += 4; continue;
                  case Code.I32AndI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] & code[pc + 3]; pc += 4; continue;
                  case Code.I32OrI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] | code[pc + 3]; pc += 4; continue;
                  case Code.I32XorI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] ^ code[pc + 3]; pc += 4; continue;
                  case Code.I32ShlI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] << code[pc + 3]; pc += 4; continue;
                  case Code.I32ShrSI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >> code[pc + 3]; pc += 4; continue;
                  case Code.I32ShrUI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] >>> code[pc + 3]; pc += 4; continue;
                  case Code.I32RotlI: I[fp + code[pc + 1]] = i32Rotl(I[fp + code[pc + 2]], code[pc + 3]); pc += 4; continue;
                  case Code.I32RotrI: I[fp + code[pc + 1]] = i32Rotr(I[fp + code[pc + 2]], code[pc + 3]); pc += 4; continue;
                  case Code.I32XorShlI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] ^ (I[fp + code[pc + 3]] << code[pc + 4]); pc += 5; continue;
                  case Code.I32XorShrSI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] ^ (I[fp + code[pc + 3]] >> code[pc + 4]); pc += 5; continue;
                  case Code.I32XorShrUI: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] ^ (I[fp + code[pc + 3]] >>> code[pc + 4]); pc += 5; continue;
                  case Code.I32MulAddI: I[fp + code[pc + 1]] = (Math.imul(I[fp + code[pc + 2]], code[pc + 3]) + code[pc + 4]) | 0; pc += 5; continue;
                  case Code.I32Extend8S: I[fp + code[pc + 1]] = (I[fp + code[pc + 2]] << 24) >> 24; pc += 3; continue;
                  case Code.I32Extend16S: I[fp + code[pc + 1]] = (I[fp + code[pc + 2]] << 16) >> 16; pc += 3; continue;

                  // ---- i64 (two halves): unary `i:dst i:a`, binary `i:dst i:a i:b` ----
                  case Code.I64Eqz: {
                    const a = fp + code[pc + 2];
                    I[fp + code[pc + 1]] = (I[a] | I[a + 1]) === 0 ? 1 : 0;
                    pc += 3; continue;
                  }
                  case Code.I64Eq: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3];
                    I[fp + code[pc + 1]] = I[a] === I[b] && I[a + 1] === I[b + 1] ? 1 : 0;
                    pc += 4; continue;
                  }
                  case Code.I64Ne: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3];
                    I[fp + code[pc + 1]] = I[a] !== I[b] || I[a + 1] !== I[b + 1] ? 1 : 0;
                    pc += 4; continue;
                  }
                  case Code.I64LtS: case Code.I64LtU: case Code.I64GtS: case Code.I64GtU: case Code.I64LeS: case Code.I64LeU: case Code.I64GeS: case Code.I64GeU: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3];
                    const ah = I[a + 1], bh = I[b + 1];
                    // Order by the high halves (signed or unsigned), then by the low halves (unsigned).
                    let c: number;
                    if (ah !== bh) {
                      const signed = op === Code.I64LtS || op === Code.I64GtS || op === Code.I64LeS || op === Code.I64GeS;
                      c = signed ? (ah < bh ? -1 : 1) : (ah >>> 0 < bh >>> 0 ? -1 : 1);
                    } else {
                      const al = I[a] >>> 0, bl = I[b] >>> 0;
                      c = al < bl ? -1 : al > bl ? 1 : 0;
                    }
                    let r: boolean;
                    switch (op) {
                      case Code.I64LtS: case Code.I64LtU: r = c < 0; break;
                      case Code.I64GtS: case Code.I64GtU: r = c > 0; break;
                      case Code.I64LeS: case Code.I64LeU: r = c <= 0; break;
                      default: r = c >= 0;
                    }
                    I[fp + code[pc + 1]] = r ? 1 : 0;
                    pc += 4; continue;
                  }
                  case Code.I64Clz: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1];
                    I[d] = i64Clz(I[a], I[a + 1]); I[d + 1] = 0;
                    pc += 3; continue;
                  }
                  case Code.I64Ctz: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1];
                    I[d] = i64Ctz(I[a], I[a + 1]); I[d + 1] = 0;
                    pc += 3; continue;
                  }
                  case Code.I64Popcnt: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1];
                    I[d] = i64Popcnt(I[a], I[a + 1]); I[d + 1] = 0;
                    pc += 3; continue;
                  }
                  case Code.I64Add: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3], d = fp + code[pc + 1];
                    const al = I[a], ah = I[a + 1], bl = I[b], bh = I[b + 1];
                    const lo = (al + bl) | 0;
                    I[d] = lo; I[d + 1] = (ah + bh + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
                    pc += 4; continue;
                  }
                  case Code.I64Sub: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3], d = fp + code[pc + 1];
                    const al = I[a], ah = I[a + 1], bl = I[b], bh = I[b + 1];
                    I[d] = (al - bl) | 0; I[d + 1] = (ah - bh - (al >>> 0 < bl >>> 0 ? 1 : 0)) | 0;
                    pc += 4; continue;
                  }
                  case Code.I64Mul: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3];
                    i64Mul(I, fp + code[pc + 1], I[a], I[a + 1], I[b], I[b + 1]);
                    pc += 4; continue;
                  }
                  case Code.I64DivS: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3];
                    i64DivS(I, fp + code[pc + 1], I[a], I[a + 1], I[b], I[b + 1]);
                    pc += 4; continue;
                  }
                  case Code.I64DivU: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3];
                    i64DivU(I, fp + code[pc + 1], I[a], I[a + 1], I[b], I[b + 1]);
                    pc += 4; continue;
                  }
                  case Code.I64RemS: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3];
                    i64RemS(I, fp + code[pc + 1], I[a], I[a + 1], I[b], I[b + 1]);
                    pc += 4; continue;
                  }
                  case Code.I64RemU: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3];
                    i64RemU(I, fp + code[pc + 1], I[a], I[a + 1], I[b], I[b + 1]);
                    pc += 4; continue;
                  }
                  case Code.I64And: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3], d = fp + code[pc + 1];
                    const lo = I[a] & I[b], hi = I[a + 1] & I[b + 1];
                    I[d] = lo; I[d + 1] = hi;
                    pc += 4; continue;
                  }
                  case Code.I64Or: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3], d = fp + code[pc + 1];
                    const lo = I[a] | I[b], hi = I[a + 1] | I[b + 1];
                    I[d] = lo; I[d + 1] = hi;
                    pc += 4; continue;
                  }
                  case Code.I64Xor: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3], d = fp + code[pc + 1];
                    const lo = I[a] ^ I[b], hi = I[a + 1] ^ I[b + 1];
                    I[d] = lo; I[d + 1] = hi;
                    pc += 4; continue;
                  }
                  case Code.I64Shl: {
                    const a = fp + code[pc + 2];
                    i64Shl(I, fp + code[pc + 1], I[a], I[a + 1], I[fp + code[pc + 3]]);
                    pc += 4; continue;
                  }
                  case Code.I64ShrS: {
                    const a = fp + code[pc + 2];
                    i64ShrS(I, fp + code[pc + 1], I[a], I[a + 1], I[fp + code[pc + 3]]);
                    pc += 4; continue;
                  }
                  case Code.I64ShrU: {
                    const a = fp + code[pc + 2];
                    i64ShrU(I, fp + code[pc + 1], I[a], I[a + 1], I[fp + code[pc + 3]]);
                    pc += 4; continue;
                  }
                  case Code.I64Rotl: {
                    const a = fp + code[pc + 2];
                    i64Rotl(I, fp + code[pc + 1], I[a], I[a + 1], I[fp + code[pc + 3]]);
                    pc += 4; continue;
                  }
                  case Code.I64Rotr: {
                    const a = fp + code[pc + 2];
                    i64Rotr(I, fp + code[pc + 1], I[a], I[a + 1], I[fp + code[pc + 3]]);
                    pc += 4; continue;
                  }
                  case Code.I64ShlI: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1], k = code[pc + 3];
                    const lo = I[a], hi = I[a + 1];
                    I[d] = lo << k; I[d + 1] = (hi << k) | (lo >>> (32 - k));
                    pc += 4; continue;
                  }
                  case Code.I64ShlIHi: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1], k = code[pc + 3];
                    const lo = I[a], hi = I[a + 1];
                    I[d] = 0; I[d + 1] = lo << k;
                    pc += 4; continue;
                  }
                  case Code.I64ShrSI: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1], k = code[pc + 3];
                    const lo = I[a], hi = I[a + 1];
                    I[d] = (lo >>> k) | (hi << (32 - k)); I[d + 1] = hi >> k;
                    pc += 4; continue;
                  }
                  case Code.I64ShrSIHi: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1], k = code[pc + 3];
                    const lo = I[a], hi = I[a + 1];
                    I[d] = hi >> k; I[d + 1] = hi >> 31;
                    pc += 4; continue;
                  }
                  case Code.I64ShrUI: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1], k = code[pc + 3];
                    const lo = I[a], hi = I[a + 1];
                    I[d] = (lo >>> k) | (hi << (32 - k)); I[d + 1] = hi >>> k;
                    pc += 4; continue;
                  }
                  case Code.I64ShrUIHi: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1], k = code[pc + 3];
                    const lo = I[a], hi = I[a + 1];
                    I[d] = hi >>> k; I[d + 1] = 0;
                    pc += 4; continue;
                  }
                  case Code.I64RotlI: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1], k = code[pc + 3];
                    const lo = I[a], hi = I[a + 1];
                    I[d] = (lo << k) | (hi >>> (32 - k)); I[d + 1] = (hi << k) | (lo >>> (32 - k));
                    pc += 4; continue;
                  }
                  case Code.I64RotlIHi: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1], k = code[pc + 3];
                    const lo = I[a], hi = I[a + 1];
                    I[d] = (hi << k) | (lo >>> (32 - k)); I[d + 1] = (lo << k) | (hi >>> (32 - k));
                    pc += 4; continue;
                  }
                  case Code.I64XorShlI: {
                    const x = fp + code[pc + 2], y = fp + code[pc + 3], d = fp + code[pc + 1], k = code[pc + 4];
                    const lo = I[y], hi = I[y + 1], xl = I[x], xh = I[x + 1];
                    I[d] = xl ^ (lo << k); I[d + 1] = xh ^ ((hi << k) | (lo >>> (32 - k)));
                    pc += 5; continue;
                  }
                  case Code.I64XorShlIHi: {
                    const x = fp + code[pc + 2], y = fp + code[pc + 3], d = fp + code[pc + 1], k = code[pc + 4];
                    const lo = I[y], hi = I[y + 1], xl = I[x], xh = I[x + 1];
                    I[d] = xl ^ (0); I[d + 1] = xh ^ (lo << k);
                    pc += 5; continue;
                  }
                  case Code.I64XorShrSI: {
                    const x = fp + code[pc + 2], y = fp + code[pc + 3], d = fp + code[pc + 1], k = code[pc + 4];
                    const lo = I[y], hi = I[y + 1], xl = I[x], xh = I[x + 1];
                    I[d] = xl ^ ((lo >>> k) | (hi << (32 - k))); I[d + 1] = xh ^ (hi >> k);
                    pc += 5; continue;
                  }
                  case Code.I64XorShrSIHi: {
                    const x = fp + code[pc + 2], y = fp + code[pc + 3], d = fp + code[pc + 1], k = code[pc + 4];
                    const lo = I[y], hi = I[y + 1], xl = I[x], xh = I[x + 1];
                    I[d] = xl ^ (hi >> k); I[d + 1] = xh ^ (hi >> 31);
                    pc += 5; continue;
                  }
                  case Code.I64XorShrUI: {
                    const x = fp + code[pc + 2], y = fp + code[pc + 3], d = fp + code[pc + 1], k = code[pc + 4];
                    const lo = I[y], hi = I[y + 1], xl = I[x], xh = I[x + 1];
                    I[d] = xl ^ ((lo >>> k) | (hi << (32 - k))); I[d + 1] = xh ^ (hi >>> k);
                    pc += 5; continue;
                  }
                  case Code.I64XorShrUIHi: {
                    const x = fp + code[pc + 2], y = fp + code[pc + 3], d = fp + code[pc + 1], k = code[pc + 4];
                    const lo = I[y], hi = I[y + 1], xl = I[x], xh = I[x + 1];
                    I[d] = xl ^ (hi >>> k); I[d + 1] = xh ^ (0);
                    pc += 5; continue;
                  }
                  case Code.I64Extend8S: {
                    const v = (I[fp + code[pc + 2]] << 24) >> 24, d = fp + code[pc + 1];
                    I[d] = v; I[d + 1] = v >> 31;
                    pc += 3; continue;
                  }
                  case Code.I64Extend16S: {
                    const v = (I[fp + code[pc + 2]] << 16) >> 16, d = fp + code[pc + 1];
                    I[d] = v; I[d + 1] = v >> 31;
                    pc += 3; continue;
                  }
                  case Code.I64Extend32S: case Code.I64ExtendI32S: {
                    const v = I[fp + code[pc + 2]], d = fp + code[pc + 1];
                    I[d] = v; I[d + 1] = v >> 31;
                    pc += 3; continue;
                  }
                  case Code.I64ExtendI32U: {
                    const v = I[fp + code[pc + 2]], d = fp + code[pc + 1];
                    I[d] = v; I[d + 1] = 0;
                    pc += 3; continue;
                  }

                  // ---- f32 (through the Float32Array view, `i` operands) ----
                  case Code.F32Eq: I[fp + code[pc + 1]] = F[fp + code[pc + 2]] === F[fp + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.F32Ne: I[fp + code[pc + 1]] = F[fp + code[pc + 2]] !== F[fp + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.F32Lt: I[fp + code[pc + 1]] = F[fp + code[pc + 2]] < F[fp + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.F32Gt: I[fp + code[pc + 1]] = F[fp + code[pc + 2]] > F[fp + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.F32Le: I[fp + code[pc + 1]] = F[fp + code[pc + 2]] <= F[fp + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.F32Ge: I[fp + code[pc + 1]] = F[fp + code[pc + 2]] >= F[fp + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.F32Abs: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] & 0x7fffffff; pc += 3; continue;
                  case Code.F32Neg: I[fp + code[pc + 1]] = I[fp + code[pc + 2]] ^ -0x80000000; pc += 3; continue;
                  case Code.F32Copysign: I[fp + code[pc + 1]] = (I[fp + code[pc + 2]] & 0x7fffffff) | (I[fp + code[pc + 3]] & -0x80000000); pc += 4; continue;
                  case Code.F32Ceil: F[fp + code[pc + 1]] = fCeil(F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.F32Floor: F[fp + code[pc + 1]] = fFloor(F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.F32Trunc: F[fp + code[pc + 1]] = fTrunc(F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.F32Nearest: F[fp + code[pc + 1]] = fNearest(F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.F32Sqrt: F[fp + code[pc + 1]] = Math.sqrt(F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.F32Add: F[fp + code[pc + 1]] = F[fp + code[pc + 2]] + F[fp + code[pc + 3]]; pc += 4; continue;
                  case Code.F32Sub: F[fp + code[pc + 1]] = F[fp + code[pc + 2]] - F[fp + code[pc + 3]]; pc += 4; continue;
                  case Code.F32Mul: F[fp + code[pc + 1]] = F[fp + code[pc + 2]] * F[fp + code[pc + 3]]; pc += 4; continue;
                  case Code.F32Div: F[fp + code[pc + 1]] = F[fp + code[pc + 2]] / F[fp + code[pc + 3]]; pc += 4; continue;
                  case Code.F32Min: F[fp + code[pc + 1]] = Math.min(F[fp + code[pc + 2]], F[fp + code[pc + 3]]); pc += 4; continue;
                  case Code.F32Max: F[fp + code[pc + 1]] = Math.max(F[fp + code[pc + 2]], F[fp + code[pc + 3]]); pc += 4; continue;
                  case Code.F32MulAdd:
                    F[fp + code[pc + 1]] = Math.fround(F[fp + code[pc + 2]] * F[fp + code[pc + 3]]) + F[fp + code[pc + 4]];
                    pc += 5; continue;

                  // ---- f64: comparisons `i:dst d:a d:b`; abs/neg/copysign on halves `i:dst i:a (i:b)`; arithmetic `d:dst d:a (d:b)` ----
                  case Code.F64Eq: I[fp + code[pc + 1]] = D[fd + code[pc + 2]] === D[fd + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.F64Ne: I[fp + code[pc + 1]] = D[fd + code[pc + 2]] !== D[fd + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.F64Lt: I[fp + code[pc + 1]] = D[fd + code[pc + 2]] < D[fd + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.F64Gt: I[fp + code[pc + 1]] = D[fd + code[pc + 2]] > D[fd + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.F64Le: I[fp + code[pc + 1]] = D[fd + code[pc + 2]] <= D[fd + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.F64Ge: I[fp + code[pc + 1]] = D[fd + code[pc + 2]] >= D[fd + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.F64Abs: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1];
                    const lo = I[a], hi = I[a + 1] & 0x7fffffff;
                    I[d] = lo; I[d + 1] = hi;
                    pc += 3; continue;
                  }
                  case Code.F64Neg: {
                    const a = fp + code[pc + 2], d = fp + code[pc + 1];
                    const lo = I[a], hi = I[a + 1] ^ -0x80000000;
                    I[d] = lo; I[d + 1] = hi;
                    pc += 3; continue;
                  }
                  case Code.F64Copysign: {
                    const a = fp + code[pc + 2], b = fp + code[pc + 3], d = fp + code[pc + 1];
                    const lo = I[a], hi = (I[a + 1] & 0x7fffffff) | (I[b + 1] & -0x80000000);
                    I[d] = lo; I[d + 1] = hi;
                    pc += 4; continue;
                  }
                  case Code.F64Ceil: D[fd + code[pc + 1]] = fCeil(D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.F64Floor: D[fd + code[pc + 1]] = fFloor(D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.F64Trunc: D[fd + code[pc + 1]] = fTrunc(D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.F64Nearest: D[fd + code[pc + 1]] = fNearest(D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.F64Sqrt: D[fd + code[pc + 1]] = Math.sqrt(D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.F64Add: D[fd + code[pc + 1]] = D[fd + code[pc + 2]] + D[fd + code[pc + 3]]; pc += 4; continue;
                  case Code.F64Sub: D[fd + code[pc + 1]] = D[fd + code[pc + 2]] - D[fd + code[pc + 3]]; pc += 4; continue;
                  case Code.F64Mul: D[fd + code[pc + 1]] = D[fd + code[pc + 2]] * D[fd + code[pc + 3]]; pc += 4; continue;
                  case Code.F64Div: D[fd + code[pc + 1]] = D[fd + code[pc + 2]] / D[fd + code[pc + 3]]; pc += 4; continue;
                  case Code.F64Min: D[fd + code[pc + 1]] = Math.min(D[fd + code[pc + 2]], D[fd + code[pc + 3]]); pc += 4; continue;
                  case Code.F64Max: D[fd + code[pc + 1]] = Math.max(D[fd + code[pc + 2]], D[fd + code[pc + 3]]); pc += 4; continue;
                  case Code.F64MulL: {
                    const ea = (I[fp + code[pc + 3]] + code[pc + 4]) >>> 0;
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    D[fd + code[pc + 1]] = D[fd + code[pc + 2]] * dv.getFloat64(ea, true);
                    pc += 5; continue;
                  }
                  case Code.F64AddL: {
                    const ea = (I[fp + code[pc + 3]] + code[pc + 4]) >>> 0;
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    D[fd + code[pc + 1]] = D[fd + code[pc + 2]] + dv.getFloat64(ea, true);
                    pc += 5; continue;
                  }
                  case Code.F64MulAddL: {
                    const ea = (I[fp + code[pc + 3]] + code[pc + 4]) >>> 0;
                    if (ea + 8 > memLen) memoryOutOfBounds();
                    D[fd + code[pc + 1]] = D[fd + code[pc + 2]] * dv.getFloat64(ea, true) + D[fd + code[pc + 5]];
                    pc += 6; continue;
                  }
                  case Code.F64MulAdd: D[fd + code[pc + 1]] = D[fd + code[pc + 2]] * D[fd + code[pc + 3]] + D[fd + code[pc + 4]]; pc += 5; continue;

                  // ---- conversions `dst a`, units by the types involved (f64 in `d`, all else `i`) ----
                  case Code.I32TruncF32S: I[fp + code[pc + 1]] = i32TruncS(F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.I32TruncF32U: I[fp + code[pc + 1]] = i32TruncU(F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.I32TruncF64S: I[fp + code[pc + 1]] = i32TruncS(D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.I32TruncF64U: I[fp + code[pc + 1]] = i32TruncU(D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.I64TruncF32S: i64TruncS(I, fp + code[pc + 1], F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.I64TruncF32U: i64TruncU(I, fp + code[pc + 1], F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.I64TruncF64S: i64TruncS(I, fp + code[pc + 1], D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.I64TruncF64U: i64TruncU(I, fp + code[pc + 1], D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.I32TruncSatF32S: I[fp + code[pc + 1]] = i32TruncSatS(F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.I32TruncSatF32U: I[fp + code[pc + 1]] = i32TruncSatU(F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.I32TruncSatF64S: I[fp + code[pc + 1]] = i32TruncSatS(D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.I32TruncSatF64U: I[fp + code[pc + 1]] = i32TruncSatU(D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.I64TruncSatF32S: i64TruncSatS(I, fp + code[pc + 1], F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.I64TruncSatF32U: i64TruncSatU(I, fp + code[pc + 1], F[fp + code[pc + 2]]); pc += 3; continue;
                  case Code.I64TruncSatF64S: i64TruncSatS(I, fp + code[pc + 1], D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.I64TruncSatF64U: i64TruncSatU(I, fp + code[pc + 1], D[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.F32ConvertI32S: F[fp + code[pc + 1]] = I[fp + code[pc + 2]]; pc += 3; continue;
                  case Code.F32ConvertI32U: F[fp + code[pc + 1]] = I[fp + code[pc + 2]] >>> 0; pc += 3; continue;
                  case Code.F32ConvertI64S: {
                    const a = fp + code[pc + 2];
                    F[fp + code[pc + 1]] = f32ConvertI64S(I[a], I[a + 1]);
                    pc += 3; continue;
                  }
                  case Code.F32ConvertI64U: {
                    const a = fp + code[pc + 2];
                    F[fp + code[pc + 1]] = f32ConvertI64U(I[a], I[a + 1]);
                    pc += 3; continue;
                  }
                  case Code.F32DemoteF64: F[fp + code[pc + 1]] = D[fd + code[pc + 2]]; pc += 3; continue;
                  case Code.F64ConvertI32S: D[fd + code[pc + 1]] = I[fp + code[pc + 2]]; pc += 3; continue;
                  case Code.F64ConvertI32U: D[fd + code[pc + 1]] = I[fp + code[pc + 2]] >>> 0; pc += 3; continue;
                  case Code.F64ConvertI64S: {
                    const a = fp + code[pc + 2];
                    D[fd + code[pc + 1]] = f64ConvertI64S(I[a], I[a + 1]);
                    pc += 3; continue;
                  }
                  case Code.F64ConvertI64U: {
                    const a = fp + code[pc + 2];
                    D[fd + code[pc + 1]] = f64ConvertI64U(I[a], I[a + 1]);
                    pc += 3; continue;
                  }
                  case Code.F64PromoteF32: D[fd + code[pc + 1]] = F[fp + code[pc + 2]]; pc += 3; continue;
                  // @generated end numeric

                  // ---------------------------------------------------------- references and tables
                  // @generated begin tables (tools/gen-interpreter.ts, from isa.ts: edit the table there)
                  // ---- references and tables ----
                  case Code.RefNull: R[fd + code[pc + 1]] = null; pc += 2; continue;
                  case Code.RefIsNull: I[fp + code[pc + 1]] = R[fd + code[pc + 2]] === null ? 1 : 0; pc += 3; continue;
                  case Code.RefAsNonNull: if (R[fd + code[pc + 1]] === null) trap(TrapMessage.NullReference); pc += 2; continue;
                  case Code.RefFunc: R[fd + code[pc + 1]] = funcs[code[pc + 2]]; pc += 3; continue;
                  case Code.TableGet: R[fd + code[pc + 1]] = tableGet(tables[code[pc + 2]], I[fp + code[pc + 3]]); pc += 4; continue;
                  case Code.TableSet: tableSet(tables[code[pc + 1]], I[fp + code[pc + 2]], R[fd + code[pc + 3]]); pc += 4; continue;
                  case Code.TableSize: I[fp + code[pc + 1]] = tables[code[pc + 2]].elements.length; pc += 3; continue;
                  case Code.TableGrow: I[fp + code[pc + 1]] = tableGrow(tables[code[pc + 2]], R[fd + code[pc + 3]], I[fp + code[pc + 4]]); pc += 5; continue;
                  case Code.TableFill: tableFill(tables[code[pc + 1]], I[fp + code[pc + 2]], R[fd + code[pc + 3]], I[fp + code[pc + 4]]); pc += 5; continue;
                  case Code.TableCopy:
                    tableCopy(tables[code[pc + 1]], tables[code[pc + 2]], I[fp + code[pc + 3]], I[fp + code[pc + 4]], I[fp + code[pc + 5]]);
                    pc += 6; continue;
                  case Code.TableInit:
                    tableInit(inst, code[pc + 1], code[pc + 2], I[fp + code[pc + 3]], I[fp + code[pc + 4]], I[fp + code[pc + 5]]);
                    pc += 6; continue;
                  case Code.ElemDrop: elemDrop(inst, code[pc + 1]); pc += 2; continue;
                  case Code.TableIndex64: {
                    const a = fp + code[pc + 2];
                    I[fp + code[pc + 1]] = I[a + 1] === 0 ? I[a] : -1;
                    pc += 3; continue;
                  }
                  // @generated end tables

                  // SIMD: one case for every v128 instruction and move, run out of line.
                  case Code.Simd: pc = simdStep(m.V, I, code, pc, fp, dv, globals); continue;

                  // Threads: every atomic instruction, run out of line.
                  case Code.Atomic: pc = atomicStep(I, code, pc, fp, mem); continue;

                  // Multiple memories and memory64: memory instructions on memories other than an i32 memory 0, out of line.
                  case Code.Mem: {
                    memStep(m.V, I, code, pc, fp, inst);
                    // A grow may have moved memory 0 (when it is an i64 memory, say): re-enter with its view.
                    const grew = code[pc + 2] === 0x40; // memory.grow
                    pc += MEM_WORDS;
                    if (grew) break suspend;
                    continue;
                  }

                  // ---------------------------------------------------------- GC: i31, ref.eq, casts, extern/any conversions
                  // @generated begin i31 (tools/gen-interpreter.ts, from isa.ts: edit the table there)
                  // ---- GC: i31, ref.eq, casts, extern/any conversions ----
                  case Code.RefI31: R[fd + code[pc + 1]] = (I[fp + code[pc + 2]] << 1) >> 1; pc += 3; continue;
                  case Code.I31GetS: case Code.I31GetU: {
                    const v = R[fd + code[pc + 2]];
                    if (v === null) trap(TrapMessage.NullI31Reference);
                    I[fp + code[pc + 1]] = op === Code.I31GetS ? v as number : (v as number) & 0x7fffffff;
                    pc += 3; continue;
                  }
                  case Code.RefEq: I[fp + code[pc + 1]] = R[fd + code[pc + 2]] === R[fd + code[pc + 3]] ? 1 : 0; pc += 4; continue;
                  case Code.AnyConvertExtern: R[fd + code[pc + 1]] = anyConvertExtern(R[fd + code[pc + 2]]); pc += 3; continue;
                  case Code.ExternConvertAny: R[fd + code[pc + 1]] = externConvertAny(R[fd + code[pc + 2]]); pc += 3; continue;
                  // @generated end i31
                  case Code.RefTest:
                    I[fp + code[pc + 1]] = refTest(R[fd + code[pc + 2]], code[pc + 3], code[pc + 4] !== 0, space.types) ? 1 : 0;
                    pc += 5; continue;
                  case Code.RefCast:
                    if (!refTest(R[fd + code[pc + 1]], code[pc + 2], code[pc + 3] !== 0, space.types)) trap(TrapMessage.CastFailure);
                    pc += 4; continue;
                  // ---------------------------------------------------------- GC structs and arrays (issue 18)
                  // A field is a read of the struct's slot array at an index the lowering knows; an element, a
                  // typed-array read after the bounds check (layouts in ../../runtime/gc-objects.ts).
                  // @generated begin gc (tools/gen-interpreter.ts, from isa.ts: edit the table there)
                  // ---- GC structs: `k:slot` is the field's first slot (`structSlot` of ../../runtime/gc-objects.ts); a null struct traps ----
                  case Code.StructGet32: {
                    const o = R[fd + code[pc + 2]] as StructObject | null;
                    if (o === null) nullStruct();
                    I[fp + code[pc + 1]] = structSlot(o, code[pc + 3]) as number;
                    pc += 4; continue;
                  }
                  case Code.StructGet64: {
                    const o = R[fd + code[pc + 2]] as StructObject | null;
                    if (o === null) nullStruct();
                    const k = code[pc + 3], w = fp + code[pc + 1];
                    I[w] = structSlot(o, k) as number; I[w + 1] = structSlot(o, k + 1) as number;
                    pc += 4; continue;
                  }
                  case Code.StructGetRef: {
                    const o = R[fd + code[pc + 2]] as StructObject | null;
                    if (o === null) nullStruct();
                    R[fd + code[pc + 1]] = structSlot(o, code[pc + 3]);
                    pc += 4; continue;
                  }
                  case Code.StructGetS8: {
                    const o = R[fd + code[pc + 2]] as StructObject | null;
                    if (o === null) nullStruct();
                    I[fp + code[pc + 1]] = ((structSlot(o, code[pc + 3]) as number) << 24) >> 24;
                    pc += 4; continue;
                  }
                  case Code.StructGetS16: {
                    const o = R[fd + code[pc + 2]] as StructObject | null;
                    if (o === null) nullStruct();
                    I[fp + code[pc + 1]] = ((structSlot(o, code[pc + 3]) as number) << 16) >> 16;
                    pc += 4; continue;
                  }
                  case Code.StructSet32: {
                    const o = R[fd + code[pc + 1]] as StructObject | null;
                    if (o === null) nullStruct();
                    setStructSlot(o, code[pc + 2], I[fp + code[pc + 3]]);
                    pc += 4; continue;
                  }
                  case Code.StructSet64: {
                    const o = R[fd + code[pc + 1]] as StructObject | null;
                    if (o === null) nullStruct();
                    const k = code[pc + 2], w = fp + code[pc + 3];
                    setStructSlot(o, k, I[w]); setStructSlot(o, k + 1, I[w + 1]);
                    pc += 4; continue;
                  }
                  case Code.StructSetRef: {
                    const o = R[fd + code[pc + 1]] as StructObject | null;
                    if (o === null) nullStruct();
                    setStructSlot(o, code[pc + 2], R[fd + code[pc + 3]]);
                    pc += 4; continue;
                  }
                  case Code.StructSet8: {
                    const o = R[fd + code[pc + 1]] as StructObject | null;
                    if (o === null) nullStruct();
                    setStructSlot(o, code[pc + 2], I[fp + code[pc + 3]] & 0xff);
                    pc += 4; continue;
                  }
                  case Code.StructSet16: {
                    const o = R[fd + code[pc + 1]] as StructObject | null;
                    if (o === null) nullStruct();
                    setStructSlot(o, code[pc + 2], I[fp + code[pc + 3]] & 0xffff);
                    pc += 4; continue;
                  }

                  // ---- GC arrays: `i:index` unsigned; a null array or an index out of bounds traps ----
                  case Code.ArrayLen: {
                    const a = R[fd + code[pc + 2]] as ArrayObject | null;
                    if (a === null) nullArray();
                    I[fp + code[pc + 1]] = a.length;
                    pc += 3; continue;
                  }
                  case Code.ArrayGet32: {
                    const a = R[fd + code[pc + 2]] as ArrayObject | null;
                    if (a === null) nullArray();
                    const i = I[fp + code[pc + 3]] >>> 0;
                    if (i >= a.length) arrayOutOfBounds();
                    I[fp + code[pc + 1]] = (a.data as Int32Array)[i];
                    pc += 4; continue;
                  }
                  case Code.ArrayGet64: {
                    const a = R[fd + code[pc + 2]] as ArrayObject | null;
                    if (a === null) nullArray();
                    const i = I[fp + code[pc + 3]] >>> 0;
                    if (i >= a.length) arrayOutOfBounds();
                    const words = a.data as Int32Array, w = fp + code[pc + 1];
                    I[w] = words[2 * i]; I[w + 1] = words[2 * i + 1];
                    pc += 4; continue;
                  }
                  case Code.ArrayGetRef: {
                    const a = R[fd + code[pc + 2]] as ArrayObject | null;
                    if (a === null) nullArray();
                    const i = I[fp + code[pc + 3]] >>> 0;
                    if (i >= a.length) arrayOutOfBounds();
                    R[fd + code[pc + 1]] = (a.data as unknown[])[i];
                    pc += 4; continue;
                  }
                  case Code.ArrayGetS8: case Code.ArrayGetU8: {
                    const a = R[fd + code[pc + 2]] as ArrayObject | null;
                    if (a === null) nullArray();
                    const i = I[fp + code[pc + 3]] >>> 0;
                    if (i >= a.length) arrayOutOfBounds();
                    const x = (a.data as Uint8Array)[i];
                    I[fp + code[pc + 1]] = op === Code.ArrayGetS8 ? (x << 24) >> 24 : x;
                    pc += 4; continue;
                  }
                  case Code.ArrayGetS16: case Code.ArrayGetU16: {
                    const a = R[fd + code[pc + 2]] as ArrayObject | null;
                    if (a === null) nullArray();
                    const i = I[fp + code[pc + 3]] >>> 0;
                    if (i >= a.length) arrayOutOfBounds();
                    const x = (a.data as Uint16Array)[i];
                    I[fp + code[pc + 1]] = op === Code.ArrayGetS16 ? (x << 16) >> 16 : x;
                    pc += 4; continue;
                  }
                  case Code.ArraySet32: {
                    const a = R[fd + code[pc + 1]] as ArrayObject | null;
                    if (a === null) nullArray();
                    const i = I[fp + code[pc + 2]] >>> 0;
                    if (i >= a.length) arrayOutOfBounds();
                    (a.data as Int32Array)[i] = I[fp + code[pc + 3]];
                    pc += 4; continue;
                  }
                  case Code.ArraySet64: {
                    const a = R[fd + code[pc + 1]] as ArrayObject | null;
                    if (a === null) nullArray();
                    const i = I[fp + code[pc + 2]] >>> 0;
                    if (i >= a.length) arrayOutOfBounds();
                    const words = a.data as Int32Array, w = fp + code[pc + 3];
                    words[2 * i] = I[w]; words[2 * i + 1] = I[w + 1];
                    pc += 4; continue;
                  }
                  case Code.ArraySetRef: {
                    const a = R[fd + code[pc + 1]] as ArrayObject | null;
                    if (a === null) nullArray();
                    const i = I[fp + code[pc + 2]] >>> 0;
                    if (i >= a.length) arrayOutOfBounds();
                    (a.data as unknown[])[i] = R[fd + code[pc + 3]];
                    pc += 4; continue;
                  }
                  case Code.ArraySet8: {
                    const a = R[fd + code[pc + 1]] as ArrayObject | null;
                    if (a === null) nullArray();
                    const i = I[fp + code[pc + 2]] >>> 0;
                    if (i >= a.length) arrayOutOfBounds();
                    (a.data as Uint8Array)[i] = I[fp + code[pc + 3]];
                    pc += 4; continue;
                  }
                  case Code.ArraySet16: {
                    const a = R[fd + code[pc + 1]] as ArrayObject | null;
                    if (a === null) nullArray();
                    const i = I[fp + code[pc + 2]] >>> 0;
                    if (i >= a.length) arrayOutOfBounds();
                    (a.data as Uint16Array)[i] = I[fp + code[pc + 3]];
                    pc += 4; continue;
                  }
                  // @generated end gc
                  // Allocation, v128 fields and elements, bulk array operations: out of line.
                  case Code.GcAggregate: gcAggregateStep(m, inst, code, pc, fp); pc += GC_AGG_WORDS; continue;

                  case Code.Count: badCode(op, pc);
                  default: {
                    const never: never = op;
                    badCode(never, pc);
                  }
                }
              }
              // ---------------------------------------------------------- a branch back to a loop, `pc` complemented
              pc = ~pc;
              if (--fuel < 0) break suspend;
              continue;
            }
            // ---------------------------------------------------------- call a function instance `callee`
            callee = callee!;
            if (callee.host !== null) {
              if (callee.leaf) {
                // It changes nothing this loop holds: the call is made here, its results land where the caller reads them.
                callHost(m, callee, fp + argBase, depth, inst);
                if (--fuel < 0) break suspend;
                continue;
              }
              // Any other: `run` makes the call and re-enters the loop (the host may grow the memory or the
              // stack, lower code, or spend the store's fuel through wasm it calls).
              m.callee = callee; m.calleeAt = fp + argBase;
              m.resumePc = pc; m.resumeFp = fp; m.resumeDepth = depth; m.resumeInst = inst;
              m.fuelLeft = fuel - 1;
              return Stop.HostCall;
            }
            next = compiledOf(callee);
            if (callee.module === inst) break enter;
            // Into another instance: the frame remembers the caller's instance.
            const nfp = fp + argBase;
            // Too deep (this throws), or the value stack grows first (the loop re-enters anyway).
            if (depth >= maxDepth || nfp + 2 * next.frameSlots > I.length) makeRoom(m, depth, nfp + 2 * next.frameSlots);
            m.frames[2 * depth] = ~pc; m.frames[2 * depth + 1] = fp; m.retInst[depth] = inst;
            depth++;
            initFrame(m.I, m.R, next, nfp);
            fp = nfp; fd = fp >> 1;
            pc = next.entry | 0;
            resumeIn = callee.module!;
            fuel--;
            break suspend;
          }
          // ---------------------------------------------------------- call `next`, a function of this instance
          next = next!;
          const nfp = fp + argBase;
          if (depth >= maxDepth || nfp + 2 * next.frameSlots > I.length) {
            // Too deep (this throws), or the value stack grows first: the loop re-enters with the new arrays.
            makeRoom(m, depth, nfp + 2 * next.frameSlots);
            m.frames[2 * depth] = pc; m.frames[2 * depth + 1] = fp;
            depth++;
            initFrame(m.I, m.R, next, nfp);
            fp = nfp; fd = fp >> 1;
            pc = next.entry | 0;
            fuel--;
            break suspend;
          }
          const frames = m.frames;
          frames[2 * depth] = pc; frames[2 * depth + 1] = fp;
          depth++;
          initFrame(I, R, next, nfp);
          fp = nfp; fd = fp >> 1;
          pc = next.entry | 0;
          // A call is an event; lowering the callee may have grown the code space.
          if (--fuel < 0 || space.code !== code) break suspend;
          continue;
        }
        // ---------------------------------------------------------- return to the caller
        if (--depth === baseDepth) { m.fuelLeft = fuel; return Stop.Returned; }
        const frames = m.frames;
        const at = frames[2 * depth];
        fp = frames[2 * depth + 1]; fd = fp >> 1;
        if (at >= 0) { pc = at; continue; }
        // Back into another instance (whose memory the callee may also have grown).
        pc = ~at;
        resumeIn = m.retInst[depth]!;
        m.retInst[depth] = null;
      }
      // ---------------------------------------------------------- suspend: the caller enters the loop again
      m.resumePc = pc; m.resumeFp = fp; m.resumeDepth = depth; m.resumeInst = resumeIn;
      m.fuelLeft = fuel;
      return Stop.Suspended;
    }
  } catch (e) {
    // Threads: an access past the length this loop read, to a shared memory another thread has
    // grown since: re-enter with the new length and run the instruction again.
    if (mem !== null && mem.sharedParts !== null && dv.byteLength !== memLen) {
      m.resumePc = pc; m.resumeFp = fp; m.resumeDepth = depth; m.resumeInst = inst;
      m.fuelLeft = fuel;
      return Stop.Suspended;
    }
    m.trapInst = inst; m.trapPc = pc; m.trapDepth = depth; m.trapFp = fp;
    m.fuelLeft = fuel;
    throw e;
  }
}
