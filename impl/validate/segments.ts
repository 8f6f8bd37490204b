/**
 * Validity of element and data segments.
 * @see https://webassembly.github.io/spec/core/valid/modules.html#element-segments
 * @see https://webassembly.github.io/spec/core/valid/modules.html#data-segments
 * @module
 */
import { ValidationError } from "../base/errors.js";
import { ValType, isConcrete, isRefType, typeIndex, valTypeName } from "../base/types.js";
import { isSubtype } from "../base/subtyping.js";
import { SegmentMode, type DataSegment, type ElemSegment } from "../decode/module.js";
import { hasI32Offset } from "../decode/sections/data.js";
import { checkConstExpr } from "./const-expr.js";
import type { Context } from "./context.js";
import { Invalid, unknownIndex } from "./reasons.js";

/**
 * Checks an element segment: every initialiser is a constant of the segment's
 * type; an active segment names an existing table of that element type and has
 * an i32 offset.
 */
export function checkElemSegment(ctx: Context, seg: ElemSegment): void {
  checkValType(ctx, seg.type, seg.offset);
  for (const init of seg.init) checkConstExpr(ctx, init, seg.type);
  if (seg.mode !== SegmentMode.Active) return;
  const table = ctx.tables[seg.table];
  if (table === undefined) throw unknownIndex(Invalid.UnknownTable, seg.table, -1, seg.offset);
  if (!isSubtype(ctx, seg.type, table.elemType)) {
    throw new ValidationError(Invalid.TypeMismatch, -1, seg.offset,
      `element segment of ${valTypeName(seg.type)} for a table of ${valTypeName(table.elemType)}`);
  }
  if (seg.offsetExpr !== null) checkConstExpr(ctx, seg.offsetExpr, ValType.I32);
}

/** Checks a data segment: an active one names an existing memory and has an i32 offset. */
/**
 * Checks that a value type's type index, if it has one, names a type of the
 * module ("unknown type"); `limit` is how many types it may name (a type may
 * name only itself and the types before it).
 */
export function checkValType(ctx: Context, t: number, offset: number, limit = ctx.types.length): void {
  if (isRefType(t) && isConcrete(t) && typeIndex(t) >= limit) throw unknownIndex(Invalid.UnknownType, typeIndex(t), -1, offset);
}

export function checkDataSegment(ctx: Context, seg: DataSegment): void {
  if (seg.mode !== SegmentMode.Active) return;
  if (seg.memory >= ctx.memories.length) throw unknownIndex(Invalid.UnknownMemory, seg.memory, -1, seg.offset);
  // `i32.const n` is a valid offset (memories have i32 addresses in Wasm 2.0).
  if (hasI32Offset(seg)) return;
  if (seg.offsetExpr !== null) checkConstExpr(ctx, seg.offsetExpr, ValType.I32);
}
