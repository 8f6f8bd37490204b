/**
 * The tiered mode (a store's `tier: "tiered"`): code starts on the
 * interpreter, and an instance that runs long moves to the compiler tier.
 *
 * Hotness is sampled, not counted: a tiered store's dispatch loop stops
 * every {@link Store.tierSlice} events (backward branches and calls), which
 * it already counts for fuel, so the interpreter's loop pays nothing for
 * it. At each stop, the running instance is charged the slice; once it has
 * run its threshold (see {@link tierUpThreshold}) it is compiled, and from
 * then on every call into it from outside runs compiled code.
 *
 * A frame already running moves too, at the next stop in it: at the entry
 * of a function, the compiled function is called with the frame's
 * arguments; at the head of a loop (a frame stuck in a long loop, such as
 * a benchmark's `run(n)`), the function's on-stack-replacement variant
 * (./compiler/osr.ts) continues from the loop with the frame's locals.
 * Either way the compiled call stands in for the rest of the frame: it is
 * made as a host call from the frame's caller (or, for the run's first
 * frame, as the run's result), so traps, wasm exceptions and their frames
 * read as on the interpreter.
 *
 * In a store that counts fuel or can be interrupted, frames move the same
 * way into code that counts events (../compiler/meter.ts), and fuel stays
 * exact: the interpreter's budget between stops is also capped by the
 * store's, a stop first charges what ran and traps if the store must stop,
 * and the event that brought the frame to its stop, already charged, is
 * given back before the compiled code's prologue counts it again. Code
 * compiled before anything could interrupt the store counts nothing, so no
 * frame moves into it while something can.
 * @module
 */
import { ValType, topType } from "../base/types.js";
import { FuncInstance, type ModuleInstance, type Store } from "../runtime/instances.js";
import type { RawValue } from "../runtime/values.js";
import { codeBytes, compilesLazily, LAZY_CODE_BYTES, meterOfInstance, osrEntry } from "./compiler/module.js";
import { enter, leave } from "./compiler/meter.js";
import { COMPILED_DEPTH, rawResults } from "./compiler/helpers.js";
import type { CompiledFunc } from "./interpreter/codespace.js";
import { setTierUp, Stop } from "./interpreter/loop.js";
import { readSlot, spaceOf, writeSlot, type Machine } from "./interpreter/machine.js";
import { compilerTier, callCompiled } from "./tier.js";

/**
 * Events an instance runs on the interpreter before it is compiled: more
 * for a larger module compiled whole, whose compiling costs more (the whole
 * module is compiled at once). An event is a loop iteration or a call, a
 * few dozen instructions or more, so the base is a millisecond or so of
 * interpreting, about what compiling a small module costs; a quarter of an
 * event per byte of code keeps the time interpreted of the order of the
 * time compiling. A module compiled one function at a time (larger than
 * {@link LAZY_CODE_BYTES}) costs only what runs from then on, so its
 * threshold stops growing there.
 */
export function tierUpThreshold(inst: ModuleInstance): number {
  const bytes = codeBytes(inst.module);
  return 1024 + ((compilesLazily(inst.module) ? Math.min(bytes, LAZY_CODE_BYTES) : bytes) >> 2);
}

export { codeBytes };

/** Per instance: events charged so far; -1 once compiled, -2 when it could not be. */
const charged = new WeakMap<ModuleInstance, number>();

/** How many frames moved to compiled code, per store (for tests and the bench). */
const moves = new WeakMap<Store, { entries: number; loops: number }>();

/** Frames of `store` that moved to compiled code so far: at a function's entry, and in a loop. */
export function tierUpCounts(store: Store): { readonly entries: number; readonly loops: number } {
  return moves.get(store) ?? { entries: 0, loops: 0 };
}

function count(store: Store, loop: boolean): void {
  let c = moves.get(store);
  if (c === undefined) moves.set(store, (c = { entries: 0, loops: 0 }));
  if (loop) c.loops++; else c.entries++;
}

/**
 * Whether `inst` is compiled (compiling it now if it has run long enough).
 * A store whose threshold is 0 compiles at the first look.
 */
function hot(inst: ModuleInstance, store: Store, slice: number): boolean {
  let c = charged.get(inst);
  if (c === undefined) c = 0;
  if (c < 0) return c === -1;
  c += slice;
  const threshold = store.tierUpEvents ?? tierUpThreshold(inst);
  if (c < threshold) {
    charged.set(inst, c);
    return false;
  }
  // Preparing one function compiles the whole instance (or, for a large module, readies each function
  // to compile at its first call); what the compiler does not handle stays interpreted.
  const own = inst.funcs.filter((f) => f.module === inst);
  if (own.length > 0) compilerTier.prepare(own[0]!);
  const compiled = own.some((f) => f.jit !== null);
  charged.set(inst, compiled ? -1 : -2);
  return compiled;
}

/** The position of `pc` among `cf`'s loops that a frame can enter compiled, or -1. */
function osrLoopAt(cf: CompiledFunc, pc: number): number {
  const loops = cf.osrLoops;
  for (let i = 0; i < loops.length; i += 2) if (loops[i] === pc) return loops[i + 1]!;
  return -1;
}

/** The locals of the frame at word `fp` in compiled form (an i64 as two halves, an f32 as its bits). */
function localsOf(m: Machine, cf: CompiledFunc, fp: number): unknown[] | null {
  const inst = m.resumeInst!;
  const module = inst.module;
  const body = module.codes[cf.funcIndex - module.importedFuncs]!;
  const types: ValType[] = [...cf.type.params];
  for (const run of body.locals) for (let i = 0; i < run.count; i++) types.push(run.type);
  const out: unknown[] = [];
  const I = m.I, D = m.D, R = m.R;
  for (let j = 0; j < types.length; j++) {
    const w = fp + 2 * j;
    switch (types[j]) {
      case ValType.I32: case ValType.F32: out.push(I[w]); break;
      case ValType.I64: out.push(I[w], I[w + 1]); break;
      case ValType.F64: out.push(D[w >> 1]); break;
      case ValType.FuncRef: case ValType.ExternRef: out.push(R[w >> 1]); break;
      default: {
        // Typed function and extern references (`(ref $t)`, `(ref null extern)`, ...) live where funcref does.
        const top = topType(types[j]!);
        if (top !== ValType.FuncRef && top !== ValType.ExternRef && top !== ValType.AnyRef) return null;
        out.push(R[w >> 1]);
      }
    }
  }
  return out;
}

/**
 * The tiered mode's look at a suspended run (see ../interpreter/loop.ts,
 * `run`): what the run does next.
 */
function tierUp(m: Machine, base: number, stop: Stop): Stop {
  const inst = m.resumeInst;
  const store = inst?.store ?? null;
  if (stop === Stop.Returned || inst === null || store === null) return stop;
  if (stop === Stop.HostCall) {
    // The loop stops for every host call it cannot make itself; the events it had left carry over,
    // so that a loop calling the host on every iteration is still looked at.
    store.tierBudget = m.fuelLeft > 0 ? m.fuelLeft : 0;
    return stop;
  }
  const next = move(m, base, inst, store);
  // While frames move, look again at the next event: an interpreted caller's next call moves too.
  store.tierSlice = next === Stop.Suspended ? store.tierSliceOption : 1;
  store.tierBudget = store.tierSlice;
  return next;
}

/** Moves the top frame of the suspended run to compiled code if it can; what the run does next. */
function move(m: Machine, base: number, inst: ModuleInstance, store: Store): Stop {
  // The suspended frame may belong to another store's instance (a call across stores): its own tier decides.
  if (store.tier !== "tiered" || !hot(inst, store, store.tierSlice)) return Stop.Suspended;
  const pc = m.resumePc, fp = m.resumeFp, d = m.resumeDepth;
  // Deeper frames stay interpreted, as calls there do on the compiler tier (COMPILED_DEPTH).
  if (d >= COMPILED_DEPTH) return Stop.Suspended;
  const cf = spaceOf(inst).funcAt(pc);
  if (cf === null) return Stop.Suspended;
  const func = inst.funcs[cf.funcIndex]!;
  if (func.jit === null) return Stop.Suspended;
  // In a store that can be interrupted, only code that counts events may run: code compiled
  // before a deadline was set counts nothing, and the frame stays interpreted.
  const watch = store.interrupts;
  const meter = meterOfInstance(inst) ?? null;
  if (watch !== null && meter === null) return Stop.Suspended;
  // The event that brought the frame here (its call, or its loop's branch back) is already
  // charged to the store, and metered code's prologue counts one as it starts: that one is given back.
  const charged = meter !== null ? watch : null;
  // At a loop head first: a loop at the very start of a function is also its entry, and there
  // the locals may already have changed.
  const loopOffset = osrLoopAt(cf, pc);
  let rest: (args: RawValue[]) => RawValue[];
  let params = func.type.params;
  if (loopOffset >= 0) {
    const entry = osrEntry(inst, cf.funcIndex, loopOffset);
    const locals = entry === null ? null : localsOf(m, cf, fp);
    if (entry === null || locals === null) return Stop.Suspended;
    params = [];
    // The frame's depth counts it and those below (the compiled calling convention).
    rest = () => {
      if (meter === null) return rawResults(func.type, entry(locals, m.depth + 1));
      charged?.spend(-1);
      enter(meter);
      try {
        return rawResults(func.type, entry(locals, m.depth + 1));
      } finally {
        leave(meter);
      }
    };
    count(store, true);
  } else if (pc === cf.entry) {
    rest = (args) => {
      charged?.spend(-1);
      return callCompiled(func, args);
    };
    count(store, false);
  } else {
    return Stop.Suspended;
  }
  const type = { params, results: func.type.results };
  if (d - 1 === base) {
    // The run's first frame: the compiled call gives the run's results.
    m.trapInst = null;
    const args: RawValue[] = [];
    for (let i = 0; i < params.length; i++) args.push(readSlot(m, params[i]!, fp + 2 * i));
    const saved = m.depth;
    m.depth = base;
    m.top = fp;
    let out: RawValue[];
    try {
      out = rest(args);
    } finally {
      m.depth = saved;
    }
    for (let i = 0; i < out.length; i++) writeSlot(m, type.results[i]!, fp + 2 * i, out[i]);
    return Stop.Returned;
  }
  // A frame with an interpreted caller: the compiled call is made as a host call from the caller.
  const ret = m.frames[2 * (d - 1)]!;
  if (ret < 0) {
    m.resumePc = ~ret;
    m.resumeInst = m.retInst[d - 1]!;
    m.retInst[d - 1] = null;
  } else {
    m.resumePc = ret;
  }
  m.resumeFp = m.frames[2 * (d - 1) + 1]!;
  m.resumeDepth = d - 1;
  // The host call counts a frame for itself; the compiled function counts its own.
  m.callee = new FuncInstance(type, null, -1, (args) => {
    m.depth--;
    try {
      return rest(args);
    } finally {
      m.depth++;
    }
  });
  m.calleeAt = fp;
  return Stop.HostCall;
}

setTierUp(tierUp);
