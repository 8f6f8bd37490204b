/**
 * The interpreter's rare GC struct and array operations, run out of the
 * dispatch loop (as SIMD and atomics are): allocation, v128 fields and
 * elements, and the bulk array operations. The loop keeps the frequent
 * ones (field and element reads and writes, `array.len`) as codes of their
 * own. Each is one `GcAggregate` instruction of {@link GC_AGG_WORDS} words:
 * `GcAggregate k:op a b c d e` where `op` is the wasm opcode and the
 * operands are (unused ones 0; `R`/`r` and `v` are slots, `i` words from
 * the frame base, `x` a slot holding a value of the element's kind):
 *
 * | op                   | operands                               |
 * |----------------------|----------------------------------------|
 * | `struct.new`         | `R:dst y:type k:firstSlot` (fields in consecutive slots) |
 * | `struct.new_default` | `R:dst y:type`                         |
 * | `struct.get` (v128)  | `v:dst r:struct k:fieldSlot`           |
 * | `struct.set` (v128)  | `r:struct k:fieldSlot v:value`         |
 * | `array.new`          | `R:dst y:type x:value i:length`        |
 * | `array.new_default`  | `R:dst y:type i:length`                |
 * | `array.new_fixed`    | `R:dst y:type k:count k:firstSlot`     |
 * | `array.new_data`     | `R:dst y:type s:data i:offset i:length` |
 * | `array.new_elem`     | `R:dst y:type e:elem i:offset i:length` |
 * | `array.get` (v128)   | `v:dst r:array i:index`                |
 * | `array.set` (v128)   | `r:array i:index v:value`              |
 * | `array.fill`         | `r:array i:offset x:value i:length`    |
 * | `array.copy`         | `r:dst i:dstOffset r:src i:srcOffset i:length` |
 * | `array.init_data`    | `r:array s:data i:dstOffset i:srcOffset i:length` |
 * | `array.init_elem`    | `r:array e:elem i:dstOffset i:srcOffset i:length` |
 * @module
 */
import { Trap, TrapMessage } from "../../base/errors.js";
import { Op } from "../../base/opcodes.js";
import type { Rtt } from "../../base/rtt.js";
import {
  ArrayObject, ELEM_BYTES, ELEM_WORDS, Elem, StructObject, allocArray, arrayBytes, arrayElem, newDefaultStruct, setStructSlot,
  structFromSlots, structLayout, structSlot,
} from "../../runtime/gc-objects.js";
import type { ModuleInstance } from "../../runtime/instances.js";
import type { Machine } from "./machine.js";

/** Words of one `GcAggregate` instruction (its code, the op, five operands). */
export const GC_AGG_WORDS = 7;

/** Traps "null structure reference" (out of line, so the loop's cases stay small). */
export function nullStruct(): never {
  throw new Trap(TrapMessage.NullStructReference);
}
/** Traps "null array reference". */
export function nullArray(): never {
  throw new Trap(TrapMessage.NullArrayReference);
}
/** Traps "out of bounds array access". */
export function arrayOutOfBounds(): never {
  throw new Trap(TrapMessage.ArrayOutOfBounds);
}

function rttAt(inst: ModuleInstance, y: number): Rtt {
  return inst.module.types[y]!.rtt!;
}

/** Reads the value of kind `k` in slot `s` (of the frame at word `fp`) into words `w[at ..]` or a reference. */
function readSlotInto(m: Machine, fp: number, s: number, k: Elem, w: { [i: number]: unknown }, at: number): void {
  const I = m.I;
  switch (k) {
    case Elem.Ref: w[at] = m.R[(fp >> 1) + s]; return;
    case Elem.I8: w[at] = I[fp + 2 * s]! & 0xff; return;
    case Elem.I16: w[at] = I[fp + 2 * s]! & 0xffff; return;
    case Elem.I32: case Elem.F32: w[at] = I[fp + 2 * s]; return;
    case Elem.I64: case Elem.F64: w[at] = I[fp + 2 * s]; w[at + 1] = I[fp + 2 * s + 1]; return;
    case Elem.V128: {
      const v = m.V.i32, b = 4 * ((fp >> 1) + s);
      w[at] = v[b]; w[at + 1] = v[b + 1]; w[at + 2] = v[b + 2]; w[at + 3] = v[b + 3];
      return;
    }
  }
}

const scratch = new Int32Array(4);

/** An array operand: traps when null. */
function arrayArg(m: Machine, fp: number, r: number): ArrayObject {
  const a = m.R[(fp >> 1) + r] as ArrayObject | null;
  if (a === null) nullArray();
  return a;
}

/** Sets elements `[d, d + n)` of `a` (in bounds) to the value of slot `s`. */
function fillFromSlot(m: Machine, fp: number, a: ArrayObject, d: number, s: number, n: number): void {
  if (n === 0) return;
  if (a.kind === Elem.Ref) { fillArray(a, d, n, m.R[(fp >> 1) + s], scratch); return; }
  readSlotInto(m, fp, s, a.kind, scratch, 0);
  fillArray(a, d, n, null, scratch);
}

/**
 * `array.fill` on both tiers: sets elements `[d, d + n)` of `a` (in bounds)
 * to `ref` (an array of references) or to the value whose words are
 * `words` (the element's word count of them). Wide elements are filled by
 * doubling copies.
 */
export function fillArray(a: ArrayObject, d: number, n: number, ref: unknown, words: Int32Array): void {
  if (n === 0) return;
  const k = a.kind;
  if (k === Elem.Ref) { (a.data as unknown[]).fill(ref, d, d + n); return; }
  const w = ELEM_WORDS[k]!;
  if (w === 1) { (a.data as Int32Array).fill(words[0]!, d, d + n); return; }
  const data = a.data as Int32Array;
  for (let j = 0; j < w; j++) data[d * w + j] = words[j]!;
  let done = 1;
  while (done < n) {
    const c = Math.min(done, n - done);
    data.copyWithin((d + done) * w, d * w, (d + c) * w);
    done += c;
  }
}

/** Copies elements `[src, src + n)` of `from` to `[dst, dst + n)` of `to` (same kind, bounds checked by the caller; overlap allowed). */
export function copyArray(to: ArrayObject, dst: number, from: ArrayObject, src: number, n: number): void {
  if (n === 0) return;
  const w = ELEM_WORDS[to.kind]!;
  if (to.kind === Elem.Ref) {
    const t = to.data as unknown[], f = from.data as unknown[];
    if (t === f) t.copyWithin(dst, src, src + n);
    else for (let i = 0; i < n; i++) t[dst + i] = f[src + i];
  } else if (to === from) {
    (to.data as Int32Array).copyWithin(dst * w, src * w, (src + n) * w);
  } else {
    (to.data as Int32Array).set((from.data as Int32Array).subarray(src * w, (src + n) * w), dst * w);
  }
}

/** Copies bytes of a data segment from `s` into elements `[d, d + n)` of `a` (bounds checked by the caller). */
export function copyData(a: ArrayObject, d: number, bytes: Uint8Array, s: number, n: number): void {
  const z = ELEM_BYTES[a.kind]!;
  arrayBytes(a).set(bytes.subarray(s, s + n * z), d * z);
}

/**
 * The checked bulk operations, one definition for both tiers (the compiled
 * tier calls them as helpers): offsets and lengths arrive as int32 words and
 * are read unsigned; a null array, out-of-bounds elements or segment bytes trap.
 */
/** `array.new_data`: `n` elements from data segment `seg` at byte `s`. */
export function arrayNewData(rtt: Rtt, kind: Elem, inst: ModuleInstance, seg: number, s: number, n: number): ArrayObject {
  const bytes = inst.datas[seg]!;
  s >>>= 0; n >>>= 0;
  if (s + n * ELEM_BYTES[kind]! > bytes.length) throw new Trap(TrapMessage.MemoryOutOfBounds);
  const a = allocArray(rtt, kind, n);
  copyData(a, 0, bytes, s, n);
  return a;
}

/** `array.new_elem`: `n` references from element segment `seg` at `s`. */
export function arrayNewElem(rtt: Rtt, inst: ModuleInstance, seg: number, s: number, n: number): ArrayObject {
  const elems = inst.elems[seg]!;
  s >>>= 0; n >>>= 0;
  if (s + n > elems.length) throw new Trap(TrapMessage.TableOutOfBounds);
  const a = allocArray(rtt, Elem.Ref, n);
  const data = a.data as unknown[];
  for (let i = 0; i < n; i++) data[i] = elems[s + i];
  return a;
}

/** `array.copy`. */
export function arrayCopy(to: ArrayObject | null, d: number, from: ArrayObject | null, s: number, n: number): void {
  if (to === null) nullArray();
  if (from === null) nullArray();
  d >>>= 0; s >>>= 0; n >>>= 0;
  if (d + n > to.length || s + n > from.length) arrayOutOfBounds();
  copyArray(to, d, from, s, n);
}

/** `array.init_data`. */
export function arrayInitData(a: ArrayObject | null, inst: ModuleInstance, seg: number, d: number, s: number, n: number): void {
  if (a === null) nullArray();
  const bytes = inst.datas[seg]!;
  d >>>= 0; s >>>= 0; n >>>= 0;
  if (d + n > a.length) arrayOutOfBounds();
  if (s + n * ELEM_BYTES[a.kind]! > bytes.length) throw new Trap(TrapMessage.MemoryOutOfBounds);
  copyData(a, d, bytes, s, n);
}

/** `array.init_elem`. */
export function arrayInitElem(a: ArrayObject | null, inst: ModuleInstance, seg: number, d: number, s: number, n: number): void {
  if (a === null) nullArray();
  const elems = inst.elems[seg]!;
  d >>>= 0; s >>>= 0; n >>>= 0;
  if (d + n > a.length) arrayOutOfBounds();
  if (s + n > elems.length) throw new Trap(TrapMessage.TableOutOfBounds);
  const data = a.data as unknown[];
  for (let i = 0; i < n; i++) data[d + i] = elems[s + i];
}

/** Runs the `GcAggregate` instruction at `pc` (see the module documentation). */
export function gcAggregateStep(m: Machine, inst: ModuleInstance, code: Int32Array, pc: number, fp: number): void {
  const op = code[pc + 1]!;
  const a = code[pc + 2]!, b = code[pc + 3]!, c = code[pc + 4]!, d = code[pc + 5]!, e = code[pc + 6]!;
  const I = m.I, R = m.R, fd = fp >> 1;
  switch (op) {
    case Op.StructNew: {
      const rtt = rttAt(inst, b);
      const l = structLayout(rtt);
      const f = l.template.slice();
      const kinds = l.kind, slots = l.slot;
      for (let i = 0; i < kinds.length; i++) readSlotInto(m, fp, c + i, kinds[i]! as Elem, f, slots[i]!);
      R[fd + a] = structFromSlots(rtt, f);
      return;
    }
    case Op.StructNewDefault: {
      const rtt = rttAt(inst, b);
      R[fd + a] = newDefaultStruct(rtt);
      return;
    }
    case Op.StructGet: {
      const o = R[fd + b] as StructObject | null;
      if (o === null) nullStruct();
      const v = m.V.i32, at = 4 * (fd + a);
      for (let j = 0; j < 4; j++) v[at + j] = structSlot(o, c + j) as number;
      return;
    }
    case Op.StructSet: {
      const o = R[fd + a] as StructObject | null;
      if (o === null) nullStruct();
      const v = m.V.i32, at = 4 * (fd + c);
      for (let j = 0; j < 4; j++) setStructSlot(o, b + j, v[at + j]);
      return;
    }
    case Op.ArrayNew: {
      const rtt = rttAt(inst, b);
      const arr = allocArray(rtt, arrayElem(rtt), I[fp + d]!);
      fillFromSlot(m, fp, arr, 0, c, arr.length);
      R[fd + a] = arr;
      return;
    }
    case Op.ArrayNewDefault: {
      const rtt = rttAt(inst, b);
      R[fd + a] = allocArray(rtt, arrayElem(rtt), I[fp + c]!);
      return;
    }
    case Op.ArrayNewFixed: {
      const rtt = rttAt(inst, b);
      const arr = allocArray(rtt, arrayElem(rtt), c);
      const k = arr.kind, w = ELEM_WORDS[k]!;
      if (k === Elem.Ref) {
        const data = arr.data as unknown[];
        for (let i = 0; i < c; i++) data[i] = R[fd + d + i];
      } else {
        for (let i = 0; i < c; i++) readSlotInto(m, fp, d + i, k, arr.data as Int32Array, i * w);
      }
      R[fd + a] = arr;
      return;
    }
    case Op.ArrayNewData: {
      const rtt = rttAt(inst, b);
      R[fd + a] = arrayNewData(rtt, arrayElem(rtt), inst, c, I[fp + d]!, I[fp + e]!);
      return;
    }
    case Op.ArrayNewElem:
      R[fd + a] = arrayNewElem(rttAt(inst, b), inst, c, I[fp + d]!, I[fp + e]!);
      return;
    case Op.ArrayGet: {
      const arr = arrayArg(m, fp, b);
      const i = I[fp + c]! >>> 0;
      if (i >= arr.length) arrayOutOfBounds();
      const v = m.V.i32, at = 4 * (fd + a), words = arr.data as Int32Array;
      for (let j = 0; j < 4; j++) v[at + j] = words[4 * i + j]!;
      return;
    }
    case Op.ArraySet: {
      const arr = arrayArg(m, fp, a);
      const i = I[fp + b]! >>> 0;
      if (i >= arr.length) arrayOutOfBounds();
      const v = m.V.i32, at = 4 * (fd + c), words = arr.data as Int32Array;
      for (let j = 0; j < 4; j++) words[4 * i + j] = v[at + j]!;
      return;
    }
    case Op.ArrayFill: {
      const arr = arrayArg(m, fp, a);
      const dst = I[fp + b]! >>> 0, n = I[fp + d]! >>> 0;
      if (dst + n > arr.length) arrayOutOfBounds();
      fillFromSlot(m, fp, arr, dst, c, n);
      return;
    }
    case Op.ArrayCopy:
      arrayCopy(arrayArg(m, fp, a), I[fp + b]!, arrayArg(m, fp, c), I[fp + d]!, I[fp + e]!);
      return;
    case Op.ArrayInitData:
      arrayInitData(arrayArg(m, fp, a), inst, b, I[fp + c]!, I[fp + d]!, I[fp + e]!);
      return;
    case Op.ArrayInitElem:
      arrayInitElem(arrayArg(m, fp, a), inst, b, I[fp + c]!, I[fp + d]!, I[fp + e]!);
      return;
    default:
      throw new Error(`interpreter: GcAggregate op 0x${op.toString(16)}`);
  }
}
