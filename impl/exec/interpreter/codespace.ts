/**
 * The lowered code of a module: its functions, lowered on first call by
 * {@link Lowering}, one after another in one array.
 * @module
 */
import type { FuncType } from "../../base/types.js";
import type { ValidatedModule } from "../../validate/validated.js";
import type { Handler } from "./exceptions.js";
import { Lowering, type LoweredBody } from "./lower.js";

/** A function lowered for the interpreter; shared by every instance of its module. */
export interface CompiledFunc {
  /** Position of the function's first instruction in its module's {@link CodeSpace}. */
  readonly entry: number;
  /** The function's instructions alone (a copy, for listings); branch targets are code space positions. */
  readonly code: Int32Array;
  readonly type: FuncType;
  /** Index in the module's function index space. */
  readonly funcIndex: number;
  readonly nParams: number;
  /** Parameters plus declared locals. */
  readonly nLocals: number;
  /** Slots after the locals holding the constants that instructions read as operands. */
  readonly nConsts: number;
  /** Slots the frame needs: locals, constants and the deepest operand stack. */
  readonly frameSlots: number;
  /**
   * Words written from the first declared local on entry: zeros for the
   * declared locals, then the constants' bits.
   */
  readonly init: Int32Array;
  /** Slot numbers of declared locals of reference type (set to null on entry). */
  readonly refLocals: Int32Array;
  /**
   * The trap side table, read only when a trap is traced: the code space
   * position of each instruction, ascending (see {@link sourceOffset}).
   */
  readonly sitePcs: Int32Array;
  /** Per entry of {@link CompiledFunc.sitePcs}, the wasm instruction's offset in the module binary. */
  readonly sourceOffsets: Int32Array;
  /** The `try_table` handlers, innermost first (see ./exceptions.ts); read only when an exception is raised. */
  readonly handlers: readonly Handler[];
  /** Loops where the frame may move to compiled code: pairs of code space position and wasm offset (see {@link LoweredBody.osrLoops}). */
  readonly osrLoops: Int32Array;
}

/**
 * The offset in the module binary of the wasm instruction that lowered code
 * position `pc` of `cf` comes from: the instruction starting at `pc`, or,
 * when `before` is set, the one ending there (a return address: the call).
 * -1 when the function has no side table entry there (synthetic code).
 */
export function sourceOffset(cf: CompiledFunc, pc: number, before: boolean): number {
  const pcs = cf.sitePcs;
  const key = before ? pc - 1 : pc;
  // The last entry at or before `key`.
  let lo = 0, hi = pcs.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pcs[mid]! <= key) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found < 0 ? -1 : cf.sourceOffsets[found]!;
}

/**
 * The lowered code of one module: every function lowered so far, one after
 * another in one array, so a call within the module needs no change of code
 * array and a frame need not remember one. Functions are lowered on first
 * call and appended; positions never change, but the array is replaced when
 * it grows, so holders read {@link CodeSpace.code} again after anything that
 * may lower (a call of a function not lowered yet, a host call).
 */
export class CodeSpace {
  /** All lowered code; positions past {@link CodeSpace.length} are free. */
  code = new Int32Array(256);
  length = 0;
  /** Function type of each function index (imports first): the validated module's index space. */
  readonly funcTypes: readonly FuncType[];
  /**
   * The module's type section and imported-function count, copied here: the
   * loop reads them through this object, whose shape never varies, rather
   * than through the module, whose shape V8 sees change from module to module
   * (null or number fields), which deoptimised the loop once per new module.
   */
  readonly types: readonly FuncType[];
  readonly importedFuncs: number;
  /**
   * Lowered defined functions, by defined-function index (function index
   * minus imported functions); null until lowered. Filled with nulls up front:
   * an array with holes would make the loop's read of it slower.
   */
  readonly funcs: (CompiledFunc | null)[] = [];
  /** Lowered functions in the order they were appended: ascending entries (see {@link CodeSpace.funcAt}). */
  private readonly byEntry: CompiledFunc[] = [];

  constructor(readonly module: ValidatedModule) {
    this.funcTypes = module.spaces.funcs;
    // The codes name types only where a function type is needed (validation checked that).
    this.types = module.types as readonly FuncType[];
    this.importedFuncs = module.importedFuncs;
    for (let i = 0; i < module.funcs.length; i++) this.funcs.push(null);
  }

  /** The lowered function whose code holds position `pc`, or null if none does. */
  funcAt(pc: number): CompiledFunc | null {
    const fs = this.byEntry;
    let lo = 0, hi = fs.length - 1, found: CompiledFunc | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (fs[mid]!.entry <= pc) { found = fs[mid]!; lo = mid + 1; } else hi = mid - 1;
    }
    return found !== null && pc < found.entry + found.code.length ? found : null;
  }

  /** The lowered code of defined function `funcIndex` (in the function index space), lowering it on first use. */
  compiled(funcIndex: number): CompiledFunc {
    const i = funcIndex - this.module.importedFuncs;
    return this.funcs[i] ?? this.lower(funcIndex);
  }

  private lower(funcIndex: number): CompiledFunc {
    const base = this.length;
    // Constant slots sit between the locals and the operand stack, so their number must be known
    // before the stack's slots are: lower once to count them, again when there are any.
    let out = new Lowering(this.module, this.funcTypes, funcIndex, base, 0).run();
    if (out.consts.length > 0) {
      const counted = out.consts.length;
      out = new Lowering(this.module, this.funcTypes, funcIndex, base, counted / 2).run();
      // The second lowering makes the same choices, so it needs the same constants.
      if (out.consts.length !== counted) throw new Error("lowering: constant slots differ between passes");
    }
    return this.append(funcIndex, out);
  }

  /**
   * Appends a lowered body as defined function `funcIndex` (its branch
   * targets already count from the current end of the space).
   */
  append(funcIndex: number, out: LoweredBody): CompiledFunc {
    const base = this.length;
    const code = Int32Array.from(out.code);
    if (base + code.length > this.code.length) {
      const grown = new Int32Array(Math.max(2 * this.code.length, base + code.length));
      grown.set(this.code.subarray(0, base));
      this.code = grown;
    }
    this.code.set(code, base);
    this.length = base + code.length;
    const nConsts = out.consts.length / 2;
    const init = new Int32Array(2 * (out.nLocals - out.nParams + nConsts));
    init.set(out.consts, 2 * (out.nLocals - out.nParams));
    const cf: CompiledFunc = {
      entry: base, code, type: this.funcTypes[funcIndex]!, funcIndex,
      nParams: out.nParams, nLocals: out.nLocals, nConsts, frameSlots: out.nLocals + nConsts + out.maxHeight,
      init, refLocals: Int32Array.from(out.refLocals),
      sitePcs: Int32Array.from(out.sitePcs, (p) => base + p), sourceOffsets: Int32Array.from(out.sourceOffsets),
      handlers: out.handlers ?? [], osrLoops: Int32Array.from(out.osrLoops ?? []),
    };
    this.funcs[funcIndex - this.module.importedFuncs] = cf;
    this.byEntry.push(cf);
    return cf;
  }
}

const spaces = new WeakMap<ValidatedModule, CodeSpace>();

/** The code space of a module (created empty on first use). */
export function codeSpace(m: ValidatedModule): CodeSpace {
  let space = spaces.get(m);
  if (space === undefined) {
    space = new CodeSpace(m);
    spaces.set(m, space);
  }
  return space;
}

/**
 * The lowered code of defined function `funcIndex` of `m` (in the function
 * index space), lowering it on first use.
 */
export function compiledFunction(m: ValidatedModule, funcIndex: number): CompiledFunc {
  return codeSpace(m).compiled(funcIndex);
}

