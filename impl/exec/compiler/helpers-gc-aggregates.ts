/**
 * What compiled code calls for GC's struct and array instructions (see
 * emit-gc-aggregates.ts): the traps of the inline accesses, every
 * allocation and the bulk array operations, on the layout of
 * ../../runtime/gc-objects.ts and with the interpreter's checks and copies
 * (../interpreter/gc-aggregates.ts), so objects cross tiers unchanged.
 * Values arrive as 32-bit words (an i64 or f64 as its low and high word, a
 * v128 as four, a packed value as its i32) or, for references, as the
 * reference in the first word. Traps are thrown here; the generated code
 * has set `$p` to the instruction's offset first.
 * @module
 */
import type { Rtt } from "../../base/rtt.js";
import {
  ArrayObject, Elem, StructObject, allocArray,
} from "../../runtime/gc-objects.js";
import {
  arrayCopy, arrayInitData, arrayInitElem, arrayNewData, arrayNewElem, arrayOutOfBounds, fillArray, nullArray, nullStruct,
} from "../interpreter/gc-aggregates.js";

/** `struct.new` and `struct.new_default`: the emitter has put the slots in place (the first four, then the overflow array or null). */
function structNew(rtt: Rtt, s0: unknown, s1: unknown, s2: unknown, s3: unknown, f: unknown[] | null): StructObject {
  return new StructObject(rtt, s0, s1, s2, s3, f);
}

const words = new Int32Array(4);

/** Sets elements `[d, d + n)` of `a` (in bounds) to the value given as words (a reference in `w0`). */
function fillWords(a: ArrayObject, d: number, n: number, w0: unknown, w1: number, w2: number, w3: number): void {
  if (a.kind === Elem.Ref) { fillArray(a, d, n, w0, words); return; }
  words[0] = w0 as number; words[1] = w1; words[2] = w2; words[3] = w3;
  fillArray(a, d, n, null, words);
}

/** `array.new`: `n` elements of the value in words; traps as `allocArray`. */
function arrayNew(rtt: Rtt, kind: Elem, n: number, w0: unknown, w1: number, w2: number, w3: number): ArrayObject {
  const a = allocArray(rtt, kind, n);
  fillWords(a, 0, a.length, w0, w1, w2, w3);
  return a;
}

/** `array.new_fixed`: the elements as one list of words (or references), in order. */
function arrayFixed(rtt: Rtt, kind: Elem, n: number, vals: unknown[]): ArrayObject {
  const a = allocArray(rtt, kind, n);
  if (kind === Elem.Ref) {
    const data = a.data as unknown[];
    for (let i = 0; i < n; i++) data[i] = vals[i];
  } else {
    (a.data as Int32Array).set(vals as number[]);
  }
  return a;
}

/** `array.fill`. */
function arrayFill(a: ArrayObject | null, d: number, n: number, w0: unknown, w1: number, w2: number, w3: number): void {
  if (a === null) nullArray();
  d >>>= 0; n >>>= 0;
  if (d + n > a.length) arrayOutOfBounds();
  fillWords(a, d, n, w0, w1, w2, w3);
}

/** The helpers, as `H` gives them to the generated code. */
export const GC_AGGREGATE_HELPERS = {
  nullStruct, nullArray, arrayOutOfBounds, structNew, allocArray,
  arrayNew, arrayFixed, arrayNewData, arrayNewElem, arrayFill, arrayCopy, arrayInitData, arrayInitElem,
};
