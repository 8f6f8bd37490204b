/**
 * SIMD loads and stores: whole vectors, extending loads, splats, zero-filling
 * loads and single lanes. Each takes the memory's `DataView`, the address
 * operand and the static offset, and traps "out of bounds memory access"
 * when any byte of the access lies outside the memory (nothing is written
 * then).
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions
 * @module
 */
import { TrapMessage } from "../../base/errors.js";
import { trap } from "../numerics.js";
import type { V128Space } from "./lanes.js";

/** The effective address of an access of `size` bytes, after the bounds check. */
function effective(mem: DataView, addr: number, offset: number, size: number): number {
  // Both are u32: their sum is exact in a double, and a 2^32 wrap must not happen.
  const ea = (addr >>> 0) + (offset >>> 0);
  if (ea + size > mem.byteLength) trap(TrapMessage.MemoryOutOfBounds);
  return ea;
}

/** `v128.load` */
export function v128Load(v: V128Space, d: number, mem: DataView, addr: number, offset: number): void {
  const ea = effective(mem, addr, offset, 16), w = v.i32;
  d <<= 2;
  w[d] = mem.getInt32(ea, true); w[d + 1] = mem.getInt32(ea + 4, true);
  w[d + 2] = mem.getInt32(ea + 8, true); w[d + 3] = mem.getInt32(ea + 12, true);
}

/** `v128.store` */
export function v128Store(v: V128Space, a: number, mem: DataView, addr: number, offset: number): void {
  const ea = effective(mem, addr, offset, 16), w = v.i32;
  a <<= 2;
  mem.setInt32(ea, w[a], true); mem.setInt32(ea + 4, w[a + 1], true);
  mem.setInt32(ea + 8, w[a + 2], true); mem.setInt32(ea + 12, w[a + 3], true);
}

/** `v128.load8x8_s` / `_u`: eight bytes, each extended to 16 bits */
export function v128Load8x8(v: V128Space, d: number, mem: DataView, addr: number, offset: number, signed: boolean): void {
  const ea = effective(mem, addr, offset, 8), x = v.i16;
  d <<= 3;
  for (let i = 0; i < 8; i++) x[d + i] = signed ? mem.getInt8(ea + i) : mem.getUint8(ea + i);
}

/** `v128.load16x4_s` / `_u` */
export function v128Load16x4(v: V128Space, d: number, mem: DataView, addr: number, offset: number, signed: boolean): void {
  const ea = effective(mem, addr, offset, 8), x = v.i32;
  d <<= 2;
  for (let i = 0; i < 4; i++) x[d + i] = signed ? mem.getInt16(ea + 2 * i, true) : mem.getUint16(ea + 2 * i, true);
}

/** `v128.load32x2_s` / `_u` */
export function v128Load32x2(v: V128Space, d: number, mem: DataView, addr: number, offset: number, signed: boolean): void {
  const ea = effective(mem, addr, offset, 8), w = v.i32;
  const p = mem.getInt32(ea, true), q = mem.getInt32(ea + 4, true);
  d <<= 2;
  w[d] = p; w[d + 1] = signed ? p >> 31 : 0;
  w[d + 2] = q; w[d + 3] = signed ? q >> 31 : 0;
}

/** `v128.load8_splat` */
export function v128Load8Splat(v: V128Space, d: number, mem: DataView, addr: number, offset: number): void {
  const b = mem.getUint8(effective(mem, addr, offset, 1));
  const x = b | (b << 8) | (b << 16) | (b << 24), w = v.i32;
  d <<= 2;
  w[d] = x; w[d + 1] = x; w[d + 2] = x; w[d + 3] = x;
}

/** `v128.load16_splat` */
export function v128Load16Splat(v: V128Space, d: number, mem: DataView, addr: number, offset: number): void {
  const h = mem.getUint16(effective(mem, addr, offset, 2), true);
  const x = h | (h << 16), w = v.i32;
  d <<= 2;
  w[d] = x; w[d + 1] = x; w[d + 2] = x; w[d + 3] = x;
}

/** `v128.load32_splat` */
export function v128Load32Splat(v: V128Space, d: number, mem: DataView, addr: number, offset: number): void {
  const x = mem.getInt32(effective(mem, addr, offset, 4), true), w = v.i32;
  d <<= 2;
  w[d] = x; w[d + 1] = x; w[d + 2] = x; w[d + 3] = x;
}

/** `v128.load64_splat` */
export function v128Load64Splat(v: V128Space, d: number, mem: DataView, addr: number, offset: number): void {
  const ea = effective(mem, addr, offset, 8), w = v.i32;
  const lo = mem.getInt32(ea, true), hi = mem.getInt32(ea + 4, true);
  d <<= 2;
  w[d] = lo; w[d + 1] = hi; w[d + 2] = lo; w[d + 3] = hi;
}

/** `v128.load32_zero`: one word in lane 0, zeros above */
export function v128Load32Zero(v: V128Space, d: number, mem: DataView, addr: number, offset: number): void {
  const x = mem.getInt32(effective(mem, addr, offset, 4), true), w = v.i32;
  d <<= 2;
  w[d] = x; w[d + 1] = 0; w[d + 2] = 0; w[d + 3] = 0;
}

/** `v128.load64_zero` */
export function v128Load64Zero(v: V128Space, d: number, mem: DataView, addr: number, offset: number): void {
  const ea = effective(mem, addr, offset, 8), w = v.i32;
  const lo = mem.getInt32(ea, true), hi = mem.getInt32(ea + 4, true);
  d <<= 2;
  w[d] = lo; w[d + 1] = hi; w[d + 2] = 0; w[d + 3] = 0;
}

/**
 * `v128.load{8,16,32,64}_lane`: vector `a` with lane `lane` (of `size` bytes)
 * replaced by memory; the result goes to `d`.
 */
export function v128LoadLane(
  v: V128Space, d: number, a: number, mem: DataView, addr: number, offset: number, size: number, lane: number,
): void {
  const ea = effective(mem, addr, offset, size);
  v.move(d, a);
  const x = v.u8, at = (d << 4) + lane * size;
  for (let i = 0; i < size; i++) x[at + i] = mem.getUint8(ea + i);
}

/** `v128.store{8,16,32,64}_lane`: lane `lane` (of `size` bytes) of vector `a` to memory */
export function v128StoreLane(
  v: V128Space, a: number, mem: DataView, addr: number, offset: number, size: number, lane: number,
): void {
  const ea = effective(mem, addr, offset, size);
  const x = v.u8, at = (a << 4) + lane * size;
  for (let i = 0; i < size; i++) mem.setUint8(ea + i, x[at + i]);
}
