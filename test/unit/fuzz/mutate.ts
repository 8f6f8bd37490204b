/**
 * Deterministic mutation of module binaries for fuzzing: a seeded PRNG and
 * byte-level and section-level mutations.
 * @module
 */
import { OP_INFO } from "../../../impl/base/opcodes.js";

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniformly distributed uint32. */
  u32(): number {
    let z = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  }

  /** An integer in `[0, n)` (n ≥ 1). */
  below(n: number): number {
    return this.u32() % n;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

/** Byte values that tend to matter in the binary format: LEB128 edges, `end`, `else`, type bytes, prefixes. */
const INTERESTING = [0x00, 0x01, 0x05, 0x0b, 0x40, 0x60, 0x6f, 0x70, 0x7b, 0x7c, 0x7f, 0x80, 0xfc, 0xfd, 0xff];

/** One-byte opcodes: written into code, they keep the code well formed more often than random bytes. */
const OPCODES = [...OP_INFO.keys()].filter((code) => code < 0x100);
/** Sections holding instructions: global, element, code and data. */
const CODE_SECTIONS = new Set([6, 9, 10, 11]);

/** A section of a binary as found by a lenient scan: where it starts and ends. */
interface SectionSpan {
  readonly id: number;
  readonly start: number;
  /** Where the contents begin (after the size). */
  readonly body: number;
  readonly end: number;
}

/** Splits a binary into sections after the 8-byte preamble, stopping at the first that does not fit. */
function sections(bytes: Uint8Array): SectionSpan[] {
  const spans: SectionSpan[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const start = pos++;
    let size = 0;
    let shift = 0;
    for (;;) {
      if (pos >= bytes.length || shift > 28) return spans;
      const b = bytes[pos++]!;
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    const end = pos + size;
    if (end > bytes.length) return spans;
    spans.push({ id: bytes[start]!, start, body: pos, end });
    pos = end;
  }
  return spans;
}

/** The kinds of mutation. */
export const MUTATIONS = [
  "flip bit", "set byte", "insert bytes", "delete bytes", "truncate", "duplicate section", "swap sections", "bump byte",
  "set opcode",
] as const;
/** One of {@link MUTATIONS}. */
export type Mutation = (typeof MUTATIONS)[number];

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Applies one mutation to a copy of `bytes`. Positions avoid the preamble
 * most of the time: a broken magic number only exercises one check.
 */
export function mutate(rng: Rng, bytes: Uint8Array, kind: Mutation): Uint8Array {
  const len = bytes.length;
  const pos = (): number => (len > 8 && rng.below(20) !== 0 ? 8 + rng.below(len - 8) : rng.below(Math.max(len, 1)));
  const out = bytes.slice();
  switch (kind) {
    case "flip bit": {
      if (len === 0) return out;
      out[pos()]! ^= 1 << rng.below(8);
      return out;
    }
    case "set byte": {
      if (len === 0) return out;
      out[pos()] = rng.below(2) === 0 ? rng.pick(INTERESTING) : rng.below(256);
      return out;
    }
    case "bump byte": {
      // Small changes of counts, sizes and indices are the likeliest to stay well formed.
      if (len === 0) return out;
      const p = pos();
      out[p] = (out[p]! + (rng.below(2) === 0 ? 1 : 255)) & 0xff;
      return out;
    }
    case "insert bytes": {
      const at = pos();
      const extra = new Uint8Array(1 + rng.below(4));
      for (let i = 0; i < extra.length; i++) extra[i] = rng.below(2) === 0 ? rng.pick(INTERESTING) : rng.below(256);
      return concat(bytes.subarray(0, at), extra, bytes.subarray(at));
    }
    case "delete bytes": {
      const at = pos();
      return concat(bytes.subarray(0, at), bytes.subarray(Math.min(len, at + 1 + rng.below(4))));
    }
    case "truncate":
      return bytes.slice(0, rng.below(Math.max(len, 1)));
    case "duplicate section": {
      const spans = sections(bytes);
      if (spans.length === 0) return out;
      const s = rng.pick(spans);
      const copy = bytes.subarray(s.start, s.end);
      const at = rng.pick(spans).end;
      return concat(bytes.subarray(0, at), copy, bytes.subarray(at));
    }
    case "swap sections": {
      const spans = sections(bytes);
      if (spans.length < 2) return out;
      const i = rng.below(spans.length - 1);
      const a = spans[i]!;
      const b = spans[i + 1]!;
      return concat(bytes.subarray(0, a.start), bytes.subarray(b.start, b.end), bytes.subarray(a.start, a.end), bytes.subarray(b.end));
    }
    case "set opcode": {
      // Aimed at the validator: an instruction replaced by another, in a section that holds code.
      const spans = sections(bytes).filter((s) => CODE_SECTIONS.has(s.id) && s.end > s.body);
      if (spans.length === 0) return out;
      const s = rng.pick(spans);
      out[s.body + rng.below(s.end - s.body)] = rng.pick(OPCODES);
      return out;
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
}
