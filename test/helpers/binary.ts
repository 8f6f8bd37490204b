/**
 * Test helper: a small WebAssembly binary writer, for modules too large or
 * too odd to write as text (hundreds of thousands of `br_table` targets,
 * counts at an implementation limit). Section contents are built by the
 * caller from these pieces.
 * @module
 */

/** Unsigned LEB128 of `n` (up to 2^53). */
export function u32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function s32(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** Appends `src` to `out` without spreading it into a call (it may be huge). */
export function append(out: number[], src: ArrayLike<number>): number[] {
  for (let i = 0; i < src.length; i++) out.push(src[i]!);
  return out;
}

/** A name: its UTF-8 length, then the bytes. */
export function name(s: string): number[] {
  const b = new TextEncoder().encode(s);
  return append(u32(b.length), b);
}

/** A vector: the count, then the items' bytes. */
export function vec(items: readonly (readonly number[])[]): number[] {
  const out = u32(items.length);
  for (const it of items) append(out, it);
  return out;
}

/** A section: its id, its size, its content. */
export function section(id: number, content: ArrayLike<number>): number[] {
  return append(append([id], u32(content.length)), content);
}

/** Section ids. */
export const Sec = { Type: 1, Import: 2, Func: 3, Table: 4, Memory: 5, Global: 6, Export: 7, Start: 8, Elem: 9, Code: 10, Data: 11 } as const;

/** Value type bytes. */
export const T = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, funcref: 0x70, externref: 0x6f } as const;

/** A function type entry. */
export function functype(params: readonly number[], results: readonly number[]): number[] {
  return [0x60, ...u32(params.length), ...params, ...u32(results.length), ...results];
}

/** Limits: `min` alone, or `min` and `max`. */
export function limits(min: number, max?: number): number[] {
  return max === undefined ? [0x00, ...u32(min)] : [0x01, ...u32(min), ...u32(max)];
}

/** A function body: local declarations (count, type pairs), then code; `end` is appended. */
export function body(locals: readonly (readonly [number, number])[], code: ArrayLike<number>): number[] {
  const content = vec(locals.map(([n, t]) => [...u32(n), t]));
  append(content, code);
  content.push(0x0b);
  return append(u32(content.length), content);
}

/** The whole module: header and the given sections, in order. */
export function module(...sections: (readonly number[])[]): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (const s of sections) append(out, s);
  return new Uint8Array(out);
}
