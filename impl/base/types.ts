/**
 * The WebAssembly type vocabulary shared by every layer: value types, function
 * types, limits and extern types, with their text-format spelling.
 * @see https://webassembly.github.io/spec/core/syntax/types.html
 * @module
 */
// A cycle, harmless: each module uses the other's functions only when called.
import { isSubtypeAcross } from "./subtyping.js";

/**
 * Value types are numbers (hot paths compare them with `===` and keep them in
 * typed arrays). Number and vector types are their binary byte. Reference
 * types carry a heap type and a nullability:
 *
 * - an abstract heap type is its binary byte (`0x70` func, `0x6f` extern,
 *   `0x69` exn, and GC's `0x6e` any ... `0x71` none); a concrete one, a type
 *   index `i`, is `CONCRETE | i << 10` (bit 9 set, the index above bit 10);
 * - `(ref null ht)` is the heap type's number itself, so the Wasm 2.0 bytes
 *   keep their meaning (`0x70` is `funcref`, that is `(ref null func)`);
 *   `(ref ht)` adds {@link NON_NULL} (bit 8).
 *
 * Type indices are below 2^20 (the 1,000,000-type limit), so every value type
 * is a small non-negative integer (a V8 Smi), and 0 is free for the bottom
 * type of unreachable code ({@link ValType.Bot}).
 * @see https://webassembly.github.io/spec/core/syntax/types.html#value-types
 */
export const ValType = {
  /** The bottom value type of unreachable code (validation only): a subtype of every value type. */
  Bot: 0,
  I32: 0x7f,
  I64: 0x7e,
  F32: 0x7d,
  F64: 0x7c,
  V128: 0x7b,
  /** `funcref` = `(ref null func)`. */
  FuncRef: 0x70,
  /** `externref` = `(ref null extern)`. */
  ExternRef: 0x6f,
  /** `exnref` (exception handling) = `(ref null exn)`: a reference to a caught exception. */
  ExnRef: 0x69,
} as const;
/** A value type in the encoding described at {@link ValType}. */
export type ValType = number;
/** A reference type (a {@link ValType} for which {@link isRefType} holds). */
export type RefType = number;
/**
 * A heap type: an abstract heap type's byte ({@link HeapType}) or
 * `CONCRETE | typeIndex << 10` (see {@link concreteHeap}).
 */
export type HeapType = number;

/** The abstract heap types, by their binary byte (the s33 heap type's single byte). */
export const HeapType = {
  Func: 0x70,
  Extern: 0x6f,
  Exn: 0x69,
  /** GC (issue 18 part 2) and the bottoms; decoded and ordered by subtyping already. */
  Any: 0x6e,
  Eq: 0x6d,
  I31: 0x6c,
  Struct: 0x6b,
  Array: 0x6a,
  None: 0x71,
  NoExtern: 0x72,
  NoFunc: 0x73,
  NoExn: 0x74,
  /** The bottom heap type of unreachable code (validation only): `(ref bot)` is below every reference type. */
  Bot: 0x01,
} as const;

/** The nullability bit of a reference type: set for `(ref ht)`, clear for `(ref null ht)`. */
export const NON_NULL = 0x100;
/** The bit of a concrete heap type (a type index, shifted by {@link CONCRETE_SHIFT}). */
export const CONCRETE = 0x200;
/** Where a concrete heap type keeps its type index. */
export const CONCRETE_SHIFT = 10;

/** True for abstract heap type bytes (`0x69`..`0x74`). */
export function isAbstractHeapByte(b: number): boolean {
  return b >= 0x69 && b <= 0x74;
}

/** The heap type of type index `index`. */
export function concreteHeap(index: number): HeapType {
  return CONCRETE | (index << CONCRETE_SHIFT);
}

/** The reference type `(ref null? ht)`. */
export function refType(heap: HeapType, nullable: boolean): RefType {
  return nullable ? heap : heap | NON_NULL;
}

/** True for reference types (not for number and vector types, nor {@link ValType.Bot}). */
export function isRefType(t: number): boolean {
  return t > 0x7f || (t > 0 && t <= 0x74);
}

/** True when the reference type `t` admits null. */
export function isNullable(t: RefType): boolean {
  return (t & NON_NULL) === 0;
}

/** The heap type of reference type `t`. */
export function heapType(t: RefType): HeapType {
  return t & ~NON_NULL;
}

/** True when heap type (or reference type) `h` is a type index. */
export function isConcrete(h: number): boolean {
  return (h & CONCRETE) !== 0;
}

/** The type index of a concrete heap type or reference type. */
export function typeIndex(h: number): number {
  return h >>> CONCRETE_SHIFT;
}

/**
 * True for types with a default value (numbers, vectors, nullable
 * references): a local of any other type must be set before it is read.
 */
export function isDefaultable(t: ValType): boolean {
  return (t & NON_NULL) === 0;
}

/**
 * The representative of `t` for code that treats values by their form:
 * number and vector types are themselves; a reference type is the nullable
 * top of its hierarchy, `funcref` (func, nofunc and, until GC, every concrete
 * type), `externref` (extern, noextern) or `exnref` (exn, noexn). GC's
 * hierarchy (any) is returned as `anyref` (0x6e), which only part 2 decodes.
 */
export function topType(t: ValType): ValType {
  if (t >= 0x7b && t <= 0x7f) return t;
  const h = t & ~NON_NULL;
  if (isConcrete(h)) return ValType.FuncRef;
  switch (h) {
    case HeapType.Func: case HeapType.NoFunc: return ValType.FuncRef;
    case HeapType.Extern: case HeapType.NoExtern: return ValType.ExternRef;
    case HeapType.Exn: case HeapType.NoExn: return ValType.ExnRef;
    default: return HeapType.Any;
  }
}

/** True when `t` is the encoding of a value type (type indices unchecked). */
export function isValType(t: number): boolean {
  if (t >= 0x7b && t <= 0x7f) return true;
  const h = t & ~NON_NULL;
  return isConcrete(h) || isAbstractHeapByte(h);
}

const HEAP_NAMES: Readonly<Record<number, string>> = {
  0x70: "func", 0x6f: "extern", 0x69: "exn", 0x6e: "any", 0x6d: "eq", 0x6c: "i31", 0x6b: "struct", 0x6a: "array",
  0x71: "none", 0x72: "noextern", 0x73: "nofunc", 0x74: "noexn", 0x01: "bot",
};

/** The text form of a heap type: `func`, `extern`, ..., or the type index. */
export function heapTypeName(h: HeapType): string {
  return isConcrete(h) ? `${typeIndex(h)}` : HEAP_NAMES[h] ?? `<unknown heap type ${h}>`;
}

/** The text-format name of a value type (`i32`, `funcref`, `(ref null 3)`, `(ref func)`, ...). */
export function valTypeName(t: ValType): string {
  switch (t) {
    case ValType.I32: return "i32";
    case ValType.I64: return "i64";
    case ValType.F32: return "f32";
    case ValType.F64: return "f64";
    case ValType.V128: return "v128";
    case ValType.Bot: return "bot";
    default:
      if (!isRefType(t)) return `<unknown type ${t}>`;
      // The nullable abstract types keep their short names (`funcref`, `anyref`, `nullfuncref`, ...).
      if (isNullable(t) && !isConcrete(t) && t !== HeapType.Bot) {
        const h = HEAP_NAMES[t];
        if (h !== undefined) return t >= 0x71 ? `null${h.replace(/^no/, "")}ref` : `${h}ref`;
      }
      return `(ref ${isNullable(t) ? "null " : ""}${heapTypeName(heapType(t))})`;
  }
}

/** A function type: parameter and result value types. */
export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /**
   * Set by the decoder when a parameter or result names a type index (a
   * concrete reference type): the type's structure with every index replaced
   * by the key of the type it names, so that types of different modules
   * compare by structure (see {@link funcTypeEquals}). Absent otherwise: the
   * numbers alone then say everything.
   */
  readonly key?: string;
}

/**
 * Limits of a table or memory; `max` is `null` when absent. Units: elements or
 * 64 KiB pages. With memory64/table64 the bounds are u64: exact up to 2^53,
 * beyond that the nearest double (only a table64's limits can be that large;
 * a memory64's are at most 2^48 pages).
 */
export interface Limits {
  readonly min: number;
  readonly max: number | null;
}

/** A table type: element reference type and limits in elements. */
export interface TableType {
  readonly elemType: RefType;
  /** The module types a concrete `elemType` indexes (set by the decoder only then). */
  readonly context?: readonly FuncType[];
  readonly limits: Limits;
  /** table64: indexed by i64 (absent means i32). */
  readonly address64?: boolean;
}

/** A memory type: limits in 64 KiB pages. */
export interface MemoryType {
  readonly limits: Limits;
  /** Threads: a shared memory (absent means not shared). Shared and unshared types never match each other. */
  readonly shared?: boolean;
  /** memory64: addressed by i64 (absent means i32). */
  readonly address64?: boolean;
}

/** A global type: value type and mutability. */
export interface GlobalType {
  readonly valType: ValType;
  /** The module types a concrete `valType` indexes (set by the decoder only then). */
  readonly context?: readonly FuncType[];
  readonly mutable: boolean;
}

/** A tag type (exception handling): the function type of its payload (results empty). */
export interface TagType {
  readonly type: FuncType;
}

/** Extern kinds, numbered as in the binary import/export descriptors. */
export const ExternKind = {
  Func: 0,
  Table: 1,
  Memory: 2,
  Global: 3,
  Tag: 4,
} as const;
/** One of {@link ExternKind}. */
export type ExternKind = (typeof ExternKind)[keyof typeof ExternKind];

/** The type of an external value, as imports and exports describe it. */
export type ExternType =
  | { readonly kind: typeof ExternKind.Func; readonly type: FuncType }
  | { readonly kind: typeof ExternKind.Table; readonly type: TableType }
  | { readonly kind: typeof ExternKind.Memory; readonly type: MemoryType }
  | { readonly kind: typeof ExternKind.Global; readonly type: GlobalType }
  | { readonly kind: typeof ExternKind.Tag; readonly type: TagType };

/** Size of one memory page in bytes. */
export const PAGE_SIZE = 0x10000;
/** The largest number of pages a 32-bit memory may declare (4 GiB). */
export const MAX_PAGES = 0x10000;
/** The largest number of pages a memory64 memory may declare (2^48: 2^64 bytes). */
export const MAX_PAGES_64 = 2 ** 48;
/** The largest table size we accept in a table type (2^32 - 1 per spec). */
export const MAX_TABLE_SIZE = 0xffffffff;

/**
 * Equivalence of function types, across modules too: equal parameter and
 * result types, where a type index stands for the structure of the type it
 * names ({@link FuncType.key}). Without GC's recursive groups each type is a
 * group of its own, so structure is the whole story.
 */
export function funcTypeEquals(a: FuncType, b: FuncType): boolean {
  if (a === b) return true;
  if (a.key !== undefined || b.key !== undefined) return a.key === b.key;
  if (a.params.length !== b.params.length || a.results.length !== b.results.length) return false;
  for (let i = 0; i < a.params.length; i++) if (a.params[i] !== b.params[i]) return false;
  for (let i = 0; i < a.results.length; i++) if (a.results[i] !== b.results[i]) return false;
  return true;
}

/**
 * Limits subtyping: `actual` matches `expected` when it is at least as large and
 * at most as permissive in its maximum.
 * @see https://webassembly.github.io/spec/core/valid/types.html#limits
 */
export function limitsMatch(actual: Limits, expected: Limits): boolean {
  if (actual.min < expected.min) return false;
  if (expected.max === null) return true;
  return actual.max !== null && actual.max <= expected.max;
}

/**
 * Extern type matching for import resolution: functions and tags by type
 * equivalence, immutable globals by subtyping, mutable globals and table
 * element types both ways (equivalence).
 * @see https://webassembly.github.io/spec/core/valid/types.html#import-subtyping
 */
export function externTypeMatches(actual: ExternType, expected: ExternType): boolean {
  switch (expected.kind) {
    case ExternKind.Func:
      return actual.kind === ExternKind.Func && funcTypeEquals(actual.type, expected.type);
    case ExternKind.Table: {
      if (actual.kind !== ExternKind.Table) return false;
      const a = actual.type, e = expected.type;
      // table64: an i64-indexed table matches only an i64-indexed one.
      return (a.address64 === true) === (e.address64 === true) &&
        isSubtypeAcross(a.context, a.elemType, e.context, e.elemType) &&
        isSubtypeAcross(e.context, e.elemType, a.context, a.elemType) &&
        limitsMatch(a.limits, e.limits);
    }
    case ExternKind.Memory:
      return actual.kind === ExternKind.Memory && limitsMatch(actual.type.limits, expected.type.limits) &&
        (actual.type.shared === true) === (expected.type.shared === true) &&
        (actual.type.address64 === true) === (expected.type.address64 === true);
    case ExternKind.Global: {
      if (actual.kind !== ExternKind.Global || actual.type.mutable !== expected.type.mutable) return false;
      const a = actual.type, e = expected.type;
      if (!isSubtypeAcross(a.context, a.valType, e.context, e.valType)) return false;
      return !e.mutable || isSubtypeAcross(e.context, e.valType, a.context, a.valType);
    }
    case ExternKind.Tag:
      return actual.kind === ExternKind.Tag && funcTypeEquals(actual.type.type, expected.type.type);
    default: {
      const never: never = expected;
      return never;
    }
  }
}

function limitsText(l: Limits): string {
  return l.max === null ? `${l.min}` : `${l.min} ${l.max}`;
}

function funcSigText(t: FuncType): string {
  let s = "";
  if (t.params.length) s += ` (param ${t.params.map(valTypeName).join(" ")})`;
  if (t.results.length) s += ` (result ${t.results.map(valTypeName).join(" ")})`;
  return s;
}

/** An extern type in text-format syntax: `(func (param i32))`, `(memory 1 2)`, `(global (mut i32))`. */
export function externTypeText(t: ExternType): string {
  switch (t.kind) {
    case ExternKind.Func: return `(func${funcSigText(t.type)})`;
    case ExternKind.Table: return `(table ${t.type.address64 === true ? "i64 " : ""}${limitsText(t.type.limits)} ${valTypeName(t.type.elemType)})`;
    case ExternKind.Memory:
      return `(memory ${t.type.address64 === true ? "i64 " : ""}${limitsText(t.type.limits)}${t.type.shared === true ? " shared" : ""})`;
    case ExternKind.Global:
      return t.type.mutable ? `(global (mut ${valTypeName(t.type.valType)}))` : `(global ${valTypeName(t.type.valType)})`;
    case ExternKind.Tag: return `(tag${funcSigText(t.type.type)})`;
    default: {
      const never: never = t;
      return never;
    }
  }
}

/** A function type in text-format syntax: `(func (param i32) (result i64))`. */
export function funcTypeText(t: FuncType): string {
  return `(func${funcSigText(t)})`;
}
