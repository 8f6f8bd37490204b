/**
 * The tag section (id 13, exception handling): the tags the module defines,
 * placed between the memory and global sections.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#tag-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { readTagType } from "../types.js";

/** Reads the tag section's vector of tag types (type indices). */
export function readTagSection(r: CodeReader, m: ModuleBuilder): void {
  const n = r.len32();
  for (let i = 0; i < n; i++) m.tags.push(readTagType(r));
}
