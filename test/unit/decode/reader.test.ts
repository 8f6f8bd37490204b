import test from "ava";
import { DecodeError } from "../../../impl/base/errors.js";
import { ByteReader } from "../../../impl/decode/reader.js";

const r = (...bytes: number[]) => new ByteReader(new Uint8Array(bytes));
const failsWith = (f: () => unknown, phrase: string) => {
  try { f(); } catch (e) { return e instanceof DecodeError && e.message.startsWith(phrase); }
  return false;
};

test("u32 reads minimal and padded encodings up to five bytes", (t) => {
  t.is(r(0x00).u32(), 0);
  t.is(r(0xe5, 0x8e, 0x26).u32(), 624485);
  t.is(r(0x80, 0x80, 0x80, 0x80, 0x00).u32(), 0);
  t.is(r(0xff, 0xff, 0xff, 0xff, 0x0f).u32(), 0xffffffff);
});

test("u32 rejects unused bits of the fifth byte before its continuation bit", (t) => {
  t.true(failsWith(() => r(0xff, 0xff, 0xff, 0xff, 0x1f).u32(), "integer too large"));
  // 0x90: both an unused bit and the continuation bit; the spec reports the unused bit.
  t.true(failsWith(() => r(0x80, 0x80, 0x80, 0x80, 0x90, 0x00).u32(), "integer too large"));
  t.true(failsWith(() => r(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32(), "integer representation too long"));
});

test("s32 sign-extends and checks the sign extension of the fifth byte", (t) => {
  t.is(r(0x7f).s32(), -1);
  t.is(r(0x80, 0x7f).s32(), -128);
  t.is(r(0xff, 0xff, 0xff, 0xff, 0x07).s32(), 0x7fffffff);
  t.is(r(0x80, 0x80, 0x80, 0x80, 0x78).s32(), -0x80000000);
  t.is(r(0xff, 0xff, 0xff, 0xff, 0x7f).s32(), -1);
  t.true(failsWith(() => r(0xff, 0xff, 0xff, 0xff, 0x0f).s32(), "integer too large"));
  t.true(failsWith(() => r(0x80, 0x80, 0x80, 0x80, 0x70).s32(), "integer too large"));
  t.true(failsWith(() => r(0xff, 0xff, 0xff, 0xff, 0xff, 0x7f).s32(), "integer representation too long"));
});

test("s33 covers type indices and negative value-type codes", (t) => {
  t.is(r(0x40).s33(), -64);
  t.is(r(0x80, 0x80, 0x80, 0x80, 0x00).s33(), 0);
  t.is(r(0xff, 0xff, 0xff, 0xff, 0x0f).s33(), 0xffffffff);
  t.is(r(0x80, 0x80, 0x80, 0x80, 0x70).s33(), -(2 ** 32));
  t.true(failsWith(() => r(0x80, 0x80, 0x80, 0x80, 0x20).s33(), "integer too large"));
});

test("s64 reads full-width values, padded encodings and checks the tenth byte", (t) => {
  t.is(r(0x7f).s64(), -1n);
  t.is(r(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00).s64(), 0x7fffffffffffffffn);
  t.is(r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f).s64(), -0x8000000000000000n);
  t.is(r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s64(), 0n);
  t.is(r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).s64(), 1n << 49n);
  t.is(r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40).s64(), -(1n << 62n));
  t.true(failsWith(() => r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 | 0x02).s64(), "integer too large"));
  t.true(failsWith(() => r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s64(), "integer representation too long"));
});

test("len32 counts the bytes left from the start of the length itself", (t) => {
  // Length 2 with 1 byte after it: within the 2 bytes counted from the length field.
  const reader = r(0x02, 0xaa);
  t.is(reader.len32(), 2);
  t.true(failsWith(() => r(0x03, 0xaa).len32(), "length out of bounds"));
});

test("names must be valid UTF-8", (t) => {
  t.is(r(0x02, 0xc3, 0xa9, 0x00).name(), "é");
  t.true(failsWith(() => r(0x01, 0x80).name(), "malformed UTF-8 encoding"));
  t.true(failsWith(() => r(0x02, 0xc0, 0x80).name(), "malformed UTF-8 encoding"));
});

test("a name beginning with U+FEFF keeps it (it is not a byte order mark)", (t) => {
  t.is(r(0x03, 0xef, 0xbb, 0xbf).name(), "\u{feff}");
});

test("reading past the end reports the reader's end-of-input phrase", (t) => {
  t.true(failsWith(() => r(0x80).u32(), "unexpected end"));
});
