/**
 * The type section (id 1): the module's defined types. With GC they come in
 * recursive groups (`0x4e` and a vector of subtypes); a type outside one is
 * a group of its own. Each group gets its canonical types as it is read
 * (`base/rtt.ts`), so later groups can name them.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#type-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { readSubType } from "../types.js";
import { Limit } from "../../base/limits.js";
import { canonicalizeGroup } from "../../base/rtt.js";

/** Reads the type section's vector of recursive groups (of single types before GC). */
export function readTypeSection(r: CodeReader, m: ModuleBuilder): void {
  const groups = r.count(Limit.Types, "types");
  for (let g = 0; g < groups; g++) {
    const start = m.types.length;
    let size = 1;
    if (r.features.gc && r.pos < r.end && r.bytes[r.pos] === 0x4e) {
      r.pos++;
      const at = r.pos;
      size = r.u32();
      if (start + size > Limit.Types) r.fail("too many types", at, `${start + size}; the implementation limit is ${Limit.Types}`);
    }
    for (let i = 0; i < size; i++) {
      const { type, decl } = readSubType(r, start, size);
      m.types.push(type);
      m.typeDecls.push(decl);
    }
    canonicalizeGroup(m.types, m.typeDecls, start, size);
  }
}
