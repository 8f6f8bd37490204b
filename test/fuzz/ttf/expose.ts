/**
 * Makes a module's memory visible to the comparison: binaryen's fuzz modules
 * define a memory but do not export it, and V8 shows only what is exported.
 * The module gets one more export, of memory 0, under a name it does not use;
 * nothing else changes (the export is last, so the indices `call-export`
 * counts, which are over exported functions only, stay the same).
 * @module
 */
import { ExternKind, type Module } from "../../../impl/index.js";
import { leb } from "../../unit/validate/helpers.js";

/** The export name given to memory 0. */
export const MEMORY_EXPORT = "fuzz:memory";

function readLeb(bytes: Uint8Array, at: number): [value: number, next: number] {
  let v = 0, shift = 0, b: number;
  do {
    b = bytes[at++]!;
    v += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [v, at];
}

/** Section ids that come after the export section, in the binary's order. */
const AFTER_EXPORTS = new Set([8, 9, 12, 10, 11]);

/**
 * The module's bytes with memory 0 exported as {@link MEMORY_EXPORT}; the
 * same bytes when it has no memory or already exports one. `module` is the
 * decoded form of `bytes`.
 */
export function exposeMemory(bytes: Uint8Array, module: Module): Uint8Array {
  if (module.memories.length + module.importedMemories === 0) return bytes;
  if (module.exports.some((e) => e.kind === ExternKind.Memory)) return bytes;
  const entry = [...leb(MEMORY_EXPORT.length), ...new TextEncoder().encode(MEMORY_EXPORT), ExternKind.Memory, 0];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at]!;
    const [size, body] = readLeb(bytes, at + 1);
    if (id === 7) {
      const [count, rest] = readLeb(bytes, body);
      const content = [...leb(count + 1), ...bytes.subarray(rest, body + size), ...entry];
      return concat(bytes.subarray(0, at), [7, ...leb(content.length), ...content], bytes.subarray(body + size));
    }
    if (AFTER_EXPORTS.has(id)) break;
    at = body + size;
  }
  // No export section: a new one goes before the first section that must follow it.
  const content = [1, ...entry];
  return concat(bytes.subarray(0, at), [7, ...leb(content.length), ...content], bytes.subarray(at));
}

function concat(a: Uint8Array, mid: number[], b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + mid.length + b.length);
  out.set(a, 0);
  out.set(mid, a.length);
  out.set(b, a.length + mid.length);
  return out;
}
