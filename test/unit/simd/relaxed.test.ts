/**
 * Relaxed SIMD: every instruction gives the deterministic profile's result
 * (the documented choice of impl/exec/simd/relaxed.ts), the same on the
 * interpreter and the compiled tier, on inputs where the allowed results differ.
 */
import test from "ava";
import { compileModule, Store } from "../../../impl/index.js";
import { compiledFlags } from "../../../impl/exec/compiler/module.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import type { ModuleInstance } from "../../../impl/runtime/instances.js";
import { wat, WASM3_FEATURES } from "../../helpers/wat.js";
import { fn } from "../compiler/helpers.js";
import { invoke } from "../../../impl/index.js";

/** One exported function per relaxed instruction, named after it, taking its vector operands. */
const BINARY = ["i8x16.relaxed_swizzle", "f32x4.relaxed_min", "f32x4.relaxed_max", "f64x2.relaxed_min", "f64x2.relaxed_max",
  "i16x8.relaxed_q15mulr_s", "i16x8.relaxed_dot_i8x16_i7x16_s"];
const UNARY = ["i32x4.relaxed_trunc_f32x4_s", "i32x4.relaxed_trunc_f32x4_u", "i32x4.relaxed_trunc_f64x2_s_zero",
  "i32x4.relaxed_trunc_f64x2_u_zero"];
const TERNARY = ["f32x4.relaxed_madd", "f32x4.relaxed_nmadd", "f64x2.relaxed_madd", "f64x2.relaxed_nmadd",
  "i8x16.relaxed_laneselect", "i16x8.relaxed_laneselect", "i32x4.relaxed_laneselect", "i64x2.relaxed_laneselect",
  "i32x4.relaxed_dot_i8x16_i7x16_add_s"];
const funcs = [
  ...UNARY.map((m) => `(func (export "${m}") (param v128) (result v128) (${m} (local.get 0)))`),
  ...BINARY.map((m) => `(func (export "${m}") (param v128 v128) (result v128) (${m} (local.get 0) (local.get 1)))`),
  ...TERNARY.map((m) => `(func (export "${m}") (param v128 v128 v128) (result v128) (${m} (local.get 0) (local.get 1) (local.get 2)))`),
];
const TEXT = `(module ${funcs.join("\n")})`;

async function instance(tier: "interpreter" | "compiler"): Promise<ModuleInstance> {
  return instantiate(new Store({ tier }), compileModule(await wat(TEXT, WASM3_FEATURES)), []);
}

const bytes = (a: { buffer: ArrayBufferLike; byteOffset: number }): Uint8Array =>
  new Uint8Array(a.buffer, a.byteOffset, 16).slice();
const f32 = (...x: number[]) => bytes(Float32Array.from(x));
const f64 = (...x: number[]) => bytes(Float64Array.from(x));
const i8 = (...x: number[]) => bytes(Int8Array.from(x));
const i16 = (...x: number[]) => bytes(Int16Array.from(x));
const i32 = (...x: number[]) => bytes(Int32Array.from(x));
const i64 = (...x: bigint[]) => bytes(BigInt64Array.from(x));

const FLT_MAX = 3.4028234663852886e38;
const NAN = Number.NaN;

/** [instruction, operands, the deterministic profile's result]. */
const CASES: readonly [string, Uint8Array[], Uint8Array][] = [
  // Swizzle: indices of 16 and more (signed or not) give 0, as i8x16.swizzle.
  ["i8x16.relaxed_swizzle", [i8(...Array.from({ length: 16 }, (_, k) => 100 + k)), i8(0, 15, 16, 17, 127, -128, -1, 3, 0, 0, 0, 0, 0, 0, 0, 0)],
    i8(100, 115, 0, 0, 0, 0, 0, 103, 100, 100, 100, 100, 100, 100, 100, 100)],
  // Truncation saturates and maps NaN to 0, as trunc_sat.
  ["i32x4.relaxed_trunc_f32x4_s", [f32(NAN, 3e9, -3e9, -1.9)], i32(0, 0x7fffffff, -0x80000000, -1)],
  ["i32x4.relaxed_trunc_f32x4_u", [f32(NAN, 5e9, -1, 7.9)], i32(0, -1, 0, 7)],
  ["i32x4.relaxed_trunc_f64x2_s_zero", [f64(NAN, -1e10)], i32(0, -0x80000000, 0, 0)],
  ["i32x4.relaxed_trunc_f64x2_u_zero", [f64(1e10, -5)], i32(-1, 0, 0, 0)],
  // Multiply-add unfused: FLT_MAX * 2 overflows to infinity before the add (fused would give FLT_MAX).
  ["f32x4.relaxed_madd", [f32(FLT_MAX, 1.5, 2, 0), f32(2, 2, 3, 0), f32(-FLT_MAX, 1, 1, -0)], f32(Infinity, 4, 7, 0)],
  ["f32x4.relaxed_nmadd", [f32(-FLT_MAX, 1.5, 2, 1), f32(2, 2, 3, 1), f32(-FLT_MAX, 1, 1, 1)], f32(Infinity, -2, -5, 0)],
  // 1 + 2^-52 squared rounds away its 2^-104 term when unfused: (1 + 2^-51) - (1 + 2^-51) = 0 exactly.
  ["f64x2.relaxed_madd", [f64(1 + 2 ** -52, 3), f64(1 + 2 ** -52, 4), f64(-(1 + 2 ** -51), 5)], f64(0, 17)],
  ["f64x2.relaxed_nmadd", [f64(-(1 + 2 ** -52), 3), f64(1 + 2 ** -52, 4), f64(-(1 + 2 ** -51), 5)], f64(0, -7)],
  // Lane select is bitwise, as v128.bitselect, whatever the lane width.
  ["i8x16.relaxed_laneselect", [i8(0x12, 0x12, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), i8(0x34, 0x34, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2),
    i8(0xf0, 0x0f, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0)], i8(0x14, 0x32, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2)],
  ["i16x8.relaxed_laneselect", [i16(0x1234, 1, 1, 1, 1, 1, 1, 1), i16(0x5678, 2, 2, 2, 2, 2, 2, 2), i16(-256, -1, 0, 0, 0, 0, 0, 0)],
    i16(0x1278, 1, 2, 2, 2, 2, 2, 2)],
  ["i32x4.relaxed_laneselect", [i32(0x12345678, 1, 1, 1), i32(-0x789abcf0 | 0, 2, 2, 2), i32(0xffff0000 | 0, -1, 0, 0)],
    i32((0x12345678 & 0xffff0000) | (-0x789abcf0 & 0xffff), 1, 2, 2)],
  ["i64x2.relaxed_laneselect", [i64(0x1111111111111111n, 1n), i64(0x2222222222222222n, 2n), i64(0x00000000ffffffffn, -1n)],
    i64(0x2222222211111111n, 1n)],
  // Min and max: NaN propagates and -0 < +0, as f32x4.min/max (results are checked as canonical NaN bits below).
  ["f32x4.relaxed_min", [f32(-0, 0, 1, 5), f32(0, -0, NAN, 6)], f32(-0, -0, NAN, 5)],
  ["f32x4.relaxed_max", [f32(-0, 0, NAN, 5), f32(0, -0, 1, 6)], f32(0, 0, NAN, 6)],
  ["f64x2.relaxed_min", [f64(0, NAN), f64(-0, 1)], f64(-0, NAN)],
  ["f64x2.relaxed_max", [f64(-0, 2), f64(0, NAN)], f64(0, NAN)],
  // q15mulr saturates the one overflow (-1 × -1), as q15mulr_sat_s.
  ["i16x8.relaxed_q15mulr_s", [i16(-32768, 16384, 0, 0, 0, 0, 0, 0), i16(-32768, 16384, 0, 0, 0, 0, 0, 0)], i16(32767, 8192, 0, 0, 0, 0, 0, 0)],
  // Dot products: signed by signed; the 16-bit pair sum wraps.
  ["i16x8.relaxed_dot_i8x16_i7x16_s", [i8(-128, -128, -128, -127, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), i8(-128, -128, -127, -127, 5, -6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)],
    i16(-32768, 32385, -9, 0, 0, 0, 0, 0)],
  ["i32x4.relaxed_dot_i8x16_i7x16_add_s", [i8(-128, -128, -128, -128, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0), i8(-128, -128, -127, -127, 1, 1, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0),
    i32(1, 10, 0x7fffffff, 0)], i32(-32768 + 32512 + 1, 1 + 2 + 3 - 4 + 10, 0x7fffffff, 0)],
];

/** NaN lanes compared as "some NaN" (the profile fixes which lanes are NaN, not their payload). */
function same(actual: Uint8Array, expected: Uint8Array, floats: 4 | 8 | 0): boolean {
  if (floats === 0) return actual.every((b, k) => b === expected[k]);
  const a = floats === 4 ? new Float32Array(actual.slice().buffer) : new Float64Array(actual.slice().buffer);
  const e = floats === 4 ? new Float32Array(expected.slice().buffer) : new Float64Array(expected.slice().buffer);
  return a.every((x, k) => (Number.isNaN(x) && Number.isNaN(e[k]!)) || Object.is(x, e[k]));
}

for (const tier of ["interpreter", "compiler"] as const) {
  test(`every relaxed SIMD instruction gives the deterministic profile's result (${tier})`, async (t) => {
    const inst = await instance(tier);
    t.is(CASES.length, UNARY.length + BINARY.length + TERNARY.length, "one case per instruction at least");
    for (const [name, args, expected] of CASES) {
      const [result] = invoke(fn(inst, name), args) as [Uint8Array];
      const floats = /^f32x4/.test(name) ? 4 : /^f64x2/.test(name) ? 8 : 0;
      t.true(same(result, expected, floats), `${name}: got ${[...result]}, expected ${[...expected]}`);
    }
    if (tier === "compiler") {
      const flags = compiledFlags(inst.module);
      t.true(flags !== null && flags.every((f) => f), "every function ran compiled");
    }
  });
}
