/**
 * Number literals of the text format turned into the engine's raw values,
 * exactly: integers wrap to their two's-complement form, floats are rounded
 * to nearest-even directly at the target precision with BigInt arithmetic
 * (no detour through f64, so no double rounding for f32).
 * @see https://webassembly.github.io/spec/core/text/values.html
 * @module
 */

/** A literal that the text format does not accept for the requested type. */
export class LiteralError extends Error {
  override name = "LiteralError";
}

/** Parses an unsigned integer literal (decimal or `0x` hex, underscores between digits). */
function parseMagnitude(text: string, original: string): bigint {
  const hex = text.startsWith("0x") || text.startsWith("0X");
  const digits = hex ? text.slice(2) : text;
  const re = hex ? /^[0-9a-fA-F](_?[0-9a-fA-F])*$/ : /^[0-9](_?[0-9])*$/;
  if (!re.test(digits)) throw new LiteralError(`malformed integer literal ${original}`);
  return BigInt((hex ? "0x" : "") + digits.replaceAll("_", ""));
}

function splitSign(text: string): { negative: boolean; body: string; signed: boolean } {
  if (text.startsWith("-")) return { negative: true, body: text.slice(1), signed: true };
  if (text.startsWith("+")) return { negative: false, body: text.slice(1), signed: true };
  return { negative: false, body: text, signed: false };
}

/**
 * Parses an integer literal of `bits` width (8, 16, 32 or 64): signed values from -2^(bits-1),
 * unsigned up to 2^bits - 1, returned wrapped to the signed range.
 * @see https://webassembly.github.io/spec/core/text/values.html#integers
 */
export function parseIntLiteral(text: string, bits: number): bigint {
  const { negative, body } = splitSign(text);
  const mag = parseMagnitude(body, text);
  const limit = negative ? 1n << BigInt(bits - 1) : (1n << BigInt(bits)) - 1n;
  if (mag > limit) throw new LiteralError(`integer literal out of range: ${text}`);
  return BigInt.asIntN(bits, negative ? -mag : mag);
}

/** An `i32.const` literal as a raw i32 (a signed number). */
export function parseI32(text: string): number {
  return Number(parseIntLiteral(text, 32));
}

/** An `i64.const` literal as a raw i64 (a signed bigint). */
export function parseI64(text: string): bigint {
  return parseIntLiteral(text, 64);
}

/** An IEEE binary format: 23/8 for f32, 52/11 for f64. */
interface FloatFormat {
  readonly mantBits: number;
  readonly expBits: number;
}
const F32: FloatFormat = { mantBits: 23, expBits: 8 };
const F64: FloatFormat = { mantBits: 52, expBits: 11 };

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Rounds the positive rational `num / den` to the nearest representable value
 * (ties to even) and returns its bits without sign; overflow gives infinity.
 * @see https://webassembly.github.io/spec/core/text/values.html#floating-point
 */
export function roundToFloatBits(num: bigint, den: bigint, fmt: FloatFormat): bigint {
  const p = fmt.mantBits + 1;
  const bias = (1 << (fmt.expBits - 1)) - 1;
  const emin = 1 - bias;
  const infinity = ((1n << BigInt(fmt.expBits)) - 1n) << BigInt(fmt.mantBits);
  if (num === 0n) return 0n;
  // e = floor(log2(num / den)), found from bit lengths then corrected by one.
  let e = bitLength(num) - bitLength(den);
  if (e >= 0 ? num < den << BigInt(e) : num << BigInt(-e) < den) e--;
  if (e < emin) e = emin; // subnormal range: fixed scale
  const shift = p - 1 - e;
  let n = num, d = den;
  if (shift >= 0) n <<= BigInt(shift);
  else d <<= BigInt(-shift);
  let q = n / d;
  const twiceRem = 2n * (n - q * d);
  if (twiceRem > d || (twiceRem === d && (q & 1n) === 1n)) q++;
  if (q === 1n << BigInt(p)) { // rounding carried into a new binade
    q >>= 1n;
    e++;
  }
  if (e > bias) return infinity;
  const hidden = 1n << BigInt(p - 1);
  if (q < hidden) return q; // subnormal: biased exponent 0
  return (BigInt(e + bias) << BigInt(fmt.mantBits)) | (q - hidden);
}

/** Exponents beyond these bounds are certain overflow or underflow for f64 and f32. */
const HUGE_EXP = 5000;

function parseFloatBits(text: string, fmt: FloatFormat): bigint {
  const { negative, body } = splitSign(text);
  const signBit = negative ? 1n << BigInt(fmt.mantBits + fmt.expBits) : 0n;
  const expMask = (1n << BigInt(fmt.expBits)) - 1n;
  const infinity = expMask << BigInt(fmt.mantBits);
  if (body === "inf") return signBit | infinity;
  if (body === "nan") return signBit | infinity | (1n << BigInt(fmt.mantBits - 1));
  if (body.startsWith("nan:0x")) {
    const payload = parseMagnitude(body.slice(4), text);
    if (payload === 0n || payload >= 1n << BigInt(fmt.mantBits)) throw new LiteralError(`NaN payload out of range: ${text}`);
    return signBit | infinity | payload;
  }
  const hex = body.startsWith("0x") || body.startsWith("0X");
  const m = hex
    ? /^0[xX]([0-9a-fA-F](?:_?[0-9a-fA-F])*)(?:\.((?:[0-9a-fA-F](?:_?[0-9a-fA-F])*)?))?(?:[pP]([+-]?[0-9](?:_?[0-9])*))?$/.exec(body)
    : /^([0-9](?:_?[0-9])*)(?:\.((?:[0-9](?:_?[0-9])*)?))?(?:[eE]([+-]?[0-9](?:_?[0-9])*))?$/.exec(body);
  if (!m) throw new LiteralError(`malformed float literal ${text}`);
  const intDigits = m[1]!.replaceAll("_", "");
  const fracDigits = (m[2] ?? "").replaceAll("_", "");
  const expText = (m[3] ?? "0").replaceAll("_", "");
  // Clamp absurd exponents: beyond HUGE_EXP the result is 0 or infinity anyway.
  const expBig = BigInt(expText);
  const exp = Number(expBig > BigInt(HUGE_EXP * 4) ? BigInt(HUGE_EXP * 4) : expBig < BigInt(-HUGE_EXP * 4) ? BigInt(-HUGE_EXP * 4) : expBig);
  const mant = BigInt((hex ? "0x" : "") + (intDigits + fracDigits));
  if (mant === 0n) return signBit;
  let num: bigint, den: bigint;
  if (hex) {
    const e2 = exp - 4 * fracDigits.length;
    if (bitLength(mant) + e2 > HUGE_EXP) return signBit | infinity;
    if (bitLength(mant) + e2 < -HUGE_EXP) return signBit;
    [num, den] = e2 >= 0 ? [mant << BigInt(e2), 1n] : [mant, 1n << BigInt(-e2)];
  } else {
    const e10 = exp - fracDigits.length;
    // 10^e10 <= value < 10^(e10 + digits): decide the hopeless cases without huge powers.
    if (e10 > HUGE_EXP / 3) return signBit | infinity;
    if (e10 + mant.toString().length < -HUGE_EXP / 3) return signBit;
    [num, den] = e10 >= 0 ? [mant * 10n ** BigInt(e10), 1n] : [mant, 10n ** BigInt(-e10)];
  }
  return signBit | roundToFloatBits(num, den, fmt);
}

/** An `f32.const` literal as raw f32 bits (an unsigned 32-bit number). */
export function parseF32(text: string): number {
  return Number(parseFloatBits(text, F32));
}

/** An `f64.const` literal as raw f64 bits (an unsigned 64-bit bigint). */
export function parseF64(text: string): bigint {
  return parseFloatBits(text, F64);
}
