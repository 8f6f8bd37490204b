/**
 * The interpreter's generic memory instruction (`Mem`): every memory
 * instruction whose memory is not memory 0, or whose memory has i64
 * addresses (memory64). The dispatch loop keeps its fast codes for the
 * common case (memory 0, i32 addresses, held in the loop's locals); this one
 * code, run out of the loop as SIMD and atomics are, covers the rest, so
 * the loop does not grow.
 *
 * Layout (always {@link MEM_WORDS} words): `Mem dst op memory a b c offLo
 * offHi extra`, where `op` is the wasm opcode, `a`, `b`, `c` its operands in
 * order (words from the frame base, or a slot for a v128), `offLo`/`offHi`
 * the memarg offset's halves, and `extra` the lane of a lane access, the
 * data segment of `memory.init` or the source memory of `memory.copy`.
 *
 * Addresses are exact up to 2^64: an i64 address whose high word is 2^21 or
 * more (2^53 and above) is beyond every memory a JavaScript host can make,
 * so it reads as `Infinity`; below that, address, offset and length are
 * exact doubles, and a sum of two of them that rounds is at least 2^53, still
 * beyond the memory. So `ea + size > length` is the spec's check, never a
 * wrap-around into bounds.
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions
 * @module
 */
import { Trap, TrapMessage } from "../../base/errors.js";
import { AtomicKind, atomicKind, atomicValType, atomicWidthLog2, isAtomic } from "../../base/atomics.js";
import { Op } from "../../base/opcodes.js";
import { PAGE_SIZE, ValType } from "../../base/types.js";
import type { MemoryInstance, ModuleInstance } from "../../runtime/instances.js";
import type { V128Space } from "../simd/lanes.js";
import {
  v128Load, v128Load16Splat, v128Load16x4, v128Load32Splat, v128Load32x2, v128Load32Zero, v128Load64Splat,
  v128Load64Zero, v128Load8Splat, v128Load8x8, v128LoadLane, v128Store, v128StoreLane,
} from "../simd/memory.js";
import { ATOMIC_HI, atomicOp } from "./atomics.js";

/** Length in words of a `Mem` instruction (code included). */
export const MEM_WORDS = 10;

/** 2^32, and the high word from which an i64 address is at least 2^53. */
const TWO32 = 2 ** 32;
const HIGH_BEYOND = 0x200000;

/** An address operand at word `at`: an i32 (unsigned), or an i64's halves as an exact number (Infinity from 2^53). */
export function addressAt(I: Int32Array, at: number, wide: boolean): number {
  if (!wide) return I[at]! >>> 0;
  const hi = I[at + 1]! >>> 0;
  return hi >= HIGH_BEYOND ? Infinity : hi * TWO32 + (I[at]! >>> 0);
}

/** Writes `v` (a non-negative integer below 2^53, or -1) at word `at`: one word, or an i64's two. */
function writeAddress(I: Int32Array, at: number, wide: boolean, v: number): void {
  if (!wide) { I[at] = v; return; }
  if (v < 0) { I[at] = -1; I[at + 1] = -1; return; }
  I[at] = v % TWO32;
  I[at + 1] = Math.floor(v / TWO32);
}

function outOfBounds(): never {
  throw new Trap(TrapMessage.MemoryOutOfBounds);
}

/** The effective address of an access of `size` bytes at `addr + offset`, after the bounds check. */
function effective(mem: MemoryInstance, addr: number, offset: number, size: number): number {
  const ea = addr + offset;
  if (ea + size > mem.view.byteLength) outOfBounds();
  return ea;
}

/**
 * A `DataView` and an address in it for a SIMD access at `ea`: the memory's
 * own view when `ea` is below 4 GiB (the SIMD functions read addresses as
 * u32), else a view that starts at `ea`. The SIMD function checks the bounds.
 */
let simdView: DataView = new DataView(new ArrayBuffer(0));
function simdAddress(mem: MemoryInstance, ea: number): number {
  const len = mem.view.byteLength;
  if (ea < TWO32) { simdView = mem.view; return ea; }
  if (ea > len) outOfBounds();
  simdView = new DataView(mem.buffer, ea, len - ea);
  return 0;
}

/** Copies `n` bytes from `s` in `src` to `d` in `dst` (the same buffer: the ranges may overlap), in pieces a typed array can hold. */
export function moveBytes(dst: ArrayBufferLike, d: number, src: ArrayBufferLike, s: number, n: number): void {
  const piece = 2 ** 30;
  if (n <= piece) { new Uint8Array(dst, d, n).set(new Uint8Array(src, s, n)); return; }
  if (dst !== src || d <= s) {
    for (let k = 0; k < n; k += piece) { const c = Math.min(piece, n - k); new Uint8Array(dst, d + k, c).set(new Uint8Array(src, s + k, c)); }
  } else {
    for (let k = n; k > 0; k -= piece) { const c = Math.min(piece, k); new Uint8Array(dst, d + k - c, c).set(new Uint8Array(src, s + k - c, c)); }
  }
}

/** Sets `n` bytes at `d` of `buf` to `v`, in pieces a typed array can hold. */
function fillBytes(buf: ArrayBufferLike, d: number, v: number, n: number): void {
  const piece = 2 ** 30;
  for (let k = 0; k < n; k += piece) new Uint8Array(buf, d + k, Math.min(piece, n - k)).fill(v);
}

/** `memory.fill` on any memory: `n` bytes at `d` set to the low byte of `v` (addresses as exact numbers). */
export function fillMemory(mem: MemoryInstance, d: number, v: number, n: number): void {
  if (d + n > mem.view.byteLength) outOfBounds();
  if (n > 0) fillBytes(mem.buffer, d, v & 0xff, n);
}

/** `memory.copy` between any two memories (possibly the same one, overlapping). */
export function copyMemory(dst: MemoryInstance, src: MemoryInstance, d: number, s: number, n: number): void {
  if (s + n > src.view.byteLength || d + n > dst.view.byteLength) outOfBounds();
  if (n > 0) moveBytes(dst.buffer, d, src.buffer, s, n);
}

/** `memory.init` into any memory: `n` bytes of segment `data` from `s` to `d`. */
export function initMemory(mem: MemoryInstance, data: Uint8Array, d: number, s: number, n: number): void {
  if (s + n > data.length || d + n > mem.view.byteLength) outOfBounds();
  if (n > 0) new Uint8Array(mem.buffer, d, n).set(data.subarray(s, s + n));
}

/** Whether memory `index` of `inst` has i64 addresses. */
function wide(inst: ModuleInstance, index: number): boolean {
  return inst.memories[index]!.address64;
}

/** Runs the `Mem` instruction at `pc` (see the module's documentation). */
export function memStep(V: V128Space, I: Int32Array, code: Int32Array, pc: number, fp: number, inst: ModuleInstance): void {
  const op = code[pc + 2]!;
  const memIndex = code[pc + 3]!;
  const mem = inst.memories[memIndex]!;
  const w = mem.address64;
  const d = code[pc + 1]!;
  const a = fp + code[pc + 4]!;
  const b = code[pc + 5]!;
  const c = fp + code[pc + 6]!;
  const offset = (code[pc + 8]! >>> 0) * TWO32 + (code[pc + 7]! >>> 0);
  const extra = code[pc + 9]!;
  const view = mem.view;
  switch (op) {
    case Op.MemorySize: writeAddress(I, fp + d, w, view.byteLength / PAGE_SIZE); return;
    case Op.MemoryGrow: {
      const delta = addressAt(I, a, w);
      writeAddress(I, fp + d, w, delta > mem.maxPages ? -1 : mem.grow(delta));
      return;
    }
    case Op.MemoryFill: fillMemory(mem, addressAt(I, a, w), I[fp + b]!, addressAt(I, c, w)); return;
    case Op.MemoryCopy: {
      const src = inst.memories[extra]!;
      const sw = src.address64;
      copyMemory(mem, src, addressAt(I, a, w), addressAt(I, fp + b, sw), addressAt(I, c, w && sw));
      return;
    }
    case Op.MemoryInit:
      initMemory(mem, inst.datas[extra]!, addressAt(I, a, w), I[fp + b]! >>> 0, I[c]! >>> 0);
      return;
    default: break;
  }
  const addr = addressAt(I, a, w);
  if (op >= 0xfd00 && op < 0xfe00) { simd(V, op, mem, addr + offset, fp >> 1, d, b, extra); return; }
  if (isAtomic(op)) { atomic(I, op, mem, addr + offset, fp, d, b, code[pc + 6]!); return; }
  const dst = fp + d, v = fp + b;
  switch (op) {
    case Op.I32Load: case Op.F32Load: I[dst] = view.getInt32(effective(mem, addr, offset, 4), true); return;
    case Op.I64Load: case Op.F64Load: {
      const ea = effective(mem, addr, offset, 8);
      I[dst] = view.getInt32(ea, true); I[dst + 1] = view.getInt32(ea + 4, true);
      return;
    }
    case Op.I32Load8S: I[dst] = view.getInt8(effective(mem, addr, offset, 1)); return;
    case Op.I32Load8U: I[dst] = view.getUint8(effective(mem, addr, offset, 1)); return;
    case Op.I32Load16S: I[dst] = view.getInt16(effective(mem, addr, offset, 2), true); return;
    case Op.I32Load16U: I[dst] = view.getUint16(effective(mem, addr, offset, 2), true); return;
    case Op.I64Load8S: { const x = view.getInt8(effective(mem, addr, offset, 1)); I[dst] = x; I[dst + 1] = x >> 31; return; }
    case Op.I64Load8U: I[dst] = view.getUint8(effective(mem, addr, offset, 1)); I[dst + 1] = 0; return;
    case Op.I64Load16S: { const x = view.getInt16(effective(mem, addr, offset, 2), true); I[dst] = x; I[dst + 1] = x >> 31; return; }
    case Op.I64Load16U: I[dst] = view.getUint16(effective(mem, addr, offset, 2), true); I[dst + 1] = 0; return;
    case Op.I64Load32S: { const x = view.getInt32(effective(mem, addr, offset, 4), true); I[dst] = x; I[dst + 1] = x >> 31; return; }
    case Op.I64Load32U: I[dst] = view.getInt32(effective(mem, addr, offset, 4), true); I[dst + 1] = 0; return;
    case Op.I32Store: case Op.F32Store: case Op.I64Store32: view.setInt32(effective(mem, addr, offset, 4), I[v]!, true); return;
    case Op.I64Store: case Op.F64Store: {
      const ea = effective(mem, addr, offset, 8);
      view.setInt32(ea, I[v]!, true); view.setInt32(ea + 4, I[v + 1]!, true);
      return;
    }
    case Op.I32Store8: case Op.I64Store8: view.setInt8(effective(mem, addr, offset, 1), I[v]!); return;
    case Op.I32Store16: case Op.I64Store16: view.setInt16(effective(mem, addr, offset, 2), I[v]!, true); return;
    default: throw new Error(`interpreter: no generic memory instruction 0x${op.toString(16)}`);
  }
}

/** A SIMD load or store at effective address `ea` (`d` the destination slot, `b` the vector operand's slot). */
function simd(V: V128Space, op: number, mem: MemoryInstance, ea: number, fd: number, d: number, b: number, lane: number): void {
  const at = simdAddress(mem, ea);
  const dv = simdView;
  const dst = fd + d;
  switch (op) {
    case Op.V128Load: v128Load(V, dst, dv, at, 0); return;
    case Op.V128Load8x8S: v128Load8x8(V, dst, dv, at, 0, true); return;
    case Op.V128Load8x8U: v128Load8x8(V, dst, dv, at, 0, false); return;
    case Op.V128Load16x4S: v128Load16x4(V, dst, dv, at, 0, true); return;
    case Op.V128Load16x4U: v128Load16x4(V, dst, dv, at, 0, false); return;
    case Op.V128Load32x2S: v128Load32x2(V, dst, dv, at, 0, true); return;
    case Op.V128Load32x2U: v128Load32x2(V, dst, dv, at, 0, false); return;
    case Op.V128Load8Splat: v128Load8Splat(V, dst, dv, at, 0); return;
    case Op.V128Load16Splat: v128Load16Splat(V, dst, dv, at, 0); return;
    case Op.V128Load32Splat: v128Load32Splat(V, dst, dv, at, 0); return;
    case Op.V128Load64Splat: v128Load64Splat(V, dst, dv, at, 0); return;
    case Op.V128Load32Zero: v128Load32Zero(V, dst, dv, at, 0); return;
    case Op.V128Load64Zero: v128Load64Zero(V, dst, dv, at, 0); return;
    case Op.V128Store: v128Store(V, fd + b, dv, at, 0); return;
    case Op.V128Load8Lane: case Op.V128Load16Lane: case Op.V128Load32Lane: case Op.V128Load64Lane:
      v128LoadLane(V, dst, fd + b, dv, at, 0, 1 << (op - Op.V128Load8Lane), lane);
      return;
    case Op.V128Store8Lane: case Op.V128Store16Lane: case Op.V128Store32Lane: case Op.V128Store64Lane:
      v128StoreLane(V, fd + b, dv, at, 0, 1 << (op - Op.V128Store8Lane), lane);
      return;
    default: throw new Error(`interpreter: no generic SIMD memory instruction 0x${op.toString(16)}`);
  }
}

/**
 * An atomic instruction at effective address `ea`, operands at words `b` and
 * `c`. The atomic views are typed arrays, which stop at 4 GiB on Node 20: an
 * atomic access beyond traps, saying so.
 */
function atomic(I: Int32Array, op: number, mem: MemoryInstance, ea: number, fp: number, d: number, b: number, c: number): void {
  const size = 1 << atomicWidthLog2(op);
  if (ea + size > mem.view.byteLength) outOfBounds();
  if (ea + size > TWO32) throw new Trap(TrapMessage.HostError, "atomic access beyond 4 GiB: not supported on this host");
  const x = fp + b, y = fp + c;
  const lo = atomicOp(mem, op, ea, 0, I[x]!, I[x + 1]!, I[y]!, I[y + 1]!);
  const kind = atomicKind(op);
  if (kind === AtomicKind.Store) return;
  I[fp + d] = lo;
  if (atomicValType(op) === ValType.I64 && kind !== AtomicKind.Wait64) I[fp + d + 1] = ATOMIC_HI[0]!;
}
