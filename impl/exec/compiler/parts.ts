/**
 * How many JavaScript values compiled code uses for one wasm value: an i64
 * is two i32 halves (low, high), a v128 four i32 words (lanes of 32 bits,
 * little-endian, word 0 first), everything else one value. Parameters,
 * arguments, locals, operand slots and multi-value arrays all use these
 * parts in this order, so one function says it for the emitter, the
 * runtime helpers and the interpreter stubs.
 * @module
 */
import { ValType } from "../../base/types.js";

/** The number of parts of a value of type `t` in compiled code. */
export function partCount(t: ValType): number {
  return t === ValType.I64 ? 2 : t === ValType.V128 ? 4 : 1;
}

/**
 * The names of the parts of a variable of type `t` whose first part is
 * named `first` (a counter-made identifier): a v128's other words are
 * `first_1` to `first_3`; an i64's high half is named by the caller's
 * convention, `high`.
 */
export function partNames(t: ValType, first: string, high: string): string[] {
  if (t === ValType.I64) return [first, high];
  if (t === ValType.V128) return [first, `${first}_1`, `${first}_2`, `${first}_3`];
  return [first];
}
