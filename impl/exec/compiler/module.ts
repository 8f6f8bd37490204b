/**
 * Compiling a module instance: the module's functions become the source of
 * one JavaScript factory (made once per module, with `new Function`, and
 * cached), which each instance calls with its own state (memory, globals,
 * tables, functions) to get its closures. Functions the emitter does not
 * handle become stubs that call the interpreter; when the platform refuses
 * `new Function` (a Content Security Policy), nothing is compiled. The
 * factory's source, constant pool and list of compiled functions are the
 * module's {@link CompiledForm}, which a serialized module carries so that
 * deserializing installs it instead of emitting again.
 * @module
 */
import { Trap } from "../../base/errors.js";
import { ValType, type FuncType } from "../../base/types.js";
import type { Module } from "../../decode/module.js";
import type { FuncInstance, ModuleInstance } from "../../runtime/instances.js";
import type { ValidatedModule } from "../../validate/validated.js";
import { emitFunction, TRAP_MESSAGES, Unsupported, type EmitContext } from "./emit.js";
import { COMPILED_DEPTH, HELPERS } from "./helpers.js";
import { meterFor, type Meter } from "./meter.js";
import { partNames } from "./parts.js";
import { osrPlan } from "./osr.js";

/** What the factory is called with (the names the generated code reads). */
interface Env {
  readonly M: unknown;
  readonly INST: ModuleInstance;
  readonly MEM: unknown;
  readonly FN: readonly FuncInstance[];
  readonly GI: readonly (Int32Array | null)[];
  readonly GD: readonly (Float64Array | null)[];
  readonly GR: readonly unknown[];
  readonly TB: readonly unknown[];
  readonly TBL: readonly unknown[];
  readonly TY: readonly FuncType[];
  readonly K: readonly unknown[];
  /** The depth past which this instance's compiled functions hand calls to the interpreter (see emit.ts). */
  readonly DL: number;
  /** The store's meter, for code that counts events (null otherwise). */
  readonly CT: Meter | null;
}

/** The meter of each instance whose code counts events (see ./meter.ts). */
const instanceMeters = new WeakMap<ModuleInstance, Meter>();

/**
 * Whether `inst` was compiled, and then the meter its code counts events
 * against (null: its code counts nothing), or undefined when not compiled.
 */
export function meterOfInstance(inst: ModuleInstance): Meter | null | undefined {
  if ((inst as { jitDone?: boolean }).jitDone !== true) return undefined;
  return instanceMeters.get(inst) ?? null;
}

type Factory = (E: Env, H: typeof HELPERS, TM: readonly string[], Trap: unknown) => ((...a: unknown[]) => unknown)[];

/**
 * What compiling a module produced, as data: the factory's source text, its
 * constant pool and which defined functions it compiled. It is what a
 * serialized module carries (the factory is made again from the source).
 */
export interface CompiledForm {
  /** The body of the factory `(E, H, TM, Trap) => functions` (text of our emitter; nothing of the module's bytes). */
  readonly source: string;
  /**
   * The constant pool the generated code reads as `K[i]`: a generic array
   * (null first, see valueArray) of exact values, NaN payloads included.
   */
  readonly constants: readonly unknown[];
  /** Per defined function: whether it was compiled (else it is a stub calling the interpreter). */
  readonly compiled: readonly boolean[];
}

/** A module's compiled form with its factory made. */
interface CompiledModule extends CompiledForm {
  readonly factory: Factory;
}

/** Compiled modules (the form a serialized module carries: code that counts nothing). */
const plainCache = new WeakMap<Module, CompiledModule | null>();
/** The same for code that counts events against its store's meter (./meter.ts). */
const meteredCache = new WeakMap<Module, CompiledModule | null>();

/** `const H_name=H.name,...;` for every helper function (identifiers of ours, checked). */
const HELPER_BINDINGS = ((): string => {
  const names = Object.keys(HELPERS).filter((k) => /^[A-Za-z][A-Za-z0-9]*$/.test(k) &&
    typeof (HELPERS as Record<string, unknown>)[k] === "function");
  return `const ${names.map((k) => `H_${k}=H.${k}`).join(",")};`;
})();

/** The start of every factory's text: the names the generated code reads, bound from the factory's arguments. */
const PRELUDE = `"use strict";const M=E.M,INST=E.INST,MEM=E.MEM,FN=E.FN,GI=E.GI,GD=E.GD,GR=E.GR,` +
  `TB=E.TB,TBL=E.TBL,TY=E.TY,K=E.K,DL=E.DL,CT=E.CT,SF=H.SF,SI=H.SI,SD=H.SD,HI=H.HI,W=H.W,` +
  `VS=H.VS,VW=H.VW,VR=H.VR,TAIL=H.TAIL,TA=H.TA,TC=H.TC;` +
  `${HELPER_BINDINGS}function T(k){throw new Trap(TM[k])}`;

/**
 * Helpers are called through constants of the factory (H_name), which V8
 * inlines more readily than loads from the helper object. The text holds
 * nothing of the module's bytes.
 */
function bindHelpers(text: string): string {
  return text.replace(/\bH\.(\w+)\(/g, "H_$1(");
}

let functionAllowed: boolean | null = null;

/** Whether the platform lets code be made from text (`new Function`); false under a Content Security Policy that forbids it. */
export function canCompile(): boolean {
  if (functionAllowed === null) {
    try {
      functionAllowed = (new Function("return 1") as () => number)() === 1;
    } catch {
      functionAllowed = false;
    }
  }
  return functionAllowed;
}

/**
 * What the emitter knows of `module`: the types of its function and global
 * index spaces, as validation left them in the validated module (an
 * instance's externs match them by linking, so no instance is needed and
 * the result is the same for every instance).
 */
function contextOf(module: ValidatedModule, constants: unknown[], metered: boolean): EmitContext {
  return {
    module,
    metered,
    funcTypes: module.spaces.funcs,
    globalTypes: module.spaces.globals.map((g) => g.valType),
    constant(v: unknown): string {
      constants.push(v);
      return `K[${constants.length - 1}]`;
    },
  };
}

/** How many times a module was emitted (compiled from its bytes), for tests that show a deserialized module is not. */
let emitted = 0;

/** The number of modules the emitter has compiled so far in this process (deserialized ones installed without emitting are not counted). */
export function modulesEmitted(): number {
  return emitted;
}

/**
 * Makes the factory from its source; null when the platform refuses (a
 * CSP), the text does not parse, or V8 runs out of stack parsing it (a
 * source of tens of megabytes, such as esbuild.wasm's, does).
 */
function makeFactory(source: string): Factory | null {
  return makeFunction(["E", "H", "TM", "Trap"], source) as Factory | null;
}

/** A function of `params` made from `source`; null when it cannot be made (see {@link makeFactory}). */
function makeFunction(params: readonly string[], source: string): ((...a: never[]) => unknown) | null {
  try {
    return new Function(...params, source) as (...a: never[]) => unknown;
  } catch (e) {
    // A CSP refusal, an emitter bug (a syntax error), or a parser stack overflow: the interpreter runs the module.
    if (e instanceof RangeError && outOfStack()) throw e;
    if (!(e instanceof EvalError) && !(e instanceof SyntaxError) && !(e instanceof RangeError)) throw e;
    return null;
  }
}

/**
 * Whether the JavaScript stack itself is nearly exhausted here (compiling
 * was reached deep in a recursion): then a `RangeError` from the parser says
 * nothing about the source, and the caller's stack overflow handling (the
 * trap "call stack exhausted") applies rather than giving up on the module.
 */
function outOfStack(): boolean {
  try {
    new Function("return 0");
    return false;
  } catch (e) {
    return e instanceof RangeError;
  }
}

/** Compiles `module` (once; cached), or null when nothing can be compiled. */
function compileModule(module: ValidatedModule, metered: boolean): CompiledModule | null {
  const cache = metered ? meteredCache : plainCache;
  if (cache.has(module)) return cache.get(module)!;
  let result: CompiledModule | null = null;
  if (canCompile()) {
    emitted++;
    // Generic (null first, see valueArray): the pool holds NaN constants whose payloads must survive.
    const constants: unknown[] = [null];
    const cx = contextOf(module, constants, metered);
    const parts: string[] = [];
    const compiled: boolean[] = [];
    const names: string[] = [];
    for (let i = 0; i < module.codes.length; i++) {
      const index = module.importedFuncs + i;
      let text: string;
      try {
        text = emitFunction(cx, index);
        compiled.push(true);
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        // The compiled calling convention: an i64 parameter is two (low, high), a v128 four words.
        const ps = cx.funcTypes[index]!.params.flatMap((t, j) => partNames(t, `x${j}`, `y${j}`));
        // The compiled calling convention: the depth last; callOut takes the caller's.
        text = `function F${index}(${[...ps, "$d"].join(",")}){return H.callOut(FN[${index}],[null${ps.map((p) => "," + p).join("")}],INST,$d-1,CT)}`;
        compiled.push(false);
      }
      parts.push(text);
      names.push(`F${index}`);
    }
    const source = PRELUDE + bindHelpers(parts.join("\n")) + `\nreturn [${names.join(",")}];`;
    const factory = makeFactory(source);
    result = factory === null ? null : { factory, source, constants, compiled };
  }
  cache.set(module, result);
  return result;
}

/**
 * Compiles the functions of `inst` (the first time only), setting `jit` on
 * each function it compiled. `machine` is the interpreter's machine (its
 * depth count is shared by both tiers).
 */
export function compileInstance(inst: ModuleInstance, machine: unknown): void {
  const state = inst as { jitDone?: boolean };
  if (state.jitDone === true) return;
  state.jitDone = true;
  const module = inst.module;
  // Code of a store that counts fuel, has an epoch, or has a deadline set now counts events.
  const store = inst.store;
  const metered = store !== null && (store.consumeFuel || store.epoch !== null || store.interrupts !== null);
  const meter = metered ? meterFor(store) : null;
  if (meter !== null) instanceMeters.set(inst, meter);
  const cm = compileModule(module, metered);
  if (cm === null) return;
  const cell = (t: ValType, want: ValType, g: { cell: Int32Array }): ArrayBufferView | null => {
    if (t !== want) return null;
    const b = g.cell.buffer, o = g.cell.byteOffset;
    switch (t) {
      case ValType.I32: return g.cell;
      case ValType.I64: return new BigInt64Array(b, o, 1);
      case ValType.F32: return new Float32Array(b, o, 1);
      case ValType.F64: return new Float64Array(b, o, 1);
      default: return null;
    }
  };
  const g = inst.globals;
  const env: Env = {
    M: machine,
    INST: inst,
    MEM: inst.memories[0] ?? null,
    FN: inst.funcs,
    // i32 globals, and i64 ones as their two halves (the cell is low word, high word).
    // i32 and f32 globals (an f32 is carried as its bits), and i64 ones as their two halves (low word, high word).
    GI: g.map((x) => (x.type.valType === ValType.I32 || x.type.valType === ValType.I64 || x.type.valType === ValType.F32 ? x.cell : null)),
    GD: g.map((x) => cell(x.type.valType, ValType.F64, x) as Float64Array | null),
    GR: g,
    TB: inst.tables,
    TBL: inst.tables,
    TY: module.types,
    K: cm.constants,
    CT: meter,
    DL: Math.min(COMPILED_DEPTH, inst.store === null ? COMPILED_DEPTH : inst.store.maxCallDepth),
  };
  const fns = cm.factory(env, HELPERS, TRAP_MESSAGES, Trap);
  for (let i = 0; i < fns.length; i++) {
    if (cm.compiled[i]) inst.funcs[module.importedFuncs + i]!.jit = fns[i]!;
  }
  jitted.set(inst, { env, fns, constants: cm.constants as unknown[], metered });
}

/** Per compiled instance: what its factory was called with and the functions it returned (OSR variants bind them). */
const jitted = new WeakMap<ModuleInstance, {
  readonly env: Env; readonly fns: readonly unknown[]; readonly constants: unknown[]; readonly metered: boolean;
}>();

/** OSR variants made so far, per module: by function index and loop offset (null: that loop cannot be entered). */
const osrCache = new WeakMap<Module, Map<string, ((env: Env, fs: readonly unknown[]) => OsrEntry) | null>>();

/** A function's variant that starts at one of its loops, taking the locals in compiled form (see ./osr.ts). */
export type OsrEntry = (locals: unknown[], depth: number) => unknown;

/**
 * The variant of defined function `funcIndex` of the compiled instance
 * `inst` that starts at the loop at wasm offset `loopOffset` (on-stack
 * replacement, see ./osr.ts), or null when it cannot be made (the instance
 * is not compiled, the function was not, or the loop is not there).
 */
export function osrEntry(inst: ModuleInstance, funcIndex: number, loopOffset: number): OsrEntry | null {
  const state = jitted.get(inst);
  const module = inst.module;
  // Only code that counts nothing: the tiered mode moves frames only while nothing can interrupt them.
  if (state === undefined || state.metered || inst.funcs[funcIndex]?.jit == null) return null;
  let perModule = osrCache.get(module);
  if (perModule === undefined) osrCache.set(module, (perModule = new Map()));
  const key = `${funcIndex}:${loopOffset}`;
  let make = perModule.get(key);
  if (make === undefined) {
    make = null;
    const plan = osrPlan(module, funcIndex, loopOffset);
    if (plan !== null) {
      // The variant's own constants go to the end of the module's pool, which every instance shares.
      const cx = contextOf(module, state.constants, false);
      let text: string | null = null;
      try {
        text = emitFunction(cx, funcIndex, plan);
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
      }
      if (text !== null) {
        // The module's functions are reached by the names its factory gave them.
        const bind = state.fns.map((_, i) => `F${module.importedFuncs + i}=FS[${i}]`).join(",");
        const source = PRELUDE + (bind === "" ? "" : `const ${bind};`) + bindHelpers(text) + "\nreturn O;";
        const factory = makeFunction(["E", "H", "TM", "Trap", "FS"], source) as
          ((E: Env, H: typeof HELPERS, TM: readonly string[], T: unknown, FS: readonly unknown[]) => OsrEntry) | null;
        if (factory !== null) make = (env, fs) => factory(env, HELPERS, TRAP_MESSAGES, Trap, fs);
      }
    }
    perModule.set(key, make);
  }
  return make === null ? null : make(state.env, state.fns);
}

/**
 * The compiled form of `module`, compiling it now if it was not yet (what
 * a serialized module carries); null when the platform cannot compile.
 */
export function compiledForm(module: ValidatedModule): CompiledForm | null {
  const cm = compileModule(module, false);
  return cm === null ? null : { source: cm.source, constants: cm.constants, compiled: cm.compiled };
}

/**
 * Installs a compiled form made earlier for the same module (a deserialized
 * artifact's), so that instances of `module` use it without emitting.
 * Returns false, installing nothing, when the module was compiled already,
 * the form does not fit the module (a count differs) or its source cannot
 * be made a function here (a CSP): the module is then compiled as usual,
 * or interpreted. The source is trusted: it must come from our emitter.
 */
export function installCompiledForm(module: ValidatedModule, form: CompiledForm): boolean {
  if (plainCache.has(module) || form.compiled.length !== module.codes.length || !canCompile()) return false;
  const factory = makeFactory(form.source);
  if (factory === null) return false;
  plainCache.set(module, { factory, source: form.source, constants: form.constants, compiled: form.compiled });
  return true;
}

let fingerprint: string | null = null;

/**
 * A fingerprint of what generated code depends on besides its own text:
 * the helpers it calls (their names and code), the trap messages it
 * names by number, and the code that builds its prelude and its
 * environment. A serialized compiled form is only good for an engine
 * with the same fingerprint (8 hex digits of a 32-bit FNV-1a hash).
 */
export function compilerFingerprint(): string {
  if (fingerprint === null) {
    const parts: string[] = [HELPER_BINDINGS, PRELUDE, String(bindHelpers), TRAP_MESSAGES.join("\n"), String(compileModule), String(compileInstance)];
    for (const [name, value] of Object.entries(HELPERS)) {
      // Functions by their code; buffers (scratch cells whose contents change) by their kind only.
      parts.push(name, typeof value === "function" ? String(value) : Object.prototype.toString.call(value));
    }
    let h = 0x811c9dc5;
    for (const part of parts) {
      for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
      h = Math.imul(h ^ 0xff, 0x01000193);
    }
    fingerprint = (h >>> 0).toString(16).padStart(8, "0");
  }
  return fingerprint;
}

/** The generated source of `module`'s factory, once compiled (for tests and debugging); null otherwise. */
export function generatedSource(module: Module, metered = false): string | null {
  const cm = (metered ? meteredCache : plainCache).get(module);
  return cm ? cm.factory.toString() : null;
}

/**
 * Which defined functions of `module` the compiler tier compiled (true) or
 * left to the interpreter (false), in the order of the code section; null
 * until an instance of it has run on that tier (or when nothing could be
 * compiled); `metered` asks about the factory of stores that count
 * events. Tests use it to check that code really runs compiled.
 */
export function compiledFlags(module: Module, metered = false): readonly boolean[] | null {
  return (metered ? meteredCache : plainCache).get(module)?.compiled ?? null;
}
