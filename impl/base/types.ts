/**
 * The WebAssembly type vocabulary shared by every layer: value types, function
 * types, limits and extern types, with their text-format spelling.
 * @see https://webassembly.github.io/spec/core/syntax/types.html
 * @module
 */

/** Number types, vector type and reference types, keyed by their binary encoding. */
export const ValType = {
  I32: 0x7f,
  I64: 0x7e,
  F32: 0x7d,
  F64: 0x7c,
  V128: 0x7b,
  FuncRef: 0x70,
  ExternRef: 0x6f,
  /** `exnref` (exception handling): a reference to a caught exception. */
  ExnRef: 0x69,
} as const;
/** A value type, identified by its one-byte binary encoding. */
export type ValType = (typeof ValType)[keyof typeof ValType];
/** The reference types: those of Wasm 2.0 and `exnref` (exception handling). */
export type RefType = typeof ValType.FuncRef | typeof ValType.ExternRef | typeof ValType.ExnRef;

/** True for `funcref`, `externref` and `exnref`. */
export function isRefType(t: number): t is RefType {
  return t === ValType.FuncRef || t === ValType.ExternRef || t === ValType.ExnRef;
}

/** True when `t` is the encoding of a known value type. */
export function isValType(t: number): t is ValType {
  return t === 0x7f || t === 0x7e || t === 0x7d || t === 0x7c || t === 0x7b || t === 0x70 || t === 0x6f || t === 0x69;
}

/** The text-format name of a value type (`i32`, `funcref`, ...). */
export function valTypeName(t: ValType): string {
  switch (t) {
    case ValType.I32: return "i32";
    case ValType.I64: return "i64";
    case ValType.F32: return "f32";
    case ValType.F64: return "f64";
    case ValType.V128: return "v128";
    case ValType.FuncRef: return "funcref";
    case ValType.ExternRef: return "externref";
    case ValType.ExnRef: return "exnref";
    default: {
      const never: never = t;
      return `<unknown type ${never as number}>`;
    }
  }
}

/** A function type: parameter and result value types. */
export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
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

/** Structural equality of function types (Wasm 2.0: types are equal iff identical). */
export function funcTypeEquals(a: FuncType, b: FuncType): boolean {
  if (a === b) return true;
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
 * Extern type matching for import resolution.
 * @see https://webassembly.github.io/spec/core/valid/types.html#import-subtyping
 */
export function externTypeMatches(actual: ExternType, expected: ExternType): boolean {
  switch (expected.kind) {
    case ExternKind.Func:
      return actual.kind === ExternKind.Func && funcTypeEquals(actual.type, expected.type);
    case ExternKind.Table:
      // table64: an i64-indexed table matches only an i64-indexed one.
      return actual.kind === ExternKind.Table && actual.type.elemType === expected.type.elemType &&
        (actual.type.address64 === true) === (expected.type.address64 === true) &&
        limitsMatch(actual.type.limits, expected.type.limits);
    case ExternKind.Memory:
      return actual.kind === ExternKind.Memory && limitsMatch(actual.type.limits, expected.type.limits) &&
        (actual.type.shared === true) === (expected.type.shared === true) &&
        (actual.type.address64 === true) === (expected.type.address64 === true);
    case ExternKind.Global:
      return actual.kind === ExternKind.Global && actual.type.mutable === expected.type.mutable &&
        actual.type.valType === expected.type.valType;
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
