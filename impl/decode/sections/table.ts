/**
 * The table section (id 4): the tables the module defines.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#table-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { readTableType } from "../types.js";
import { Limit } from "../../base/limits.js";

/** Reads the table section's vector of table types. */
export function readTableSection(r: CodeReader, m: ModuleBuilder): void {
  const at = r.pos;
  const n = r.len32();
  // The limit counts imported tables too.
  r.limit(m.importedTables + n, Limit.Tables, "tables", at);
  for (let i = 0; i < n; i++) m.tables.push(readTableType(r));
}
