import test from "ava";
import { ValidationError } from "../../../impl/base/errors.js";
import { Imm, OP_INFO } from "../../../impl/base/opcodes.js";
import { CodeReader } from "../../../impl/decode/code.js";
import { decodeModule } from "../../../impl/decode/decoder.js";
import { validateModule } from "../../../impl/validate/validator.js";
import { loadWabt, wat } from "../../helpers/wat.js";

function immText(imm: number): string {
  switch (imm) {
    case Imm.MemArgLane: return " 1";
    case Imm.Lane: return " 1";
    case Imm.V128: return " i32x4 1 2 3 4";
    case Imm.Shuffle: return " 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31";
    default: return "";
  }
}

test("every SIMD instruction of the opcode table assembles (wabt) to its code and reads back with its immediates", async (t) => {
  const wabt = await loadWabt();
  const simd = [...OP_INFO.values()].filter((i) => (i.code >= 0xfd00 && i.code <= 0xfdff) || i.code >= 0xff00);
  t.is(simd.length, 236 + 20, "the 2.0 SIMD instructions and relaxed SIMD's");
  for (const info of simd) {
    const text = `(module (memory 1) (func ${info.mnemonic}${immText(info.imm)}))`;
    const mod = wabt.parseWat("t.wat", text, { simd: true, relaxed_simd: true });
    const bin = mod.toBinary({}).buffer;
    mod.destroy();
    const module = decodeModule(bin);
    const body = module.codes[0]!;
    const r = new CodeReader(module.bytes, body.codeStart, body.codeEnd);
    t.is(r.next(), info.code, info.mnemonic);
    if (info.imm === Imm.MemArgLane || info.imm === Imm.Lane) t.is(r.lane, 1, info.mnemonic);
    if (info.imm === Imm.V128) t.deepEqual([...r.v128], [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]);
    if (info.imm === Imm.Shuffle) t.is(r.v128[15], 31);
    t.is(r.next(), 0x0b, `${info.mnemonic} consumed exactly its immediates`);
  }
});

async function validate(body: string, params = ""): Promise<void> {
  validateModule(decodeModule(await wat(`(module (memory 1) (func ${params} ${body}))`)));
}

test("SIMD typing: operands, results and scalar lanes", async (t) => {
  await t.notThrowsAsync(validate("(drop (i32x4.add (v128.const i64x2 1 2) (i32x4.splat (i32.const 3))))"));
  await t.notThrowsAsync(validate("(drop (f64x2.extract_lane 1 (local.get 0)))", "(param v128)"));
  await t.notThrowsAsync(validate("(drop (i8x16.shl (local.get 0) (i32.const 9)))", "(param v128)"));
  await t.notThrowsAsync(validate("(v128.store64_lane 1 (i32.const 0) (local.get 0))", "(param v128)"));
  await t.notThrowsAsync(validate("(drop (select (local.get 0) (local.get 0) (i32.const 1)))", "(param v128)"));
  await t.throwsAsync(validate("(drop (i32x4.add (v128.const i64x2 1 2) (i32.const 3)))"),
    { instanceOf: ValidationError, message: /^type mismatch/ });
  await t.throwsAsync(validate("(drop (i64x2.replace_lane 0 (local.get 0) (i32.const 3)))", "(param v128)"),
    { instanceOf: ValidationError, message: /^type mismatch/ });
  await t.throwsAsync(validate("(drop (v128.any_true (i32.const 3)))"), { instanceOf: ValidationError, message: /^type mismatch/ });
});

test("SIMD lane indices beyond the shape are invalid, shuffle lanes up to 31", async (t) => {
  await t.throwsAsync(validate("(drop (i16x8.extract_lane_u 8 (local.get 0)))", "(param v128)"),
    { instanceOf: ValidationError, message: /^invalid lane index/ });
  await t.throwsAsync(validate("(drop (v128.load32_lane 4 (i32.const 0) (local.get 0)))", "(param v128)"),
    { instanceOf: ValidationError, message: /^invalid lane index/ });
  await t.notThrowsAsync(validate("(drop (i8x16.shuffle 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 (local.get 0) (local.get 0)))", "(param v128)"));
  await t.throwsAsync(validate("(drop (i8x16.shuffle 32 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 (local.get 0) (local.get 0)))", "(param v128)"),
    { instanceOf: ValidationError, message: /^invalid lane index/ });
});

test("SIMD memory access: natural alignment per instruction and a memory is required", async (t) => {
  await t.notThrowsAsync(validate("(drop (v128.load align=16 (i32.const 0)))"));
  await t.throwsAsync(validate("(drop (v128.load align=32 (i32.const 0)))"),
    { instanceOf: ValidationError, message: /^alignment must not be larger than natural/ });
  await t.throwsAsync(validate("(drop (v128.load8x8_s align=16 (i32.const 0)))"),
    { instanceOf: ValidationError, message: /^alignment must not be larger than natural/ });
  await t.throwsAsync(validate("(drop (v128.load16_lane align=4 0 (i32.const 0) (local.get 0)))", "(param v128)"),
    { instanceOf: ValidationError, message: /^alignment must not be larger than natural/ });
  const noMemory = await wat("(module (func (drop (v128.load (i32.const 0)))))");
  t.throws(() => validateModule(decodeModule(noMemory)), { instanceOf: ValidationError, message: /^unknown memory/ });
});

test("v128 globals take v128.const initialisers", async (t) => {
  const ok = await wat("(module (global v128 (v128.const f32x4 1 2 3 4)))");
  t.notThrows(() => validateModule(decodeModule(ok)));
  const bad = await wat("(module (global v128 (i32.const 0)))");
  t.throws(() => validateModule(decodeModule(bad)), { instanceOf: ValidationError, message: /^type mismatch/ });
});
