/**
 * Test helper: building module binaries byte by byte, for the malformed cases
 * a text assembler refuses to produce.
 * @module
 */

/** The magic number and version 1. */
export const HEADER: readonly number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Unsigned LEB128, minimal encoding. */
export function u32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** A UTF-8 name with its length. */
export function str(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...u32(bytes.length), ...bytes];
}

/** A vector: its count, then the items. */
export function vec(items: readonly (readonly number[])[]): number[] {
  return [...u32(items.length), ...items.flat()];
}

/** A section with its id and size. */
export function section(id: number, content: readonly number[]): number[] {
  return [id, ...u32(content.length), ...content];
}

/** A function body with its size, from local runs `[count, type]` and instruction bytes (final `end` included). */
export function body(locals: readonly (readonly [number, number])[], code: readonly number[]): number[] {
  const content = [...vec(locals.map(([n, t]) => [...u32(n), t])), ...code];
  return [...u32(content.length), ...content];
}

/** A whole module: the header, then the given bytes (usually sections). */
export function mod(...parts: readonly (readonly number[])[]): Uint8Array {
  return new Uint8Array([...HEADER, ...parts.flat()]);
}

/** The type section of the single type `[] -> []`. */
export const TYPE_VOID: readonly number[] = section(1, vec([[0x60, 0x00, 0x00]]));
/** A function section declaring one function of type 0. */
export const FUNC_ONE: readonly number[] = section(3, vec([[0x00]]));
/** A code section with one body made of `code`. */
export function codeOne(code: readonly number[], locals: readonly (readonly [number, number])[] = []): number[] {
  return section(10, [...u32(1), ...body(locals, code)]);
}
