/**
 * Decoding the type vocabulary: function types, limits, table, memory,
 * global and tag types.
 * @see https://webassembly.github.io/spec/core/binary/types.html
 * @module
 */
import {
  isConcrete, isNullable, isRefType, typeIndex, valTypeName,
  type FuncType, type GlobalType, type Limits, type MemoryType, type TableType, type ValType,
} from "../base/types.js";
import { Limit } from "../base/limits.js";
import type { ByteReader } from "./reader.js";
import type { CodeReader } from "./code.js";

/** Reads a function type: `0x60`, parameter types, result types. */
export function readFuncType(r: ByteReader): FuncType {
  const at = r.pos;
  const form = r.u8();
  // The form byte is a one-byte signed LEB128 (-0x20), hence the LEB128 phrase.
  if (form & 0x80) r.fail("integer representation too long", at);
  if (form !== 0x60) r.fail("malformed function type", at, `0x${form.toString(16)}`);
  const params = readResultType(r, Limit.Params, "parameters");
  const results = readResultType(r, Limit.Results, "results");
  return { params, results };
}

function readResultType(r: ByteReader, max: number, what: string): ValType[] {
  const n = r.count(max, what);
  const types: ValType[] = [];
  for (let i = 0; i < n; i++) types.push(r.valType());
  return types;
}

/** Limits with what their flag byte says besides the bounds. */
interface FlaggedLimits {
  readonly limits: Limits;
  readonly shared: boolean;
  readonly address64: boolean;
}

/**
 * Reads limits: a flag byte, then the bounds. Bit 0: a maximum follows; bit 1
 * (threads, memories only): shared; bit 2 (memory64/table64): 64-bit bounds
 * and addresses. The flag is an unsigned LEB128, so a flag with other bits is
 * "integer too large" (its continuation bit "integer representation too
 * long"). That a shared memory has a maximum is checked by validation, as the
 * threads proposal's tests expect "shared memory must have maximum".
 * @see https://webassembly.github.io/spec/core/binary/types.html#limits
 */
function readFlaggedLimits(r: CodeReader, memory: boolean): FlaggedLimits {
  const at = r.pos;
  const flag = r.u8();
  let allowed = 1;
  if (memory && r.features.threads) allowed |= 2;
  if (r.features.memory64) allowed |= 4;
  if ((flag & 0x7f & ~allowed) !== 0) r.fail("integer too large", at, `limits flag 0x${flag.toString(16)}`);
  if (flag & 0x80) r.fail("integer representation too long", at);
  const address64 = (flag & 4) !== 0;
  // Wasm 3.0 reads every bound as a u64 (an i32 table or memory's range is
  // then checked by validation: "table size", "memory size"); 2.0 as a u32.
  const wide = address64 || r.features.memory64;
  const min = wide ? r.u64() : r.u32();
  const max = flag & 1 ? (wide ? r.u64() : r.u32()) : null;
  return { limits: { min, max }, shared: (flag & 2) !== 0, address64 };
}

/** Reads limits without the shared or 64-bit flags (flag 0 or 1, u32 bounds). */
export function readLimits(r: ByteReader): Limits {
  const at = r.pos;
  const flag = r.u8();
  if ((flag & 0x7f) > 1) r.fail("integer too large", at, `limits flag 0x${flag.toString(16)}`);
  if (flag & 0x80) r.fail("integer representation too long", at);
  const min = r.u32();
  const max = flag === 1 ? r.u32() : null;
  return { min, max };
}

/** Reads a table type: reference type, then limits (64-bit with table64). */
export function readTableType(r: CodeReader): TableType {
  const elemType = r.refType();
  const { limits, address64 } = readFlaggedLimits(r, false);
  return address64 ? { elemType, limits, address64 } : { elemType, limits };
}

/**
 * Reads a memory type: limits in pages, shared (threads) and 64-bit
 * (memory64) by their flag bits.
 * @see https://github.com/WebAssembly/threads/blob/main/proposals/threads/Overview.md#spec-changes
 */
export function readMemoryType(r: CodeReader): MemoryType {
  const { limits, shared, address64 } = readFlaggedLimits(r, true);
  if (!shared && !address64) return { limits };
  return { limits, ...(shared ? { shared } : {}), ...(address64 ? { address64 } : {}) };
}

/** A global type whose value type names a type index, with the module's types it indexes. */
export function globalWithContext(t: GlobalType, m: { readonly types: readonly FuncType[] }): GlobalType {
  return isConcrete(t.valType) ? { ...t, context: m.types } : t;
}

/**
 * The keys of the types that name type indices ({@link FuncType.key}): each
 * such type's text with every index replaced by the key of the type it names
 * (`rec` for itself; a later index, invalid, stays a number for the validator
 * to reject), so that equal structures have equal keys across modules.
 */
export function withTypeKeys(types: FuncType[]): void {
  const keys: string[] = [];
  const name = (t: ValType, self: number): string => {
    if (!isRefType(t) || !isConcrete(t)) return valTypeName(t);
    const i = typeIndex(t);
    const target = i === self ? "rec" : i < self ? keys[i]! : `later ${i}`;
    return `(ref ${isNullable(t) ? "null " : ""}${target})`;
  };
  for (let i = 0; i < types.length; i++) {
    const t = types[i]!;
    const named = t.params.some((v) => isConcrete(v) && isRefType(v)) || t.results.some((v) => isConcrete(v) && isRefType(v));
    keys.push(`(func (param ${t.params.map((v) => name(v, i)).join(" ")}) (result ${t.results.map((v) => name(v, i)).join(" ")}))`);
    if (named) types[i] = { params: t.params, results: t.results, key: keys[i]! };
  }
}

/** Reads a global type: value type, then mutability (0 const, 1 var). */
export function readGlobalType(r: ByteReader): GlobalType {
  const valType = r.valType();
  const at = r.pos;
  const m = r.u8();
  if (m > 1) r.fail("malformed mutability", at, `0x${m.toString(16)}`);
  return { valType, mutable: m === 1 };
}

/**
 * Reads a tag type: an attribute byte (0, "exception", is the only one) and
 * the index of the function type of its payload; returns the type index
 * (checked by the validator).
 * @see https://webassembly.github.io/spec/core/binary/types.html#tag-types
 */
export function readTagType(r: ByteReader): number {
  const at = r.pos;
  const attribute = r.u8();
  if (attribute !== 0) r.fail("malformed tag attribute", at, `0x${attribute.toString(16)}`);
  return r.u32();
}
