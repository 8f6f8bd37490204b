/**
 * The element section (id 9): element segments in their eight encodings.
 * The flags' bit 0 marks passive or declarative segments (with bit 1 telling
 * which), bit 1 of active segments marks an explicit table index, and bit 2
 * marks initialisers given as expressions rather than function indices.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#element-section
 * @module
 */
import { HeapType, NON_NULL, ValType, type RefType } from "../../base/types.js";
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { readConstExpr, refFuncExpr, type ScanFacts } from "../expr.js";
import { SegmentMode, type ConstExpr, type ElemSegment } from "../module.js";
import { Limit } from "../../base/limits.js";

/** Reads the element section. */
export function readElementSection(r: CodeReader, m: ModuleBuilder): void {
  const n = r.count(Limit.ElementSegments, "element segments");
  const facts = { usesDataIndex: false };
  for (let i = 0; i < n; i++) m.elems.push(readElemSegment(r, facts));
}

function readElemSegment(r: CodeReader, facts: ScanFacts): ElemSegment {
  const offset = r.pos;
  const flags = r.u32();
  if (flags > 7) r.fail("malformed elements segment kind", offset, `${flags}`);
  const usesExprs = (flags & 4) !== 0;
  let mode: SegmentMode;
  let table = 0;
  let offsetExpr: ConstExpr | null = null;
  if (flags & 1) {
    mode = flags & 2 ? SegmentMode.Declarative : SegmentMode.Passive;
  } else {
    mode = SegmentMode.Active;
    if (flags & 2) table = r.u32();
    offsetExpr = readConstExpr(r, facts);
  }
  // Encoding 4 implies funcref and encoding 0 its function indices' type; the others state the type
  // (a reference type, or an element kind for function indices).
  let type: RefType = usesExprs ? ValType.FuncRef : funcIndexType(r);
  if (flags & 3) type = usesExprs ? r.refType() : readElemKind(r);
  const count = r.len32();
  const init: ConstExpr[] = [];
  for (let j = 0; j < count; j++) {
    if (usesExprs) init.push(readConstExpr(r, facts));
    else {
      const at = r.pos;
      init.push(refFuncExpr(r.u32(), at));
    }
  }
  return { mode, type, table, offsetExpr, init, offset };
}

/** The element kind byte of the function-index encodings: only `0x00` (funcref) exists. */
function readElemKind(r: CodeReader): RefType {
  const at = r.pos;
  const kind = r.u8();
  if (kind !== 0) r.fail("malformed element kind", at, `0x${kind.toString(16)}`);
  return funcIndexType(r);
}

/**
 * The type of a segment of function indices: `funcref` in Wasm 2.0, and
 * `(ref func)` with typed function references (an index is never null), so
 * such a segment may fill a table of `(ref func)`.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#element-section
 */
function funcIndexType(r: CodeReader): RefType {
  return r.typedRefs ? HeapType.Func | NON_NULL : ValType.FuncRef;
}
