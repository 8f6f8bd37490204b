/**
 * Compiling a module instance. A module of up to {@link lazyCodeBytes} of
 * code becomes the source of one JavaScript factory (made once per module,
 * with `new Function`, and cached), which each instance calls with its own
 * state (memory, globals, tables, functions) to get its closures; its
 * functions call each other by name, which V8 inlines. A larger module is
 * compiled one function at a time, on the function's first call: each
 * instance gets a table `FT` of stubs, a stub emits its function (once per
 * module), makes that function's own factory, puts the result in the table
 * and in the function instance's `jit`, and calls it; calls between the
 * module's functions go through the table. What never runs is never
 * emitted. Functions the emitter does not handle become stubs that call
 * the interpreter; when the platform refuses `new Function` (a Content
 * Security Policy), nothing is compiled. The generated text, constant pool
 * and list of compiled functions are the module's {@link CompiledForm},
 * which a serialized module carries so that deserializing installs it
 * instead of emitting again.
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
  /** The instance's memories by index (generated code reads memory k > 0 as `MS[k]`, memory 0 as `MEM`). */
  readonly MS: readonly unknown[];
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
  /**
   * A module compiled one function at a time: the instance's functions by
   * index, a stub until the function's first call, then its compiled
   * function (the calls of generated code go through it); null otherwise.
   */
  readonly FT: CompiledFn[] | null;
}

/** A compiled function in the compiled calling convention (arguments in compiled form, the depth last). */
type CompiledFn = (...a: unknown[]) => unknown;

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

type Factory = (E: Env, H: typeof HELPERS, TM: readonly string[], Trap: unknown) => CompiledFn[];
/** The factory of one function of a module compiled one function at a time. */
type FunctionFactory = (E: Env, H: typeof HELPERS, TM: readonly string[], Trap: unknown) => CompiledFn;

/**
 * What compiling a module produced, as data: the generated text, its
 * constant pool and which defined functions it compiled. It is what a
 * serialized module carries (the factories are made again from the text).
 * It has one of two shapes: the whole module's factory (`source`), or the
 * text of each function (`functions`) for a module compiled one function
 * at a time.
 */
export interface CompiledForm {
  /** The body of the factory `(E, H, TM, Trap) => functions` (text of our emitter; nothing of the module's bytes); "" when `functions` is given. */
  readonly source: string;
  /**
   * For a module compiled one function at a time: per defined function, the
   * text of its declaration `F<i>` (with its body `G<i>` when it makes tail
   * calls), "" for one left to the interpreter; null for a whole factory.
   */
  readonly functions: readonly string[] | null;
  /**
   * The constant pool the generated code reads as `K[i]`: a generic array
   * (null first, see valueArray) of exact values, NaN payloads included.
   */
  readonly constants: readonly unknown[];
  /** Per defined function: whether it was compiled (else it is a stub calling the interpreter). */
  readonly compiled: readonly boolean[];
}

/** A module compiled at once: its compiled form with the factory made. */
interface WholeModule {
  readonly lazy: false;
  readonly factory: Factory;
  readonly source: string;
  readonly constants: unknown[];
  readonly compiled: readonly boolean[];
}

/** A module compiled one function at a time, as far as it got (shared by all its instances). */
interface LazyModule {
  readonly lazy: true;
  readonly module: ValidatedModule;
  /** The emitter's context: calls through `FT`, constants appended to {@link LazyModule.constants}. */
  readonly cx: EmitContext;
  readonly constants: unknown[];
  /** Per defined function: its text once emitted, "" when the emitter left it to the interpreter. */
  readonly texts: (string | undefined)[];
  /** Per defined function: its factory once made, null when it cannot be made (left to the interpreter). */
  readonly factories: (FunctionFactory | null | undefined)[];
  /** Whether the emitter ran for this module (for {@link modulesEmitted}). */
  emitted: boolean;
}

type CompiledModule = WholeModule | LazyModule;

/** Compiled modules (the form a serialized module carries: code that counts nothing). */
const plainCache = new WeakMap<Module, CompiledModule | null>();
/** The same for code that counts events against its store's meter (./meter.ts). */
const meteredCache = new WeakMap<Module, CompiledModule | null>();

/** The helper functions generated code may call as `H_name` (identifiers of ours, checked). */
const HELPER_NAMES = Object.keys(HELPERS).filter((k) => /^[A-Za-z][A-Za-z0-9]*$/.test(k) &&
  typeof (HELPERS as Record<string, unknown>)[k] === "function");

/** `const H_name=H.name,...;` for every helper function. */
const HELPER_BINDINGS = `const ${HELPER_NAMES.map((k) => `H_${k}=H.${k}`).join(",")};`;

/** The names the generated code reads, bound from the factory's arguments (without the helpers' `H_name`). */
const BASE_PRELUDE = `"use strict";const M=E.M,INST=E.INST,MEM=E.MEM,MS=E.MS,FN=E.FN,GI=E.GI,GD=E.GD,GR=E.GR,` +
  `TB=E.TB,TBL=E.TBL,TY=E.TY,K=E.K,DL=E.DL,CT=E.CT,FT=E.FT,SF=H.SF,SI=H.SI,SD=H.SD,HI=H.HI,W=H.W,` +
  `VS=H.VS,VW=H.VW,VR=H.VR,TAIL=H.TAIL,TA=H.TA,TC=H.TC,AL=H.AL,AI=H.AI;function T(k){throw new Trap(TM[k])}`;

/** The start of a whole module's factory text: every name, every helper. */
const PRELUDE = BASE_PRELUDE + HELPER_BINDINGS;

/**
 * The start of the factory text of one function (already through
 * {@link bindHelpers}): the helpers it calls only, since a large module
 * may make thousands of these and all helpers make 8 kB of text.
 */
function functionPrelude(text: string): string {
  const used = new Set<string>();
  for (const m of text.matchAll(/\bH_([A-Za-z][A-Za-z0-9]*)\b/g)) used.add(m[1]!);
  const names = HELPER_NAMES.filter((k) => used.has(k));
  return BASE_PRELUDE + (names.length === 0 ? "" : `const ${names.map((k) => `H_${k}=H.${k}`).join(",")};`);
}

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
 * Code size (bytes of function bodies) up to which a module is compiled
 * whole, at once; a larger one is compiled one function at a time (see the
 * module comment). At once, the module's functions call each other
 * directly (V8 inlines them) and one `new Function` serves them all, but
 * emitting costs about 1.5 microseconds per byte of code (0.4 s here) and
 * a module of tens of megabytes of source cannot be made a function at
 * all; one function at a time, only what runs is emitted, at the price of
 * one factory per function and calls through a table (see DECISIONS.md).
 */
export const LAZY_CODE_BYTES = 256 * 1024;

/** The threshold in force: {@link LAZY_CODE_BYTES}, unless tests set another (see {@link setLazyCodeBytes}). */
let lazyThreshold: number = ((): number => {
  // Tests only: runs a whole suite with every module compiled one function at a time.
  const v = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.["WASMTS_LAZY_CODE_BYTES"];
  const n = v === undefined || v === "" ? NaN : Number(v);
  return Number.isInteger(n) && n >= 0 ? n : LAZY_CODE_BYTES;
})();

/**
 * The code size above which modules compiled from now on are compiled one
 * function at a time ({@link LAZY_CODE_BYTES}, or what the environment
 * variable `WASMTS_LAZY_CODE_BYTES`, meant for tests, says).
 */
export function lazyCodeBytes(): number {
  return lazyThreshold;
}

/**
 * Sets the code size above which modules compiled from now on are compiled
 * one function at a time (tests: 0 compiles every module so; null restores
 * the default). Modules already compiled keep their form.
 */
export function setLazyCodeBytes(bytes: number | null): void {
  lazyThreshold = bytes === null ? LAZY_CODE_BYTES : bytes;
}

const codeSizes = new WeakMap<object, number>();

/** Bytes of function bodies in `m` (what compiling it all costs is about proportional to); counted once per module. */
export function codeBytes(m: Module): number {
  let bytes = codeSizes.get(m);
  if (bytes === undefined) {
    bytes = 0;
    for (const c of m.codes) bytes += c.codeEnd - c.codeStart;
    codeSizes.set(m, bytes);
  }
  return bytes;
}

/** Whether `module` is (or will be, when its code is compiled) compiled one function at a time. */
export function compilesLazily(module: Module): boolean {
  const cm = plainCache.get(module) ?? meteredCache.get(module);
  if (cm !== undefined && cm !== null) return cm.lazy;
  return codeBytes(module) > lazyThreshold;
}

/**
 * What the emitter knows of `module`: the types of its function and global
 * index spaces, as validation left them in the validated module (an
 * instance's externs match them by linking, so no instance is needed and
 * the result is the same for every instance).
 */
function contextOf(module: ValidatedModule, constants: unknown[], metered: boolean, lazy: boolean): EmitContext {
  return {
    module,
    metered,
    lazy,
    funcTypes: module.spaces.funcs,
    globalTypes: module.spaces.globals.map((g) => g.valType),
    tables64: module.spaces.tables.map((t) => t.address64 === true),
    memories64: module.spaces.memories.map((t) => t.address64 === true),
    constant(v: unknown): string {
      constants.push(v);
      return `K[${constants.length - 1}]`;
    },
  };
}

/** How many times a module was emitted (compiled from its bytes), for tests that show a deserialized module is not. */
let emitted = 0;
/** How many functions were emitted one at a time (modules compiled lazily), for tests and the bench. */
let functionsEmittedCount = 0;

/**
 * The number of modules the emitter has compiled so far in this process
 * (deserialized ones installed without emitting are not counted; a module
 * compiled one function at a time counts once, at its first function).
 */
export function modulesEmitted(): number {
  return emitted;
}

/** The number of functions emitted one at a time (in modules compiled lazily) so far in this process. */
export function functionsEmitted(): number {
  return functionsEmittedCount;
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

/** The text of a stub for function `index` of type `type` that calls the interpreter (the emitter left it). */
function interpreterStub(cx: EmitContext, index: number): string {
  // The compiled calling convention: an i64 parameter is two (low, high), a v128 four words.
  const ps = cx.funcTypes[index]!.params.flatMap((t, j) => partNames(t, `x${j}`, `y${j}`));
  // The compiled calling convention: the depth last; callOut takes the caller's.
  return `function F${index}(${[...ps, "$d"].join(",")}){return H.callOut(FN[${index}],[null${ps.map((p) => "," + p).join("")}],INST,$d-1,CT)}`;
}

/** Compiles `module` (once; cached): whole, or ready to compile one function at a time; null when nothing can be compiled. */
function compileModule(module: ValidatedModule, metered: boolean): CompiledModule | null {
  const cache = metered ? meteredCache : plainCache;
  if (cache.has(module)) return cache.get(module)!;
  let result: CompiledModule | null = null;
  if (canCompile()) result = codeBytes(module) > lazyThreshold ? lazyModule(module, metered, [null], null) : wholeModule(module, metered);
  cache.set(module, result);
  return result;
}

/** Emits every function of `module` into one factory; null when the factory cannot be made. */
function wholeModule(module: ValidatedModule, metered: boolean): WholeModule | null {
  emitted++;
  // Generic (null first, see valueArray): the pool holds NaN constants whose payloads must survive.
  const constants: unknown[] = [null];
  const cx = contextOf(module, constants, metered, false);
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
      text = interpreterStub(cx, index);
      compiled.push(false);
    }
    parts.push(text);
    names.push(`F${index}`);
  }
  const source = PRELUDE + bindHelpers(parts.join("\n")) + `\nreturn [${names.join(",")}];`;
  const factory = makeFactory(source);
  return factory === null ? null : { lazy: false, factory, source, constants, compiled };
}

/**
 * A module to compile one function at a time, with the constant pool
 * `constants` (a generic array, null first) and, when installed from a
 * compiled form, the functions' texts; nothing is emitted now.
 */
function lazyModule(module: ValidatedModule, metered: boolean, constants: unknown[],
  texts: readonly string[] | null): LazyModule {
  const n = module.codes.length;
  return {
    lazy: true, module, constants,
    cx: contextOf(module, constants, metered, true),
    texts: texts === null ? new Array<string | undefined>(n).fill(undefined) : [...texts],
    factories: new Array<FunctionFactory | null | undefined>(n).fill(undefined),
    emitted: false,
  };
}

/** The text of defined function `i` of `lm`, emitting it if it was not yet ("" when the emitter leaves it to the interpreter). */
function functionText(lm: LazyModule, i: number): string {
  let text = lm.texts[i];
  if (text === undefined) {
    if (!lm.emitted) { lm.emitted = true; emitted++; }
    functionsEmittedCount++;
    try {
      text = emitFunction(lm.cx, lm.module.importedFuncs + i);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      text = "";
    }
    lm.texts[i] = text;
  }
  return text;
}

/** The factory of defined function `i` of `lm` (made once per module), or null when it is left to the interpreter. */
function functionFactory(lm: LazyModule, i: number): FunctionFactory | null {
  let factory = lm.factories[i];
  if (factory === undefined) {
    const text = functionText(lm, i);
    factory = null;
    if (text !== "") {
      const body = bindHelpers(text);
      const name = `F${lm.module.importedFuncs + i}`;
      // A lone function is returned as a parenthesised expression, which V8 compiles with the factory
      // (it is called at once) instead of parsing it twice, lazily; one with a tail-calling body is declared.
      const ret = text.startsWith(`function ${name}(`) ? `return(${body});` : `${body}\nreturn ${name};`;
      factory = makeFunction(["E", "H", "TM", "Trap"], functionPrelude(body) + ret) as FunctionFactory | null;
    }
    lm.factories[i] = factory;
  }
  return factory;
}

/**
 * Compiles defined function `i` of the lazily compiled instance `inst`
 * (whose factories get `env`) at its first call: the compiled function, or
 * a stub calling the interpreter, replaces the stub in the table `FT`
 * (where the calls of compiled code find it) and in the function
 * instance's `jit` (where calls from elsewhere do). Returns it.
 */
function compileFunction(lm: LazyModule, inst: ModuleInstance, env: Env, i: number): CompiledFn {
  const index = lm.module.importedFuncs + i;
  const func = inst.funcs[index]!;
  const factory = functionFactory(lm, i);
  let f: CompiledFn;
  if (factory === null) {
    func.jit = null;
    // The compiled calling convention: arguments in compiled form, the depth last; callOut takes the caller's.
    f = (...a: unknown[]): unknown => {
      const d = a.pop() as number;
      const args: unknown[] = [null];
      for (let j = 0; j < a.length; j++) args.push(a[j]);
      return HELPERS.callOut(func, args, inst, d - 1, env.CT);
    };
  } else {
    f = factory(env, HELPERS, TRAP_MESSAGES, Trap);
    func.jit = f;
  }
  env.FT![index] = f;
  return f;
}

/**
 * Compiles the functions of `inst` (the first time only), setting `jit` on
 * each function it compiled (on each defined function, for a module
 * compiled one function at a time: a stub compiling it at its first call).
 * `machine` is the interpreter's machine (its depth count is shared by both
 * tiers).
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
    MS: inst.memories,
    FN: inst.funcs,
    // i32 and f32 globals (an f32 is carried as its bits), and i64 ones as their two halves (low word, high word).
    GI: g.map((x) => (x.type.valType === ValType.I32 || x.type.valType === ValType.I64 || x.type.valType === ValType.F32 ? x.cell : null)),
    GD: g.map((x) => cell(x.type.valType, ValType.F64, x) as Float64Array | null),
    GR: g,
    TB: inst.tables,
    TBL: inst.tables,
    TY: module.types as readonly FuncType[],
    K: cm.constants,
    CT: meter,
    DL: Math.min(COMPILED_DEPTH, inst.store === null ? COMPILED_DEPTH : inst.store.maxCallDepth),
    // A generic array of functions (imports' entries stay null: calls to imports go through FN).
    FT: cm.lazy ? new Array<CompiledFn | null>(inst.funcs.length).fill(null) as CompiledFn[] : null,
  };
  if (cm.lazy) {
    for (let i = 0; i < module.codes.length; i++) {
      const stub = (...a: unknown[]): unknown => compileFunction(cm, inst, env, i)(...a);
      env.FT![module.importedFuncs + i] = stub;
      inst.funcs[module.importedFuncs + i]!.jit = stub;
    }
    jitted.set(inst, { env, cm, fns: null, metered });
    return;
  }
  const fns = cm.factory(env, HELPERS, TRAP_MESSAGES, Trap);
  for (let i = 0; i < fns.length; i++) {
    if (cm.compiled[i]) inst.funcs[module.importedFuncs + i]!.jit = fns[i]!;
  }
  jitted.set(inst, { env, cm, fns, metered });
}

/**
 * Per compiled instance: what its factories are called with, its compiled
 * module, and (compiled whole) the functions its factory returned, which
 * OSR variants bind by name.
 */
const jitted = new WeakMap<ModuleInstance, {
  readonly env: Env; readonly cm: CompiledModule; readonly fns: readonly unknown[] | null; readonly metered: boolean;
}>();

/** OSR variants made so far, per compiled module: by function index and loop offset (null: that loop cannot be entered). */
const osrCache = new WeakMap<CompiledModule, Map<string, ((env: Env, fs: readonly unknown[] | null) => OsrEntry) | null>>();

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
  if (state === undefined || inst.funcs[funcIndex]?.jit == null) return null;
  const cm = state.cm;
  let perModule = osrCache.get(cm);
  if (perModule === undefined) osrCache.set(cm, (perModule = new Map()));
  const key = `${funcIndex}:${loopOffset}`;
  let make = perModule.get(key);
  if (make === undefined) {
    make = null;
    const plan = osrPlan(module, funcIndex, loopOffset);
    if (plan !== null) {
      // The variant's own constants go to the end of the module's pool, which every instance shares.
      // Metered like the instance's code when its store counts events.
      const cx = cm.lazy ? cm.cx : contextOf(module, cm.constants, state.metered, false);
      let text: string | null = null;
      try {
        text = emitFunction(cx, funcIndex, plan);
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
      }
      if (text !== null) {
        // A whole module's functions are reached by the names its factory gave them; a lazy one's through FT.
        const bind = cm.lazy ? "" : state.fns!.map((_, i) => `F${module.importedFuncs + i}=FS[${i}]`).join(",");
        const body = bindHelpers(text);
        const source = (cm.lazy ? functionPrelude(body) : PRELUDE) + (bind === "" ? "" : `const ${bind};`) + body + "\nreturn O;";
        const factory = makeFunction(["E", "H", "TM", "Trap", "FS"], source) as
          ((E: Env, H: typeof HELPERS, TM: readonly string[], T: unknown, FS: readonly unknown[] | null) => OsrEntry) | null;
        if (factory !== null) make = (env, fs) => factory(env, HELPERS, TRAP_MESSAGES, Trap, fs);
      }
    }
    perModule.set(key, make);
  }
  return make === null ? null : make(state.env, state.fns);
}

/** Emits every function of the lazily compiled `lm` that was not yet (a serialized module carries them all). */
function emitRest(lm: LazyModule): void {
  for (let i = 0; i < lm.texts.length; i++) functionText(lm, i);
}

/**
 * The compiled form of `module`, compiling it now if it was not yet (what
 * a serialized module carries); null when the platform cannot compile. A
 * module compiled one function at a time carries the text of every
 * function: those not run so far are emitted now (their factories are
 * made only at their first call, here or where the form is installed).
 */
export function compiledForm(module: ValidatedModule): CompiledForm | null {
  const cm = compileModule(module, false);
  if (cm === null) return null;
  if (!cm.lazy) return { source: cm.source, functions: null, constants: cm.constants, compiled: cm.compiled };
  emitRest(cm);
  const texts = cm.texts as string[];
  return { source: "", functions: [...texts], constants: cm.constants, compiled: texts.map((t, i) => t !== "" && cm.factories[i] !== null) };
}

/**
 * Installs a compiled form made earlier for the same module (a deserialized
 * artifact's), so that instances of `module` use it without emitting.
 * Returns false, installing nothing, when the module was compiled already,
 * the form does not fit the module (a count differs) or its source cannot
 * be made a function here (a CSP): the module is then compiled as usual,
 * or interpreted. The source is trusted: it must come from our emitter.
 * A form of functions is installed as it is: each function's factory is
 * made at its first call.
 */
export function installCompiledForm(module: ValidatedModule, form: CompiledForm): boolean {
  if (plainCache.has(module) || form.compiled.length !== module.codes.length || !canCompile()) return false;
  if (form.functions !== null) {
    if (form.functions.length !== module.codes.length) return false;
    const texts = form.functions.map((t, i) => (form.compiled[i] ? t : ""));
    plainCache.set(module, lazyModule(module, false, form.constants as unknown[], texts));
    return true;
  }
  const factory = makeFactory(form.source);
  if (factory === null) return false;
  plainCache.set(module, { lazy: false, factory, source: form.source, constants: form.constants as unknown[], compiled: form.compiled });
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
    const parts: string[] = [HELPER_BINDINGS, PRELUDE, String(bindHelpers), String(functionPrelude), TRAP_MESSAGES.join("\n"),
      String(compileModule), String(wholeModule), String(functionFactory), String(compileFunction), String(compileInstance)];
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

/**
 * The generated source of `module`, once compiled (for tests and
 * debugging); null otherwise. For a module compiled whole, its factory's;
 * for one compiled one function at a time, the prelude then every
 * function's text (those not run so far are emitted now, for this).
 */
export function generatedSource(module: Module, metered = false): string | null {
  const cm = (metered ? meteredCache : plainCache).get(module);
  if (cm === undefined || cm === null) return null;
  if (!cm.lazy) return cm.factory.toString();
  emitRest(cm);
  return PRELUDE + bindHelpers(cm.texts.map((t, i) => t === "" ? interpreterStub(cm.cx, cm.module.importedFuncs + i) : t!).join("\n"));
}

/**
 * Which defined functions of `module` the compiler tier compiled (true) or
 * left to the interpreter (false), in the order of the code section; null
 * until an instance of it has run on that tier (or when nothing could be
 * compiled); `metered` asks about the code of stores that count events.
 * For a module compiled one function at a time, the functions not run so
 * far are emitted now to answer (see {@link lazyProgress} for what ran).
 * Tests use it to check that code really runs compiled.
 */
export function compiledFlags(module: Module, metered = false): readonly boolean[] | null {
  const cm = (metered ? meteredCache : plainCache).get(module);
  if (cm === undefined || cm === null) return null;
  if (!cm.lazy) return cm.compiled;
  emitRest(cm);
  return cm.texts.map((t, i) => t !== "" && cm.factories[i] !== null);
}

/** How far compiling a module one function at a time got (see {@link lazyProgress}). */
export interface LazyProgress {
  /** The module's defined functions. */
  readonly functions: number;
  /** How many of them were emitted (their text made). */
  readonly emitted: number;
  /** How many were made functions (called at least once, or serialized and called). */
  readonly made: number;
  /** The length of the emitted texts (characters of JavaScript). */
  readonly textLength: number;
}

/**
 * How far compiling `module` one function at a time got; null when it is
 * not compiled so (not yet, or whole). `metered` asks about the code of
 * stores that count events.
 */
export function lazyProgress(module: Module, metered = false): LazyProgress | null {
  const cm = (metered ? meteredCache : plainCache).get(module);
  if (cm === undefined || cm === null || !cm.lazy) return null;
  let emittedHere = 0, made = 0, textLength = 0;
  for (const t of cm.texts) if (t !== undefined) { emittedHere++; textLength += t.length; }
  for (const f of cm.factories) if (f !== undefined && f !== null) made++;
  return { functions: cm.texts.length, emitted: emittedHere, made, textLength };
}
