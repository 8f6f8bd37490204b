/**
 * The WebAssembly type vocabulary shared by every layer: value types, function
 * types, limits and extern types, with their text-format spelling.
 * @see https://webassembly.github.io/spec/core/syntax/types.html
 * @module
 */
// A cycle, harmless: each module uses the other's functions only when called.
import { isSubtypeAcross } from "./subtyping.js";
import { isRttSubtype, rttOf, type Rtt } from "./rtt.js";

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
  /** `anyref` (GC) = `(ref null any)`: the top of GC's hierarchy (structs, arrays, i31, internalized host values). */
  AnyRef: 0x6e,
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
 * top of its hierarchy, `funcref` (func, nofunc, concrete function types),
 * `externref` (extern, noextern), `exnref` (exn, noexn) or `anyref` (any, eq,
 * i31, struct, array, none, concrete struct and array types). A concrete
 * type's hierarchy is that of the type it names in `types`; without `types`
 * it is taken as a function type (every reference is a JavaScript value, so
 * code that only moves values may omit them).
 */
export function topType(t: ValType, types?: readonly DefType[]): ValType {
  if (t >= 0x7b && t <= 0x7f) return t;
  const h = t & ~NON_NULL;
  if (isConcrete(h)) return types === undefined || isFuncType(types[typeIndex(h)]) ? ValType.FuncRef : ValType.AnyRef;
  switch (h) {
    case HeapType.Func: case HeapType.NoFunc: return ValType.FuncRef;
    case HeapType.Extern: case HeapType.NoExtern: return ValType.ExternRef;
    case HeapType.Exn: case HeapType.NoExn: return ValType.ExnRef;
    default: return ValType.AnyRef;
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
        // The bottoms: `none` is `nullref`, `nofunc` `nullfuncref`, `noextern` `nullexternref`, `noexn` `nullexnref`.
        if (h !== undefined) return t >= 0x71 ? `null${t === HeapType.None ? "" : h.replace(/^no/, "")}ref` : `${h}ref`;
      }
      return `(ref ${isNullable(t) ? "null " : ""}${heapTypeName(heapType(t))})`;
  }
}

/** A function type: parameter and result value types. */
export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /**
   * The canonical type (iso-recursive equivalence, GC's declared supertypes),
   * set by the decoder on a module's defined types. A function type made by
   * the host has none: it stands for `(rec (sub final (func ...)))`, whose
   * canonical type {@link rttOf} finds.
   */
  readonly rtt?: Rtt;
}

/**
 * GC's packed storage types, by their binary byte: a struct field or array
 * element may be an `i8` or `i16`, read as i32 with `get_s`/`get_u`.
 */
export const Packed = {
  I8: 0x78,
  I16: 0x77,
} as const;

/** A field's storage: a {@link ValType} or a {@link Packed} type. */
export type StorageType = number;

/** A struct field or array element: storage type and mutability. */
export interface FieldType {
  readonly storage: StorageType;
  readonly mutable: boolean;
}

/** A struct type (GC): its fields in order. */
export interface StructType {
  readonly fields: readonly FieldType[];
  readonly rtt?: Rtt;
}

/** An array type (GC): its element. */
export interface ArrayType {
  readonly element: FieldType;
  readonly rtt?: Rtt;
}

/**
 * A defined type: what a type index names. Without GC every defined type is
 * a {@link FuncType}; tell them apart with {@link isFuncType},
 * {@link isStructType}, {@link isArrayType}.
 */
export type DefType = FuncType | StructType | ArrayType;

/** True when defined type `t` is a function type. */
export function isFuncType(t: DefType | undefined): t is FuncType {
  return t !== undefined && (t as FuncType).params !== undefined;
}
/** True when defined type `t` is a struct type. */
export function isStructType(t: DefType | undefined): t is StructType {
  return t !== undefined && (t as StructType).fields !== undefined;
}
/** True when defined type `t` is an array type. */
export function isArrayType(t: DefType | undefined): t is ArrayType {
  return t !== undefined && (t as ArrayType).element !== undefined;
}

/**
 * The function type at index `i` of a validated module's types: validation
 * has checked that every index used where a function type is needed names
 * one, so anything else is an engine bug.
 */
export function funcTypeAt(types: readonly DefType[], i: number): FuncType {
  const t = types[i];
  if (!isFuncType(t)) throw new Error(`internal: type ${i} is not a function type`);
  return t;
}

/** The text name of a storage type (`i8`, `i16`, or the value type's). */
export function storageTypeName(t: StorageType): string {
  return t === Packed.I8 ? "i8" : t === Packed.I16 ? "i16" : valTypeName(t);
}

/** The value type a storage type is read as: packed types widen to i32. */
export function unpacked(t: StorageType): ValType {
  return t === Packed.I8 || t === Packed.I16 ? ValType.I32 : t;
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
  readonly context?: readonly DefType[];
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
  readonly context?: readonly DefType[];
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
 * Equivalence of function types, across modules too: the same canonical
 * type (iso-recursive equivalence: equal structure, each type index standing
 * for the canonical type it names, within equal recursive groups).
 */
export function funcTypeEquals(a: FuncType, b: FuncType): boolean {
  return a === b || rttOf(a) === rttOf(b);
}

/**
 * Whether a function of type `actual` may be called as one of type
 * `expected` (`call_indirect`, `call_ref`): its canonical type is
 * `expected`'s or declares it among its supertypes.
 */
export function funcTypeMatches(actual: FuncType, expected: FuncType): boolean {
  return actual === expected || isRttSubtype(rttOf(actual), rttOf(expected));
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
      // GC: a function matches an import of any of its type's supertypes.
      return actual.kind === ExternKind.Func && isRttSubtype(rttOf(actual.type), rttOf(expected.type));
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
