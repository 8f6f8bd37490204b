/**
 * GC struct and array objects (Wasm 3.0), their layout, and accessors in the
 * engine's raw value form (./values.ts) for the tiers and the C API.
 *
 * ## Layout (chosen for speed; every tier relies on it)
 *
 * A **struct** is a {@link StructObject}: its canonical type `rtt` and its
 * *slots*, the first four in the object's own fields `s0` .. `s3`, the rest
 * in a plain JS array `f` (slot `k` at `f[k - 4]`; null when there are no
 * more than four). Each field takes consecutive slots chosen once per type
 * ({@link StructLayout}, cached by canonical type):
 * - i32, i8, i16, f32: one slot holding a signed 32-bit integer (f32 as its
 *   IEEE bits, packed fields stored zero-extended: `v & 0xff` / `v & 0xffff`);
 * - i64, f64: two slots, the low then the high 32-bit word (f64 as its bits);
 * - v128: four slots, words little-endian as in memory;
 * - references: one slot holding the reference (see below).
 *
 * Why: a field access is one property read (`o.s2`) or one indexed read
 * of a small array whose place the lowering knows; every struct of every
 * type has the same fields set in the same order, so V8 gives them all one
 * hidden class and access sites stay monomorphic (no class per type to
 * generate, no dictionary). A struct of up to four slots (most: the
 * linked nodes of trees and lists) is then one heap object, not an object
 * plus an array plus the array's backing store, which roughly halves the
 * cost of allocating and collecting it. Numbers are int32, which V8 keeps
 * unboxed (Smis, 32-bit on Node's x64 builds), so reading or writing an
 * i64 or f64 field allocates nothing; and floats never travel as JS
 * doubles, so NaN payloads survive (V8 canonicalizes NaN stored into a
 * double field or double-elements array). The interpreter keeps 64-bit
 * values as two 32-bit words too, so it copies words, never converts.
 * Code that knows a slot only at run time goes through
 * {@link structSlot} / {@link setStructSlot}.
 *
 * An **array** is an {@link ArrayObject}: `rtt`, its element count `length`,
 * its element kind `kind` ({@link Elem}) and its elements `data`:
 * - i8: `Uint8Array(n)`, i16: `Uint16Array(n)` (zero-extended; `_s` reads
 *   sign-extend with shifts);
 * - i32 and f32 (bits): `Int32Array(n)`;
 * - i64 and f64 (bits): `Int32Array(2n)`, element `i` at words `2i`, `2i+1`
 *   (low, high);
 * - v128: `Int32Array(4n)`, element `i` at words `4i .. 4i+3`;
 * - references: a plain JS array of length n.
 * Numeric arrays are typed arrays so elements are unboxed, bit-exact, and
 * `array.new_data` / `array.init_data` / `array.copy` are byte copies
 * (typed arrays are little-endian here, like wasm memory). The lowering
 * picks a code per element kind, so each access site sees one typed-array
 * class.
 *
 * References anywhere (fields, elements, slots) follow the engine's decided
 * representation: null, a {@link FuncInstance}, a host value (externref),
 * an exception, a struct or array object, or an i31 as a JS number.
 *
 * Sizes: an array's storage is capped ({@link MAX_ARRAY_BYTES},
 * {@link MAX_REF_ARRAY_LENGTH}) so that a huge `array.new` traps
 * ("out of memory") instead of exhausting the host's heap.
 * @module
 */
import { Trap, TrapMessage } from "../base/errors.js";
import { RttKind, type Rtt } from "../base/rtt.js";
import { Packed, ValType, type ArrayType, type StorageType, type StructType } from "../base/types.js";
import type { RawValue } from "./values.js";

/** How a field or element is stored (see the module documentation). */
export const Elem = {
  I32: 0,
  F32: 1,
  I64: 2,
  F64: 3,
  V128: 4,
  Ref: 5,
  I8: 6,
  I16: 7,
} as const;
/** One of {@link Elem}. */
export type Elem = (typeof Elem)[keyof typeof Elem];

/** The storage kind of a storage type. */
export function elemOf(t: StorageType): Elem {
  switch (t) {
    case ValType.I32: return Elem.I32;
    case ValType.F32: return Elem.F32;
    case ValType.I64: return Elem.I64;
    case ValType.F64: return Elem.F64;
    case ValType.V128: return Elem.V128;
    case Packed.I8: return Elem.I8;
    case Packed.I16: return Elem.I16;
    default: return Elem.Ref;
  }
}

/** Slots (struct) or 32-bit words (array) one value of a kind takes; 0 for the kinds not stored in words. */
export const ELEM_WORDS: readonly number[] = [1, 1, 2, 2, 4, 1, 1, 1];

/** Bytes one element of a kind takes in a numeric array (8 for references, for the size cap). */
export const ELEM_BYTES: readonly number[] = [4, 4, 8, 8, 16, 8, 1, 2];

/** Slots a struct keeps in its own fields ({@link StructObject.s0} .. `s3`); the rest go to its overflow array `f`. */
export const INLINE_SLOTS = 4;

/**
 * A struct: its canonical type and its slots (see the module
 * documentation). Slots 0 to 3 are fields of the object itself, the rest
 * (slot `k` at `f[k - 4]`) an overflow array, null for a struct of at most
 * four slots. Every struct has every field, set in the same order by this
 * one constructor, so all share one hidden class and every access site
 * stays monomorphic.
 */
export class StructObject {
  constructor(
    /** The canonical type, for casts (`isRttSubtype(obj.rtt, target)`). */
    readonly rtt: Rtt,
    /** Slot 0 (0 when the struct has no such slot). */
    public s0: unknown,
    /** Slot 1. */
    public s1: unknown,
    /** Slot 2. */
    public s2: unknown,
    /** Slot 3. */
    public s3: unknown,
    /** Slots 4 and up (slot `k` at `f[k - 4]`); null when there are none. */
    readonly f: unknown[] | null,
  ) {}
}

/** Slot `k` of a struct (in range), for code that knows `k` only at run time. */
export function structSlot(o: StructObject, k: number): unknown {
  switch (k) {
    case 0: return o.s0;
    case 1: return o.s1;
    case 2: return o.s2;
    case 3: return o.s3;
    default: return o.f![k - INLINE_SLOTS];
  }
}

/** Sets slot `k` of a struct (in range). */
export function setStructSlot(o: StructObject, k: number, v: unknown): void {
  switch (k) {
    case 0: o.s0 = v; return;
    case 1: o.s1 = v; return;
    case 2: o.s2 = v; return;
    case 3: o.s3 = v; return;
    default: o.f![k - INLINE_SLOTS] = v;
  }
}

/** A struct of canonical type `rtt` whose slots are `slots` in order (all of them; the array is not kept). */
export function structFromSlots(rtt: Rtt, slots: readonly unknown[]): StructObject {
  const n = slots.length;
  return new StructObject(rtt,
    n > 0 ? slots[0] : 0, n > 1 ? slots[1] : 0, n > 2 ? slots[2] : 0, n > 3 ? slots[3] : 0,
    n > INLINE_SLOTS ? slots.slice(INLINE_SLOTS) : null);
}

/** The numeric storage of an array (see the module documentation). */
export type ArrayData = Uint8Array | Uint16Array | Int32Array | unknown[];

/** An array: its canonical type, length, element kind and elements (see the module documentation). */
export class ArrayObject {
  constructor(
    /** The canonical type, for casts. */
    readonly rtt: Rtt,
    /** The number of elements. */
    readonly length: number,
    /** The element kind, one of {@link Elem}. */
    readonly kind: Elem,
    /** The elements. */
    readonly data: ArrayData,
  ) {}
}

/** Where each field of a struct type lives in a {@link StructObject}'s slots. */
export class StructLayout {
  /** First slot of each field. */
  readonly slot: Int32Array;
  /** Storage kind of each field ({@link Elem}). */
  readonly kind: Uint8Array;
  /** Slots in all. */
  readonly slots: number;
  /** The slots of a struct whose fields have their default values, to copy. */
  readonly template: readonly unknown[];
  /** The default of inline slot 0 .. 3 (0 for a slot the struct does not have). */
  readonly d0: unknown;
  readonly d1: unknown;
  readonly d2: unknown;
  readonly d3: unknown;
  /** The defaults of the overflow slots, to copy; null when the struct has at most four slots. */
  readonly over: readonly unknown[] | null;

  constructor(type: StructType) {
    const n = type.fields.length;
    this.slot = new Int32Array(n);
    this.kind = new Uint8Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const k = elemOf(type.fields[i]!.storage);
      this.slot[i] = s;
      this.kind[i] = k;
      s += ELEM_WORDS[k]!;
    }
    this.slots = s;
    const t: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const k = this.kind[i]!;
      if (k === Elem.Ref) t.push(null);
      else for (let w = 0; w < ELEM_WORDS[k]!; w++) t.push(0);
    }
    this.template = t;
    this.d0 = s > 0 ? t[0] : 0;
    this.d1 = s > 1 ? t[1] : 0;
    this.d2 = s > 2 ? t[2] : 0;
    this.d3 = s > 3 ? t[3] : 0;
    this.over = s > INLINE_SLOTS ? t.slice(INLINE_SLOTS) : null;
  }
}

/**
 * Layouts by canonical type id: an array read, cheaper than a map lookup on
 * every allocation (canonical types live as long as the process anyway).
 */
const layouts: (StructLayout | undefined)[] = [];

/** The layout of a canonical struct type (made once, then cached). */
export function structLayout(rtt: Rtt): StructLayout {
  const l = layouts[rtt.id];
  if (l !== undefined) return l;
  if (rtt.kind !== RttKind.Struct) throw new Error(`internal: type ${rtt.id} is not a struct type`);
  const made = new StructLayout(rtt.type as StructType);
  layouts[rtt.id] = made;
  return made;
}

/** The element kind of a canonical array type. */
export function arrayElem(rtt: Rtt): Elem {
  if (rtt.kind !== RttKind.Array) throw new Error(`internal: type ${rtt.id} is not an array type`);
  return elemOf((rtt.type as ArrayType).element.storage);
}

/** A struct of canonical type `rtt` whose fields have their default values (zero, null). */
export function newDefaultStruct(rtt: Rtt): StructObject {
  const l = structLayout(rtt), over = l.over;
  return new StructObject(rtt, l.d0, l.d1, l.d2, l.d3, over === null ? null : over.slice());
}

/** The largest numeric array, in bytes: a longer `array.new` traps "out of memory". */
export const MAX_ARRAY_BYTES = 1 << 30;
/** The most elements of an array of references (8 bytes each in V8's heap). */
export const MAX_REF_ARRAY_LENGTH = 1 << 25;

/**
 * A new array of `length` elements of kind `kind`, all zero / null. Traps
 * "out of memory" when it is too large (a length is an unsigned 32-bit
 * number, so up to 4G elements may be asked for) or the host cannot
 * allocate it.
 */
export function allocArray(rtt: Rtt, kind: Elem, length: number): ArrayObject {
  length >>>= 0;
  if (kind === Elem.Ref ? length > MAX_REF_ARRAY_LENGTH : length * ELEM_BYTES[kind]! > MAX_ARRAY_BYTES) {
    throw new Trap(TrapMessage.OutOfMemory, `array size too large (${length} elements)`);
  }
  let data: ArrayData;
  try {
    switch (kind) {
      case Elem.I8: data = new Uint8Array(length); break;
      case Elem.I16: data = new Uint16Array(length); break;
      case Elem.Ref: data = new Array<unknown>(length).fill(null); break;
      default: data = new Int32Array(length * ELEM_WORDS[kind]!); break;
    }
  } catch (e) {
    if (e instanceof RangeError) throw new Trap(TrapMessage.OutOfMemory, `array size too large (${length} elements)`);
    throw e;
  }
  return new ArrayObject(rtt, length, kind, data);
}

/** The bytes of a numeric array's storage (a view, not a copy); for references, throws. */
export function arrayBytes(a: ArrayObject): Uint8Array {
  const d = a.data;
  if (Array.isArray(d)) throw new Error("internal: array of references has no bytes");
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

// ---- raw value conversion ----

const cvt = new Int32Array(4);
const cvtBytes = new Uint8Array(cvt.buffer);

function i64Words(v: bigint): void {
  cvt[0] = Number(BigInt.asIntN(32, v));
  cvt[1] = Number(BigInt.asIntN(32, v >> 32n));
}
function wordsI64(lo: number, hi: number): bigint {
  return (BigInt(hi | 0) << 32n) | BigInt(lo >>> 0);
}
function wordsU64(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Reads one value of kind `k` from words `w[at ..]` into raw form. */
function readWords(w: ArrayLike<unknown>, at: number, k: Elem): RawValue {
  switch (k) {
    case Elem.I32: return (w[at] as number) | 0;
    case Elem.F32: return (w[at] as number) >>> 0;
    case Elem.I8: return (w[at] as number) & 0xff;
    case Elem.I16: return (w[at] as number) & 0xffff;
    case Elem.I64: return wordsI64(w[at] as number, w[at + 1] as number);
    case Elem.F64: return wordsU64(w[at] as number, w[at + 1] as number);
    case Elem.V128: {
      for (let i = 0; i < 4; i++) cvt[i] = w[at + i] as number;
      return cvtBytes.slice();
    }
    default: return w[at];
  }
}

/** Writes a raw value of kind `k` into words `w[at ..]`. */
function writeWords(w: { [i: number]: unknown }, at: number, k: Elem, raw: RawValue): void {
  switch (k) {
    case Elem.I32: case Elem.F32: w[at] = Number(raw) | 0; return;
    case Elem.I8: w[at] = Number(raw) & 0xff; return;
    case Elem.I16: w[at] = Number(raw) & 0xffff; return;
    case Elem.I64: case Elem.F64:
      i64Words(BigInt(raw as bigint));
      w[at] = cvt[0]; w[at + 1] = cvt[1];
      return;
    case Elem.V128:
      cvtBytes.set((raw as Uint8Array).subarray(0, 16));
      for (let i = 0; i < 4; i++) w[at + i] = cvt[i];
      return;
    default: w[at] = raw;
  }
}

// ---- accessors in raw form (for the host side, the C API and slow paths) ----

/**
 * A new struct of canonical type `rtt` with its fields' raw values in order
 * (missing ones take their default).
 */
export function newStruct(rtt: Rtt, raws: readonly RawValue[]): StructObject {
  const l = structLayout(rtt);
  const f = l.template.slice();
  const n = Math.min(raws.length, l.kind.length);
  for (let i = 0; i < n; i++) writeWords(f, l.slot[i]!, l.kind[i]! as Elem, raws[i]);
  return structFromSlots(rtt, f);
}

/** Words of one field on their way between a struct and {@link readWords} / {@link writeWords}: int32s or a reference, never a double. */
const fieldWords: unknown[] = [0, 0, 0, 0];

/** Field `i` of a struct in raw form (packed fields zero-extended). */
export function structGet(obj: StructObject, i: number): RawValue {
  const l = structLayout(obj.rtt);
  if (i < 0 || i >= l.kind.length) throw new RangeError(`struct field ${i} out of range`);
  const k = l.kind[i]! as Elem, s = l.slot[i]!, w = fieldWords;
  for (let j = 0; j < ELEM_WORDS[k]!; j++) w[j] = structSlot(obj, s + j);
  const raw = readWords(w, 0, k);
  w[0] = 0; // the scratch must not keep a reference alive
  return raw;
}

/** Sets field `i` of a struct from its raw value (packed fields keep their low bits). */
export function structSet(obj: StructObject, i: number, raw: RawValue): void {
  const l = structLayout(obj.rtt);
  if (i < 0 || i >= l.kind.length) throw new RangeError(`struct field ${i} out of range`);
  const k = l.kind[i]! as Elem, s = l.slot[i]!, w = fieldWords;
  writeWords(w, 0, k, raw);
  for (let j = 0; j < ELEM_WORDS[k]!; j++) setStructSlot(obj, s + j, w[j]);
  w[0] = 0;
}

/** A new array of canonical type `rtt`, `length` elements all `raw`; traps as {@link allocArray}. */
export function newArray(rtt: Rtt, length: number, raw: RawValue): ArrayObject {
  const a = allocArray(rtt, arrayElem(rtt), length);
  fillRaw(a, 0, a.length, raw);
  return a;
}

/** The number of elements of an array. */
export function arrayLength(obj: ArrayObject): number {
  return obj.length;
}

/** Element `i` of an array in raw form (packed elements zero-extended). */
export function arrayGet(obj: ArrayObject, i: number): RawValue {
  if (i < 0 || i >= obj.length) throw new RangeError(`array index ${i} out of range`);
  const k = obj.kind;
  return readWords(obj.data, i * ELEM_WORDS[k]!, k);
}

/** Sets element `i` of an array from its raw value. */
export function arraySet(obj: ArrayObject, i: number, raw: RawValue): void {
  if (i < 0 || i >= obj.length) throw new RangeError(`array index ${i} out of range`);
  const k = obj.kind;
  writeWords(obj.data, i * ELEM_WORDS[k]!, k, raw);
}

/** Sets elements `[at, at + n)` (in range) to one raw value. */
export function fillRaw(a: ArrayObject, at: number, n: number, raw: RawValue): void {
  if (n <= 0) return;
  const k = a.kind, d = a.data;
  switch (k) {
    case Elem.Ref: (d as unknown[]).fill(raw, at, at + n); return;
    case Elem.I8: case Elem.I16: case Elem.I32: case Elem.F32: {
      writeWords(cvt, 0, k, raw);
      (d as Int32Array).fill(cvt[0]!, at, at + n);
      return;
    }
    default: {
      const w = ELEM_WORDS[k]!;
      writeWords(d, at * w, k, raw);
      const words = d as Int32Array;
      // Doubling copies: log(n) calls of copyWithin instead of n writes.
      let done = 1;
      while (done < n) {
        const m = Math.min(done, n - done);
        words.copyWithin((at + done) * w, at * w, (at + m) * w);
        done += m;
      }
    }
  }
}

/** True for a struct object. */
export function isStruct(v: unknown): v is StructObject {
  return v instanceof StructObject;
}
/** True for an array object. */
export function isArray(v: unknown): v is ArrayObject {
  return v instanceof ArrayObject;
}

