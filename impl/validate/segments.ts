/**
 * Validity of element and data segments.
 * @see https://webassembly.github.io/spec/core/valid/modules.html#element-segments
 * @see https://webassembly.github.io/spec/core/valid/modules.html#data-segments
 * @module
 */
import { ValidationError } from "../base/errors.js";
import { ValType, isConcrete, isRefType, typeIndex, valTypeName } from "../base/types.js";
import { isSubtype } from "../base/subtyping.js";
import { SegmentMode, type DataSegment, type ElemSegment, type Module } from "../decode/module.js";
import { dataSegmentsOf, hasI32Offset } from "../decode/sections/data.js";
import { RefFuncExpr } from "../decode/expr.js";
import { checkConstExpr } from "./const-expr.js";
import type { Context } from "./context.js";
import { Invalid, unknownIndex } from "./reasons.js";

/**
 * Checks an element segment: every initialiser is a constant of the segment's
 * type; an active segment names an existing table of that element type and has
 * an offset of the table's index type (i64 for a table64).
 */
export function checkElemSegment(ctx: Context, seg: ElemSegment): void {
  checkValType(ctx, seg.type, seg.offset);
  const init = seg.init;
  // The function types whose `ref.func` matched the segment's type: another function of one matches too.
  // (A large program's function table lists thousands of functions, of a few types.)
  let matched: Set<number> | null = null;
  for (let i = 0; i < init.length; i++) {
    const expr = init[i]!;
    if (!(expr instanceof RefFuncExpr)) {
      checkConstExpr(ctx, expr, seg.type);
      continue;
    }
    const type = ctx.funcTypes[expr.index];
    if (type !== undefined && matched !== null && matched.has(type)) continue;
    checkConstExpr(ctx, expr, seg.type);
    (matched ??= new Set()).add(type!);
  }
  if (seg.mode !== SegmentMode.Active) return;
  const table = ctx.tables[seg.table];
  if (table === undefined) throw unknownIndex(Invalid.UnknownTable, seg.table, -1, seg.offset);
  if (!isSubtype(ctx, seg.type, table.elemType)) {
    throw new ValidationError(Invalid.TypeMismatch, -1, seg.offset,
      `element segment of ${valTypeName(seg.type)} for a table of ${valTypeName(table.elemType)}`);
  }
  // table64: the offset has the table's index type.
  if (seg.offsetExpr !== null) checkConstExpr(ctx, seg.offsetExpr, table.address64 === true ? ValType.I64 : ValType.I32);
}

/**
 * Checks that a value type's type index, if it has one, names a type of the
 * module ("unknown type"); `limit` is how many types it may name (a type may
 * name only itself and the types before it).
 */
export function checkValType(ctx: Context, t: number, offset: number, limit = ctx.types.length): void {
  if (isRefType(t) && isConcrete(t) && typeIndex(t) >= limit) throw unknownIndex(Invalid.UnknownType, typeIndex(t), -1, offset);
}

/**
 * Checks a data segment: an active one names an existing memory and has an
 * offset of the memory's address type (i64 for a memory64 memory).
 */
export function checkDataSegment(ctx: Context, seg: DataSegment): void {
  if (seg.mode !== SegmentMode.Active) return;
  const memory = ctx.memories[seg.memory];
  if (memory === undefined) throw unknownIndex(Invalid.UnknownMemory, seg.memory, -1, seg.offset);
  const address = memory.address64 === true ? ValType.I64 : ValType.I32;
  // `i32.const n` is a valid offset for an i32 memory.
  if (address === ValType.I32 && hasI32Offset(seg)) return;
  if (seg.offsetExpr !== null) checkConstExpr(ctx, seg.offsetExpr, address);
}

/**
 * Checks every data segment of `module`, in order, as {@link checkDataSegment}
 * does; a decoded module's segments are read from their table, without
 * making an object of each.
 */
export function checkDataSegments(ctx: Context, module: Module): void {
  const table = dataSegmentsOf(module);
  if (table === undefined) {
    for (let i = 0; i < module.datas.length; i++) checkDataSegment(ctx, module.datas[i]!);
    return;
  }
  // The usual case, judged without a look at each segment: every active segment is in memory 0, an i32 memory, with an `i32.const` offset.
  if (table.actives === 0) return;
  const memory0 = ctx.memories[0];
  if (table.plainActives === table.actives && memory0 !== undefined && memory0.address64 !== true) return;
  for (let i = 0; i < table.count; i++) {
    if (!table.isActive(i)) continue;
    const memory = ctx.memories[table.memory(i)];
    if (memory === undefined) throw unknownIndex(Invalid.UnknownMemory, table.memory(i), -1, table.offset(i));
    const address = memory.address64 === true ? ValType.I64 : ValType.I32;
    if (address === ValType.I32 && table.hasI32Offset(i)) continue;
    checkConstExpr(ctx, table.offsetExpr(i)!, address);
  }
}
