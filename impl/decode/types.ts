/**
 * Decoding the type vocabulary: function types, limits, table, memory,
 * global and tag types.
 * @see https://webassembly.github.io/spec/core/binary/types.html
 * @module
 */
import {
  Packed, isConcrete,
  type DefType, type FieldType, type GlobalType, type Limits, type MemoryType, type StorageType, type TableType, type ValType,
} from "../base/types.js";
import type { TypeDecl } from "../base/rtt.js";
import { Limit } from "../base/limits.js";
import type { ByteReader } from "./reader.js";
import type { CodeReader } from "./code.js";

/**
 * Reads a composite type: `0x60` and a function type's parameters and
 * results; with GC also `0x5f` and a struct's fields, or `0x5e` and an
 * array's element.
 */
export function readCompType(r: CodeReader): DefType {
  const at = r.pos;
  const form = r.u8();
  // The form byte is a one-byte signed LEB128 (-0x20), hence the LEB128 phrase.
  if (form & 0x80) r.fail("integer representation too long", at);
  if (form === 0x60) {
    const params = readResultType(r, Limit.Params, "parameters");
    const results = readResultType(r, Limit.Results, "results");
    // `rtt` is set by `canonicalizeGroup` (base/rtt.ts); declared here so that setting it keeps the object's shape.
    return { params, results, rtt: undefined };
  }
  if (r.features.gc) {
    if (form === 0x5f) {
      const n = r.count(Limit.StructFields, "struct fields");
      const fields: FieldType[] = [];
      for (let i = 0; i < n; i++) fields.push(readFieldType(r));
      return { fields, rtt: undefined };
    }
    if (form === 0x5e) return { element: readFieldType(r), rtt: undefined };
  }
  return r.fail("malformed function type", at, `0x${form.toString(16)}`);
}

/** Reads a field type (GC): a storage type (a value type, or `0x78` i8, `0x77` i16), then mutability. */
function readFieldType(r: CodeReader): FieldType {
  const b = r.pos < r.end ? r.bytes[r.pos]! : -1;
  let storage: StorageType;
  if (b === Packed.I8 || b === Packed.I16) {
    r.pos++;
    storage = b;
  } else {
    storage = r.valType();
  }
  return { storage, mutable: readMutability(r) };
}

/** Reads a mutability byte: 0 const, 1 var. */
function readMutability(r: ByteReader): boolean {
  const at = r.pos;
  const m = r.u8();
  if (m > 1) r.fail("malformed mutability", at, `0x${m.toString(16)}`);
  return m === 1;
}

/**
 * Reads a subtype (GC): `0x50` (open) or `0x4f` (final), the declared
 * supertype indices, and the composite type; a bare composite type is final
 * with no supertypes. Before GC a type is a bare function type.
 */
export function readSubType(r: CodeReader, groupStart: number, groupSize: number): { type: DefType; decl: TypeDecl } {
  const b = r.pos < r.end ? r.bytes[r.pos]! : -1;
  if (r.features.gc && (b === 0x50 || b === 0x4f)) {
    r.pos++;
    const n = r.count(Limit.Types, "supertypes");
    const supers: number[] = [];
    for (let i = 0; i < n; i++) supers.push(r.u32());
    return { type: readCompType(r), decl: { groupStart, groupSize, final: b === 0x4f, supers } };
  }
  return { type: readCompType(r), decl: { groupStart, groupSize, final: true, supers: [] } };
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
export function globalWithContext(t: GlobalType, m: { readonly types: readonly DefType[] }): GlobalType {
  return isConcrete(t.valType) ? { ...t, context: m.types } : t;
}

/** Reads a global type: value type, then mutability (0 const, 1 var). */
export function readGlobalType(r: ByteReader): GlobalType {
  const valType = r.valType();
  return { valType, mutable: readMutability(r) };
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
