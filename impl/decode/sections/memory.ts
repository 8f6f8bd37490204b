/**
 * The memory section (id 5): the memories the module defines.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#memory-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { readMemoryType } from "../types.js";
import { Limit } from "../../base/limits.js";

/** Reads the memory section's vector of memory types. */
export function readMemorySection(r: CodeReader, m: ModuleBuilder): void {
  const at = r.pos;
  const n = r.len32();
  // The limit counts imported memories too.
  r.limit(m.importedMemories + n, Limit.Memories, "memories", at);
  for (let i = 0; i < n; i++) m.memories.push(readMemoryType(r));
}
