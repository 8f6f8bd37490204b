/**
 * Custom sections (id 0): a name and uninterpreted bytes, kept in
 * `module.customs`; the `name` section is also parsed into `module.names`.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#custom-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { parseNameSection } from "../names.js";

/** Reads a custom section of `size` bytes (the reader is just past the size field). */
export function readCustomSection(r: CodeReader, m: ModuleBuilder, size: number): void {
  const offset = r.pos;
  const name = r.name();
  const rest = size - (r.pos - offset);
  // A name longer than the section leaves a negative remainder: the section ended early.
  if (rest < 0) r.fail(r.eofMessage, r.pos, "custom section name runs past the section");
  const bytes = r.take(rest);
  m.customs.push({ name, bytes, offset });
  if (name === "name" && m.names === null) m.names = parseNameSection(bytes);
}
