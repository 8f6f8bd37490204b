/**
 * Compiling a module instance: the module's functions become the source of
 * one JavaScript factory (made once per module, with `new Function`, and
 * cached), which each instance calls with its own state (memory, globals,
 * tables, functions) to get its closures. Functions the emitter does not
 * handle become stubs that call the interpreter; when the platform refuses
 * `new Function` (a Content Security Policy), nothing is compiled.
 * @module
 */
import { Trap } from "../../base/errors.js";
import { ValType, type FuncType } from "../../base/types.js";
import type { Module } from "../../decode/module.js";
import type { FuncInstance, ModuleInstance } from "../../runtime/instances.js";
import { emitFunction, TRAP_MESSAGES, Unsupported, type EmitContext } from "./emit.js";
import { COMPILED_DEPTH, HELPERS } from "./helpers.js";
import { meterFor, type Meter } from "./meter.js";

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
import { partNames } from "./parts.js";

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

type Factory = (E: Env, H: typeof HELPERS, TM: readonly string[], Trap: unknown) => ((...a: unknown[]) => unknown)[];

/** A module's compiled form: the factory, its constant pool, and which defined functions it compiled. */
interface CompiledModule {
  readonly factory: Factory;
  readonly constants: readonly unknown[];
  /** Per defined function: whether it was compiled (else it is a stub calling the interpreter). */
  readonly compiled: readonly boolean[];
}

const plainCache = new WeakMap<Module, CompiledModule | null>();
/** The same for code that counts events against its store's meter (./meter.ts). */
const meteredCache = new WeakMap<Module, CompiledModule | null>();

/** `const H_name=H.name,...;` for every helper function (identifiers of ours, checked). */
const HELPER_BINDINGS = ((): string => {
  const names = Object.keys(HELPERS).filter((k) => /^[A-Za-z][A-Za-z0-9]*$/.test(k) &&
    typeof (HELPERS as Record<string, unknown>)[k] === "function");
  return `const ${names.map((k) => `H_${k}=H.${k}`).join(",")};`;
})();

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

/** The types of the function and global index spaces, from the instance (they match the module's by validation and linking). */
function contextOf(module: Module, inst: ModuleInstance, constants: unknown[], metered: boolean): EmitContext {
  return {
    module,
    metered,
    funcTypes: inst.funcs.map((f) => f.type),
    globalTypes: inst.globals.map((g) => g.type.valType),
    constant(v: unknown): string {
      constants.push(v);
      return `K[${constants.length - 1}]`;
    },
  };
}

/** Compiles `module` (once; cached), or null when nothing can be compiled. */
function compileModule(module: Module, inst: ModuleInstance, metered: boolean): CompiledModule | null {
  const cache = metered ? meteredCache : plainCache;
  if (cache.has(module)) return cache.get(module)!;
  let result: CompiledModule | null = null;
  if (canCompile()) {
    // Generic (null first, see valueArray): the pool holds NaN constants whose payloads must survive.
    const constants: unknown[] = [null];
    const cx = contextOf(module, inst, constants, metered);
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
    const source = `"use strict";const M=E.M,INST=E.INST,MEM=E.MEM,FN=E.FN,GI=E.GI,GD=E.GD,GR=E.GR,` +
      `TB=E.TB,TBL=E.TBL,TY=E.TY,K=E.K,DL=E.DL,CT=E.CT,SF=H.SF,SI=H.SI,SD=H.SD,HI=H.HI,W=H.W,` +
      `VS=H.VS,VW=H.VW,VR=H.VR,TAIL=H.TAIL,TA=H.TA,TC=H.TC;` +
      `${HELPER_BINDINGS}function T(k){throw new Trap(TM[k])}` +
      // Helpers are called through constants of the factory (H_name), which V8 inlines more readily
      // than loads from the helper object. The text holds nothing of the module's bytes.
      parts.join("\n").replace(/\bH\.(\w+)\(/g, "H_$1(") + `\nreturn [${names.join(",")}];`;
    try {
      const factory = new Function("E", "H", "TM", "Trap", source) as Factory;
      result = { factory, constants, compiled };
    } catch (e) {
      // A CSP refusal or an emitter bug (a syntax error): the interpreter runs the module.
      if (!(e instanceof EvalError) && !(e instanceof SyntaxError)) throw e;
      result = null;
    }
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
  const cm = compileModule(module, inst, metered);
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
