/**
 * A repair of wabt 1.0.39's binary output: a data segment in a memory other
 * than 0 is written with flags 2 (explicit memory index) but without the
 * index itself, so the bytes after the flags are the offset expression. The
 * memory each segment belongs to is recovered from the module text (the
 * `(memory ...)` fields, imported ones first, with their inline `(data ...)`,
 * and the `(data (memory x) ...)` fields, in text order, which is the order
 * wabt writes segments in), and the missing index is inserted.
 * @module
 */
import { u32 } from "./binary.js";

/** A parsed s-expression: an atom (string) or a list. */
type Sexp = string | Sexp[];

/** Parses the s-expressions of `text` (comments, strings and annotations as atoms are enough here). */
function parse(text: string): Sexp[] {
  const top: Sexp[] = [];
  const stack: Sexp[][] = [top];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ";" && text[i + 1] === ";") { while (i < text.length && text[i] !== "\n") i++; continue; }
    if (ch === "(" && text[i + 1] === ";") {
      let depth = 1; i += 2;
      while (i < text.length && depth > 0) {
        if (text[i] === "(" && text[i + 1] === ";") { depth++; i += 2; } else if (text[i] === ";" && text[i + 1] === ")") { depth--; i += 2; } else i++;
      }
      continue;
    }
    if (ch === "(") { const l: Sexp[] = []; stack[stack.length - 1]!.push(l); stack.push(l); i++; continue; }
    if (ch === ")") { if (stack.length > 1) stack.pop(); i++; continue; }
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      stack[stack.length - 1]!.push(text.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s()";]/.test(text[j]!)) j++;
    stack[stack.length - 1]!.push(text.slice(i, j));
    i = j;
  }
  return top;
}

/** The memory index of each data segment of the module, in binary order; null when the text is not understood. */
function segmentMemories(text: string): number[] | null {
  const top = parse(text);
  const mod = top.find((x): x is Sexp[] => Array.isArray(x) && x[0] === "module");
  if (mod === undefined) return null;
  const fields = mod.filter((x): x is Sexp[] => Array.isArray(x));
  const names = new Map<string, number>();
  let count = 0;
  // Imported memories come first in the index space.
  for (const f of fields) {
    const imported = f[0] === "import" && f.some((x) => Array.isArray(x) && x[0] === "memory");
    const inline = f[0] === "memory" && f.some((x) => Array.isArray(x) && x[0] === "import");
    if (!imported && !inline) continue;
    const m = inline ? f : f.find((x) => Array.isArray(x) && x[0] === "memory") as Sexp[];
    if (typeof m[1] === "string" && m[1].startsWith("$")) names.set(m[1], count);
    count++;
  }
  const defined = count;
  for (const f of fields) {
    if (f[0] === "memory" && !f.some((x) => Array.isArray(x) && x[0] === "import")) {
      if (typeof f[1] === "string" && f[1].startsWith("$")) names.set(f[1], count);
      count++;
    }
  }
  count = defined;
  const segs: number[] = [];
  for (const f of fields) {
    if (f[0] === "memory" && !f.some((x) => Array.isArray(x) && x[0] === "import")) {
      const index = count++;
      if (f.some((x) => Array.isArray(x) && x[0] === "data")) segs.push(index);
    } else if (f[0] === "data") {
      const m = f.find((x): x is Sexp[] => Array.isArray(x) && x[0] === "memory");
      if (m === undefined) { segs.push(0); continue; }
      const ref = m[1];
      if (typeof ref !== "string") return null;
      const index = ref.startsWith("$") ? names.get(ref) : Number(ref);
      if (index === undefined || Number.isNaN(index)) return null;
      segs.push(index);
    }
  }
  return segs;
}


function readLeb(b: Uint8Array, at: number): [value: number, next: number] {
  let v = 0, shift = 0, p = at;
  for (;;) {
    const x = b[p++]!;
    v += (x & 0x7f) * 2 ** shift;
    shift += 7;
    if ((x & 0x80) === 0) return [v, p];
  }
}

/**
 * Inserts the memory index wabt left out of each flags-2 data segment of
 * `binary` (compiled from `text`); returns `binary` unchanged when it has no
 * such segment, or when its index is already there.
 */
export function repairDataMemoryIndices(text: string, binary: Uint8Array): Uint8Array {
  let p = 8;
  while (p < binary.length) {
    const id = binary[p]!;
    const [size, body] = readLeb(binary, p + 1);
    if (id !== 11) { p = body + size; continue; }
    const memories = segmentMemories(text);
    if (memories === null) return binary;
    const out: number[] = [];
    let q = body;
    const [n, afterCount] = readLeb(binary, q);
    out.push(...u32(n));
    q = afterCount;
    let changed = false;
    for (let s = 0; s < n; s++) {
      const [flags, afterFlags] = readLeb(binary, q);
      out.push(...binary.subarray(q, afterFlags));
      q = afterFlags;
      if (flags === 2) {
        // The offset expression starts here (a constant instruction's opcode), where the index belongs.
        const op = binary[q]!;
        const looksLikeExpr = op === 0x41 || op === 0x42 || op === 0x23;
        if (looksLikeExpr && memories[s] !== undefined) { out.push(...u32(memories[s]!)); changed = true; }
      }
      if (flags !== 1) {
        // Skip the memory index (if any was there) and the expression up to its `end`.
        while (binary[q] !== 0x0b) {
          const op = binary[q]!;
          if (op === 0x41 || op === 0x42 || op === 0x23) {
            out.push(op);
            const [, next] = readLeb(binary, q + 1);
            out.push(...binary.subarray(q + 1, next));
            q = next;
          } else if (op === 0x6a || op === 0x6b || op === 0x6c || op === 0x7c || op === 0x7d || op === 0x7e) {
            out.push(op); q++;
          } else if (flags === 2 && q === afterFlags) {
            const [, next] = readLeb(binary, q);
            out.push(...binary.subarray(q, next));
            q = next;
          } else {
            return binary;
          }
        }
        out.push(0x0b); q++;
      }
      const [len, afterLen] = readLeb(binary, q);
      out.push(...binary.subarray(q, afterLen + len));
      q = afterLen + len;
    }
    if (!changed) return binary;
    const section = [11, ...u32(out.length), ...out];
    const result = new Uint8Array(binary.length - (body + size - p) + section.length);
    result.set(binary.subarray(0, p), 0);
    result.set(section, p);
    result.set(binary.subarray(body + size), p + section.length);
    return result;
  }
  return binary;
}
