import test from "ava";
import { DecodeError } from "../../../impl/base/errors.js";
import { OP_INFO, Op } from "../../../impl/base/opcodes.js";
import { CodeReader } from "../../../impl/decode/code.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { I32ConstExpr } from "../../../impl/decode/expr.js";
import { NOT_AN_OP, OP_BY_CODE, OP_FEATURE, OP_IMM, FEATURE_NAMES } from "../../../impl/decode/op-table.js";
import { hasI32Offset } from "../../../impl/decode/sections/data.js";
import { ByteReader } from "../../../impl/decode/reader.js";
import { wat } from "../../helpers/wat.js";

const reader = (...bytes: number[]) => new ByteReader(new Uint8Array(bytes));
/** The outcome of `f`: its value, or the DecodeError's message. */
const result = <T>(f: () => T): T | string => {
  try { return f(); } catch (e) { if (e instanceof DecodeError) return e.message; throw e; }
};

test("the dense opcode tables agree with OP_INFO for every code", (t) => {
  let instructions = 0;
  for (let code = 0; code < 0xff00; code++) {
    const info = OP_INFO.get(code);
    if (info === undefined) {
      t.is(OP_IMM[code], NOT_AN_OP, `0x${code.toString(16)}`);
      t.is(OP_BY_CODE[code], undefined);
      continue;
    }
    instructions++;
    t.is(OP_IMM[code], info.imm, info.mnemonic);
    t.is(OP_BY_CODE[code], info);
    t.is(FEATURE_NAMES[OP_FEATURE[code]!], info.feature, info.mnemonic);
  }
  t.is(instructions, OP_INFO.size);
});

test("u32 and s32: one-byte values through the fast path, the rest and the failures as before", (t) => {
  for (let b = 0; b < 0x80; b++) {
    t.is(reader(b).u32(), b);
    t.is(reader(b).s32(), b < 0x40 ? b : b - 0x80);
  }
  t.is(reader(0x80, 0x01).u32(), 128);
  t.is(reader(0xff, 0x7e).s32(), -129);
  const r = new ByteReader(new Uint8Array([0x05, 0x06]), 0, 1);
  t.is(r.u32(), 5);
  t.is(result(() => r.u32()), "unexpected end: at byte offset 0x1", "the range's end stops the fast path too");
});

test("skipS64 accepts and rejects exactly what s64 does, and ends where it ends", (t) => {
  const cases: number[][] = [
    [0x00], [0x7f], [0x80, 0x7f], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00],
    [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
    [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02],
    [0x80, 0x80, 0x80], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x41],
  ];
  for (const bytes of cases) {
    const a = reader(...bytes);
    const b = reader(...bytes);
    const full = result(() => a.s64());
    const skipped = result(() => b.skipS64());
    if (typeof full === "string") t.is(skipped, full, bytes.join(","));
    else t.is(b.pos, a.pos, bytes.join(","));
  }
});

test("i64.const: the reader checks the encoding and makes the bigint only when asked", (t) => {
  const values = [0n, -1n, 63n, -64n, 1n << 40n, (1n << 63n) - 1n, -(1n << 63n)];
  for (const v of values) {
    const bytes: number[] = [Op.I64Const];
    let x = v;
    for (;;) {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      if ((x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0)) { bytes.push(b); break; }
      bytes.push(b | 0x80);
    }
    bytes.push(Op.Nop);
    const r = new CodeReader(new Uint8Array(bytes), 0, bytes.length);
    t.is(r.next(), Op.I64Const);
    t.is(r.pos, bytes.length - 1);
    t.is(r.big, v);
    t.is(r.big, v, "asked twice");
    t.is(r.pos, bytes.length - 1, "asking does not move the reader");
  }
});

test("f32 and f64 constants are read in place, and a short one is an unexpected end", (t) => {
  const f32 = new CodeReader(new Uint8Array([Op.F32Const, 0x00, 0x00, 0xc0, 0x7f]), 0, 5);
  t.is(f32.next(), Op.F32Const);
  t.is(f32.a, 0x7fc00000);
  const f64 = new CodeReader(new Uint8Array([Op.F64Const, 1, 2, 3, 4, 5, 6, 7, 0x88]), 0, 9);
  t.is(f64.next(), Op.F64Const);
  t.is(f64.a, 0x04030201);
  t.is(f64.b, 0x88070605 | 0);
  const short = new CodeReader(new Uint8Array([Op.F64Const, 1, 2, 3]), 0, 4);
  t.regex(String(result(() => short.next())), /^unexpected end of section or function/);
});

test("data segments: i32.const offsets and bytes are kept lazily and read back as the general form", async (t) => {
  const bytes = await wat(`(module (global $g (import "m" "g") i32) (memory 1)
    (data (i32.const 8) "ab") (data (global.get $g) "c") (data "passive") (data (i32.const -1) ""))`);
  const m = decodeModule(bytes);
  const [a, b, c, d] = m.datas;
  t.true(hasI32Offset(a!));
  t.false(hasI32Offset(b!), "global.get stays a general expression");
  t.false(hasI32Offset(c!), "a passive segment has no offset");
  t.true(a!.offsetExpr instanceof I32ConstExpr);
  t.deepEqual(a!.offsetExpr!.instrs, [{ op: Op.I32Const, offset: a!.offsetExpr!.offset, value: 8 }]);
  t.is(bytes[a!.offsetExpr!.offset], Op.I32Const, "the expression's offset is its first byte");
  t.is(a!.offsetExpr, a!.offsetExpr, "made once");
  t.deepEqual([...a!.bytes], [0x61, 0x62]);
  t.is(a!.bytes, a!.bytes, "the view is made once");
  t.deepEqual(b!.offsetExpr!.instrs.map((i) => i.op), [Op.GlobalGet]);
  t.is(c!.offsetExpr, null);
  t.deepEqual([...c!.bytes].map((x) => String.fromCharCode(x)).join(""), "passive");
  t.is((d!.offsetExpr as I32ConstExpr).value, -1);
  t.is(d!.bytes.length, 0);
});
