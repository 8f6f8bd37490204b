/**
 * The table section (id 4): the tables the module defines.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#table-section
 * @module
 */
import { isConcrete, type TableType } from "../../base/types.js";
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { readConstExpr } from "../expr.js";
import { readTableType } from "../types.js";
import { Limit } from "../../base/limits.js";

/** Reads the table section's vector of table types. */
export function readTableSection(r: CodeReader, m: ModuleBuilder): void {
  const at = r.pos;
  const n = r.len32();
  // The limit counts imported tables too.
  r.limit(m.importedTables + n, Limit.Tables, "tables", at);
  const facts = { usesDataIndex: false };
  for (let i = 0; i < n; i++) {
    // Typed function references: `0x40 0x00 tabletype expr`, a table whose elements start as the expression's value.
    if (r.typedRefs && r.pos < r.end && r.bytes[r.pos] === 0x40) {
      const at = ++r.pos;
      if (r.u8() !== 0) r.fail("malformed table", at, "0x40 must be followed by 0x00");
      m.tables.push(withContext(readTableType(r), m));
      (m.tableInits ??= [])[i] = readConstExpr(r, facts);
    } else {
      m.tables.push(withContext(readTableType(r), m));
    }
  }
  if (m.tableInits !== undefined) for (let i = 0; i < n; i++) m.tableInits[i] ??= null;
}

/** A table type whose element type names a type index, with the module's types it indexes. */
export function withContext(t: TableType, m: ModuleBuilder): TableType {
  return isConcrete(t.elemType) ? { ...t, context: m.types } : t;
}
