import test from "ava";
import { Trap, TrapMessage } from "../../../impl/base/errors.js";
import {
  f32ConvertI64S, f32ConvertI64U, f64ConvertI64S, f64ConvertI64U, fCeil, fFloor, fNearest, fTrunc,
  i32Ctz, i32DivS, i32DivU, i32Popcnt, i32RemS, i32RemU, i32Rotl, i32Rotr, i32TruncS, i32TruncSatS, i32TruncSatU,
  i32TruncU, i64Clz, i64Ctz, i64DivS, i64DivU, i64Mul, i64Popcnt, i64RemS, i64RemU, i64Rotl, i64Rotr, i64Shl,
  i64ShrS, i64ShrU, i64TruncS, i64TruncSatS, i64TruncSatU, i64TruncU,
} from "../../../impl/exec/numerics.js";

/** A deterministic stream of 64-bit test values, edge cases first. */
function* values64(n: number): Generator<bigint> {
  const edges = [0n, 1n, -1n, 2n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, (1n << 53n) + 1n,
    (1n << 63n) - 1n, -(1n << 63n), 0x123456789abcdef0n, -0x0123456789abcdefn];
  yield* edges;
  let x = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < n; i++) {
    x ^= x << 13n; x &= (1n << 64n) - 1n; x ^= x >> 7n; x ^= x << 17n; x &= (1n << 64n) - 1n;
    // Vary the magnitude so short and long values both occur.
    yield BigInt.asIntN(64, x >> BigInt(i % 60));
  }
}
const lo = (v: bigint) => Number(BigInt.asIntN(32, v));
const hi = (v: bigint) => Number(BigInt.asIntN(32, v >> 32n));
const out = new Int32Array(2);
const read = () => (BigInt(out[1]!) << 32n) | BigInt(out[0]! >>> 0);

test("i64.mul on halves equals the low 64 bits of the product", (t) => {
  const vs = [...values64(60)];
  for (const a of vs) for (const b of vs.slice(0, 30)) {
    i64Mul(out, 0, lo(a), hi(a), lo(b), hi(b));
    t.is(read(), BigInt.asIntN(64, a * b));
  }
});

test("i64 shifts and rotates take the count modulo 64", (t) => {
  for (const a of values64(40)) for (const k of [0, 1, 5, 31, 32, 33, 63, 64, 65, -1]) {
    const kk = BigInt(k & 63);
    const u = BigInt.asUintN(64, a);
    i64Shl(out, 0, lo(a), hi(a), k); t.is(read(), BigInt.asIntN(64, a << kk));
    i64ShrS(out, 0, lo(a), hi(a), k); t.is(read(), a >> kk);
    i64ShrU(out, 0, lo(a), hi(a), k); t.is(read(), BigInt.asIntN(64, u >> kk));
    const rotl = BigInt.asIntN(64, (u << kk) | (u >> ((64n - kk) % 64n)));
    i64Rotl(out, 0, lo(a), hi(a), k); t.is(read(), rotl);
    const rotr = BigInt.asIntN(64, (u >> kk) | (u << ((64n - kk) % 64n)));
    i64Rotr(out, 0, lo(a), hi(a), k); t.is(read(), rotr);
  }
});

test("i64 division and remainder truncate towards zero and trap as the spec says", (t) => {
  const vs = [...values64(30)];
  for (const a of vs) for (const b of vs) {
    if (b === 0n) continue;
    const u = BigInt.asUintN(64, a), v = BigInt.asUintN(64, b);
    if (!(a === -(1n << 63n) && b === -1n)) { i64DivS(out, 0, lo(a), hi(a), lo(b), hi(b)); t.is(read(), a / b); }
    i64DivU(out, 0, lo(a), hi(a), lo(b), hi(b)); t.is(read(), BigInt.asIntN(64, u / v));
    i64RemS(out, 0, lo(a), hi(a), lo(b), hi(b)); t.is(read(), a % b);
    i64RemU(out, 0, lo(a), hi(a), lo(b), hi(b)); t.is(read(), BigInt.asIntN(64, u % v));
  }
  const trap = (f: () => void, reason: string) => t.is((t.throws(f, { instanceOf: Trap }) as Trap).reason, reason);
  trap(() => i64DivS(out, 0, 1, 0, 0, 0), TrapMessage.IntegerDivideByZero);
  trap(() => i64RemU(out, 0, 1, 0, 0, 0), TrapMessage.IntegerDivideByZero);
  trap(() => i64DivS(out, 0, 0, -0x80000000, -1, -1), TrapMessage.IntegerOverflow);
  i64RemS(out, 0, 0, -0x80000000, -1, -1);
  t.is(read(), 0n, "INT64_MIN rem -1 is 0, not a trap");
});

test("i64 bit counts", (t) => {
  for (const a of values64(40)) {
    const u = BigInt.asUintN(64, a);
    const bits = u.toString(2);
    t.is(i64Clz(lo(a), hi(a)), u === 0n ? 64 : 64 - bits.length);
    t.is(i64Ctz(lo(a), hi(a)), u === 0n ? 64 : bits.length - 1 - bits.lastIndexOf("1"));
    t.is(i64Popcnt(lo(a), hi(a)), [...bits].filter((c) => c === "1").length);
  }
});

test("i32 helpers: ctz, popcnt, rotates, division and its traps", (t) => {
  t.is(i32Ctz(0), 32); t.is(i32Ctz(8), 3); t.is(i32Ctz(-0x80000000), 31);
  t.is(i32Popcnt(-1), 32); t.is(i32Popcnt(0x0f0f), 8);
  t.is(i32Rotl(0x80000001, 1), 3); t.is(i32Rotr(3, 1), -0x7fffffff); t.is(i32Rotl(5, 32), 5);
  t.is(i32DivS(-7, 2), -3); t.is(i32DivU(-1, 2), 0x7fffffff); t.is(i32RemS(-7, 2), -1); t.is(i32RemU(-1, 10), 5);
  t.is(i32RemS(-0x80000000, -1), 0);
  t.is((t.throws(() => i32DivS(-0x80000000, -1)) as Trap).reason, TrapMessage.IntegerOverflow);
  for (const f of [i32DivS, i32DivU, i32RemS, i32RemU]) {
    t.is((t.throws(() => f(1, 0)) as Trap).reason, TrapMessage.IntegerDivideByZero);
  }
});

test("float to integer truncation: trapping forms trap on NaN and out of range, saturating forms clamp", (t) => {
  const reason = (f: () => unknown) => (t.throws(f, { instanceOf: Trap }) as Trap).reason;
  t.is(reason(() => i32TruncS(NaN)), TrapMessage.InvalidConversion);
  t.is(reason(() => i32TruncS(2147483648)), TrapMessage.IntegerOverflow);
  t.is(reason(() => i32TruncS(-2147483649)), TrapMessage.IntegerOverflow);
  t.is(i32TruncS(-2147483648.9), -2147483648);
  t.is(i32TruncS(2147483647.9), 2147483647);
  t.is(i32TruncU(4294967295.9), -1);
  t.is(i32TruncU(-0.9), 0);
  t.is(reason(() => i32TruncU(-1)), TrapMessage.IntegerOverflow);
  t.is(i32TruncSatS(NaN), 0); t.is(i32TruncSatS(-Infinity), -2147483648); t.is(i32TruncSatS(1e10), 2147483647);
  t.is(i32TruncSatU(-5), 0); t.is(i32TruncSatU(1e10), -1);
  i64TruncS(out, 0, -9223372036854775808); t.is(read(), -(1n << 63n));
  t.is(reason(() => i64TruncS(out, 0, 9223372036854775808)), TrapMessage.IntegerOverflow);
  i64TruncU(out, 0, 18446744073709549568); t.is(BigInt.asUintN(64, read()), 18446744073709549568n);
  t.is(reason(() => i64TruncU(out, 0, 18446744073709551616)), TrapMessage.IntegerOverflow);
  t.is(reason(() => i64TruncU(out, 0, NaN)), TrapMessage.InvalidConversion);
  i64TruncS(out, 0, -1.5); t.is(read(), -1n);
  i64TruncSatS(out, 0, 1e30); t.is(read(), (1n << 63n) - 1n);
  i64TruncSatS(out, 0, -1e30); t.is(read(), -(1n << 63n));
  i64TruncSatU(out, 0, 1e30); t.is(read(), -1n);
  i64TruncSatU(out, 0, NaN); t.is(read(), 0n);
});

/** The f32 nearest to integer `v`, ties to even, computed exactly with bigints. */
function f32Reference(v: bigint): number {
  const neg = v < 0n;
  let m = neg ? -v : v;
  const bits = m.toString(2).length;
  if (bits > 24) {
    const shift = BigInt(bits - 24);
    let q = m >> shift;
    const rem = m - (q << shift), half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    m = q << shift;
  }
  return neg ? -Number(m) : Number(m);
}

test("i64 to f32 conversion rounds once (no double rounding through f64)", (t) => {
  // 2^53 + 2^29 + 1 rounds up to f32 directly, but to 2^53 + 2^29 through f64 and then down (a tie).
  const tricky = [(1n << 53n) + (1n << 29n) + 1n, (1n << 62n) + (1n << 38n) + 1n, (1n << 63n) - 1n, -(1n << 63n)];
  for (const v of [...tricky, ...values64(400)]) {
    t.is(f32ConvertI64S(lo(v), hi(v)), f32Reference(v), `signed ${v}`);
    const u = BigInt.asUintN(64, v);
    t.is(f32ConvertI64U(lo(v), hi(v)), f32Reference(u), `unsigned ${u}`);
  }
});

test("i64 to f64 conversion rounds as Number(bigint) does", (t) => {
  for (const v of values64(300)) {
    t.is(f64ConvertI64S(lo(v), hi(v)), Number(v));
    t.is(f64ConvertI64U(lo(v), hi(v)), Number(BigInt.asUintN(64, v)));
  }
});

test("nearest rounds ties to even and keeps the sign of zero", (t) => {
  const cases: [number, number][] = [[0.5, 0], [1.5, 2], [2.5, 2], [-0.5, -0], [-1.5, -2], [-2.5, -2], [0.49999999999999994, 0],
    [4503599627370495.5, 4503599627370496], [-0.3, -0], [3.7, 4], [Infinity, Infinity]];
  for (const [x, r] of cases) t.is(fNearest(x), r, `nearest(${x})`);
});

test("ceil, floor, trunc and nearest return a quiet NaN for a signalling one", (t) => {
  const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
  u64[0] = 0x7ff4000000000000n;
  const snan = f64[0]!;
  for (const f of [fCeil, fFloor, fTrunc, fNearest]) {
    f64[0] = f(snan);
    t.true((u64[0]! & 0x0008000000000000n) !== 0n, `${f.name} quiets`);
  }
});
