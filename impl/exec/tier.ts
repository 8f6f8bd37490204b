/**
 * The execution tiers and the one entry point that calls wasm code from
 * outside it. A store picks its tier (`StoreOptions.tier`):
 *
 * - **interpreter**: the dispatch loop over lowered code
 *   (./interpreter/).
 * - **compiler**: each module instance's functions become JavaScript
 *   functions on the first call into the instance (./compiler/), which V8
 *   then compiles to machine code; a module of more than
 *   `LAZY_CODE_BYTES` of code one function at a time, each at its first
 *   call, so that what never runs costs nothing. A function the compiler does not handle
 *   (SIMD, exception handling, tail calls, multiple memories) stays
 *   interpreted. Code of a store that counts fuel or can be interrupted
 *   counts the interpreter's events (./compiler/meter.ts), with the same
 *   fuel accounting and the same traps.
 * - **tiered** (the default, see DECISIONS.md): a small module is compiled at its first
 *   call, a large one starts on the interpreter and is compiled once it has
 *   run long enough (one function at a time from then on, each at its first
 *   call), its running frames moving to compiled code (./tiered.ts).
 *
 * Calls cross tiers freely: compiled code calls host functions (with the
 * caller instance), functions of other instances (compiled ones directly),
 * and interpreted ones through {@link invoke}; host functions call back
 * through it. Compiled code passes the depth as an argument and hands calls
 * past its threshold to the interpreter (./compiler/helpers.ts,
 * `COMPILED_DEPTH`), so the call-depth limit is the store's on every mix.
 * @module
 */
import { Trap, TrapMessage } from "../base/errors.js";
import type { FuncInstance, ModuleInstance } from "../runtime/instances.js";
import type { Store, TierName } from "../runtime/store.js";
import type { RawValue } from "../runtime/values.js";
import { compileInstance, canCompile, meterOfInstance } from "./compiler/module.js";
import { enter, leave } from "./compiler/meter.js";
import { COMPILED_DEPTH, internalArgs, rawResults, setInvoke } from "./compiler/helpers.js";
import { interpret as interpretOnly, invoke as interpret, setCompiledEntry } from "./interpreter/invoke.js";
import { isStackOverflow, machine, useDepthLimit } from "./interpreter/machine.js";
// Also installs the tiered mode's hook in the interpreter's loop.
import { codeBytes } from "./tiered.js";

/** What a tier provides. */
export interface Tier {
  readonly name: TierName;
  /**
   * Makes `func` ready to run in this tier (lazily: the first call does it);
   * returns false when this tier cannot run it (the caller then uses the interpreter).
   */
  prepare(func: FuncInstance): boolean;
  /**
   * Calls `func` with raw arguments, returning raw results; throws
   * {@link Trap} (with its frames: function index, offset and instance,
   * innermost first) when execution traps.
   */
  invoke(func: FuncInstance, args: RawValue[]): RawValue[];
}

/** The interpreter as a tier: everything is delegated to ./interpreter/. */
export const interpreterTier: Tier = {
  name: "interpreter",
  prepare: () => true,
  invoke: interpret,
};

/** The compiler as a tier. */
export const compilerTier: Tier = {
  name: "compiler",
  prepare(func: FuncInstance): boolean {
    if (func.jit !== null) return true;
    const inst = func.module;
    if (inst === null || !canCompile()) return false;
    compileInstance(inst, machine());
    return func.jit !== null;
  },
  invoke(func: FuncInstance, args: RawValue[]): RawValue[] {
    return compiledEntry(func, args) ?? interpret(func, args);
  },
};

/**
 * Compiled entries from outside compiled code (the host, the interpreter)
 * active now. A wasm -> host -> wasm nesting takes more of the JavaScript
 * stack per level through compiled code (the compiled function, the host
 * call's helper, this entry) than through the interpreter (its `run`
 * frame): past {@link MAX_COMPILED_ENTRIES} nested entries the interpreter
 * takes the calls, so nesting reaches at least the interpreter's depth on
 * Node's default stack (see DECISIONS.md, the default tier).
 */
let entries = 0;

/**
 * Nested compiled entries beyond which calls from outside compiled code run
 * on the interpreter. Measured on a wasm -> host -> wasm nesting through
 * `wasm_func_new` (Node 20's default stack): a level through compiled code
 * takes about 1.3 times the JavaScript stack of an interpreted level (about
 * 860 levels fit compiled, 1,110 interpreted); 32 compiled levels cost about
 * 10 interpreted ones.
 */
export const MAX_COMPILED_ENTRIES = 32;

/** Per nested compiled entry (indexed by {@link entries} at the entry): the machine's depth and depth limit to restore. */
const savedDepth: number[] = [];
const savedMax: number[] = [];

/**
 * Calls a compiled function from outside compiled code at the machine's
 * depth plus one: converts values, applies the store's depth limit,
 * restores the machine on a trap. Few locals and calls of few arguments,
 * the work in helpers (each local and argument takes a register of this
 * frame): in a wasm -> host -> wasm nesting this frame is on the JavaScript
 * stack once per level.
 */
export function callCompiled(func: FuncInstance, args: RawValue[]): RawValue[] {
  const k = entries;
  // Before the try: if this fails (the JavaScript stack is full), nothing has changed.
  saveMachine(k);
  let r: unknown;
  try {
    r = (func.jit as (...x: unknown[]) => unknown)(...entryArgs(func, args, k));
  } catch (e) {
    throw entryFailed(k, func, e);
  }
  return entryReturned(k, func, r);
}

function saveMachine(k: number): void {
  const m = machine();
  savedDepth[k] = m.depth;
  savedMax[k] = m.maxDepth;
}

/**
 * The arguments of compiled entry `k` in the compiled calling convention
 * (the depth last); applies the store's depth limit and starts the meter
 * of a store that counts events (a deadline that passed is looked at first,
 * see ./compiler/meter.ts, `enter`).
 */
function entryArgs(func: FuncInstance, args: RawValue[], k: number): unknown[] {
  const m = machine();
  const a = internalArgs(func.type, args);
  a[0] = m.depth + 1;
  // The depth goes last: rotate the array's first element there.
  a.push(a.shift());
  useDepthLimit(m, func.module!.store);
  const meter = meterOfInstance(func.module!);
  if (meter !== undefined && meter !== null) enter(meter);
  entries = k + 1;
  return a;
}

/** Ends compiled entry `k`: the machine as it was, the events charged. */
function restore(k: number, func: FuncInstance): void {
  entries = k;
  const m = machine();
  m.depth = savedDepth[k]!;
  m.maxDepth = savedMax[k]!;
  const meter = meterOfInstance(func.module!);
  if (meter !== undefined && meter !== null) leave(meter);
}

function entryReturned(k: number, func: FuncInstance, r: unknown): RawValue[] {
  restore(k, func);
  return rawResults(func.type, r);
}

/** What compiled entry `k` throws: a JavaScript stack overflow becomes "call stack exhausted". */
function entryFailed(k: number, func: FuncInstance, e: unknown): unknown {
  restore(k, func);
  return isStackOverflow(e) ? new Trap(TrapMessage.CallStackExhausted, "", { cause: e }) : e;
}

/**
 * Code size (bytes of function bodies) up to which the tiered mode compiles
 * a module at its first call, with the store's default thresholds. Emitting
 * costs about 1 to 2 microseconds per byte of code, so up to here it costs
 * less than the interpreter's own warm-up, V8 optimising the dispatch loop
 * (about 0.5 s of a background thread, which even a short program waits for
 * at exit); larger modules start interpreted and compile when they run long
 * (see DECISIONS.md, the default tier).
 */
export const TIERED_EAGER_CODE_BYTES = 256 * 1024;

/** Whether the tiered mode compiles `inst` at its first call: a small module, default thresholds, not tried yet. */
function compilesAtOnce(inst: ModuleInstance, store: Store): boolean {
  if (store.tierUpEvents !== undefined || (inst as { jitDone?: boolean }).jitDone === true) return false;
  return codeBytes(inst.module) <= TIERED_EAGER_CODE_BYTES;
}

/**
 * The tier that runs `func` now: its store's. Code of a store that counts
 * fuel, has an epoch or has a deadline set when its instance is compiled
 * counts events (./compiler/meter.ts); an instance compiled before its store
 * could be interrupted (a deadline set later) has code that does not, and
 * the interpreter runs it while the store can be interrupted.
 */
export function tierOf(func: FuncInstance): Tier {
  const inst = func.module;
  const store = inst === null ? null : inst.store;
  if (store === null || store.tier === "interpreter") return interpreterTier;
  // Tiered: compiled once the instance is (see ./tiered.ts), or at the first call for a small module.
  if (store.tier === "tiered" && func.jit === null && !compilesAtOnce(inst!, store)) return interpreterTier;
  if (store.interrupts !== null && meterOfInstance(inst!) === null) return interpreterTier;
  return compilerTier;
}

/**
 * Calls a function instance with raw arguments (one per parameter,
 * validated by the caller); returns its raw results. Throws {@link Trap}
 * when execution traps (see the interpreter's `invoke` for the list,
 * "call stack exhausted" included). Dispatches on the store's tier: the
 * interpreter's entry point checks for the compiler tier first (through
 * {@link compiledEntry}), so the interpreted path has no extra frame.
 * @see https://webassembly.github.io/spec/core/exec/modules.html#invocation
 */
export const invoke: (func: FuncInstance, args: RawValue[]) => RawValue[] = interpret;

/**
 * The compiler tier's side of {@link invoke}: whether `func` runs compiled
 * (then the interpreter's entry calls {@link callCompiled}); a check that
 * returns before the call, so the nesting costs no frame for it.
 */
function compiledReady(func: FuncInstance): boolean {
  // Past the compiled tier's depth threshold, the interpreter keeps the call (see helpers.ts, COMPILED_DEPTH).
  if (machine().depth >= COMPILED_DEPTH || entries >= MAX_COMPILED_ENTRIES) return false;
  return tierOf(func) === compilerTier && compilerTier.prepare(func);
}

/** The compiler tier's side of {@link invoke}: null when the function is to be interpreted. */
function compiledEntry(func: FuncInstance, args: RawValue[]): RawValue[] | null {
  return compiledReady(func) ? callCompiled(func, args) : null;
}

setInvoke(invoke, interpretOnly);
setCompiledEntry(compiledReady, callCompiled);
