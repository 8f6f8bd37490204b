/**
 * The interpreter's internal instruction set: what {@link lowerFunction}
 * produces and the dispatch loop runs. A lowered function is an `Int32Array`
 * of instructions, each a code from {@link Code} followed by its operands.
 *
 * Register form: every operand names a slot of the current frame (locals
 * first, then one slot per operand-stack position), so `local.get`,
 * `local.set` and constants mostly vanish into the operands of the
 * instructions that use them. A slot is 8 bytes of the value stack.
 *
 * Operand units, written in the layouts below:
 * - `i` operands are offsets in 32-bit words from the frame base (twice the
 *   slot number): the loop reads `I[fp + op]` (i32, f32 bits, the low half of
 *   an i64/f64) and `I[fp + op + 1]` (the high half).
 * - `d` operands are slot numbers, read as `D[fd + op]` (f64 arithmetic).
 * - `r` operands are slot numbers of reference slots, read as `R[fd + op]`.
 * - `k` is an immediate; `@` a code position (branch target), complemented
 *   (negative) when the branch goes back to a loop: the loop counts those.
 *
 * Codes are a `const enum` so that every `case` of the loop's `switch` is a
 * literal small integer: V8 turns a dense switch over literals into a jump table.
 * @module
 */

/**
 * Internal instruction codes; the comment before each gives its operand
 * layout. Written by `npm run gen:interpreter` from ./isa.ts, the
 * instruction set's one definition: edit the table there, not this enum.
 */
export const enum Code {
  // ---- control ----
  /** `unreachable` */
  Unreachable,
  /** `@target` */
  Br,
  /** `i:cond @target`: branch when nonzero. */
  BrIf,
  /** `i:cond @target`: branch when zero. */
  BrIfNot,
  /** `i:index k:count @t0 .. @t(count-1) @default` */
  BrTable,
  /** Return without results. */
  Ret0,
  /** `i:src`: return one 32-bit value. */
  Ret32,
  /** `i:src`: return one 64-bit value. */
  Ret64,
  /** `r:src`: return one reference. */
  RetRef,
  /** `k:count (i:src k:kind)*`: return several values; kind is a {@link MoveKind}. */
  RetN,
  /** `k:definedFuncIndex i:argBase`: calls a function of the same module; arguments (then results) at `argBase`. */
  CallLocal,
  /** `k:funcIndex i:argBase`: calls an imported function. */
  CallImport,
  /** `k:typeIndex k:tableIndex i:argBase i:elemIndex` */
  CallIndirect,
  /** `l:definedFunc i:argBase`: a tail call (`return_call`) of a function of this module; the frame is reused. */
  ReturnCallLocal,
  /** `k:funcIndex i:argBase`: a tail call of an imported function. */
  ReturnCallImport,
  /** `k:typeIndex k:tableIndex i:argBase i:elemIndex`: `return_call_indirect`. */
  ReturnCallIndirect,
  /**
   * `k:typeIndex i:argBase r:func`: `call_ref` (typed function references); a null reference traps.
   * Validation makes the type right; it is checked anyway, as a host may have stored a function of
   * another type where the module's types could not stop it.
   */
  CallRef,
  /** `k:typeIndex i:argBase r:func`: `return_call_ref`; a null reference traps. */
  ReturnCallRef,
  /** `k:tagIndex i:argBase`: `throw`, the payload in the slots from `argBase` (see ./exceptions.ts). */
  Throw,
  /** `r:exnref`: `throw_ref`. */
  ThrowRef,

  // ---- fused compare and branch: `i:a i:b @target` / `i:a k:b @target` ----
  // Order as the i32 comparisons (eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u).
  BrEq, BrNe, BrLtS, BrLtU, BrGtS, BrGtU, BrLeS, BrLeU, BrGeS, BrGeU,
  BrEqI, BrNeI, BrLtSI, BrLtUI, BrGtSI, BrGtUI, BrLeSI, BrLeUI, BrGeSI, BrGeUI,

  // ---- increment, then compare and branch: `i:dst i:src k:add i:b @target` / `i:dst i:src k:add k:b @target` ----
  // `I[dst] = I[src] + add`, then branch when `I[dst] op b` (a loop's counter step and test in one).
  BrAddIEq, BrAddINe, BrAddILtS, BrAddILtU, BrAddIGtS, BrAddIGtU, BrAddILeS, BrAddILeU, BrAddIGeS, BrAddIGeU,
  BrAddIEqI, BrAddINeI, BrAddILtSI, BrAddILtUI, BrAddIGtSI, BrAddIGtUI, BrAddILeSI, BrAddILeUI, BrAddIGeSI, BrAddIGeUI,

  // ---- register increment, then compare with an immediate and branch: `i:dst i:src i:add k:b @target` ----
  BrAddEqI, BrAddNeI, BrAddLtSI, BrAddLtUI, BrAddGtSI, BrAddGtUI, BrAddLeSI, BrAddLeUI, BrAddGeSI, BrAddGeUI,

  // ---- increment a register, then branch on another: `i:dst i:src k:add i:cond @target`, when `cond` is nonzero / zero ----
  // (A loop whose test was computed before its counter's step.)
  BrIfAddI, BrIfNotAddI,

  // ---- test bits and branch: `i:a k:mask @target`, when `a & mask` is nonzero / zero ----
  BrAndINz, BrAndIZ,

  // ---- moves and constants ----
  /** `i:dst i:src` (i32, f32) */
  Mov32,
  /** `i:dst i:src` (i64, f64: both halves, so NaN bits survive) */
  Mov64,
  /** `d:dst d:src` (f64 as one 64-bit access: a value written in halves and read whole stalls the CPU) */
  MovF64,
  /** `r:dst r:src` */
  MovRef,
  /** `i:dst k:value` */
  Const32,
  /** `i:dst k:low k:high` */
  Const64,
  /** `i:dst i:a i:b i:cond` */
  Select32,
  /** `i:dst i:a i:b i:cond` */
  Select64,
  /** `r:dst r:a r:b i:cond` */
  SelectRef,
  /** `i:dst k:global` */
  GlobalGet32,
  /** `i:dst k:global` */
  GlobalGet64,
  /** `r:dst k:global` */
  GlobalGetRef,
  /** `k:global i:src` */
  GlobalSet32,
  /** `k:global i:src` */
  GlobalSet64,
  /** `k:global r:src` */
  GlobalSetRef,

  // ---- memory: loads `i:dst i:addr k:offset`, stores `i:addr i:value k:offset` ----
  /** i32.load, f32.load */
  I32Load,
  /** i64.load */
  I64Load,
  /** f64.load: `d:dst i:addr k:offset` */
  F64Load,
  I32Load8S, I32Load8U, I32Load16S, I32Load16U,
  I64Load8S, I64Load8U, I64Load16S, I64Load16U, I64Load32S, I64Load32U,
  /** i32.store, f32.store, i64.store32 */
  I32Store,
  /** i64.store */
  I64Store,
  /** f64.store: `i:addr d:value k:offset` */
  F64Store,
  /** i32.store8, i64.store8 */
  Store8,
  /** i32.store16, i64.store16 */
  Store16,

  // Loads and stores whose address is a register plus a constant, added with 32-bit wrap-around
  // (`i32.add` then an access with offset 0): `i:dst i:base k:add` / `i:base i:value k:add`.
  I32LoadA, I64LoadA, F64LoadA, I32Load8SA, I32Load8UA, I32Load16SA, I32Load16UA,
  I32StoreA, I64StoreA, F64StoreA, Store8A, Store16A,

  // Loads and stores at a constant base plus a shifted index (`i32.shl`, `i32.add`, then an access
  // with offset 0: a C array at a static address): `i:dst i:index k:shift k:base` / `i:index i:value k:shift k:base`.
  I32LoadS, I64LoadS, F64LoadS, I32StoreS, I64StoreS, F64StoreS,
  /** `i:dst` */
  MemorySize,
  /** `i:dst i:delta` */
  MemoryGrow,
  /** `k:data i:dst i:src i:len` */
  MemoryInit,
  /** `k:data` */
  DataDrop,
  /** `i:dst i:src i:len` */
  MemoryCopy,
  /** `i:dst i:value i:len` */
  MemoryFill,

  // ---- i32: unary `i:dst i:a`, binary `i:dst i:a i:b`, with immediate `i:dst i:a k:b` ----
  I32Eqz,
  I32Eq, I32Ne, I32LtS, I32LtU, I32GtS, I32GtU, I32LeS, I32LeU, I32GeS, I32GeU,
  I32EqI, I32NeI, I32LtSI, I32LtUI, I32GtSI, I32GtUI, I32LeSI, I32LeUI, I32GeSI, I32GeUI,
  I32Clz, I32Ctz, I32Popcnt,
  I32Add, I32Sub, I32Mul, I32DivS, I32DivU, I32RemS, I32RemU,
  I32And, I32Or, I32Xor, I32Shl, I32ShrS, I32ShrU, I32Rotl, I32Rotr,
  /** `i32.sub` by a constant becomes `I32AddI` of its negation. */
  I32AddI, I32MulI, I32AndI, I32OrI, I32XorI, I32ShlI, I32ShrSI, I32ShrUI, I32RotlI, I32RotrI,
  /** Shift by a constant, then xor: `i:dst i:x i:y k:count` is `x ^ (y op count)` (hashes, generators). */
  I32XorShlI, I32XorShrSI, I32XorShrUI,
  /** `i:dst i:a k:m k:c`: `a * m + c` (index arithmetic, generators). */
  I32MulAddI,
  I32Extend8S, I32Extend16S,

  // ---- i64 (two halves): unary `i:dst i:a`, binary `i:dst i:a i:b` ----
  I64Eqz,
  I64Eq, I64Ne, I64LtS, I64LtU, I64GtS, I64GtU, I64LeS, I64LeU, I64GeS, I64GeU,
  I64Clz, I64Ctz, I64Popcnt,
  I64Add, I64Sub, I64Mul, I64DivS, I64DivU, I64RemS, I64RemU,
  I64And, I64Or, I64Xor, I64Shl, I64ShrS, I64ShrU, I64Rotl, I64Rotr,
  /**
   * Shifts and rotates by a constant, without branches: `i:dst i:a k:count`, count 1..31; the `Hi` forms
   * shift by 32 + count, count 0..31 (rotates 33..63; a rotate by 32 uses `I64Rotl`). Rotating right by
   * k is rotating left by 64 - k.
   */
  I64ShlI, I64ShlIHi, I64ShrSI, I64ShrSIHi, I64ShrUI, I64ShrUIHi, I64RotlI, I64RotlIHi,
  /** Shift by a constant, then xor: `i:dst i:x i:y k:count` is `x ^ (y op count)`, counts as above. */
  I64XorShlI, I64XorShlIHi, I64XorShrSI, I64XorShrSIHi, I64XorShrUI, I64XorShrUIHi,
  I64Extend8S, I64Extend16S, I64Extend32S,
  I64ExtendI32S, I64ExtendI32U,

  // ---- f32 (through the Float32Array view, `i` operands) ----
  F32Eq, F32Ne, F32Lt, F32Gt, F32Le, F32Ge,
  /** abs, neg and copysign are bit operations, so NaN payloads survive. */
  F32Abs, F32Neg, F32Copysign,
  F32Ceil, F32Floor, F32Trunc, F32Nearest, F32Sqrt,
  F32Add, F32Sub, F32Mul, F32Div, F32Min, F32Max,
  /** `i:dst i:a i:b i:c`: `a * b + c`, the product rounded to f32 first (an `f32.mul` then `f32.add`). */
  F32MulAdd,

  // ---- f64: comparisons `i:dst d:a d:b`; abs/neg/copysign on halves `i:dst i:a (i:b)`; arithmetic `d:dst d:a (d:b)` ----
  F64Eq, F64Ne, F64Lt, F64Gt, F64Le, F64Ge,
  F64Abs, F64Neg, F64Copysign,
  F64Ceil, F64Floor, F64Trunc, F64Nearest, F64Sqrt,
  F64Add, F64Sub, F64Mul, F64Div, F64Min, F64Max,
  /**
   * With an operand loaded from memory at register + constant (wrapping at 32 bits): `d:dst d:x i:base
   * k:add` is `x * load` / `x + load`; `F64MulAddL` `d:dst d:x i:base k:add d:c` is `x * load + c` (dot
   * products, sums over arrays).
   */
  F64MulL, F64AddL, F64MulAddL,
  /** `d:dst d:a d:b d:c`: `a * b + c` rounded twice, as an `f64.mul` then `f64.add` (not a fused multiply-add). */
  F64MulAdd,

  // ---- conversions `dst a`, units by the types involved (f64 in `d`, all else `i`) ----
  I32TruncF32S, I32TruncF32U, I32TruncF64S, I32TruncF64U,
  I64TruncF32S, I64TruncF32U, I64TruncF64S, I64TruncF64U,
  I32TruncSatF32S, I32TruncSatF32U, I32TruncSatF64S, I32TruncSatF64U,
  I64TruncSatF32S, I64TruncSatF32U, I64TruncSatF64S, I64TruncSatF64U,
  F32ConvertI32S, F32ConvertI32U, F32ConvertI64S, F32ConvertI64U, F32DemoteF64,
  F64ConvertI32S, F64ConvertI32U, F64ConvertI64S, F64ConvertI64U, F64PromoteF32,

  // ---- references and tables ----
  /** `r:dst` */
  RefNull,
  /** `i:dst r:a` */
  RefIsNull,
  /** `r:a`: traps when `a` is null (`ref.as_non_null`); the value stays where it is. */
  RefAsNonNull,
  /** `r:dst k:func` */
  RefFunc,
  /** `r:dst k:table i:index` */
  TableGet,
  /** `k:table i:index r:value` */
  TableSet,
  /** `i:dst k:table` */
  TableSize,
  /** `i:dst k:table r:init i:delta` */
  TableGrow,
  /** `k:table i:index r:value i:len` */
  TableFill,
  /** `k:dstTable k:srcTable i:dst i:src i:len` */
  TableCopy,
  /** `k:table k:elem i:dst i:src i:len` */
  TableInit,
  /** `k:elem` */
  ElemDrop,
  /**
   * table64: `i:dst i:a`, the i64 index or length `a` as the u32 the table codes read: its low word, or
   * all ones when the high word is not zero (an index no table reaches, since sizes stay under
   * `TABLE_SIZE_LIMIT`).
   */
  TableIndex64,

  // ---- SIMD ----
  /**
   * Every v128 instruction and v128 move: `d op operands...`, run out of the loop by `simdStep` (layouts
   * in ../simd/step.ts).
   */
  Simd,

  // ---- threads ----
  /**
   * Every atomic instruction: `I:dst k:op i:addr k:offset i:a i:b i:c` (always 8 words; unused operands
   * 0), run out of the loop by `atomicStep` (./atomics.ts).
   */
  Atomic,

  // ---- multiple memories and memory64 ----
  /**
   * A memory instruction on a memory other than 0 or with i64 addresses: `X:dst k:op k:memory i:a x:b
   * i:c k:offsetLo k:offsetHi k:extra` (always 10 words; the units of `dst` and `b` follow the value
   * type: words, or a slot for a v128), run out of the loop by `memStep` (./memory.ts).
   */
  Mem,

  // ---- GC: i31, ref.eq, casts, extern/any conversions ----
  /** `r:dst i:a`: `ref.i31` (the low 31 bits, sign-extended, as a number). */
  RefI31,
  /** `i:dst r:a`: `i31.get_s`; traps on null. */
  I31GetS, I31GetU,
  /** `i:dst r:a r:b`: `ref.eq` (`===`: i31 numbers by value, objects by identity). */
  RefEq,
  /** `r:dst r:a`: `any.convert_extern` / `extern.convert_any`. */
  AnyConvertExtern, ExternConvertAny,
  /**
   * `i:dst r:a k:heap k:nullable` (always 4 operands): `ref.test` and the test of
   * `br_on_cast`/`br_on_cast_fail`; `heap` is the module's heap type (a concrete one names
   * `space.types`). Variable-layout only so the warm-up leaves it out (its immediates must name a real
   * type).
   */
  RefTest,
  /**
   * `r:a k:heap k:nullable` (always 3 operands): `ref.cast`, trapping when the test fails; the value
   * stays where it is.
   */
  RefCast,

  // ---- GC structs: `k:slot` is the field's first slot (`structSlot` of ../../runtime/gc-objects.ts); a null struct traps ----
  /** `i:dst r:struct k:slot`: an i32, f32 (bits) or zero-extended packed field. */
  StructGet32,
  /** `i:dst r:struct k:slot`: an i64 or f64 field (two slots, low then high word). */
  StructGet64,
  /** `r:dst r:struct k:slot` */
  StructGetRef,
  /** `i:dst r:struct k:slot`: `struct.get_s` of an i8 field; `StructGetS16` of an i16 field. */
  StructGetS8, StructGetS16,
  /** `r:struct k:slot i:value` (i32, f32) */
  StructSet32,
  /** `r:struct k:slot i:value` (i64, f64) */
  StructSet64,
  /** `r:struct k:slot r:value` */
  StructSetRef,
  /** `r:struct k:slot i:value`: stores the low 8 (`StructSet16`: 16) bits. */
  StructSet8, StructSet16,

  // ---- GC arrays: `i:index` unsigned; a null array or an index out of bounds traps ----
  /** `i:dst r:array` */
  ArrayLen,
  /** `i:dst r:array i:index` (i32, f32 bits: `Int32Array` elements) */
  ArrayGet32,
  /** `i:dst r:array i:index` (i64, f64: two words per element) */
  ArrayGet64,
  /** `r:dst r:array i:index` */
  ArrayGetRef,
  /** `i:dst r:array i:index`: packed elements, sign- or zero-extended. */
  ArrayGetS8, ArrayGetU8, ArrayGetS16, ArrayGetU16,
  /** `r:array i:index i:value` (i32, f32) */
  ArraySet32,
  /** `r:array i:index i:value` (i64, f64) */
  ArraySet64,
  /** `r:array i:index r:value` */
  ArraySetRef,
  /** `r:array i:index i:value`: packed elements (the typed array keeps the low bits). */
  ArraySet8, ArraySet16,

  // ---- GC allocation, v128 fields and elements, bulk array operations ----
  /**
   * `k:op R:dst ...` (always `GC_AGG_WORDS` words): run out of the loop by `gcAggregateStep`
   * (./gc-aggregates.ts), which documents each operation's operands.
   */
  GcAggregate,
  /** Not an instruction: the number of codes. */
  Count,
}

/** How a value moves between slots: which view, and how many words. */
export const enum MoveKind {
  /** One 32-bit word (i32, f32). */
  W32 = 0,
  /** Two 32-bit words (i64, f64). */
  W64 = 1,
  /** A reference slot. */
  Ref = 2,
  /** A v128 slot (the machine's parallel v128 area). */
  V128 = 3,
}

/**
 * The negation of each comparison, in the order of the i32 comparisons
 * (eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u): branching when
 * `a < b` is false is branching when `a >= b` is true.
 */
export const NEGATED_COMPARISON: readonly number[] = [1, 0, 8, 9, 6, 7, 4, 5, 2, 3];
