/**
 * Values at the engine's boundary, in their raw form: what host functions
 * receive and return, what `invoke` takes and gives back, what globals hold.
 *
 * | type      | raw form                                             |
 * |-----------|------------------------------------------------------|
 * | i32       | number, a signed 32-bit integer                      |
 * | i64       | bigint, signed 64-bit                                |
 * | f32       | number, the IEEE bits as an unsigned 32-bit integer  |
 * | f64       | bigint, the IEEE bits as an unsigned 64-bit integer  |
 * | v128      | a 16-byte Uint8Array, lanes little-endian as in memory |
 * | funcref   | a {@link FuncInstance} or null                       |
 * | externref | any host value (null is the null reference)          |
 * | anyref    | null, an i31 as its number, a struct or array object, an internalized host value (`HostAnyRef`, ./gc-refs.ts) |
 *
 * Floats travel as bits so NaN payloads survive, as the spec requires.
 * @module
 */
import { ValType, topType } from "../base/types.js";

/** A value in raw form (see the module documentation). */
export type RawValue = number | bigint | unknown;

const f32buf = new Float32Array(1);
const u32buf = new Uint32Array(f32buf.buffer);
const f64buf = new Float64Array(1);
const u64buf = new BigUint64Array(f64buf.buffer);

/** The f32 value of raw bits (NaN payloads may be lost in the JS number). */
export function f32FromBits(bits: number): number {
  u32buf[0] = bits;
  return f32buf[0]!;
}
/** Raw bits of an f32 value. */
export function f32ToBits(value: number): number {
  f32buf[0] = value;
  return u32buf[0]!;
}
/** The f64 value of raw bits. */
export function f64FromBits(bits: bigint): number {
  u64buf[0] = bits;
  return f64buf[0]!;
}
/** Raw bits of an f64 value. */
export function f64ToBits(value: number): bigint {
  f64buf[0] = value;
  return u64buf[0]!;
}

/** The default (zero or null) raw value of a type. */
export function defaultValue(t: ValType): RawValue {
  switch (topType(t)) {
    case ValType.I32:
    case ValType.F32:
      return 0;
    case ValType.I64:
    case ValType.F64:
      return 0n;
    case ValType.V128:
      return new Uint8Array(16);
    case ValType.FuncRef:
    case ValType.ExternRef:
    case ValType.ExnRef:
    case ValType.AnyRef:
      return null;
    default: {
      throw new Error(`internal: no case for value type ${t}`);
    }
  }
}
