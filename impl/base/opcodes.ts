/**
 * THE opcode table: every instruction's binary code, mnemonic and immediate
 * kind. Decoder, validator and every tier read instructions through it.
 *
 * Codes of prefixed instructions are `prefix << 8 | subopcode` (so
 * `i32.trunc_sat_f32_s`, `0xFC 0x00`, is `0xfc00`); subopcodes above 255 do
 * not exist in Wasm 2.0 and are rejected by the decoder.
 * @see https://webassembly.github.io/spec/core/binary/instructions.html
 * @module
 */

/** What follows an opcode in the binary. */
export const Imm = {
  None: 0,
  /** Block type: empty (0x40), a value type, or a type index (s33). */
  BlockType: 1,
  /** A label index (u32). */
  Label: 2,
  /** `br_table`: vector of label indices, then a default label. */
  BrTable: 3,
  /** A function index (u32). */
  Func: 4,
  /** `call_indirect`: type index, then table index. */
  CallIndirect: 5,
  /** A local index (u32). */
  Local: 6,
  /** A global index (u32). */
  Global: 7,
  /** A table index (u32). */
  Table: 8,
  /** Memory argument: alignment exponent (u32), then offset (u32). */
  MemArg: 9,
  /** A single reserved zero byte (memory index 0 of `memory.size`/`memory.grow`/`memory.fill`). */
  ZeroByte: 10,
  /** Signed 32-bit LEB128 constant. */
  I32: 11,
  /** Signed 64-bit LEB128 constant. */
  I64: 12,
  /** 4 raw bytes, little-endian IEEE 754 single. */
  F32: 13,
  /** 8 raw bytes, little-endian IEEE 754 double. */
  F64: 14,
  /** `select t*`: a vector of value types. */
  SelectTypes: 15,
  /** `ref.null t`: a reference type byte. */
  RefType: 16,
  /** `memory.init`: data index, then a zero byte. */
  MemoryInit: 17,
  /** A data index (u32) (`data.drop`). */
  Data: 18,
  /** `memory.copy`: two zero bytes. */
  MemoryCopy: 19,
  /** `table.init`: element index, then table index. */
  TableInit: 20,
  /** An element segment index (u32) (`elem.drop`). */
  Elem: 21,
  /** `table.copy`: destination table index, then source table index. */
  TableCopy: 22,
} as const;
/** One of {@link Imm}. */
export type Imm = (typeof Imm)[keyof typeof Imm];

/** Static description of one instruction. */
export interface OpInfo {
  readonly code: number;
  readonly mnemonic: string;
  readonly imm: Imm;
}

// [code, mnemonic, immediate kind]. Order follows the spec's binary index of instructions.
const TABLE: ReadonlyArray<readonly [number, string, Imm]> = [
  [0x00, "unreachable", Imm.None],
  [0x01, "nop", Imm.None],
  [0x02, "block", Imm.BlockType],
  [0x03, "loop", Imm.BlockType],
  [0x04, "if", Imm.BlockType],
  [0x05, "else", Imm.None],
  [0x0b, "end", Imm.None],
  [0x0c, "br", Imm.Label],
  [0x0d, "br_if", Imm.Label],
  [0x0e, "br_table", Imm.BrTable],
  [0x0f, "return", Imm.None],
  [0x10, "call", Imm.Func],
  [0x11, "call_indirect", Imm.CallIndirect],
  [0x1a, "drop", Imm.None],
  [0x1b, "select", Imm.None],
  [0x1c, "select_t", Imm.SelectTypes],
  [0x20, "local.get", Imm.Local],
  [0x21, "local.set", Imm.Local],
  [0x22, "local.tee", Imm.Local],
  [0x23, "global.get", Imm.Global],
  [0x24, "global.set", Imm.Global],
  [0x25, "table.get", Imm.Table],
  [0x26, "table.set", Imm.Table],
  [0x28, "i32.load", Imm.MemArg],
  [0x29, "i64.load", Imm.MemArg],
  [0x2a, "f32.load", Imm.MemArg],
  [0x2b, "f64.load", Imm.MemArg],
  [0x2c, "i32.load8_s", Imm.MemArg],
  [0x2d, "i32.load8_u", Imm.MemArg],
  [0x2e, "i32.load16_s", Imm.MemArg],
  [0x2f, "i32.load16_u", Imm.MemArg],
  [0x30, "i64.load8_s", Imm.MemArg],
  [0x31, "i64.load8_u", Imm.MemArg],
  [0x32, "i64.load16_s", Imm.MemArg],
  [0x33, "i64.load16_u", Imm.MemArg],
  [0x34, "i64.load32_s", Imm.MemArg],
  [0x35, "i64.load32_u", Imm.MemArg],
  [0x36, "i32.store", Imm.MemArg],
  [0x37, "i64.store", Imm.MemArg],
  [0x38, "f32.store", Imm.MemArg],
  [0x39, "f64.store", Imm.MemArg],
  [0x3a, "i32.store8", Imm.MemArg],
  [0x3b, "i32.store16", Imm.MemArg],
  [0x3c, "i64.store8", Imm.MemArg],
  [0x3d, "i64.store16", Imm.MemArg],
  [0x3e, "i64.store32", Imm.MemArg],
  [0x3f, "memory.size", Imm.ZeroByte],
  [0x40, "memory.grow", Imm.ZeroByte],
  [0x41, "i32.const", Imm.I32],
  [0x42, "i64.const", Imm.I64],
  [0x43, "f32.const", Imm.F32],
  [0x44, "f64.const", Imm.F64],
  [0x45, "i32.eqz", Imm.None],
  [0x46, "i32.eq", Imm.None],
  [0x47, "i32.ne", Imm.None],
  [0x48, "i32.lt_s", Imm.None],
  [0x49, "i32.lt_u", Imm.None],
  [0x4a, "i32.gt_s", Imm.None],
  [0x4b, "i32.gt_u", Imm.None],
  [0x4c, "i32.le_s", Imm.None],
  [0x4d, "i32.le_u", Imm.None],
  [0x4e, "i32.ge_s", Imm.None],
  [0x4f, "i32.ge_u", Imm.None],
  [0x50, "i64.eqz", Imm.None],
  [0x51, "i64.eq", Imm.None],
  [0x52, "i64.ne", Imm.None],
  [0x53, "i64.lt_s", Imm.None],
  [0x54, "i64.lt_u", Imm.None],
  [0x55, "i64.gt_s", Imm.None],
  [0x56, "i64.gt_u", Imm.None],
  [0x57, "i64.le_s", Imm.None],
  [0x58, "i64.le_u", Imm.None],
  [0x59, "i64.ge_s", Imm.None],
  [0x5a, "i64.ge_u", Imm.None],
  [0x5b, "f32.eq", Imm.None],
  [0x5c, "f32.ne", Imm.None],
  [0x5d, "f32.lt", Imm.None],
  [0x5e, "f32.gt", Imm.None],
  [0x5f, "f32.le", Imm.None],
  [0x60, "f32.ge", Imm.None],
  [0x61, "f64.eq", Imm.None],
  [0x62, "f64.ne", Imm.None],
  [0x63, "f64.lt", Imm.None],
  [0x64, "f64.gt", Imm.None],
  [0x65, "f64.le", Imm.None],
  [0x66, "f64.ge", Imm.None],
  [0x67, "i32.clz", Imm.None],
  [0x68, "i32.ctz", Imm.None],
  [0x69, "i32.popcnt", Imm.None],
  [0x6a, "i32.add", Imm.None],
  [0x6b, "i32.sub", Imm.None],
  [0x6c, "i32.mul", Imm.None],
  [0x6d, "i32.div_s", Imm.None],
  [0x6e, "i32.div_u", Imm.None],
  [0x6f, "i32.rem_s", Imm.None],
  [0x70, "i32.rem_u", Imm.None],
  [0x71, "i32.and", Imm.None],
  [0x72, "i32.or", Imm.None],
  [0x73, "i32.xor", Imm.None],
  [0x74, "i32.shl", Imm.None],
  [0x75, "i32.shr_s", Imm.None],
  [0x76, "i32.shr_u", Imm.None],
  [0x77, "i32.rotl", Imm.None],
  [0x78, "i32.rotr", Imm.None],
  [0x79, "i64.clz", Imm.None],
  [0x7a, "i64.ctz", Imm.None],
  [0x7b, "i64.popcnt", Imm.None],
  [0x7c, "i64.add", Imm.None],
  [0x7d, "i64.sub", Imm.None],
  [0x7e, "i64.mul", Imm.None],
  [0x7f, "i64.div_s", Imm.None],
  [0x80, "i64.div_u", Imm.None],
  [0x81, "i64.rem_s", Imm.None],
  [0x82, "i64.rem_u", Imm.None],
  [0x83, "i64.and", Imm.None],
  [0x84, "i64.or", Imm.None],
  [0x85, "i64.xor", Imm.None],
  [0x86, "i64.shl", Imm.None],
  [0x87, "i64.shr_s", Imm.None],
  [0x88, "i64.shr_u", Imm.None],
  [0x89, "i64.rotl", Imm.None],
  [0x8a, "i64.rotr", Imm.None],
  [0x8b, "f32.abs", Imm.None],
  [0x8c, "f32.neg", Imm.None],
  [0x8d, "f32.ceil", Imm.None],
  [0x8e, "f32.floor", Imm.None],
  [0x8f, "f32.trunc", Imm.None],
  [0x90, "f32.nearest", Imm.None],
  [0x91, "f32.sqrt", Imm.None],
  [0x92, "f32.add", Imm.None],
  [0x93, "f32.sub", Imm.None],
  [0x94, "f32.mul", Imm.None],
  [0x95, "f32.div", Imm.None],
  [0x96, "f32.min", Imm.None],
  [0x97, "f32.max", Imm.None],
  [0x98, "f32.copysign", Imm.None],
  [0x99, "f64.abs", Imm.None],
  [0x9a, "f64.neg", Imm.None],
  [0x9b, "f64.ceil", Imm.None],
  [0x9c, "f64.floor", Imm.None],
  [0x9d, "f64.trunc", Imm.None],
  [0x9e, "f64.nearest", Imm.None],
  [0x9f, "f64.sqrt", Imm.None],
  [0xa0, "f64.add", Imm.None],
  [0xa1, "f64.sub", Imm.None],
  [0xa2, "f64.mul", Imm.None],
  [0xa3, "f64.div", Imm.None],
  [0xa4, "f64.min", Imm.None],
  [0xa5, "f64.max", Imm.None],
  [0xa6, "f64.copysign", Imm.None],
  [0xa7, "i32.wrap_i64", Imm.None],
  [0xa8, "i32.trunc_f32_s", Imm.None],
  [0xa9, "i32.trunc_f32_u", Imm.None],
  [0xaa, "i32.trunc_f64_s", Imm.None],
  [0xab, "i32.trunc_f64_u", Imm.None],
  [0xac, "i64.extend_i32_s", Imm.None],
  [0xad, "i64.extend_i32_u", Imm.None],
  [0xae, "i64.trunc_f32_s", Imm.None],
  [0xaf, "i64.trunc_f32_u", Imm.None],
  [0xb0, "i64.trunc_f64_s", Imm.None],
  [0xb1, "i64.trunc_f64_u", Imm.None],
  [0xb2, "f32.convert_i32_s", Imm.None],
  [0xb3, "f32.convert_i32_u", Imm.None],
  [0xb4, "f32.convert_i64_s", Imm.None],
  [0xb5, "f32.convert_i64_u", Imm.None],
  [0xb6, "f32.demote_f64", Imm.None],
  [0xb7, "f64.convert_i32_s", Imm.None],
  [0xb8, "f64.convert_i32_u", Imm.None],
  [0xb9, "f64.convert_i64_s", Imm.None],
  [0xba, "f64.convert_i64_u", Imm.None],
  [0xbb, "f64.promote_f32", Imm.None],
  [0xbc, "i32.reinterpret_f32", Imm.None],
  [0xbd, "i64.reinterpret_f64", Imm.None],
  [0xbe, "f32.reinterpret_i32", Imm.None],
  [0xbf, "f64.reinterpret_i64", Imm.None],
  [0xc0, "i32.extend8_s", Imm.None],
  [0xc1, "i32.extend16_s", Imm.None],
  [0xc2, "i64.extend8_s", Imm.None],
  [0xc3, "i64.extend16_s", Imm.None],
  [0xc4, "i64.extend32_s", Imm.None],
  [0xd0, "ref.null", Imm.RefType],
  [0xd1, "ref.is_null", Imm.None],
  [0xd2, "ref.func", Imm.Func],
  [0xfc00, "i32.trunc_sat_f32_s", Imm.None],
  [0xfc01, "i32.trunc_sat_f32_u", Imm.None],
  [0xfc02, "i32.trunc_sat_f64_s", Imm.None],
  [0xfc03, "i32.trunc_sat_f64_u", Imm.None],
  [0xfc04, "i64.trunc_sat_f32_s", Imm.None],
  [0xfc05, "i64.trunc_sat_f32_u", Imm.None],
  [0xfc06, "i64.trunc_sat_f64_s", Imm.None],
  [0xfc07, "i64.trunc_sat_f64_u", Imm.None],
  [0xfc08, "memory.init", Imm.MemoryInit],
  [0xfc09, "data.drop", Imm.Data],
  [0xfc0a, "memory.copy", Imm.MemoryCopy],
  [0xfc0b, "memory.fill", Imm.ZeroByte],
  [0xfc0c, "table.init", Imm.TableInit],
  [0xfc0d, "elem.drop", Imm.Elem],
  [0xfc0e, "table.copy", Imm.TableCopy],
  [0xfc0f, "table.grow", Imm.Table],
  [0xfc10, "table.size", Imm.Table],
  [0xfc11, "table.fill", Imm.Table],
];

/** The prefix byte of the miscellaneous (saturating truncation, bulk memory, table) instructions. */
export const PREFIX_FC = 0xfc;
/** The prefix byte of the SIMD instructions (not supported yet: see the SIMD issue). */
export const PREFIX_FD = 0xfd;

/** Instruction info by code; `undefined` for codes that are not instructions. */
export const OP_INFO: ReadonlyMap<number, OpInfo> = new Map(
  TABLE.map(([code, mnemonic, imm]) => [code, { code, mnemonic, imm }]),
);

/**
 * Opcode constants named after mnemonics: `i64.extend32_s` → `Op.I64Extend32S`,
 * `select_t` → `Op.SelectT`.
 */
export const Op = {
  Unreachable: 0x00, Nop: 0x01, Block: 0x02, Loop: 0x03, If: 0x04, Else: 0x05, End: 0x0b,
  Br: 0x0c, BrIf: 0x0d, BrTable: 0x0e, Return: 0x0f, Call: 0x10, CallIndirect: 0x11,
  Drop: 0x1a, Select: 0x1b, SelectT: 0x1c,
  LocalGet: 0x20, LocalSet: 0x21, LocalTee: 0x22, GlobalGet: 0x23, GlobalSet: 0x24,
  TableGet: 0x25, TableSet: 0x26,
  I32Load: 0x28, I64Load: 0x29, F32Load: 0x2a, F64Load: 0x2b,
  I32Load8S: 0x2c, I32Load8U: 0x2d, I32Load16S: 0x2e, I32Load16U: 0x2f,
  I64Load8S: 0x30, I64Load8U: 0x31, I64Load16S: 0x32, I64Load16U: 0x33, I64Load32S: 0x34, I64Load32U: 0x35,
  I32Store: 0x36, I64Store: 0x37, F32Store: 0x38, F64Store: 0x39,
  I32Store8: 0x3a, I32Store16: 0x3b, I64Store8: 0x3c, I64Store16: 0x3d, I64Store32: 0x3e,
  MemorySize: 0x3f, MemoryGrow: 0x40,
  I32Const: 0x41, I64Const: 0x42, F32Const: 0x43, F64Const: 0x44,
  I32Eqz: 0x45, I32Eq: 0x46, I32Ne: 0x47, I32LtS: 0x48, I32LtU: 0x49, I32GtS: 0x4a, I32GtU: 0x4b,
  I32LeS: 0x4c, I32LeU: 0x4d, I32GeS: 0x4e, I32GeU: 0x4f,
  I64Eqz: 0x50, I64Eq: 0x51, I64Ne: 0x52, I64LtS: 0x53, I64LtU: 0x54, I64GtS: 0x55, I64GtU: 0x56,
  I64LeS: 0x57, I64LeU: 0x58, I64GeS: 0x59, I64GeU: 0x5a,
  F32Eq: 0x5b, F32Ne: 0x5c, F32Lt: 0x5d, F32Gt: 0x5e, F32Le: 0x5f, F32Ge: 0x60,
  F64Eq: 0x61, F64Ne: 0x62, F64Lt: 0x63, F64Gt: 0x64, F64Le: 0x65, F64Ge: 0x66,
  I32Clz: 0x67, I32Ctz: 0x68, I32Popcnt: 0x69, I32Add: 0x6a, I32Sub: 0x6b, I32Mul: 0x6c,
  I32DivS: 0x6d, I32DivU: 0x6e, I32RemS: 0x6f, I32RemU: 0x70, I32And: 0x71, I32Or: 0x72, I32Xor: 0x73,
  I32Shl: 0x74, I32ShrS: 0x75, I32ShrU: 0x76, I32Rotl: 0x77, I32Rotr: 0x78,
  I64Clz: 0x79, I64Ctz: 0x7a, I64Popcnt: 0x7b, I64Add: 0x7c, I64Sub: 0x7d, I64Mul: 0x7e,
  I64DivS: 0x7f, I64DivU: 0x80, I64RemS: 0x81, I64RemU: 0x82, I64And: 0x83, I64Or: 0x84, I64Xor: 0x85,
  I64Shl: 0x86, I64ShrS: 0x87, I64ShrU: 0x88, I64Rotl: 0x89, I64Rotr: 0x8a,
  F32Abs: 0x8b, F32Neg: 0x8c, F32Ceil: 0x8d, F32Floor: 0x8e, F32Trunc: 0x8f, F32Nearest: 0x90,
  F32Sqrt: 0x91, F32Add: 0x92, F32Sub: 0x93, F32Mul: 0x94, F32Div: 0x95, F32Min: 0x96, F32Max: 0x97,
  F32Copysign: 0x98,
  F64Abs: 0x99, F64Neg: 0x9a, F64Ceil: 0x9b, F64Floor: 0x9c, F64Trunc: 0x9d, F64Nearest: 0x9e,
  F64Sqrt: 0x9f, F64Add: 0xa0, F64Sub: 0xa1, F64Mul: 0xa2, F64Div: 0xa3, F64Min: 0xa4, F64Max: 0xa5,
  F64Copysign: 0xa6,
  I32WrapI64: 0xa7, I32TruncF32S: 0xa8, I32TruncF32U: 0xa9, I32TruncF64S: 0xaa, I32TruncF64U: 0xab,
  I64ExtendI32S: 0xac, I64ExtendI32U: 0xad, I64TruncF32S: 0xae, I64TruncF32U: 0xaf,
  I64TruncF64S: 0xb0, I64TruncF64U: 0xb1,
  F32ConvertI32S: 0xb2, F32ConvertI32U: 0xb3, F32ConvertI64S: 0xb4, F32ConvertI64U: 0xb5, F32DemoteF64: 0xb6,
  F64ConvertI32S: 0xb7, F64ConvertI32U: 0xb8, F64ConvertI64S: 0xb9, F64ConvertI64U: 0xba, F64PromoteF32: 0xbb,
  I32ReinterpretF32: 0xbc, I64ReinterpretF64: 0xbd, F32ReinterpretI32: 0xbe, F64ReinterpretI64: 0xbf,
  I32Extend8S: 0xc0, I32Extend16S: 0xc1, I64Extend8S: 0xc2, I64Extend16S: 0xc3, I64Extend32S: 0xc4,
  RefNull: 0xd0, RefIsNull: 0xd1, RefFunc: 0xd2,
  I32TruncSatF32S: 0xfc00, I32TruncSatF32U: 0xfc01, I32TruncSatF64S: 0xfc02, I32TruncSatF64U: 0xfc03,
  I64TruncSatF32S: 0xfc04, I64TruncSatF32U: 0xfc05, I64TruncSatF64S: 0xfc06, I64TruncSatF64U: 0xfc07,
  MemoryInit: 0xfc08, DataDrop: 0xfc09, MemoryCopy: 0xfc0a, MemoryFill: 0xfc0b,
  TableInit: 0xfc0c, ElemDrop: 0xfc0d, TableCopy: 0xfc0e, TableGrow: 0xfc0f, TableSize: 0xfc10, TableFill: 0xfc11,
} as const;
/** An instruction code (see {@link Op}). */
export type Op = (typeof Op)[keyof typeof Op];
