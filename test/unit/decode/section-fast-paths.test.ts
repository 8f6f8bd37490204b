import test from "ava";
import { DecodeError, ValidationError } from "../../../impl/base/errors.js";
import { Limit } from "../../../impl/base/limits.js";
import { newModuleBuilder } from "../../../impl/decode/builder.js";
import { CodeReader } from "../../../impl/decode/code.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import type { Module } from "../../../impl/decode/module.js";
import { RefFuncExpr } from "../../../impl/decode/expr.js";
import { DataSegments, dataSegmentsOf, readDataSection, readDataSegment } from "../../../impl/decode/sections/data.js";
import { readElementSection } from "../../../impl/decode/sections/element.js";
import { readFunctionSection } from "../../../impl/decode/sections/function.js";
import { validateModule } from "../../../impl/validate/validator.js";
import { mod, section, u32, vec } from "./binary.js";

// The sections' fast paths against the general reading: the data
// section's (DataSegments.readPlain) against readDataSegment for every
// segment, the same table or the same error on every input, and the
// validator's shortcut for such tables against its segment-by-segment check;
// the element section's function indices and the function section's type
// indices against `u32()` for each.

/** A signed LEB128 of `value` in exactly `width` bytes (non-minimal when wider than needed). */
function sleb(value: number, width: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const b = (value >> (7 * i)) & 0x7f;
    out.push(i < width - 1 ? b | 0x80 : b);
  }
  return out;
}

/** An unsigned LEB128 of `value` in exactly `width` bytes. */
function uleb(value: number, width: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const b = Math.floor(value / 2 ** (7 * i)) & 0x7f;
    out.push(i < width - 1 ? b | 0x80 : b);
  }
  return out;
}

/** `0x00 (i32.const value) end length bytes`, with LEBs of the given widths. */
const plain = (value: number, bytes: readonly number[], valueWidth = 1, lengthWidth = 1): number[] =>
  [0x00, 0x41, ...sleb(value, valueWidth), 0x0b, ...uleb(bytes.length, lengthWidth), ...bytes];
const passive = (bytes: readonly number[]): number[] => [0x01, ...u32(bytes.length), ...bytes];
const inMemory = (memory: number[], offset: readonly number[], bytes: readonly number[]): number[] =>
  [0x02, ...memory, ...offset, ...u32(bytes.length), ...bytes];

/** What the table read by `read` holds, segment by segment, or the decode error; `end` is where the reader stopped. */
function describe(bytes: Uint8Array, read: (r: CodeReader) => DataSegments): unknown {
  const r = new CodeReader(bytes, 0, bytes.length);
  try {
    const table = read(r);
    return {
      end: r.pos, count: table.count, actives: table.actives, plainActives: table.plainActives,
      segments: table.segments().map((s) => ({
        mode: s.mode, memory: s.memory, offset: s.offset, bytes: [...s.bytes],
        expr: s.offsetExpr === null ? null : { at: s.offsetExpr.offset, instrs: s.offsetExpr.instrs },
      })),
    };
  } catch (e) {
    if (e instanceof DecodeError) return { error: e.message, offset: e.offset };
    throw e;
  }
}

/** The section read as the decoder reads it (fast path first). */
function viaSection(r: CodeReader): DataSegments {
  const m = newModuleBuilder(r.bytes);
  readDataSection(r, m);
  return m.dataSegments!;
}

/** The section read one segment at a time by the general path. */
function general(r: CodeReader): DataSegments {
  const n = r.count(Limit.DataSegments, "data segments");
  const table = new DataSegments(r.bytes, n);
  for (let i = 0; i < n; i++) readDataSegment(r, table);
  return table;
}

/** The section body `count segments... tail` read both ways. */
function both(segments: readonly (readonly number[])[], count = segments.length, tail: readonly number[] = []): { fast: unknown; general: unknown } {
  const bytes = new Uint8Array([...u32(count), ...segments.flat(), ...tail]);
  return { fast: describe(bytes, viaSection), general: describe(bytes, general) };
}

const TRICKY: readonly (readonly number[])[] = [
  plain(0, []),
  plain(5, [1, 2, 3]),
  plain(-1, [9]),
  plain(0x40, [7], 2),
  plain(-0x41, [7], 2),
  plain(0x12345, [1], 3),
  plain(-0x123456, [1, 2], 4),
  plain(0x7ffffff, [3], 4),
  plain(0x12345678, [4], 5),
  plain(-0x80000000, [4], 5),
  plain(3, [5, 6], 1, 2),
  plain(3, [5, 6], 2, 4),
  plain(3, [5, 6], 1, 5),
  plain(3, Array.from({ length: 200 }, (_, i) => i & 0xff), 3, 2),
  passive([1, 2]),
  passive([]),
  inMemory([0x00], [0x41, 0x01, 0x0b], [1]),
  inMemory([0x01], [0x41, 0x01, 0x0b], [1]),
  inMemory([0x80, 0x00], [0x41, 0x01, 0x0b], [1]),
  inMemory([0x00], [0x23, 0x00, 0x0b], [1]),
  [0x00, 0x23, 0x00, 0x0b, 0x01, 0x05],
  [0x00, 0x41, 0x01, 0x41, 0x02, 0x6a, 0x0b, 0x00],
  [0x00, 0x42, 0x01, 0x0b, 0x00],
  [0x80, 0x00, 0x41, 0x01, 0x0b, 0x00],
];

test("every tricky segment, alone and among plain ones, reads the same both ways", (t) => {
  for (const [k, seg] of TRICKY.entries()) {
    for (const segs of [[seg], [plain(1, [1]), seg, plain(2, [2])], [seg, seg, plain(0, [])]]) {
      const { fast, general: slow } = both(segs);
      t.deepEqual(fast, slow, `segment ${k}`);
    }
  }
  const all = both(TRICKY);
  t.false("error" in (all.general as object), "the tricky segments are all well formed");
  t.deepEqual(all.fast, all.general);
});

test("malformed segments, at segment k, fail the same both ways", (t) => {
  const bad: readonly (readonly number[])[] = [
    [0x03, 0x00],
    [0x00, 0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0b, 0x00],
    [0x00, 0x41, 0xff, 0xff, 0xff, 0xff, 0x4f, 0x0b, 0x00],
    [0x00, 0x41, 0x01, 0x0b, 0x80, 0x80, 0x80, 0x80, 0x10],
    [0x00, 0x41, 0x01, 0x0b, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00],
    [0x00, 0x41, 0x01, 0x0b, 0x7f, 0x01],
    [0x00, 0x41, 0x01, 0x0b, 0x81, 0x01, 0x01],
    [0x00, 0x41, 0x01, 0x01, 0x00],
    [0x00, 0x41, 0x01],
    [0x00, 0x41],
    [0x00],
    [0x00, 0x41, 0x81],
    [0x00, 0x41, 0x01, 0x0b],
    [0x00, 0x41, 0x01, 0x0b, 0x81],
  ];
  for (const [k, seg] of bad.entries()) {
    for (const before of [0, 1, 3]) {
      const segs = [...Array.from({ length: before }, (_, i) => plain(i, [i])), seg];
      const { fast, general: slow } = both(segs);
      t.true("error" in (slow as object), `case ${k} is malformed`);
      t.deepEqual(fast, slow, `case ${k} after ${before}`);
      // With bytes after it (the next section, say), a short segment is no longer cut off by the end.
      const padded = both(segs, segs.length, [0x00, 0x0b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
      t.deepEqual(padded.fast, padded.general, `case ${k} after ${before}, padded`);
    }
  }
  // A segment one byte short, far enough from the end for the fast path to read its header.
  const cut = both([plain(1, [1]), [...plain(2, Array.from({ length: 20 }, () => 7), 3, 1)].slice(0, -1)]);
  t.true("error" in (cut.general as object));
  t.deepEqual(cut.fast, cut.general);
  // More segments declared than there are.
  const short = both([plain(1, [1]), plain(2, [2])], 3);
  t.deepEqual(short.fast, short.general);
});

test("random mixes of segments and truncations read the same both ways", (t) => {
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  for (let round = 0; round < 300; round++) {
    const segs = Array.from({ length: 1 + rand(12) }, () => (rand(3) === 0 ? TRICKY[rand(TRICKY.length)]! : plain(rand(1 << 20) - (1 << 19), [rand(256)], 1 + rand(4), 1 + rand(2))));
    const bytes = [...u32(segs.length), ...segs.flat()];
    const cut = rand(4) === 0 ? rand(bytes.length) : bytes.length;
    const input = new Uint8Array(bytes.slice(0, cut));
    t.deepEqual(describe(input, viaSection), describe(input, general), `round ${round}`);
  }
});

/** The validation error of `module` (or null), with its table and with its segments as a plain array. */
function verdicts(module: Module): { table: unknown; array: unknown } {
  const outcome = (m: Module): unknown => {
    try {
      validateModule(m);
      return null;
    } catch (e) {
      if (e instanceof ValidationError) return { error: e.message, offset: e.offset };
      throw e;
    }
  };
  const array = { ...module, datas: module.datas };
  return { table: outcome(module), array: outcome(array) };
}

test("the validator judges a table of segments as it judges them one by one", (t) => {
  const memory = (limits: number[]) => section(5, vec([limits]));
  const data = (...segs: number[][]) => section(11, vec(segs));
  const cases: Uint8Array[] = [
    mod(data(plain(0, [1]), plain(8, [2]))),
    mod(data(passive([1]), passive([2]))),
    mod(data(passive([1]), plain(0, [1]))),
    mod(memory([0x00, 0x01]), data(plain(0, [1]), plain(-1, [2], 3))),
    mod(memory([0x04, 0x01]), data(plain(0, [1]))),
    mod(memory([0x04, 0x01]), data(passive([1]), inMemory([0x00], [0x42, 0x00, 0x0b], [1]))),
    mod(memory([0x00, 0x01]), data(plain(0, [1]), inMemory([0x01], [0x41, 0x00, 0x0b], [1]))),
    mod(memory([0x00, 0x01]), data(plain(0, [1]), [0x00, 0x42, 0x00, 0x0b, 0x00])),
    mod(memory([0x00, 0x01]), data(plain(0, [1]), [0x00, 0x23, 0x00, 0x0b, 0x00])),
    mod(section(5, vec([[0x00, 0x01], [0x04, 0x01]])), data(plain(0, [1]), inMemory([0x01], [0x41, 0x00, 0x0b], [1]))),
    mod(section(5, vec([[0x00, 0x01], [0x04, 0x01]])), data(plain(0, [1]), inMemory([0x01], [0x42, 0x00, 0x0b], [1]))),
  ];
  for (const [k, bytes] of cases.entries()) {
    const module = decodeModule(bytes);
    t.not(dataSegmentsOf(module), undefined);
    const { table, array } = verdicts(module);
    t.deepEqual(table, array, `case ${k}`);
  }
  t.not(verdicts(decodeModule(cases[0]!)).table, null, "no memory: invalid");
  t.is(verdicts(decodeModule(cases[3]!)).table, null, "plain segments in an i32 memory: valid");
});

test("function indices of an element segment read as u32() reads them, errors included", (t) => {
  const indices: readonly number[][] = [
    [0x00], [0x7f], [0x80, 0x01], [0xff, 0x7f], [0x80, 0x00], [0x80, 0x80, 0x01], [0xff, 0xff, 0xff, 0xff, 0x0f],
    [0x80, 0x80, 0x80, 0x80, 0x80, 0x00], [0xff, 0xff, 0xff, 0xff, 0x1f], [0x80], [0x80, 0x80],
  ];
  /** A passive segment (flags 1, element kind 0) of `items`, then `tail`: what readElementSection makes of it, or its error. */
  const read = (items: readonly (readonly number[])[], tail: readonly number[], general: boolean): unknown => {
    const bytes = new Uint8Array([0x01, 0x01, 0x00, ...u32(items.length), ...items.flat(), ...tail]);
    const r = new CodeReader(bytes, 0, bytes.length);
    try {
      if (!general) {
        const m = newModuleBuilder(bytes);
        readElementSection(r, m);
        const init = m.elems[0]!.init;
        t.true(init.every((e) => e instanceof RefFuncExpr));
        return { end: r.pos, init: init.map((e) => [e.offset, (e as RefFuncExpr).index]) };
      }
      r.pos = 4; // past the segment count, flags, element kind and item count
      const init: number[][] = [];
      for (let k = 0; k < items.length; k++) {
        const at = r.pos;
        init.push([at, r.u32()]);
      }
      return { end: r.pos, init };
    } catch (e) {
      if (e instanceof DecodeError) return { error: e.message, offset: e.offset };
      throw e;
    }
  };
  for (const [k, index] of indices.entries()) {
    for (const items of [[index], [[0x05], index, [0x81, 0x02]], [[0x81, 0x02], index]]) {
      for (const tail of [[], [0x00], [0x00, 0x00, 0x00, 0x00, 0x00, 0x00]]) {
        t.deepEqual(read(items, tail, false), read(items, tail, true), `index ${k}, tail ${tail.length}`);
      }
    }
  }
});

test("type indices of the function section read as u32() reads them, errors included", (t) => {
  const indices: readonly number[][] = [
    [0x00], [0x7f], [0x80, 0x01], [0x80, 0x00], [0xff, 0xff, 0xff, 0xff, 0x0f], [0x80, 0x80, 0x80, 0x80, 0x80, 0x00],
    [0xff, 0xff, 0xff, 0xff, 0x1f], [0x80],
  ];
  const read = (items: readonly (readonly number[])[], tail: readonly number[], general: boolean): unknown => {
    const bytes = new Uint8Array([...u32(items.length), ...items.flat(), ...tail]);
    const r = new CodeReader(bytes, 0, bytes.length);
    try {
      if (!general) {
        const m = newModuleBuilder(bytes);
        readFunctionSection(r, m);
        return { end: r.pos, funcs: m.funcs };
      }
      const n = r.count(Limit.Functions, "functions");
      const funcs: number[] = [];
      for (let k = 0; k < n; k++) funcs.push(r.u32());
      return { end: r.pos, funcs };
    } catch (e) {
      if (e instanceof DecodeError) return { error: e.message, offset: e.offset };
      throw e;
    }
  };
  for (const [k, index] of indices.entries()) {
    for (const items of [[index], [[0x05], index, [0x01]], [[0x81, 0x02], index]]) {
      for (const tail of [[], [0x00], [0x00, 0x00, 0x00, 0x00, 0x00, 0x00]]) {
        t.deepEqual(read(items, tail, false), read(items, tail, true), `index ${k}, tail ${tail.length}`);
      }
    }
  }
  // More functions declared than there are.
  const short = new Uint8Array([0x03, 0x00, 0x01]);
  const error = t.throws(() => readFunctionSection(new CodeReader(short, 0, short.length), newModuleBuilder(short)), { instanceOf: DecodeError });
  t.is(error.offset, 3);
});
