/**
 * Initialising tables and memories from active segments at instantiation
 * (steps 14 to 16), with Wasm 2.0 semantics: segments apply in order, each is
 * bounds-checked before it writes, and a failing one traps while the writes of
 * earlier ones stay.
 * @see https://webassembly.github.io/spec/core/exec/modules.html#instantiation
 * @module
 */
import { Trap, TrapMessage } from "../base/errors.js";
import { SegmentMode } from "../decode/module.js";
import type { ModuleInstance } from "../runtime/instances.js";
import { evalConstExpr, evalOffset, type ConstEnv } from "./const-expr.js";

const EMPTY_BYTES = new Uint8Array(0);

/**
 * Copies each active element segment into its table (as `table.init` then
 * `elem.drop`), and drops declarative segments.
 */
export function initElemSegments(inst: ModuleInstance, env: ConstEnv): void {
  const segs = inst.module.elems;
  // 14. Active segments, in order.
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (seg.mode !== SegmentMode.Active) continue;
    const offset = tableOffset(evalConstExpr(seg.offsetExpr!, env));
    const refs = inst.elems[i]!;
    const table = inst.tables[seg.table]!;
    if (offset + refs.length > table.size) {
      throw new Trap(TrapMessage.TableOutOfBounds, `element segment ${i}: ${refs.length} entries at ${offset}, table size ${table.size}`);
    }
    for (let j = 0; j < refs.length; j++) table.elements[offset + j] = refs[j];
    inst.elems[i] = [];
  }
  // 15. Declarative segments only declare references: drop them.
  for (let i = 0; i < segs.length; i++) {
    if (segs[i]!.mode === SegmentMode.Declarative) inst.elems[i] = [];
  }
}

/**
 * An element segment's offset as an unsigned number: an i32 (a number) read
 * unsigned, or a table64's i64 (a bigint) read as a u64. A u64 above 2^53
 * rounds, but any such offset is far beyond every table (sizes stay under
 * `TABLE_SIZE_LIMIT`), so the bounds check fails as it must.
 */
function tableOffset(v: unknown): number {
  return typeof v === "bigint" ? Number(BigInt.asUintN(64, v)) : (v as number) >>> 0;
}

/** Copies each active data segment into its memory (as `memory.init` then `data.drop`). */
export function initDataSegments(inst: ModuleInstance, env: ConstEnv): void {
  const segs = inst.module.datas;
  // 16. Active segments, in order.
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (seg.mode !== SegmentMode.Active) continue;
    const memory = inst.memories[seg.memory]!;
    const offset = memory.address64 ? evalAddress64(seg.offsetExpr!, env) : evalOffset(seg.offsetExpr!, env);
    const size = memory.byteLength;
    // Exact: an offset beyond 2^53 is rounded, but stays beyond every memory.
    if (offset + seg.bytes.length > size) {
      throw new Trap(TrapMessage.MemoryOutOfBounds, `data segment ${i}: ${seg.bytes.length} bytes at ${offset}, memory size ${size}`);
    }
    if (seg.bytes.length > 0) new Uint8Array(memory.buffer, offset, seg.bytes.length).set(seg.bytes);
    inst.datas[i] = EMPTY_BYTES;
  }
}

/**
 * Evaluates a validated i64 offset expression (a memory64 data segment) as an
 * unsigned number: exact up to 2^53, beyond that the nearest double, which is
 * beyond every memory too.
 */
function evalAddress64(expr: Parameters<typeof evalOffset>[0], env: ConstEnv): number {
  return Number(BigInt.asUintN(64, evalConstExpr(expr, env) as bigint));
}
