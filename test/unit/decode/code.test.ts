import test from "ava";
import { WASM_2_0 } from "../../../impl/base/features.js";
import { ValType } from "../../../impl/base/types.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { MAX_LOCALS } from "../../../impl/decode/sections/code.js";
import { validateModule } from "../../../impl/validate/validator.js";
import { wat } from "../../helpers/wat.js";
import { malformed } from "./assert.js";
import { FUNC_ONE, TYPE_VOID, body, codeOne, mod, section, u32, vec } from "./binary.js";

const one = (code: number[], locals: [number, number][] = []) => mod(TYPE_VOID, FUNC_ONE, codeOne(code, locals));

test("bodies are kept as byte ranges with their local runs", async (t) => {
  const bytes = await wat(`(module (func (local i32 i32 i64) (local.set 2 (i64.const 5))) (func))`);
  const m = decodeModule(bytes);
  t.is(m.codes.length, 2);
  const c = m.codes[0]!;
  t.deepEqual(c.locals, [{ count: 2, type: ValType.I32 }, { count: 1, type: ValType.I64 }]);
  t.is(c.localCount, 3);
  t.deepEqual([...bytes.subarray(c.codeStart, c.codeEnd)], [0x42, 0x05, 0x21, 0x02, 0x0b]);
  t.is(bytes[m.codes[1]!.bodyStart - 1], m.codes[1]!.codeEnd - m.codes[1]!.bodyStart, "the size field precedes the body");
});

test("nested blocks and if/else are followed to the body's final end", (t) => {
  const code = [0x02, 0x40, 0x03, 0x40, 0x41, 0x01, 0x04, 0x40, 0x01, 0x05, 0x01, 0x0b, 0x0b, 0x0b, 0x0b];
  const m = decodeModule(one(code));
  t.is(m.codes[0]!.codeEnd - m.codes[0]!.codeStart, code.length);
});

test("a body whose final end comes before its declared size is a size mismatch", (t) => {
  malformed(t, mod(TYPE_VOID, FUNC_ONE, section(10, [...u32(1), 0x04, 0x00, 0x0b, 0x01, 0x01])), "section size mismatch");
});

test("a body without its final end reads on, into what follows", (t) => {
  malformed(t, one([0x01]), "unexpected end");
  // The first body says 2 bytes but its end is the third: it is read whole, then its size found wrong.
  const two = mod(TYPE_VOID, section(3, vec([[0x00], [0x00]])),
    section(10, [...u32(2), 0x02, 0x00, 0x01, 0x0b, ...body([], [0x0b])]));
  malformed(t, two, "section size mismatch");
});

test("else outside an if, or a second else, wants an END opcode", (t) => {
  malformed(t, one([0x05, 0x0b]), "END opcode expected");
  malformed(t, one([0x02, 0x40, 0x05, 0x0b, 0x0b]), "END opcode expected");
  malformed(t, one([0x41, 0x00, 0x04, 0x40, 0x05, 0x05, 0x0b, 0x0b]), "END opcode expected");
});

test("unknown opcodes are illegal, including unknown 0xfc and 0xfd subopcodes", (t) => {
  malformed(t, one([0x06, 0x0b]), "illegal opcode");
  malformed(t, one([0xfc, 0x12, 0x0b]), "illegal opcode");
  malformed(t, one([0xfc, 0x80, 0x02, 0x0b]), "illegal opcode");
  // 0xfd 0x9a is a gap in the SIMD subopcodes; 0xfd 0x114 is beyond relaxed SIMD's 0x100..0x113, 0xfd 0x200 beyond any.
  malformed(t, one([0xfd, 0x9a, 0x01, 0x0b]), "illegal opcode");
  malformed(t, one([0xfd, 0x94, 0x02, 0x0b]), "illegal opcode");
  malformed(t, one([0xfd, 0x80, 0x04, 0x0b]), "illegal opcode");
});

test("relaxed SIMD subopcodes (0xfd 0x100..0x113) read as their codes, and are illegal opcodes in exactly Wasm 2.0", (t) => {
  // i8x16.relaxed_swizzle with no operands: decodes (the validator would reject it).
  t.notThrows(() => decodeModule(one([0xfd, 0x80, 0x02, 0x0b])));
  t.notThrows(() => decodeModule(one([0xfd, 0x93, 0x02, 0x0b])));
  malformed(t, one([0xfd, 0x80, 0x02, 0x0b]), "illegal opcode", WASM_2_0);
  malformed(t, one([0xfd, 0x93, 0x02, 0x0b]), "illegal opcode", WASM_2_0);
});

test("reserved memory index bytes must be zero bytes, not LEB128 zeros, in Wasm 2.0; with multiple memories they are u32 indices", (t) => {
  malformed(t, one([0x3f, 0x01, 0x1a, 0x0b]), "zero byte expected", WASM_2_0);
  malformed(t, one([0x41, 0x00, 0x40, 0x80, 0x00, 0x1a, 0x0b]), "zero byte expected", WASM_2_0);
  malformed(t, one([0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0a, 0x00, 0x01, 0x0b]), "zero byte expected", WASM_2_0);
  // Decoded (validation then says "unknown memory 1" where there is no memory 1).
  t.notThrows(() => decodeModule(one([0x3f, 0x01, 0x1a, 0x0b])));
  t.notThrows(() => decodeModule(one([0x41, 0x00, 0x40, 0x80, 0x00, 0x1a, 0x0b])));
});

test("memory alignment flags of 32 and above are malformed in Wasm 2.0; 3.0 decodes exponents to 63, bit 6 says a memory index follows, 128 and above are malformed", (t) => {
  malformed(t, one([0x41, 0x00, 0x28, 0x20, 0x00, 0x1a, 0x0b]), "malformed memop flags", WASM_2_0);
  // 3.0: alignment 2^32 and 2^63 decode (validation finds them larger than natural).
  t.notThrows(() => decodeModule(one([0x41, 0x00, 0x28, 0x20, 0x00, 0x1a, 0x0b])));
  const withMemory = mod(TYPE_VOID, FUNC_ONE, section(5, vec([[0x00, 0x01]])), codeOne([0x41, 0x00, 0x28, 0x3f, 0x00, 0x1a, 0x0b]));
  t.throws(() => validateModule(decodeModule(withMemory)), { message: /^alignment must not be larger than natural/ });
  malformed(t, one([0x41, 0x00, 0x28, 0x40, 0x00, 0x1a, 0x0b]), "malformed memop flags", WASM_2_0);
  malformed(t, one([0x41, 0x00, 0x28, 0x80, 0x01, 0x00, 0x1a, 0x0b]), "malformed memop flags");
  t.notThrows(() => decodeModule(one([0x41, 0x00, 0x28, 0x40, 0x00, 0x00, 0x1a, 0x0b])));
});

test("a local count at or above 2^32 in total is too many locals", (t) => {
  malformed(t, one([0x0b], [[0xffffffff, 0x7f], [2, 0x7e]]), "too many locals");
  malformed(t, one([0x0b], [[0x40000000, 0x7f], [0x40000000, 0x7e], [0x40000000, 0x7d], [0x40000000, 0x7c]]), "too many locals");
});

test("locals beyond the practical limit are refused as too many locals", (t) => {
  t.notThrows(() => decodeModule(one([0x0b], [[MAX_LOCALS, 0x7f]])));
  malformed(t, one([0x0b], [[MAX_LOCALS, 0x7f], [1, 0x7e]]), "too many locals");
});

test("local types must be value types", (t) => {
  malformed(t, one([0x0b], [[1, 0x40]]), "malformed reference type");
});

test("a constant past the end of the binary is an unexpected end", (t) => {
  malformed(t, mod(TYPE_VOID, FUNC_ONE, [0x0a, 0x06, 0x01, 0x04, 0x00, 0x44, 0x00, 0x00]), "unexpected end");
});

test("block types are a value type, 0x40, or a non-negative s33 type index, padded or not", (t) => {
  const m = decodeModule(mod(TYPE_VOID, FUNC_ONE, codeOne([0x02, 0x80, 0x80, 0x00, 0x0b, 0x02, 0x7f, 0x41, 0x00, 0x0b, 0x1a, 0x0b])));
  t.is(m.codes.length, 1);
  malformed(t, one([0x02, 0x50, 0x0b, 0x0b]), "malformed reference type");
  malformed(t, one([0x02, 0xc0, 0x7f, 0x0b, 0x0b]), "integer representation too long");
});
