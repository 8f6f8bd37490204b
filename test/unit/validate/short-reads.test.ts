/**
 * The fused pass (`impl/validate/fused.ts`) reads most immediates itself
 * rather than through `CodeReader.next` (LEB128 numbers of up to four bytes,
 * five-byte `i32.const`, ten-byte `i64.const`, `call_indirect`, `br_table`,
 * `memory.copy`, `memory.fill`); whatever it reads, and whatever it leaves
 * to `next`, the verdict must be the one of decoding then validating,
 * message and offset included. Each case here sits at an edge of those
 * short reads.
 */
import test from "ava";
import { onePassVerdict, twoPassVerdict } from "./helpers.js";
import { body, mod, section, u32, vec } from "../decode/binary.js";


/** Types 0: [] -> [] and 1: [i32] -> []; function 0 of type 0 with `code` (final end included), a table of 1 funcref and a memory of 1 page. */
const moduleWith = (code: number[]) =>
  mod(
    section(1, vec([[0x60, 0x00, 0x00], [0x60, 0x01, 0x7f, 0x00]])),
    section(3, vec([[0x00]])),
    section(4, vec([[0x70, 0x00, 0x01]])),
    section(5, vec([[0x00, 0x01]])),
    section(10, [...u32(1), ...body([], code)]),
  );

/** Checks that both passes agree on `code`, and that the verdict is `expected` (a prefix of it). */
function agree(t: import("ava").ExecutionContext, code: number[], expected: string): void {
  const bytes = moduleWith(code);
  const one = onePassVerdict(bytes);
  t.is(one, twoPassVerdict(bytes), `code ${code.map((b) => b.toString(16)).join(" ")}`);
  t.true(one.startsWith(expected), `${one} should start with ${expected}`);
}

const DROP = 0x1a;
const END = 0x0b;

test("i32.const: LEB128 of one to five bytes, and the five-byte rules", (t) => {
  agree(t, [0x41, 0x3f, DROP, END], "ok");
  agree(t, [0x41, 0xff, 0x7f, DROP, END], "ok");
  agree(t, [0x41, 0x80, 0x80, 0x80, 0x00, DROP, END], "ok"); // four bytes, not minimal
  agree(t, [0x41, 0xff, 0xff, 0xff, 0xff, 0x07, DROP, END], "ok"); // 2^31 - 1
  agree(t, [0x41, 0x80, 0x80, 0x80, 0x80, 0x78, DROP, END], "ok"); // -2^31
  agree(t, [0x41, 0x80, 0x80, 0x80, 0x80, 0x08, DROP, END], "DecodeError"); // unused bits not a sign copy
  agree(t, [0x41, 0x80, 0x80, 0x80, 0x80, 0x70, DROP, END], "DecodeError");
  agree(t, [0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, DROP, END], "DecodeError"); // six bytes
  agree(t, [0x41, 0x80, 0x80], "DecodeError"); // past the end
  agree(t, [0x41, 0x80, 0x80, 0x80, 0x80, 0x00, END], "ValidationError: type mismatch"); // a value left
});

test("i64.const: up to ten bytes, the tenth 0x00 or 0x7f", (t) => {
  const nine = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80];
  agree(t, [0x42, ...nine.slice(1), 0x00, DROP, END], "ok");
  agree(t, [0x42, ...nine, 0x00, DROP, END], "ok");
  agree(t, [0x42, ...nine, 0x7f, DROP, END], "ok");
  agree(t, [0x42, ...nine, 0x01, DROP, END], "DecodeError");
  agree(t, [0x42, ...nine, 0x80, 0x00, DROP, END], "DecodeError");
  agree(t, [0x42, ...nine], "DecodeError");
});

test("indices and memarg offsets of several bytes", (t) => {
  agree(t, [0x10, 0x80, 0x00, END], "ok"); // call 0, not minimal
  agree(t, [0x10, 0x81, 0x80, 0x80, 0x00, END], "ValidationError: unknown function");
  agree(t, [0x20, 0x80, 0x01, DROP, END], "ValidationError: unknown local");
  agree(t, [0x0c, 0x80, 0x80, 0x80, 0x00, END], "ok"); // br 0
  agree(t, [0x0c, 0x81, 0x80, 0x80, 0x00, END], "ValidationError: unknown label");
  agree(t, [0x41, 0x00, 0x28, 0x02, 0xff, 0xff, 0xff, 0x7f, DROP, END], "ok"); // i32.load offset=2^28 - 1
  agree(t, [0x41, 0x00, 0x28, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, DROP, END], "ok"); // five bytes: next() reads it
  agree(t, [0x41, 0x00, 0x28, 0x03, 0x80, 0x01, DROP, END], "ValidationError: alignment");
  agree(t, [0x41, 0x00, 0x28, 0x02, 0x80, 0x80], "DecodeError");
});

test("call_indirect: type and table indices", (t) => {
  agree(t, [0x41, 0x00, 0x41, 0x00, 0x11, 0x81, 0x00, 0x80, 0x00, END], "ok"); // type 1, table 0
  agree(t, [0x41, 0x00, 0x11, 0x00, 0x01, END], "ValidationError: unknown table");
  agree(t, [0x41, 0x00, 0x11, 0x82, 0x00, 0x00, END], "ValidationError: unknown type");
  agree(t, [0x41, 0x00, 0x11, 0x00], "DecodeError");
});

test("br_table: targets read from the bytes, checked in step's order", (t) => {
  const block = (inner: number[]) => [0x02, 0x40, ...inner, END, END];
  agree(t, block([0x41, 0x00, 0x0e, 0x02, 0x00, 0x81, 0x00, 0x80, 0x00]), "ok");
  agree(t, block([0x41, 0x00, 0x0e, 0x01, 0x00, 0x02]), "ValidationError: unknown label");
  agree(t, block([0x41, 0x00, 0x0e, 0x01, 0x05, 0x00]), "ValidationError: unknown label");
  agree(t, block([0x0e, 0x00, 0x00]), "ValidationError: type mismatch"); // no index operand
  // Targets of different arity: a block returning i32 and one returning nothing.
  agree(t, [0x02, 0x7f, 0x02, 0x40, 0x41, 0x00, 0x41, 0x00, 0x0e, 0x01, 0x01, 0x00, END, 0x41, 0x00, END, DROP, END], "ValidationError: type mismatch");
  agree(t, block([0x41, 0x00, 0x0e, 0x7f]), "DecodeError"); // more targets than bytes
  agree(t, block([0x41, 0x00, 0x0e, 0x02, 0x00]), "DecodeError");
  agree(t, block([0x41, 0x00, 0x0e, 0x01, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00]), "ok"); // a five-byte target: next() reads it
});

test("memory.copy and memory.fill", (t) => {
  agree(t, [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0a, 0x00, 0x00, END], "ok");
  agree(t, [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0b, 0x00, END], "ok");
  agree(t, [0x41, 0x00, 0x41, 0x00, 0xfc, 0x0b, 0x00, END], "ValidationError: type mismatch");
  agree(t, [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0a, 0x00, 0x01, END], "ValidationError: unknown memory");
  agree(t, [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0a, 0x00], "DecodeError");
});
