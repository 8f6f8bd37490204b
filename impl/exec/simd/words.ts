/**
 * Lane operations whose result word i depends only on word i of their
 * operands (all lanes of 32 bits or less, no lane crossing a word), written
 * on one 32-bit word. The interpreter's lane functions (integer.ts,
 * bitwise.ts) apply them to the four words of a slot; compiled code
 * (../compiler/emit-simd.ts) applies them to the four variables a v128
 * lives in, with no scratch memory in between. Each is the only statement
 * of its semantics. Results are signed 32-bit words.
 *
 * Each is one `return` of an expression over its parameters `p` (and `q`),
 * number literals, operators and `Math.imul`: compiled code writes that
 * expression in place with its own variables for `p` and `q` (V8 would not
 * inline hundreds of calls in one large function), reading it from the
 * function's text, so the expression stays written only here.
 * @module
 */

/** `v128.not` */
export function v128NotWord(p: number): number { return ~p; }
/** `v128.and` */
export function v128AndWord(p: number, q: number): number { return p & q; }
/** `v128.andnot`: `p & ~q` */
export function v128AndnotWord(p: number, q: number): number { return p & ~q; }
/** `v128.or` */
export function v128OrWord(p: number, q: number): number { return p | q; }
/** `v128.xor` */
export function v128XorWord(p: number, q: number): number { return p ^ q; }

/** `i8x16.add`: bytes add without carrying into their neighbours (SWAR) */
export function i8x16AddWord(p: number, q: number): number {
  return ((p & 0x7f7f7f7f) + (q & 0x7f7f7f7f)) ^ ((p ^ q) & 0x80808080);
}
/** `i8x16.sub` (SWAR: each byte borrows from a set top bit of its own) */
export function i8x16SubWord(p: number, q: number): number {
  return ((p | 0x80808080) - (q & 0x7f7f7f7f)) ^ ((p ^ ~q) & 0x80808080);
}
/** `i8x16.eq`: all ones where equal (SWAR: a byte of `p ^ q` is zero) */
export function i8x16EqWord(p: number, q: number): number {
  return Math.imul((((((p ^ q) & 0x7f7f7f7f) + 0x7f7f7f7f) | (p ^ q)) & 0x80808080 ^ 0x80808080) >>> 7, 0xff);
}
/** `i8x16.ne`: all ones where different */
export function i8x16NeWord(p: number, q: number): number {
  return Math.imul(((((((p ^ q) & 0x7f7f7f7f) + 0x7f7f7f7f) | (p ^ q)) & 0x80808080) >>> 7), 0xff);
}
/** `i16x8.add` (SWAR) */
export function i16x8AddWord(p: number, q: number): number {
  return ((p & 0x7fff7fff) + (q & 0x7fff7fff)) ^ ((p ^ q) & 0x80008000);
}
/** `i16x8.sub` (SWAR) */
export function i16x8SubWord(p: number, q: number): number {
  return ((p | 0x80008000) - (q & 0x7fff7fff)) ^ ((p ^ ~q) & 0x80008000);
}
/** `i32x4.add` */
export function i32x4AddWord(p: number, q: number): number { return (p + q) | 0; }
/** `i32x4.sub` */
export function i32x4SubWord(p: number, q: number): number { return (p - q) | 0; }
/** `i32x4.mul` */
export function i32x4MulWord(p: number, q: number): number { return Math.imul(p, q); }
/** `i32x4.eq`: all ones where true */
export function i32x4EqWord(p: number, q: number): number { return p === q ? -1 : 0; }
/** `i32x4.ne`: all ones where true */
export function i32x4NeWord(p: number, q: number): number { return p !== q ? -1 : 0; }
/** `i16x8.extadd_pairwise_i8x16_s` */
export function i16x8ExtaddPairwiseI8x16SWord(p: number): number {
  return ((((p << 24) >> 24) + ((p << 16) >> 24)) & 0xffff) | ((((p << 8) >> 24) + (p >> 24)) << 16);
}
/** `i16x8.extadd_pairwise_i8x16_u`: two sums of two bytes each fit their 16-bit lanes, no carry crosses */
export function i16x8ExtaddPairwiseI8x16UWord(p: number): number {
  return (p & 0x00ff00ff) + ((p >>> 8) & 0x00ff00ff);
}
/** `i32x4.extadd_pairwise_i16x8_s` */
export function i32x4ExtaddPairwiseI16x8SWord(p: number): number {
  return ((p << 16) >> 16) + (p >> 16);
}
/** `i32x4.extadd_pairwise_i16x8_u` */
export function i32x4ExtaddPairwiseI16x8UWord(p: number): number {
  return ((p & 0xffff) + (p >>> 16)) | 0;
}
