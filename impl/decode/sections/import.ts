/**
 * The import section (id 2): module name, field name and descriptor of each import.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#import-section
 * @module
 */
import { ExternKind } from "../../base/types.js";
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import type { ImportDesc } from "../module.js";
import { globalWithContext, readGlobalType, readMemoryType, readTableType, readTagType } from "../types.js";
import { withContext } from "./table.js";
import { Limit } from "../../base/limits.js";

/** Reads the import section, counting the imports of each kind (they open the index spaces). */
export function readImportSection(r: CodeReader, m: ModuleBuilder): void {
  const n = r.count(Limit.Imports, "imports");
  for (let i = 0; i < n; i++) {
    const offset = r.pos;
    const module = r.name();
    const name = r.name();
    m.imports.push({ module, name, desc: readImportDesc(r, m), offset });
  }
}

function readImportDesc(r: CodeReader, m: ModuleBuilder): ImportDesc {
  const at = r.pos;
  const kind = r.u8();
  switch (kind) {
    case ExternKind.Func:
      m.importedFuncs++;
      return { kind, typeIndex: r.u32() };
    case ExternKind.Table:
      m.importedTables++;
      r.limit(m.importedTables, Limit.Tables, "tables", at);
      return { kind, type: withContext(readTableType(r), m) };
    case ExternKind.Memory:
      m.importedMemories++;
      r.limit(m.importedMemories, Limit.Memories, "memories", at);
      return { kind, type: readMemoryType(r) };
    case ExternKind.Global:
      m.importedGlobals++;
      return { kind, type: globalWithContext(readGlobalType(r), m) };
    case ExternKind.Tag:
      // Tags belong to exception handling, which Wasm 2.0 does not have.
      if (!r.features.exceptions) break;
      m.importedTags++;
      return { kind, typeIndex: readTagType(r) };
    default:
      break;
  }
  return r.fail("malformed import kind", at, `0x${kind.toString(16)}`);
}
