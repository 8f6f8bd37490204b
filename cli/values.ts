/**
 * `--invoke` arguments and results: command-line words parsed by the
 * parameter types of the export, and results printed in the text syntax of
 * constants, one per line as `VALUE : TYPE` (`42 : i32`, `-inf : f64`,
 * `nan:0x200000 : f32`, `i32x4 0x00000001 0x00000002 0x00000003 0x00000004 : v128`).
 *
 * Integers are decimal or `0x` hexadecimal, with an optional sign and `_`
 * between digits as in the text format; i32 and i64 accept the signed and
 * the unsigned range and print signed. Floats are decimal, `0x` hexadecimal
 * (`0x1.8p3`), `inf`, `nan` or `nan:0xPAYLOAD`, each with an optional sign;
 * an f32 is rounded from the f64 the text denotes. A v128 is one word: a
 * 128-bit integer, or a shape and its lanes (`"i32x4 1 2 3 4"`). A reference
 * argument can only be `null`; a reference result prints as `null` or
 * `ref 0xADDRESS` (`wasmts_ref_address`).
 * @module
 */
import {
  WASM_EXTERNREF, WASM_F32, WASM_F64, WASM_FUNCREF, WASM_I32, WASM_I64, WASM_V128, wasmts_ref_address,
  type wasm_val_t, type wasm_valkind_t,
} from "../capi/index.js";
import { valkindText } from "./type-text.js";

const scratch = new DataView(new ArrayBuffer(16));

/** An integer literal (decimal or `0x` hex, optional sign, `_` between digits), or null. */
function integerLiteral(text: string): bigint | null {
  const m = /^([+-]?)(0x[0-9a-f]+(?:_[0-9a-f]+)*|[0-9]+(?:_[0-9]+)*)$/i.exec(text);
  if (m === null) return null;
  const magnitude = BigInt(m[2]!.replace(/_/g, ""));
  return m[1] === "-" ? -magnitude : magnitude;
}

/** An integer of `bits` bits, signed or unsigned range, as its two's-complement bits; null when out of range. */
function integerBits(text: string, bits: number): bigint | null {
  const v = integerLiteral(text);
  if (v === null || v < -(1n << BigInt(bits - 1)) || v >= 1n << BigInt(bits)) return null;
  return BigInt.asUintN(bits, v);
}

/** The value of a hexadecimal float literal's digits and exponent (`1.8`, `3` for `0x1.8p3`), rounded to f64. */
function hexFloat(intDigits: string, fracDigits: string, exponent: number): number {
  let mantissa = BigInt(`0x${intDigits || "0"}${fracDigits}`);
  let exp = exponent - 4 * fracDigits.length;
  if (mantissa === 0n) return 0;
  // Keep 64 significant bits and a sticky bit, so that Number() rounds once, to nearest even.
  const excess = mantissa.toString(2).length - 64;
  if (excess > 0) {
    const lost = mantissa & ((1n << BigInt(excess)) - 1n);
    mantissa = (mantissa >> BigInt(excess)) | (lost !== 0n ? 1n : 0n);
    exp += excess;
  }
  let value = Number(mantissa);
  while (exp > 1000) { value *= 2 ** 1000; exp -= 1000; }
  while (exp < -1000) { value *= 2 ** -1000; exp += 1000; }
  return value * 2 ** exp;
}

/** A float literal's value, or null when it is not one. NaN payloads are handled by the caller. */
function floatValue(text: string): number | null {
  const t = text.replace(/_/g, "");
  const sign = t.startsWith("-") ? -1 : 1;
  const body = t.replace(/^[+-]/, "");
  if (/^inf(inity)?$/i.test(body)) return sign * Infinity;
  const hex = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?[0-9]+))?$/i.exec(body);
  if (hex !== null) {
    if ((hex[1] ?? "") === "" && (hex[2] ?? "") === "") return null;
    return sign * hexFloat(hex[1] ?? "", hex[2] ?? "", Number(hex[3] ?? "0"));
  }
  if (!/^([0-9]+(\.[0-9]*)?|\.[0-9]+)(e[+-]?[0-9]+)?$/i.test(body)) return null;
  return sign * Number(body);
}

/** A float literal as the bits of an f32 or f64, or null. */
function floatBits(text: string, bits: 32 | 64): bigint | null {
  const nan = /^([+-]?)nan(?::(0x[0-9a-f]+(?:_[0-9a-f]+)*))?$/i.exec(text);
  const mantissaBits = bits === 32 ? 23 : 52;
  if (nan !== null) {
    const payload = nan[2] === undefined ? 1n << BigInt(mantissaBits - 1) : BigInt(nan[2].replace(/_/g, ""));
    if (payload === 0n || payload >= 1n << BigInt(mantissaBits)) return null;
    const exponentBits = bits === 32 ? 0xffn : 0x7ffn;
    const signBit = nan[1] === "-" ? 1n << BigInt(bits - 1) : 0n;
    return signBit | (exponentBits << BigInt(mantissaBits)) | payload;
  }
  const value = floatValue(text);
  if (value === null) return null;
  if (bits === 32) {
    scratch.setFloat32(0, value, true);
    return BigInt(scratch.getUint32(0, true));
  }
  scratch.setFloat64(0, value, true);
  return scratch.getBigUint64(0, true);
}

/**
 * The C API's number for an f32 given as bits (porting guide, rule 16): an
 * f32 NaN travels as the f64 NaN of the same sign with its payload shifted
 * left by 29, because a conversion through `Float32Array` would quiet it.
 */
function f32FromBits(bits: bigint): number {
  if ((bits & 0x7f800000n) === 0x7f800000n && (bits & 0x7fffffn) !== 0n) {
    scratch.setBigUint64(0, ((bits >> 31n) << 63n) | (0x7ffn << 52n) | ((bits & 0x7fffffn) << 29n), true);
    return scratch.getFloat64(0, true);
  }
  scratch.setUint32(0, Number(bits), true);
  return scratch.getFloat32(0, true);
}

/** The bits of the f32 the C API gives as a number (the inverse of {@link f32FromBits}). */
function f32Bits(value: number): bigint {
  if (Number.isNaN(value)) {
    scratch.setFloat64(0, value, true);
    const bits = scratch.getBigUint64(0, true);
    return ((bits >> 63n) << 31n) | 0x7f800000n | ((bits >> 29n) & 0x7fffffn);
  }
  scratch.setFloat32(0, value, true);
  return BigInt(scratch.getUint32(0, true));
}

function f64FromBits(bits: bigint): number {
  scratch.setBigUint64(0, bits, true);
  return scratch.getFloat64(0, true);
}

function f64Bits(value: number): bigint {
  scratch.setFloat64(0, value, true);
  return scratch.getBigUint64(0, true);
}

/** A v128 lane shape: lane count, lane width in bits, and whether lanes are floats. */
const SHAPES: Record<string, { lanes: number; bits: 8 | 16 | 32 | 64; float: boolean }> = {
  i8x16: { lanes: 16, bits: 8, float: false },
  i16x8: { lanes: 8, bits: 16, float: false },
  i32x4: { lanes: 4, bits: 32, float: false },
  i64x2: { lanes: 2, bits: 64, float: false },
  f32x4: { lanes: 4, bits: 32, float: true },
  f64x2: { lanes: 2, bits: 64, float: true },
};

/** A v128 word (a 128-bit integer, or `SHAPE lane...`) as its 16 bytes, or null. */
function v128Bytes(text: string): Uint8Array | null {
  const words = text.trim().split(/\s+/);
  let value = 0n;
  if (words.length === 1) {
    const v = integerBits(words[0]!, 128);
    if (v === null) return null;
    value = v;
  } else {
    const shape = SHAPES[words[0]!.toLowerCase()];
    if (shape === undefined || words.length !== shape.lanes + 1) return null;
    for (let i = 0; i < shape.lanes; i++) {
      const word = words[i + 1]!;
      const lane = shape.float ? floatBits(word, shape.bits as 32 | 64) : integerBits(word, shape.bits);
      if (lane === null) return null;
      value |= lane << BigInt(i * shape.bits);
    }
  }
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return bytes;
}

/** What each kind accepts, for messages. */
function expected(kind: wasm_valkind_t): string {
  switch (kind) {
    case WASM_I32: case WASM_I64: return "an integer (decimal or 0x hex)";
    case WASM_F32: case WASM_F64: return "a float (decimal, 0x hex, inf, nan or nan:0xPAYLOAD)";
    case WASM_V128: return "a 128-bit integer or one word 'SHAPE LANE...' such as 'i32x4 1 2 3 4'";
    default: return "null";
  }
}

/** Parses one argument for a parameter of `kind`; returns null when the word is not such a value. */
export function parseValue(kind: wasm_valkind_t, text: string): wasm_val_t | null {
  switch (kind) {
    case WASM_I32: {
      const bits = integerBits(text, 32);
      return bits === null ? null : { kind, of: { i32: Number(BigInt.asIntN(32, bits)) } };
    }
    case WASM_I64: {
      const bits = integerBits(text, 64);
      return bits === null ? null : { kind, of: { i64: BigInt.asIntN(64, bits) } };
    }
    case WASM_F32: {
      const bits = floatBits(text, 32);
      return bits === null ? null : { kind, of: { f32: f32FromBits(bits) } };
    }
    case WASM_F64: {
      const bits = floatBits(text, 64);
      return bits === null ? null : { kind, of: { f64: f64FromBits(bits) } };
    }
    case WASM_V128: {
      const bytes = v128Bytes(text);
      return bytes === null ? null : { kind, of: { v128: bytes } };
    }
    case WASM_FUNCREF:
    case WASM_EXTERNREF:
      return text === "null" ? { kind, of: { ref: null } } : null;
    default:
      return null;
  }
}

/** The message for a word that is not a value of `kind`. */
export function valueError(kind: wasm_valkind_t, text: string): string {
  return `'${text}' is not a ${valkindText(kind)}: expected ${expected(kind)}`;
}

/** A float's text: shortest decimal that reads back the same, `inf`, `nan` or `nan:0xPAYLOAD`, with its sign. */
function floatText(bits: bigint, width: 32 | 64): string {
  const mantissaBits = width === 32 ? 23 : 52;
  const exponentMask = width === 32 ? 0xffn : 0x7ffn;
  const sign = (bits >> BigInt(width - 1)) & 1n ? "-" : "";
  const exponent = (bits >> BigInt(mantissaBits)) & exponentMask;
  const mantissa = bits & ((1n << BigInt(mantissaBits)) - 1n);
  if (exponent === exponentMask) {
    if (mantissa === 0n) return `${sign}inf`;
    return mantissa === 1n << BigInt(mantissaBits - 1) ? `${sign}nan` : `${sign}nan:0x${mantissa.toString(16)}`;
  }
  if (width === 64) return sign + String(Math.abs(f64FromBits(bits)));
  const value = Math.abs(f32FromBits(bits));
  // The fewest digits that read back as the same f32.
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(value.toPrecision(digits));
    if (Math.fround(shorter) === value) return sign + String(shorter);
  }
  return sign + String(Number(value.toPrecision(9)));
}

function hexLane(v: bigint, bits: number): string {
  return `0x${v.toString(16).padStart(bits / 4, "0")}`;
}

/** A value's text (without its type). */
export function valueText(v: wasm_val_t): string {
  switch (v.kind) {
    case WASM_I32: return String(v.of.i32 ?? 0);
    case WASM_I64: return String(v.of.i64 ?? 0n);
    case WASM_F32: return floatText(f32Bits(v.of.f32 ?? 0), 32);
    case WASM_F64: return floatText(f64Bits(v.of.f64 ?? 0), 64);
    case WASM_V128: {
      const bytes = v.of.v128 ?? new Uint8Array(16);
      const lanes: string[] = [];
      for (let i = 0; i < 16; i += 4) lanes.push(hexLane(BigInt((bytes[i]! | bytes[i + 1]! << 8 | bytes[i + 2]! << 16 | bytes[i + 3]! << 24) >>> 0), 32));
      return `i32x4 ${lanes.join(" ")}`;
    }
    case WASM_FUNCREF:
    case WASM_EXTERNREF: {
      const ref = v.of.ref ?? null;
      return ref === null ? "null" : `ref 0x${wasmts_ref_address(ref).toString(16)}`;
    }
    default:
      return `<kind ${v.kind}>`;
  }
}

/** A result line: `VALUE : TYPE`. */
export function resultLine(v: wasm_val_t): string {
  return `${valueText(v)} : ${valkindText(v.kind)}`;
}
