/**
 * Warming the dispatch loop up before the first real call: a synthetic
 * program, built directly in lowered form, runs every code (each branch both
 * ways), so every handler has type feedback before V8 optimises the loop.
 * Without it, the optimised loop bails out to the interpreter at the first
 * use of each handler it has not seen run, and a long-running call then
 * continues in on-stack-replacement code, which for a loop this size runs
 * about 1.5x slower than the code compiled for a normal call.
 * @module
 */
import { ExternKind, HeapType, ValType, type FuncType } from "../../base/types.js";
import { assumeValidated, type ValidatedModule } from "../../validate/validated.js";
import {
  FuncInstance, GlobalInstance, MemoryInstance, ModuleInstance, TableInstance,
} from "../../runtime/instances.js";
import { Code, MoveKind } from "./codes.js";
import { CODE_INFO } from "./disassemble.js";
import { codeSpace, type CompiledFunc } from "./codespace.js";
import type { LoweredBody } from "./lower.js";
import { run } from "./loop.js";
import { canonicalizeGroup, type Rtt } from "../../base/rtt.js";
import { Packed, type DefType, type StorageType } from "../../base/types.js";
import { allocArray, arrayElem, newDefaultStruct } from "../../runtime/gc-objects.js";
import type { Machine } from "./machine.js";

// A main function's frame: three constant slots (the sources), then scratch.
/** Slot of the first source: small and non-negative (an address, an index, a count; 0 or 1). */
const SRC1 = 0;
/** Slot of the second source: never zero (a divisor), sometimes all ones (so unsigned views exceed 2^31). */
const SRC2 = 1;
/** Slot of the third source: 2 (the table entry of a function in another instance). */
const SRC3 = 2;
/** Slot every instruction writes. */
const SINK = 3;
/** Reference slot read by reference instructions (a function, loaded first). */
const REF_SRC = 4;
/** Reference slot written by reference instructions. */
const REF_SINK = 5;
/** Where calls put their arguments (and find their results). */
const ARGS = 6;
const MAIN_SLOTS = 8;

/**
 * The sources and immediate of each main function: run together, they take
 * every comparison both ways (equal, less, greater; signed and unsigned),
 * both sides of every conditional, and the fast and slow paths of helpers
 * such as 64-bit division.
 */
const PROFILES: readonly { readonly src1: number; readonly src2: number; readonly k: number }[] = [
  { src1: 1, src2: -1, k: 0 },
  { src1: 0, src2: 1, k: 1 },
  { src1: 1, src2: 1, k: 1 },
  { src1: 1, src2: 2, k: -1 },
];

// Function indices: the imported host function, one function per kind of return, a function
// lowered on its first call (from the module's bytes), then the main functions, then one that traps.
const HOST = 0, RET0 = 1, RET32 = 2, RET64 = 3, RET_REF = 4, RET_N = 5, LAZY = 6, MAIN = 7;
const TRAP = MAIN + PROFILES.length;
/** Functions that only tail-call: a function of this instance, the host function, one of another instance. */
const TAIL_LOCAL = TRAP + 1, TAIL_IMPORT = TRAP + 2, TAIL_INDIRECT = TRAP + 3;
/** A function that tail-calls through a function reference (`return_call_ref`). */
const TAIL_REF = TRAP + 4;

/** The module's bytes: only the body of the lazily lowered function (no locals, `end`). */
const LAZY_BODY = { locals: [], localCount: 0, bodyStart: 0, codeStart: 1, codeEnd: 2 };

const TYPES: readonly FuncType[] = [
  { params: [], results: [] },
  { params: [], results: [ValType.I32] },
  { params: [], results: [ValType.I64] },
  { params: [], results: [ValType.FuncRef] },
  { params: [], results: [ValType.I32, ValType.I64] },
];

/** The warm-up module: types, one host import, and the defined functions' types (bodies are installed lowered). */
function warmupModule(): ValidatedModule {
  // Built by the engine, with bodies installed already lowered: nothing to validate.
  return assumeValidated({
    bytes: new Uint8Array([0x00, 0x0b]),
    types: TYPES,
    typeDecls: TYPES.map((_, i) => ({ groupStart: i, groupSize: 1, final: true, supers: [] })),
    imports: [{ module: "warmup", name: "host", desc: { kind: ExternKind.Func, typeIndex: 0 }, offset: 0 }],
    funcs: [0, 1, 2, 3, 4, 0, ...PROFILES.map(() => 0), 0, 0, 0, 0, 0],
    tables: [{ elemType: ValType.FuncRef, limits: { min: 4, max: 4 } }],
    memories: [{ limits: { min: 1, max: 1 } }],
    tags: [],
    globals: [],
    exports: [],
    start: null,
    elems: [],
    datas: [],
    dataCount: null,
    codes: [0, 1, 2, 3, 4, 5, ...PROFILES.map(() => 0), 0, 0, 0, 0, 0].map(() => LAZY_BODY),
    customs: [],
    names: null,
    importedFuncs: 1,
    importedTables: 0,
    importedMemories: 0,
    importedGlobals: 0,
    importedTags: 0,
  });
}

/** Where the operand of layout letter `kind` of code `name` points (sources rotate for variety). */
function operand(name: string, kind: string, nth: number, k: number): number {
  // Bulk operations, calls and addresses (of loads, stores and the arithmetic with a memory
  // operand, `...L`) want small in-bounds values: always the first source.
  const plain = /^(Memory|Table|Call)|Load|Store|L$/.test(name);
  const src = plain ? SRC1 : nth % 2 === 0 ? SRC1 : SRC2;
  switch (kind) {
    case "I": return 2 * SINK;
    case "i": return 2 * src;
    case "D": return SINK;
    case "d": return src;
    case "R": return REF_SINK;
    case "r": return REF_SRC;
    // A memory offset stays 0 (the address is a source); an address's added constant keeps it in bounds.
    case "k": return /Load|Store/.test(name) && !name.endsWith("A") ? 0 : k;
    case "g": return name.endsWith("32") ? 0 : name.endsWith("64") ? 1 : 2;
    case "t": case "y": return 0;
    case "f": return RET0;
    case "s": return name === "DataDrop" ? 1 : 0;
    case "e": return name === "ElemDrop" ? 1 : 0;
    case "a": return 2 * ARGS;
    default: throw new Error(`warm-up: operand kind ${kind} of ${name}`);
  }
}

/** A main function's code, starting at code space position `base`: every code once, then calls. */
function mainCode(base: number, k: number): number[] {
  const code: number[] = [Code.GlobalGetRef, REF_SRC, 2];
  const emit = (...words: number[]): void => { for (const w of words) code.push(w); };
  // GC casts (variable layout, so the loop below leaves them out): tests both ways and a cast that holds, on the function.
  emit(Code.RefTest, 2 * SINK, REF_SRC, HeapType.Func, 0, Code.RefTest, 2 * SINK, REF_SRC, HeapType.I31, 1);
  emit(Code.RefCast, REF_SRC, HeapType.Func, 0);
  for (let c = 0; c < Code.Count; c++) {
    const [name, kinds] = CODE_INFO[c]!;
    // Throws leave the loop as the trap function does; `ReturnCall*` run in the tail-calling functions.
    if (c === Code.Unreachable || kinds === "*" || name.startsWith("Ret") || name.startsWith("Call") || name.startsWith("Throw")) continue;
    // GC struct and array codes need struct and array operands, which this program does not make.
    if (/^(Struct|Array)/.test(name)) continue;
    const next = base + code.length + 1 + kinds.length;
    code.push(c);
    let nth = 0, nk = 0;
    for (const kind of kinds) {
      if (kind === "@") code.push(next);
      // The increment of `BrAddI*` is 0, so the comparison sees the source itself.
      else if (kind === "k" && name.startsWith("BrAddI") && nk++ === 0) code.push(0);
      else code.push(operand(name, kind, /[id]/.test(kind) ? nth++ : 0, k));
    }
  }
  gcCode(emit);
  const at = (): number => base + code.length;
  // No `Simd`: with type feedback for that handler V8 compiled the dispatch loop 10-15% slower for
  // every program (measured: loop kernel 2.77 s without, 3.26 s with). A program's first SIMD
  // instruction deoptimises the loop once instead, and V8 compiles it again with SIMD in it.
  emit(Code.BrTable, 2 * SRC1, 1, at() + 5, at() + 5);
  for (const f of [RET0, RET32, RET64, RET_REF, RET_N, LAZY, TAIL_LOCAL, TAIL_IMPORT, TAIL_INDIRECT, TAIL_REF]) emit(Code.CallLocal, f - 1, 2 * ARGS);
  // The reference slot holds a function of type 0 (no parameters, no results).
  emit(Code.CallRef, 0, 2 * ARGS, REF_SRC);
  emit(Code.CallImport, HOST, 2 * ARGS);
  emit(Code.CallIndirect, 0, 0, 2 * ARGS, 2 * SRC1);
  emit(Code.CallIndirect, 0, 0, 2 * ARGS, 2 * SRC3);
  // A loop of two iterations: a branch back, counted as fuel.
  emit(Code.Const32, 2 * SINK, 2);
  const loop = at();
  emit(Code.BrAddINeI, 2 * SINK, 2 * SINK, -1, 0, ~loop);
  emit(Code.Ret0);
  return code;
}

// ---- GC structs and arrays: their codes need objects of the right layout, in globals 3 to 8.

/** A canonical type of its own for a struct or array type (the warm-up module declares function types only). */
function gcRtt(t: DefType): Rtt {
  const types: DefType[] = [t];
  canonicalizeGroup(types, [{ groupStart: 0, groupSize: 1, final: true, supers: [] }], 0, 1);
  return types[0]!.rtt!;
}
const field = (storage: StorageType): { storage: StorageType; mutable: boolean } => ({ storage, mutable: true });
/** Global 3: a struct with slots i32 (0), i64 (1, 2), anyref (3), i8 (4), i16 (5). */
const GC_STRUCT = 3;
/** Globals 4 to 8: arrays (two elements) of i32, i64, anyref, i8, i16. */
const GC_ARRAYS = [ValType.I32, ValType.I64, ValType.AnyRef, Packed.I8, Packed.I16] as const;

/** The GC objects of globals 3 to 8 (made per instance: the program writes them). */
function gcGlobals(): GlobalInstance[] {
  const s = gcRtt({ fields: [ValType.I32, ValType.I64, ValType.AnyRef, Packed.I8, Packed.I16].map(field) });
  const out = [new GlobalInstance({ valType: ValType.AnyRef, mutable: true }, newDefaultStruct(s))];
  for (const e of GC_ARRAYS) {
    const rtt = gcRtt({ element: field(e) });
    out.push(new GlobalInstance({ valType: ValType.AnyRef, mutable: true }, allocArray(rtt, arrayElem(rtt), 2)));
  }
  return out;
}

/** Emits every GC struct and array code of the loop once, on objects of the right layout (indices from SRC1: 0 or 1). */
function gcCode(emit: (...words: number[]) => void): void {
  const I = 2 * SINK, i = 2 * SRC1, v = 2 * SRC2;
  emit(Code.GlobalGetRef, REF_SRC, GC_STRUCT);
  emit(Code.StructGet32, I, REF_SRC, 0, Code.StructGet64, I, REF_SRC, 1, Code.StructGetRef, REF_SINK, REF_SRC, 3);
  emit(Code.StructGetS8, I, REF_SRC, 4, Code.StructGetS16, I, REF_SRC, 5);
  emit(Code.StructSet32, REF_SRC, 0, v, Code.StructSet64, REF_SRC, 1, i, Code.StructSetRef, REF_SRC, 3, REF_SINK);
  emit(Code.StructSet8, REF_SRC, 4, v, Code.StructSet16, REF_SRC, 5, v);
  emit(Code.GlobalGetRef, REF_SRC, GC_STRUCT + 1, Code.ArrayLen, I, REF_SRC, Code.ArrayGet32, I, REF_SRC, i, Code.ArraySet32, REF_SRC, i, v);
  emit(Code.GlobalGetRef, REF_SRC, GC_STRUCT + 2, Code.ArrayGet64, I, REF_SRC, i, Code.ArraySet64, REF_SRC, i, i);
  emit(Code.GlobalGetRef, REF_SRC, GC_STRUCT + 3, Code.ArrayGetRef, REF_SINK, REF_SRC, i, Code.ArraySetRef, REF_SRC, i, REF_SINK);
  emit(Code.GlobalGetRef, REF_SRC, GC_STRUCT + 4, Code.ArrayGetS8, I, REF_SRC, i, Code.ArrayGetU8, I, REF_SRC, i, Code.ArraySet8, REF_SRC, i, v);
  emit(Code.GlobalGetRef, REF_SRC, GC_STRUCT + 5, Code.ArrayGetS16, I, REF_SRC, i, Code.ArrayGetU16, I, REF_SRC, i, Code.ArraySet16, REF_SRC, i, v);
  // The reference source is a function again, for the calls that follow.
  emit(Code.GlobalGetRef, REF_SRC, 2);
}

function body(code: number[], maxHeight: number, consts: number[] = []): LoweredBody {
  return { code, nParams: 0, nLocals: 0, maxHeight, consts, refLocals: [], sitePcs: [], sourceOffsets: [] };
}

/** An instance of the warm-up module, its functions installed in the shared code space. */
function instance(m: ValidatedModule, host: FuncInstance, table: TableInstance | null, other: FuncInstance | null): ModuleInstance {
  const inst = new ModuleInstance(m);
  const types = codeSpace(m).funcTypes;
  inst.funcs.push(host);
  for (let i = 1; i < types.length; i++) inst.funcs.push(new FuncInstance(types[i]!, inst, i, null));
  const ret0 = inst.funcs[RET0]!;
  inst.memories.push(new MemoryInstance({ limits: { min: 1, max: 1 } }));
  const t = table ?? new TableInstance({ elemType: ValType.FuncRef, limits: { min: 4, max: 4 } });
  t.elements[0] = ret0; t.elements[1] = ret0;
  if (other !== null) t.elements[2] = other;
  inst.tables.push(t);
  inst.globals.push(
    new GlobalInstance({ valType: ValType.I32, mutable: true }, 0),
    new GlobalInstance({ valType: ValType.I64, mutable: true }, 0n),
    new GlobalInstance({ valType: ValType.FuncRef, mutable: true }, ret0),
    ...gcGlobals(),
  );
  inst.elems.push([ret0, ret0, ret0, ret0], [ret0]);
  inst.datas.push(new Uint8Array(4), new Uint8Array(1));
  return inst;
}

/** The warm-up program: its entry functions (one per profile) and their lowered code. */
export interface WarmupProgram {
  readonly mains: readonly { readonly func: FuncInstance; readonly cf: CompiledFunc }[];
  /**
   * A function that traps at once: the way out of the loop with an
   * exception (the trace) needs type feedback too, or the first trap
   * deoptimises the loop and later calls run in on-stack-replacement code.
   */
  readonly trap: { readonly func: FuncInstance; readonly cf: CompiledFunc };
  /**
   * Makes the lazily lowered function unlowered again, so the next round
   * takes the loop's lowering path again: V8 allocates a function's feedback
   * only after its first few calls, so what only the first round runs gets none.
   */
  readonly relazy: () => void;
  /** The imported host function: the warm-up calls it as a leaf and not, so both call paths get feedback. */
  readonly host: FuncInstance;
}

/** Builds the warm-up program (a fresh module and two instances of it). */
export function warmupProgram(): WarmupProgram {
  const m = warmupModule();
  const space = codeSpace(m);
  space.append(RET0, body([Code.Ret0], 0));
  space.append(RET32, body([Code.Ret32, 0], 1));
  space.append(RET64, body([Code.Ret64, 0], 1));
  space.append(RET_REF, body([Code.RetRef, 0], 1));
  space.append(RET_N, body([Code.RetN, 2, 0, MoveKind.W32, 2, MoveKind.W64], 2));
  const cfs = PROFILES.map((p, i) => space.append(MAIN + i, body(
    mainCode(space.length, p.k), MAIN_SLOTS - 3, [p.src1, 0, p.src2, p.src2 >> 31, 2, 0])));
  const host = new FuncInstance(TYPES[0]!, null, -1, () => []);
  const other = instance(m, host, null, null);
  // A division by zero (slot 0 is the constant 0). Not `unreachable`: with type feedback for that
  // handler, V8 compiled the dispatch loop about 10% slower (measured on the loop kernel).
  const trap = space.append(TRAP, body([Code.I32DivS, 2, 0, 0, Code.Ret0], 1, [0, 0]));
  // Slot 0 is the constant 2: the table entry of the other instance's function.
  space.append(TAIL_LOCAL, body([Code.ReturnCallLocal, RET0 - 1, 2], 1));
  space.append(TAIL_IMPORT, body([Code.ReturnCallImport, HOST, 2], 1));
  space.append(TAIL_INDIRECT, body([Code.ReturnCallIndirect, 0, 0, 2, 0], 1, [2, 0]));
  space.append(TAIL_REF, body([Code.RefFunc, 0, RET0, Code.ReturnCallRef, 0, 2, 0], 2));
  const inst = instance(m, host, null, other.funcs[RET0]!);
  return {
    mains: cfs.map((cf, i) => ({ func: inst.funcs[MAIN + i]!, cf })),
    trap: { func: inst.funcs[TRAP]!, cf: trap },
    relazy: () => { space.funcs[LAZY - m.importedFuncs] = null; },
    host,
  };
}

/** Rounds of the warm-up: V8 collects type feedback only once a function has run a few times. */
const ROUNDS = 12;

/**
 * Runs the warm-up program a few times, so every handler of the dispatch
 * loop has type feedback before V8 optimises it. Safe to skip: it only makes
 * later calls faster.
 */
export function warmUp(m: Machine): void {
  const fuel = m.fuel;
  // Fuel for one loop iteration: the program's loop then suspends and resumes too.
  m.fuel = 0;
  try {
    const program = warmupProgram();
    const { trap } = program;
    for (let i = 0; i < ROUNDS; i++) {
      // Leaf host calls (WASI's) are made inside the loop, the others by `run`: both get feedback.
      program.host.leaf = (i & 1) === 1;
      for (const { func, cf } of program.mains) {
        program.relazy();
        run(m, func, cf, m.top);
      }
      try {
        run(m, trap.func, trap.cf, m.top);
      } catch {
        // The trap it is there for.
      }
    }
  } catch {
    // A failing warm-up only costs speed; the unit tests run it and would report the failure.
  } finally {
    m.fuel = fuel;
  }
}
