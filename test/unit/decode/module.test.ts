import test from "ava";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { WASM_2_0 } from "../../../impl/base/features.js";
import { malformed } from "./assert.js";
import { FUNC_ONE, HEADER, TYPE_VOID, codeOne, mod, section, str, vec } from "./binary.js";

test("the empty module decodes to empty index spaces", (t) => {
  const m = decodeModule(mod());
  t.deepEqual([m.types, m.imports, m.funcs, m.codes, m.exports, m.customs], [[], [], [], [], [], []]);
  t.is(m.start, null);
  t.is(m.dataCount, null);
  t.is(m.names, null);
});

test("a binary shorter than the magic or the version is an unexpected end", (t) => {
  malformed(t, new Uint8Array([]), "unexpected end");
  malformed(t, new Uint8Array([0x00, 0x61, 0x73]), "unexpected end");
  malformed(t, new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01]), "unexpected end");
});

test("a wrong magic number or version is reported as such", (t) => {
  malformed(t, new Uint8Array([0x00, 0x41, 0x53, 0x4d, 0x01, 0x00, 0x00, 0x00]), "magic header not detected");
  const e = malformed(t, new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00]), "unknown binary version");
  t.is(e.offset, 4);
});

test("section ids above 12 are malformed in Wasm 2.0; the tag section (13) comes with exception handling", (t) => {
  malformed(t, mod([0x0d, 0x00]), "malformed section id", WASM_2_0);
  malformed(t, mod([0x80, 0x00]), "malformed section id", WASM_2_0);
  malformed(t, mod([0x0e, 0x00]), "malformed section id");
  malformed(t, mod([0x80, 0x00]), "malformed section id");
});

test("repeated and out-of-order sections end the module early", (t) => {
  malformed(t, mod(TYPE_VOID, TYPE_VOID), "unexpected content after last section");
  malformed(t, mod(FUNC_ONE, TYPE_VOID), "unexpected content after last section");
  // The data count section (12) belongs before the code section (10), not after it.
  malformed(t, mod(TYPE_VOID, FUNC_ONE, codeOne([0x0b]), section(12, [0x00])), "unexpected content after last section");
  t.notThrows(() => decodeModule(mod(TYPE_VOID, FUNC_ONE, section(12, [0x00]), codeOne([0x0b]))));
});

test("a section must be exactly as long as it says", (t) => {
  // Type section claiming 5 bytes for 4 bytes of content followed by an empty function section.
  malformed(t, mod([0x01, 0x05, 0x01, 0x60, 0x00, 0x00], [0x03, 0x00]), "section size mismatch");
  // Claiming fewer bytes than its content: read on, then the size is found wrong.
  malformed(t, mod([0x01, 0x03, 0x01, 0x60, 0x00, 0x00]), "section size mismatch");
  // Claiming more bytes than the binary has.
  malformed(t, mod([0x01, 0x10, 0x00]), "length out of bounds");
});

test("vector lengths beyond the bytes left are out of bounds", (t) => {
  malformed(t, mod([0x01, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f]), "length out of bounds");
});

test("a function section without a code section has inconsistent lengths", (t) => {
  malformed(t, mod(TYPE_VOID, FUNC_ONE), "function and code section have inconsistent lengths");
  malformed(t, mod(TYPE_VOID, codeOne([0x0b])), "function and code section have inconsistent lengths");
});

test("custom sections are kept wherever they appear, with their offsets", (t) => {
  const m = decodeModule(mod(section(0, [...str("a"), 1, 2]), TYPE_VOID, section(0, [...str("b")])));
  t.deepEqual(m.customs.map((c) => [c.name, [...c.bytes]]), [["a", [1, 2]], ["b", []]]);
  t.is(m.customs[0]!.offset, HEADER.length + 2);
});

test("a custom section whose name runs past its size ends unexpectedly", (t) => {
  malformed(t, mod([0x00, 0x01, ...str("abc")]), "unexpected end");
  malformed(t, mod([0x00, 0x00]), "unexpected end");
});

test("a custom section name must be valid UTF-8", (t) => {
  malformed(t, mod(section(0, [0x01, 0xff])), "malformed UTF-8 encoding");
});

test("the type section reads function types", (t) => {
  const m = decodeModule(mod(section(1, vec([[0x60, 0x02, 0x7f, 0x7e, 0x01, 0x70], [0x60, 0x00, 0x02, 0x7d, 0x6f]]))));
  t.deepEqual(m.types.map((x) => ({ ...x, rtt: undefined })), [
    { params: [0x7f, 0x7e], results: [0x70], rtt: undefined }, { params: [], results: [0x7d, 0x6f], rtt: undefined },
  ]);
  // Each type has its canonical type, and two types of different structure differ.
  t.truthy(m.types[0]!.rtt);
  t.not(m.types[0]!.rtt, m.types[1]!.rtt);
});

test("the type section rejects other forms and unknown value types", (t) => {
  malformed(t, mod(section(1, vec([[0x5d, 0x00, 0x00]]))), "malformed function type");
  malformed(t, mod(section(1, vec([[0xe0, 0x7f, 0x00, 0x00]]))), "integer representation too long");
  malformed(t, mod(section(1, vec([[0x60, 0x01, 0x7a, 0x00]]))), "malformed reference type");
});
