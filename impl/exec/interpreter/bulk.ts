/**
 * The rarer memory and table instructions, kept out of the dispatch loop so
 * it stays small enough for the optimising compiler: bulk memory
 * (`memory.init/copy/fill`, `data.drop`) and tables (`table.*`, `elem.drop`).
 * Operands arrive as raw i32 values; indices are unsigned.
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#table-instructions
 * @module
 */
import { TrapMessage } from "../../base/errors.js";
import type { MemoryInstance, ModuleInstance, TableInstance } from "../../runtime/instances.js";
import { trap } from "../numerics.js";

const EMPTY_BYTES = new Uint8Array(0);

/** `memory.init`: copies `n` bytes of data segment `seg` from `s` to memory at `d`. */
export function memoryInit(inst: ModuleInstance, seg: number, d: number, s: number, n: number): void {
  const data = inst.datas[seg]!;
  const mem = inst.memories[0]!;
  d >>>= 0; s >>>= 0; n >>>= 0;
  if (s + n > data.length || d + n > mem.bytes.length) trap(TrapMessage.MemoryOutOfBounds);
  mem.bytes.set(data.subarray(s, s + n), d);
}

/** `data.drop`: the segment becomes empty. */
export function dataDrop(inst: ModuleInstance, seg: number): void {
  inst.datas[seg] = EMPTY_BYTES;
}

/** `memory.copy`: copies `n` bytes from `s` to `d` (the ranges may overlap). */
export function memoryCopy(mem: MemoryInstance, d: number, s: number, n: number): void {
  d >>>= 0; s >>>= 0; n >>>= 0;
  const len = mem.bytes.length;
  if (s + n > len || d + n > len) trap(TrapMessage.MemoryOutOfBounds);
  mem.bytes.copyWithin(d, s, s + n);
}

/** `memory.fill`: sets `n` bytes at `d` to the low byte of `v`. */
export function memoryFill(mem: MemoryInstance, d: number, v: number, n: number): void {
  d >>>= 0; n >>>= 0;
  if (d + n > mem.bytes.length) trap(TrapMessage.MemoryOutOfBounds);
  mem.bytes.fill(v & 0xff, d, d + n);
}

/** `table.get` */
export function tableGet(table: TableInstance, i: number): unknown {
  i >>>= 0;
  if (i >= table.elements.length) trap(TrapMessage.TableOutOfBounds);
  return table.elements[i];
}

/** `table.set` */
export function tableSet(table: TableInstance, i: number, ref: unknown): void {
  i >>>= 0;
  if (i >= table.elements.length) trap(TrapMessage.TableOutOfBounds);
  table.elements[i] = ref;
}

/** `table.fill`: sets `n` entries from `i` to `ref`. */
export function tableFill(table: TableInstance, i: number, ref: unknown, n: number): void {
  i >>>= 0; n >>>= 0;
  const el = table.elements;
  if (i + n > el.length) trap(TrapMessage.TableOutOfBounds);
  for (let k = 0; k < n; k++) el[i + k] = ref;
}

/** `table.copy`: copies `n` entries from `src` at `s` to `dst` at `d` (possibly the same table, overlapping). */
export function tableCopy(dst: TableInstance, src: TableInstance, d: number, s: number, n: number): void {
  d >>>= 0; s >>>= 0; n >>>= 0;
  const de = dst.elements, se = src.elements;
  if (s + n > se.length || d + n > de.length) trap(TrapMessage.TableOutOfBounds);
  if (d <= s) for (let k = 0; k < n; k++) de[d + k] = se[s + k];
  else for (let k = n - 1; k >= 0; k--) de[d + k] = se[s + k];
}

/** `table.init`: copies `n` references of element segment `seg` from `s` into the table at `d`. */
export function tableInit(inst: ModuleInstance, table: number, seg: number, d: number, s: number, n: number): void {
  const el = inst.tables[table]!.elements;
  const refs = inst.elems[seg]!;
  d >>>= 0; s >>>= 0; n >>>= 0;
  if (s + n > refs.length || d + n > el.length) trap(TrapMessage.TableOutOfBounds);
  for (let k = 0; k < n; k++) el[d + k] = refs[s + k];
}

/** `elem.drop`: the segment becomes empty. */
export function elemDrop(inst: ModuleInstance, seg: number): void {
  inst.elems[seg] = [];
}

/** `table.grow`: the old size, or -1 (as i32) when the table cannot grow. */
export function tableGrow(table: TableInstance, init: unknown, delta: number): number {
  return table.grow(delta >>> 0, init);
}
