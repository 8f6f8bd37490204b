/**
 * The global section (id 6): each global's type and initialiser.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#global-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { readConstExpr } from "../expr.js";
import { globalWithContext, readGlobalType } from "../types.js";
import { Limit } from "../../base/limits.js";

/** Reads the global section. */
export function readGlobalSection(r: CodeReader, m: ModuleBuilder): void {
  const n = r.count(Limit.Globals, "globals");
  const facts = { usesDataIndex: false };
  for (let i = 0; i < n; i++) {
    const type = globalWithContext(readGlobalType(r), m);
    m.globals.push({ type, init: readConstExpr(r, facts) });
  }
}
