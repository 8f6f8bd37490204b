/**
 * Lowering a validated function body to the interpreter's register code
 * ({@link Code}): each operand-stack position gets a fixed slot after the
 * locals, and the lowering tracks, for every stack entry, whether its value
 * is already in that slot, still in a local (a `local.get` not yet copied),
 * or a constant. Instructions then name their operands' slots directly, so
 * `local.get`, `local.set`/`local.tee` (by retargeting the previous
 * instruction's result) and constants mostly cost no dispatch.
 *
 * It also fuses an instruction with the one just before it when that one's
 * result feeds only it (nothing, no label, lies between): a comparison, an
 * `eqz`, a mask or an increment into the branch that tests it; an address
 * computation (register + constant, or constant + shifted register) into
 * the load or store; a shift into an `xor`; a product into an add; an f64
 * load into the arithmetic that uses it. Each fusion removes a dispatch,
 * which costs more than the work of most instructions.
 *
 * Invariants the lowering keeps:
 * - An entry that refers to a local is copied to its own slot before that
 *   local is written, and every lazy entry is copied to its slot before a
 *   block, loop or if begins (code inside may write any local).
 * - Values crossing a label (block results, loop parameters, branch values)
 *   are in their slots at the label's height, so every path agrees.
 * - No instruction is retargeted or fused across a label.
 *
 * The module is validated before it runs, so types and stack heights are
 * trusted here, not checked.
 * @module
 */
import { CatchKind, Imm, Op } from "../../base/opcodes.js";
import { AtomicKind, atomicKind, atomicValType, isAtomic } from "../../base/atomics.js";
import { HeapType, NON_NULL, ValType, funcTypeAt, heapType, isNullable, isRefType, type FuncType } from "../../base/types.js";
import { BLOCK_EMPTY, CodeReader } from "../../decode/code.js";
import type { CodeSpace } from "./codespace.js";
import { SIMD, SIMD_STRIDE, S_ARITY, S_OPERAND, S_RESULT, simdSlot } from "../../validate/simd-signatures.js";
import { MEMORY_ACCESS } from "../../validate/signatures.js";
import { OP_IMM } from "../../decode/op-table.js";
import type { ValidatedModule } from "../../validate/validated.js";
import { SimdMove } from "../simd/step.js";
import { deterministicSimd } from "../simd/relaxed.js";
import { Code, MoveKind, NEGATED_COMPARISON } from "./codes.js";
import type { CatchClause, Handler } from "./exceptions.js";
import { concreteHeap, unpacked, type ArrayType, type StructType } from "../../base/types.js";
import { Elem, elemOf, structLayout } from "../../runtime/gc-objects.js";

/** 1 for the immediate kinds of memory instructions (a memarg or memory index): those may take the generic `Mem` code. */
const MEMORY_IMM: Uint8Array = (() => {
  const t = new Uint8Array(64);
  for (const k of [Imm.MemArg, Imm.MemArgLane, Imm.Memory, Imm.MemoryInit, Imm.MemoryCopy]) t[k] = 1;
  return t;
})();

/** What one lowering produces. */
export interface LoweredBody {
  readonly code: readonly number[];
  readonly nParams: number;
  readonly nLocals: number;
  readonly maxHeight: number;
  /** Low and high words of each constant slot. */
  readonly consts: readonly number[];
  readonly refLocals: readonly number[];
  /**
   * The trap side table: the position (from the body's first word) of each
   * instruction, ascending, and at the same index in {@link LoweredBody.sourceOffsets}
   * the offset in the module's bytes of the wasm instruction it comes from.
   */
  readonly sitePcs: readonly number[];
  /**
   * Per entry of {@link LoweredBody.sitePcs}, the wasm instruction's offset in
   * the module binary; a fused instruction names the part that can trap
   * (the load of a load-and-add, not the add).
   */
  readonly sourceOffsets: readonly number[];
  /** The `try_table` handlers, innermost first, with code space positions (absent: none). */
  readonly handlers?: readonly Handler[];
  /**
   * Loops where a frame can move to compiled code (on-stack replacement, see
   * ../tiered.ts): pairs of the loop's code space position (where its
   * backward branches land) and the wasm offset of its `loop` instruction.
   * Only loops entered with an empty operand stack, without parameters and
   * outside any `try_table`, where the frame's state is its locals alone.
   */
  readonly osrLoops?: readonly number[];
}

/** Where a stack entry's value is. */
const enum Where {
  /** In the entry's own slot. */
  Slot,
  /** In a local (a `local.get` not copied yet). */
  Local,
  /** A constant not written anywhere yet. */
  Const,
}

const enum Frame { Block, Loop, If, Else, Function }

interface Ctrl {
  kind: Frame;
  /** Stack height below the block's parameters. */
  readonly height: number;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Code position of a loop's first instruction. */
  readonly start: number;
  /** Code positions holding branch targets to patch with the end position. */
  readonly fixups: number[];
  /** Code position of the `if`'s branch to its `else` (or end), or -1. */
  elseFixup: number;
  /** Code after an unconditional branch, up to this frame's `else`/`end`, is skipped. */
  unreachable: boolean;
  /** Code space position of the block's end, once lowered (a landing pad's branch target). */
  endPos?: number;
  /** A `try_table`'s handler (its end is set at the block's end). */
  handler?: Handler;
}

/** A landing pad to emit after the function: moves caught values to a clause's label and branches there. */
interface Pad {
  readonly clause: CatchClause;
  readonly target: Ctrl;
  /** Stack height where the caught values are (the `try_table`'s height outside). */
  readonly height: number;
  /** Their types: the payload, then an exnref for the `_ref` kinds. */
  readonly types: readonly ValType[];
  /** The `try_table`'s offset in the module's bytes. */
  readonly at: number;
}

const I32_COMPARE_FIRST = Op.I32Eq;

/** Shift-by-immediate codes and the xor-of-shift codes they fuse into. */
const I32_XOR_SHIFTS: ReadonlyMap<number, Code> = new Map([
  [Code.I32ShlI, Code.I32XorShlI], [Code.I32ShrSI, Code.I32XorShrSI], [Code.I32ShrUI, Code.I32XorShrUI],
]);
const I64_XOR_SHIFTS: ReadonlyMap<number, Code> = new Map([
  [Code.I64ShlI, Code.I64XorShlI], [Code.I64ShrSI, Code.I64XorShrSI], [Code.I64ShrUI, Code.I64XorShrUI],
  [Code.I64ShlIHi, Code.I64XorShlIHi], [Code.I64ShrSIHi, Code.I64XorShrSIHi], [Code.I64ShrUIHi, Code.I64XorShrUIHi],
]);
/** Indices of `eq` and `ne` among the comparisons. */
const CMP_EQ = 0, CMP_NE = 1;

/** The fused form (address = constant + shifted register) of each load and store that has one. */
const SCALED_FUSED: ReadonlyMap<Code, Code> = new Map([
  [Code.I32Load, Code.I32LoadS], [Code.I64Load, Code.I64LoadS], [Code.F64Load, Code.F64LoadS],
  [Code.I32Store, Code.I32StoreS], [Code.I64Store, Code.I64StoreS], [Code.F64Store, Code.F64StoreS],
]);

/** The fused form (address = register + constant) of each load and store that has one. */
const ADDRESS_FUSED: ReadonlyMap<Code, Code> = new Map([
  [Code.I32Load, Code.I32LoadA], [Code.I64Load, Code.I64LoadA], [Code.F64Load, Code.F64LoadA],
  [Code.I32Load8S, Code.I32Load8SA], [Code.I32Load8U, Code.I32Load8UA],
  [Code.I32Load16S, Code.I32Load16SA], [Code.I32Load16U, Code.I32Load16UA],
  [Code.I32Store, Code.I32StoreA], [Code.I64Store, Code.I64StoreA], [Code.F64Store, Code.F64StoreA],
  [Code.Store8, Code.Store8A], [Code.Store16, Code.Store16A],
]);
/** Comparison index of `a op b` when written `b op' a` (lt ↔ gt, le ↔ ge). */
const MIRRORED_COMPARISON: readonly number[] = [0, 1, 4, 5, 2, 3, 8, 9, 6, 7];

/** How values of type `t` live in slots. */
function moveKind(t: ValType): MoveKind {
  if (isRefType(t)) return MoveKind.Ref;
  switch (t) {
    case ValType.I32: case ValType.F32: return MoveKind.W32;
    case ValType.I64: case ValType.F64: return MoveKind.W64;
    case ValType.FuncRef: case ValType.ExternRef: case ValType.ExnRef: return MoveKind.Ref;
    case ValType.V128: return MoveKind.V128;
    default: throw new Error(`lowering: value type ${t}`);
  }
}

/** Operand unit of a slot for an access of `kind`: words for numbers, slots for references and v128s. */
function unitOf(kind: MoveKind): number {
  return kind === MoveKind.Ref || kind === MoveKind.V128 ? 1 : 2;
}

/** Lowers one function; used once, then dropped (see {@link CodeSpace}). */
export class Lowering {
  private readonly code: number[] = [];
  private readonly type: FuncType;
  private readonly localTypes: ValType[] = [];
  private readonly nLocals: number;
  private readonly refLocals: number[] = [];
  /** Declared locals of type v128: zeroed by the function's first instructions. */
  private readonly v128Locals: number[] = [];

  // The operand stack model: per entry, where the value is, which local, the constant's halves, the type.
  private readonly where: Where[] = [];
  private readonly local: number[] = [];
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private readonly types: ValType[] = [];
  private h = 0;
  private maxH = 0;

  private readonly ctrls: Ctrl[] = [];
  /** See {@link LoweredBody.osrLoops}. */
  private readonly osrLoops: number[] = [];
  /** `try_table` handlers, innermost first (in the order their blocks end). */
  private readonly handlers: Handler[] = [];
  /** Landing pads of the catch clauses, emitted after the function's last instruction. */
  private readonly pads: Pad[] = [];
  /** Nesting depth of blocks inside skipped (unreachable) code. */
  private deadNest = 0;

  /** Start of the last instruction, while nothing (no label) separates it from the next; else -1. */
  private lastStart = -1;
  /** Start of the instruction before it, under the same condition; else -1. */
  private prevStart = -1;
  /** Position of the last instruction's destination operand, if it has one and may be retargeted; else -1. */
  private lastDst = -1;
  /** Unit of that destination operand (2: words, 1: slots). */
  private lastDstUnit = 2;

  /** Offset in the module's bytes of the wasm instruction being lowered (what emitted code maps to). */
  private at = 0;
  /** Where emitted instructions start and the wasm offsets they map to (see {@link LoweredBody.sitePcs}). */
  private readonly sitePcs: number[] = [];
  private readonly sourceOffsets: number[] = [];
  /** The wasm offset of the instruction {@link Lowering.dropLast} removed last (a fusion may keep it). */
  private droppedAt = 0;

  /** Constant slots: their words (low, high) and index by value. */
  private readonly consts: number[] = [];
  private readonly constIndex = new Map<string, number>();

  /**
   * `base` is where the code will sit in the code space (branch targets are
   * code space positions); `nConsts` the constant slots to reserve.
   */
  constructor(
    private readonly m: ValidatedModule, private readonly funcTypes: readonly FuncType[], private readonly funcIndex: number,
    private readonly base: number, private readonly nConsts: number,
  ) {
    this.type = funcTypes[funcIndex]!;
    const body = m.codes[funcIndex - m.importedFuncs]!;
    for (const t of this.type.params) this.localTypes.push(t);
    for (const run of body.locals) {
      for (let i = 0; i < run.count; i++) {
        if (moveKind(run.type) === MoveKind.Ref) this.refLocals.push(this.localTypes.length);
        if (run.type === ValType.V128) this.v128Locals.push(this.localTypes.length);
        this.localTypes.push(run.type);
      }
    }
    this.nLocals = this.localTypes.length;
  }

  run(): LoweredBody {
    const m = this.m;
    const body = m.codes[this.funcIndex - m.importedFuncs]!;
    this.ctrls.push({
      kind: Frame.Function, height: 0, params: [], results: this.type.results, start: 0,
      fixups: [], elseFixup: -1, unreachable: false,
    });
    const r = new CodeReader(m.bytes, body.codeStart, body.codeEnd);
    // v128 locals live outside the frame's words that entry zeroes.
    for (const x of this.v128Locals) this.ins(Code.Simd, x, Op.V128Const, 0, 0, 0, 0);
    while (this.ctrls.length > 0) {
      const op = r.next();
      const top = this.ctrls[this.ctrls.length - 1]!;
      if (top.unreachable) {
        if (op === Op.Block || op === Op.Loop || op === Op.If || op === Op.TryTable) { this.deadNest++; continue; }
        if (op === Op.End && this.deadNest > 0) { this.deadNest--; continue; }
        if (op !== Op.Else && op !== Op.End) continue;
        if (op === Op.Else && this.deadNest > 0) continue;
      }
      this.at = r.opOffset;
      this.instruction(op, r);
    }
    this.emitPads();
    return {
      code: this.code, nParams: this.type.params.length, nLocals: this.nLocals, maxHeight: this.maxH,
      consts: this.consts, refLocals: this.refLocals, sitePcs: this.sitePcs, sourceOffsets: this.sourceOffsets,
      handlers: this.handlers, osrLoops: this.osrLoops,
    };
  }

  /**
   * Emits the landing pads after the function's code, where no path falls
   * into them, so a `try_table` costs nothing when nothing is thrown.
   */
  private emitPads(): void {
    for (const p of this.pads) {
      p.clause.landing = this.label();
      this.at = p.at;
      this.resetStack(p.height, p.types);
      const t = p.target;
      if (t.kind === Frame.Function) this.emitReturn();
      else {
        this.branchMoves(t);
        this.ins(Code.Br, t.kind === Frame.Loop ? ~t.start : t.endPos!);
      }
    }
  }

  /** Parameter types of tag `x` (imported tags first). */
  private tagParams(x: number): readonly ValType[] {
    return this.m.spaces.tags[x]!.params;
  }

  // ------------------------------------------------------------ emission

  /** Emits an instruction without a retargetable destination. */
  private ins(...words: number[]): void {
    this.insWords(words);
  }

  /**
   * {@link Lowering.ins} for an instruction of variable length (a `br_table`'s
   * targets, a return's moves): never spread into a call, since a valid
   * function may have hundreds of thousands of them (issue 12).
   */
  private insWords(words: readonly number[]): void {
    this.prevStart = this.lastStart;
    this.lastStart = this.code.length;
    this.lastDst = -1;
    this.site();
    for (const w of words) this.code.push(w);
  }

  /** Emits an instruction whose first operand is a destination in `unit`s. */
  private insDst(unit: number, ...words: number[]): void {
    this.insDstWords(unit, words);
  }

  /** {@link Lowering.insDst} with the words in an array (any length). */
  private insDstWords(unit: number, words: readonly number[]): void {
    this.prevStart = this.lastStart;
    this.lastStart = this.code.length;
    this.lastDst = this.code.length + 1;
    this.lastDstUnit = unit;
    this.site();
    for (const w of words) this.code.push(w);
  }

  /** Maps the instruction about to be emitted to the wasm instruction being lowered. */
  private site(): void {
    this.sitePcs.push(this.code.length);
    this.sourceOffsets.push(this.at);
  }

  /** Cuts the code back to `length` words, with the side table entries of what it removes. */
  private truncate(length: number): void {
    this.code.length = length;
    const pcs = this.sitePcs;
    while (pcs.length > 0 && pcs[pcs.length - 1]! >= length) {
      pcs.pop();
      this.droppedAt = this.sourceOffsets.pop()!;
    }
  }

  /** Marks the current position as a branch target; returns it. */
  private label(): number {
    this.lastStart = -1;
    this.prevStart = -1;
    this.lastDst = -1;
    return this.base + this.code.length;
  }

  /**
   * Removes the last instruction, to emit a fused one in its place (its
   * operands are read first). The one before it becomes the last.
   */
  private dropLast(): void {
    this.truncate(this.lastStart);
    this.lastStart = this.prevStart;
    this.prevStart = -1;
    this.lastDst = -1;
  }

  /**
   * When the last two instructions are `I32ShlI` into a stack slot then
   * `I32AddI` of that slot (an address: a constant base plus a scaled
   * index), removes them and returns [index, shift, base]; else null. Call
   * only when {@link lastAddsTo} holds.
   */
  private takeScaledIndex(): [number, number, number] | null {
    const code = this.code, p = this.prevStart, l = this.lastStart;
    if (p < 0 || code[p] !== Code.I32ShlI || code[p + 1] !== code[l + 2] || code[p + 1]! < 2 * this.slot(0)) return null;
    const index = code[p + 2]!, shift = code[p + 3]!, base = code[l + 3]!;
    this.truncate(p);
    this.lastStart = -1;
    this.prevStart = -1;
    this.lastDst = -1;
    return [index, shift, base];
  }

  /**
   * When one of entries `i`, `i + 1` is the result of the last instruction, an
   * f64 load from register + constant (or with offset 0), returns that entry
   * and the load's [base, add]; else null.
   */
  private lastF64Load(i: number): [number, number, number] | null {
    const code = this.code, l = this.lastStart;
    if (l < 0 || (code[l] !== Code.F64LoadA && !(code[l] === Code.F64Load && code[l + 3] === 0))) return null;
    const loaded = this.where[i + 1] === Where.Slot && code[l + 1] === this.slot(i + 1) ? i + 1
      : this.where[i] === Where.Slot && code[l + 1] === this.slot(i) ? i : -1;
    return loaded < 0 ? null : [loaded, code[l + 2]!, code[l + 3]!];
  }

  /** `f64.mul`/`f64.add` of a value just loaded: one instruction with a memory operand. */
  private f64OfLoad(fused: Code, t: ValType): boolean {
    const i = this.h - 2;
    const load = this.lastF64Load(i);
    if (load === null) return false;
    const [loaded, base, add] = load;
    this.pop(2);
    const x = this.src(loaded === i ? i + 1 : i, 1);
    this.dropLast();
    // The load is the part that can trap.
    this.at = this.droppedAt;
    this.insDst(1, fused, this.slot(i), x, base, add);
    this.pushSlot(t);
    return true;
  }

  /** True when the last instruction is an `I32AddI` writing entry `i`'s slot. */
  private lastAddsTo(i: number): boolean {
    return this.where[i] === Where.Slot && this.lastStart >= 0 && this.code[this.lastStart] === Code.I32AddI &&
      this.code[this.lastStart + 1] === 2 * this.slot(i);
  }

  // ------------------------------------------------------------ the stack model

  private slot(i: number): number {
    return this.nLocals + this.nConsts + i;
  }

  /** The slot holding the constant with words `lo`, `hi` (allocated on first use). */
  private constSlot(lo: number, hi: number): number {
    const key = `${lo},${hi}`;
    let k = this.constIndex.get(key);
    if (k === undefined) {
      k = this.consts.length / 2;
      this.consts.push(lo, hi);
      this.constIndex.set(key, k);
    }
    return this.nLocals + k;
  }

  private push(where: Where, t: ValType, local = 0, lo = 0, hi = 0): void {
    const i = this.h++;
    this.where[i] = where;
    this.types[i] = t;
    this.local[i] = local;
    this.lo[i] = lo;
    this.hi[i] = hi;
    if (this.h > this.maxH) this.maxH = this.h;
  }

  private pushSlot(t: ValType): void {
    this.push(Where.Slot, t);
  }

  /** Pops `n` entries; returns the index of the first popped. */
  private pop(n = 1): number {
    this.h -= n;
    return this.h;
  }

  /** Copies entry `i`'s value into its own slot, if it is elsewhere. */
  private materialize(i: number): void {
    const w = this.where[i]!;
    if (w === Where.Slot) return;
    this.moveEntry(this.slot(i), i);
    this.where[i] = Where.Slot;
  }

  private materializeRange(from: number, to: number): void {
    for (let i = from; i < to; i++) this.materialize(i);
  }

  /** True when an entry below `below` still reads local `x`. */
  private readsLocal(x: number, below: number): boolean {
    for (let i = 0; i < below; i++) if (this.where[i] === Where.Local && this.local[i] === x) return true;
    return false;
  }

  /** Copies the entries still reading local `x` into their own slots (before `x` is written). */
  private flushLocal(x: number, below: number): void {
    for (let i = 0; i < below; i++) {
      if (this.where[i] === Where.Local && this.local[i] === x) this.materialize(i);
    }
  }

  /** Emits the copy of entry `i`'s value into slot `dst` (nothing if it is there). */
  private moveEntry(dst: number, i: number): void {
    const kind = moveKind(this.types[i]!);
    const w = this.where[i]!;
    if (w === Where.Const) {
      if (kind === MoveKind.W32) this.insDst(2, Code.Const32, 2 * dst, this.lo[i]!);
      else this.insDst(2, Code.Const64, 2 * dst, this.lo[i]!, this.hi[i]!);
      return;
    }
    const from = w === Where.Local ? this.local[i]! : this.slot(i);
    if (from === dst) return;
    switch (kind) {
      case MoveKind.W32: this.insDst(2, Code.Mov32, 2 * dst, 2 * from); break;
      case MoveKind.W64:
        if (this.types[i] === ValType.F64) this.insDst(1, Code.MovF64, dst, from);
        else this.insDst(2, Code.Mov64, 2 * dst, 2 * from);
        break;
      case MoveKind.Ref: this.insDst(1, Code.MovRef, dst, from); break;
      case MoveKind.V128: this.insDst(1, Code.Simd, dst, SimdMove.Mov, from); break;
      default: { const never: never = kind; throw new Error(`move kind ${never as number}`); }
    }
  }

  /**
   * The operand naming entry `i` in `unit`s (2: words, 1: slots): the local
   * it still reads, its constant's slot, or its own slot.
   */
  private src(i: number, unit = 2): number {
    const w = this.where[i]!;
    if (w === Where.Const) {
      const hi = moveKind(this.types[i]!) === MoveKind.W32 ? 0 : this.hi[i]!;
      return this.constSlot(this.lo[i]!, hi) * unit;
    }
    return (w === Where.Local ? this.local[i]! : this.slot(i)) * unit;
  }

  private isConst32(i: number): boolean {
    return this.where[i] === Where.Const && moveKind(this.types[i]!) === MoveKind.W32;
  }

  /** True when the last instruction wrote entry `i`'s slot and may be retargeted. */
  private canRetarget(i: number): boolean {
    return this.where[i] === Where.Slot && this.lastDst >= 0 &&
      this.code[this.lastDst] === this.slot(i) * this.lastDstUnit;
  }

  // ------------------------------------------------------------ control helpers

  private blockType(a: number): [readonly ValType[], readonly ValType[]] {
    if (a === BLOCK_EMPTY) return [[], []];
    if (a < 0) return [[], [-a as ValType]];
    const t = funcTypeAt(this.m.types, a);
    return [t.params, t.results];
  }

  private pushCtrl(kind: Frame, params: readonly ValType[], results: readonly ValType[], start = 0): Ctrl {
    const c: Ctrl = {
      kind, height: this.h - params.length, params, results, start, fixups: [], elseFixup: -1, unreachable: false,
    };
    this.ctrls.push(c);
    return c;
  }

  /** Resets the stack to `height` plus `types` in their slots (after a label). */
  private resetStack(height: number, types: readonly ValType[]): void {
    this.h = height;
    for (const t of types) this.pushSlot(t);
  }

  private setUnreachable(): void {
    const top = this.ctrls[this.ctrls.length - 1]!;
    top.unreachable = true;
    this.h = top.height;
  }

  private labelTypes(c: Ctrl): readonly ValType[] {
    return c.kind === Frame.Loop ? c.params : c.results;
  }

  /** Emits the copies of the branch values (the top entries) to `target`'s slots. */
  private branchMoves(target: Ctrl): void {
    const n = this.labelTypes(target).length;
    // Ascending order is safe: destination j can only be the slot of a source at or before j.
    for (let j = 0; j < n; j++) this.moveEntry(this.slot(target.height + j), this.h - n + j);
  }

  /** Records that code position `pos` holds a branch target to `target`. */
  private targetOperand(target: Ctrl, pos: number): void {
    // A branch back to a loop is written complemented (negative): the loop counts those.
    if (target.kind === Frame.Loop) this.code[pos] = ~target.start;
    else target.fixups.push(pos);
  }

  private emitBr(target: Ctrl): void {
    this.ins(Code.Br, 0);
    this.targetOperand(target, this.code.length - 1);
  }

  /**
   * Emits a branch on the condition entry `cond` (already popped): taken when
   * the condition is nonzero, or zero if `negate`. Fuses with the i32
   * comparison or `eqz` that produced the condition just before, and with an
   * `I32AddI` to the compared register before that. Returns the position of
   * the target operand.
   */
  private condBranch(c: Ctrl | null, cond: number, negate: boolean): number {
    const code = this.code;
    // The branch tests `a op b`, op being comparison k; b is an immediate when `imm`.
    let k = CMP_NE, a = 0, b = 0, imm = true, fused = false;
    if (this.where[cond] === Where.Slot && this.lastStart >= 0 && this.lastDst === this.lastStart + 1 &&
        code[this.lastDst] === 2 * this.slot(cond)) {
      const last = code[this.lastStart]!;
      if (last >= Code.I32Eq && last <= Code.I32GeUI) {
        imm = last >= Code.I32EqI;
        k = last - (imm ? Code.I32EqI : Code.I32Eq);
        a = code[this.lastStart + 2]!;
        b = code[this.lastStart + 3]!;
        fused = true;
      } else if (last === Code.I32Eqz) {
        k = CMP_EQ;
        a = code[this.lastStart + 2]!;
        fused = true;
      }
      if (fused) this.dropLast();
    }
    if (!fused) a = this.src(cond);
    if (negate) k = NEGATED_COMPARISON[k]!;
    if (this.lastStart >= 0 && code[this.lastStart] === Code.I32AddI) {
      const dst = code[this.lastStart + 1]!;
      if (a === dst || (!imm && b === dst)) {
        if (a !== dst) { b = a; a = dst; k = MIRRORED_COMPARISON[k]!; }
        const src = code[this.lastStart + 2]!, add = code[this.lastStart + 3]!;
        this.dropLast();
        this.ins((imm ? Code.BrAddIEqI : Code.BrAddIEq) + k, dst, src, add, b, 0);
        return this.finishTarget(c);
      }
    }
    // The same with an increment held in a register, against an immediate bound.
    if (imm && this.lastStart >= 0 && code[this.lastStart] === Code.I32Add && code[this.lastStart + 1] === a) {
      const src = code[this.lastStart + 2]!, add = code[this.lastStart + 3]!;
      this.dropLast();
      this.ins(Code.BrAddEqI + k, a, src, add, b, 0);
      return this.finishTarget(c);
    }
    if (imm && b === 0 && (k === CMP_NE || k === CMP_EQ) && this.lastStart >= 0 && code[this.lastStart] === Code.I32AndI &&
        code[this.lastStart + 1] === a && a >= 2 * this.slot(0)) {
      // A test of bits just masked into a stack slot.
      const x = code[this.lastStart + 2]!, mask = code[this.lastStart + 3]!;
      this.dropLast();
      this.ins(k === CMP_NE ? Code.BrAndINz : Code.BrAndIZ, x, mask, 0);
    } else if (imm && b === 0 && (k === CMP_NE || k === CMP_EQ) && this.lastStart >= 0 &&
        code[this.lastStart] === Code.I32AddI && code[this.lastStart + 1] !== a) {
      // An increment of another register just before: it runs first in either case.
      const dst = code[this.lastStart + 1]!, src = code[this.lastStart + 2]!, add = code[this.lastStart + 3]!;
      this.dropLast();
      this.ins(k === CMP_NE ? Code.BrIfAddI : Code.BrIfNotAddI, dst, src, add, a, 0);
    } else if (imm && b === 0 && (k === CMP_NE || k === CMP_EQ)) this.ins(k === CMP_NE ? Code.BrIf : Code.BrIfNot, a, 0);
    else this.ins((imm ? Code.BrEqI : Code.BrEq) + k, a, b, 0);
    return this.finishTarget(c);
  }

  private finishTarget(c: Ctrl | null): number {
    const pos = this.code.length - 1;
    if (c !== null) this.targetOperand(c, pos);
    return pos;
  }

  /** Emits the function's return of its results (the top entries). */
  private emitReturn(): void {
    const results = this.type.results;
    const n = results.length;
    if (n === 0) { this.ins(Code.Ret0); return; }
    if (n === 1) {
      const i = this.h - 1;
      const kind = moveKind(results[0]!);
      const a = this.src(i, unitOf(kind));
      if (kind === MoveKind.V128) {
        if (a !== 0) this.ins(Code.Simd, 0, SimdMove.Mov, a);
        this.ins(Code.Ret0);
        return;
      }
      this.ins(kind === MoveKind.W32 ? Code.Ret32 : kind === MoveKind.W64 ? Code.Ret64 : Code.RetRef, a);
      return;
    }
    if (results.includes(ValType.V128)) {
      // Moves to the frame base, ascending as RetN copies (a later source is never a lower slot).
      this.materializeRange(this.h - n, this.h);
      for (let j = 0; j < n; j++) this.moveEntry(j, this.h - n + j);
      this.ins(Code.Ret0);
      return;
    }
    // Sources in their own slots, ascending, are never overwritten before they are read.
    this.materializeRange(this.h - n, this.h);
    const words: number[] = [Code.RetN, n];
    for (let j = 0; j < n; j++) {
      const kind = moveKind(results[j]!);
      words.push(this.slot(this.h - n + j) * unitOf(kind), kind);
    }
    this.insWords(words);
  }

  // ------------------------------------------------------------ instructions

  /**
   * `try_table`: a block whose handler covers its code. Each catch clause
   * gets a landing pad (see {@link Lowering.emitPads}); the caught values go
   * to the slots at the block's height outside, which are free once the
   * block is left. Clause labels count from outside the block.
   */
  private tryTable(r: CodeReader): void {
    const [params, results] = this.blockType(r.a);
    this.materializeRange(0, this.h);
    const outer = this.ctrls.length - 1;
    const c = this.pushCtrl(Frame.Block, params, results);
    const clauses: CatchClause[] = [];
    const cs = r.catches;
    for (let i = 0; i < cs.length; i += 3) {
      const kind = cs[i]! as CatchKind, tag = cs[i + 1]!, target = this.ctrls[outer - cs[i + 2]!]!;
      const types = tag >= 0 ? this.tagParams(tag) : [];
      const clause: CatchClause = { kind, tag, landing: 0, slot: 2 * this.slot(c.height), types };
      clauses.push(clause);
      const withRef = kind === CatchKind.CatchRef || kind === CatchKind.CatchAllRef;
      this.pads.push({ clause, target, height: c.height, types: withRef ? [...types, ValType.ExnRef] : types, at: this.at });
    }
    c.handler = { start: this.label(), end: 0, clauses };
  }

  private instruction(op: number, r: CodeReader): void {
    if (op >= Op.I32Load && MEMORY_IMM[OP_IMM[op]!] === 1 && this.genericMemory(op, r)) return;
    switch (op) {
      case Op.Unreachable: this.ins(Code.Unreachable); this.setUnreachable(); return;
      case Op.Nop: return;
      case Op.Block: case Op.Loop: {
        const [params, results] = this.blockType(r.a);
        this.materializeRange(0, this.h);
        if (op === Op.Loop) {
          const start = this.label();
          if (this.h === 0 && params.length === 0 && this.ctrls.every((c) => c.handler === undefined)) {
            this.osrLoops.push(start, this.at);
          }
          this.pushCtrl(Frame.Loop, params, results, start);
        } else this.pushCtrl(Frame.Block, params, results);
        return;
      }
      case Op.If: {
        const [params, results] = this.blockType(r.a);
        const cond = this.pop();
        this.materializeRange(0, this.h);
        const pos = this.condBranch(null, cond, true);
        this.pushCtrl(Frame.If, params, results).elseFixup = pos;
        return;
      }
      case Op.Else: {
        const c = this.ctrls[this.ctrls.length - 1]!;
        if (!c.unreachable) {
          this.materializeRange(this.h - c.results.length, this.h);
          this.emitBr(c);
        }
        this.code[c.elseFixup] = this.label();
        c.elseFixup = -1;
        c.kind = Frame.Else;
        c.unreachable = false;
        this.resetStack(c.height, c.params);
        return;
      }
      case Op.End: {
        const c = this.ctrls.pop()!;
        if (c.kind === Frame.Function) {
          if (!c.unreachable) this.emitReturn();
          return;
        }
        if (!c.unreachable) this.materializeRange(this.h - c.results.length, this.h);
        const end = this.label();
        c.endPos = end;
        if (c.handler !== undefined) { c.handler.end = end; this.handlers.push(c.handler); }
        if (c.elseFixup >= 0) this.code[c.elseFixup] = end;
        for (const pos of c.fixups) this.code[pos] = end;
        this.resetStack(c.height, c.results);
        return;
      }
      case Op.Br: {
        const target = this.ctrls[this.ctrls.length - 1 - r.a]!;
        if (target.kind === Frame.Function) this.emitReturn();
        else { this.branchMoves(target); this.emitBr(target); }
        this.setUnreachable();
        return;
      }
      case Op.BrIf: { this.brIf(this.ctrls[this.ctrls.length - 1 - r.a]!); return; }
      case Op.BrTable: { this.brTable(r.targets, r.a); this.setUnreachable(); return; }
      case Op.Return: this.emitReturn(); this.setUnreachable(); return;
      case Op.TryTable: { this.tryTable(r); return; }
      case Op.Throw: {
        const base = this.h - this.tagParams(r.a).length;
        this.materializeRange(base, this.h);
        this.ins(Code.Throw, r.a, 2 * this.slot(base));
        this.setUnreachable();
        return;
      }
      case Op.ThrowRef: this.ins(Code.ThrowRef, this.src(this.pop(), 1)); this.setUnreachable(); return;
      case Op.ReturnCall: {
        const t = this.funcTypes[r.a]!;
        const base = this.h - t.params.length;
        this.materializeRange(base, this.h);
        if (r.a < this.m.importedFuncs) this.ins(Code.ReturnCallImport, r.a, 2 * this.slot(base));
        else this.ins(Code.ReturnCallLocal, r.a - this.m.importedFuncs, 2 * this.slot(base));
        this.setUnreachable();
        return;
      }
      case Op.ReturnCallIndirect: {
        const t = funcTypeAt(this.m.types, r.a);
        const ia = this.tableIndex(this.pop(), r.b);
        const base = this.h - t.params.length;
        this.materializeRange(base, this.h);
        this.ins(Code.ReturnCallIndirect, r.a, r.b, 2 * this.slot(base), ia);
        this.setUnreachable();
        return;
      }
      case Op.CallRef: case Op.ReturnCallRef: {
        const t = funcTypeAt(this.m.types, r.a);
        const fr = this.src(this.pop(), 1);
        const base = this.h - t.params.length;
        this.materializeRange(base, this.h);
        this.ins(op === Op.CallRef ? Code.CallRef : Code.ReturnCallRef, r.a, 2 * this.slot(base), fr);
        if (op === Op.ReturnCallRef) { this.setUnreachable(); return; }
        this.h = base;
        for (const rt of t.results) this.pushSlot(rt);
        return;
      }
      case Op.RefAsNonNull: {
        const i = this.h - 1;
        this.ins(Code.RefAsNonNull, this.src(i, 1));
        this.retype(heapType(this.types[i]!) | NON_NULL);
        return;
      }
      case Op.BrOnNull: case Op.BrOnNonNull: { this.brOnNull(this.ctrls[this.ctrls.length - 1 - r.a]!, op === Op.BrOnNonNull); return; }
      case Op.Call: {
        const t = this.funcTypes[r.a]!;
        const base = this.h - t.params.length;
        this.materializeRange(base, this.h);
        if (r.a < this.m.importedFuncs) this.ins(Code.CallImport, r.a, 2 * this.slot(base));
        else this.ins(Code.CallLocal, r.a - this.m.importedFuncs, 2 * this.slot(base));
        this.h = base;
        for (const rt of t.results) this.pushSlot(rt);
        return;
      }
      case Op.CallIndirect: {
        const t = funcTypeAt(this.m.types, r.a);
        const idx = this.pop();
        const ia = this.tableIndex(idx, r.b);
        const base = this.h - t.params.length;
        this.materializeRange(base, this.h);
        this.ins(Code.CallIndirect, r.a, r.b, 2 * this.slot(base), ia);
        this.h = base;
        for (const rt of t.results) this.pushSlot(rt);
        return;
      }
      case Op.Drop: this.pop(); return;
      case Op.Select: case Op.SelectT: {
        const i = this.pop(3);
        const t = op === Op.SelectT ? r.types[0]! : this.types[i]!;
        const kind = moveKind(t);
        const u = unitOf(kind);
        const a = this.src(i, u), b = this.src(i + 1, u), c = this.src(i + 2);
        if (kind === MoveKind.V128) this.insDst(1, Code.Simd, this.slot(i), SimdMove.Select, a, b, c);
        else {
          const code = kind === MoveKind.W32 ? Code.Select32 : kind === MoveKind.W64 ? Code.Select64 : Code.SelectRef;
          this.insDst(u, code, this.slot(i) * u, a, b, c);
        }
        this.pushSlot(t);
        return;
      }
      case Op.LocalGet: this.push(Where.Local, this.localTypes[r.a]!, r.a); return;
      case Op.LocalSet: case Op.LocalTee: { this.localSet(r.a, op === Op.LocalTee); return; }
      case Op.GlobalGet: {
        const t = this.globalType(r.a);
        const kind = moveKind(t);
        if (kind === MoveKind.V128) this.insDst(1, Code.Simd, this.slot(this.h), SimdMove.GlobalGet, r.a);
        else {
          const code = kind === MoveKind.W32 ? Code.GlobalGet32 : kind === MoveKind.W64 ? Code.GlobalGet64 : Code.GlobalGetRef;
          this.insDst(unitOf(kind), code, this.slot(this.h) * unitOf(kind), r.a);
        }
        this.pushSlot(t);
        return;
      }
      case Op.GlobalSet: {
        const kind = moveKind(this.globalType(r.a));
        const a = this.src(this.pop(), unitOf(kind));
        if (kind === MoveKind.V128) this.ins(Code.Simd, 0, SimdMove.GlobalSet, r.a, a);
        else {
          const code = kind === MoveKind.W32 ? Code.GlobalSet32 : kind === MoveKind.W64 ? Code.GlobalSet64 : Code.GlobalSetRef;
          this.ins(code, r.a, a);
        }
        return;
      }
      case Op.TableGet: {
        const a = this.tableIndex(this.pop(), r.a);
        this.insDst(1, Code.TableGet, this.slot(this.h), r.a, a);
        this.pushSlot(this.tableType(r.a));
        return;
      }
      case Op.TableSet: {
        const i = this.pop(2);
        this.ins(Code.TableSet, r.a, this.tableIndex(i, r.a), this.src(i + 1, 1));
        return;
      }

      case Op.I32Load: case Op.F32Load: this.load(Code.I32Load, op === Op.I32Load ? ValType.I32 : ValType.F32, r.b); return;
      case Op.I64Load: this.load(Code.I64Load, ValType.I64, r.b); return;
      case Op.F64Load: this.load(Code.F64Load, ValType.F64, r.b, 1); return;
      case Op.I32Load8S: this.load(Code.I32Load8S, ValType.I32, r.b); return;
      case Op.I32Load8U: this.load(Code.I32Load8U, ValType.I32, r.b); return;
      case Op.I32Load16S: this.load(Code.I32Load16S, ValType.I32, r.b); return;
      case Op.I32Load16U: this.load(Code.I32Load16U, ValType.I32, r.b); return;
      case Op.I64Load8S: this.load(Code.I64Load8S, ValType.I64, r.b); return;
      case Op.I64Load8U: this.load(Code.I64Load8U, ValType.I64, r.b); return;
      case Op.I64Load16S: this.load(Code.I64Load16S, ValType.I64, r.b); return;
      case Op.I64Load16U: this.load(Code.I64Load16U, ValType.I64, r.b); return;
      case Op.I64Load32S: this.load(Code.I64Load32S, ValType.I64, r.b); return;
      case Op.I64Load32U: this.load(Code.I64Load32U, ValType.I64, r.b); return;
      case Op.I32Store: case Op.F32Store: case Op.I64Store32: this.store(Code.I32Store, r.b); return;
      case Op.I64Store: this.store(Code.I64Store, r.b); return;
      case Op.F64Store: this.store(Code.F64Store, r.b, 1); return;
      case Op.I32Store8: case Op.I64Store8: this.store(Code.Store8, r.b); return;
      case Op.I32Store16: case Op.I64Store16: this.store(Code.Store16, r.b); return;
      case Op.MemorySize: this.insDst(2, Code.MemorySize, 2 * this.slot(this.h)); this.pushSlot(ValType.I32); return;
      case Op.MemoryGrow: this.unary(Code.MemoryGrow, ValType.I32); return;

      case Op.I32Const: this.push(Where.Const, ValType.I32, 0, r.a | 0); return;
      case Op.I64Const:
        this.push(Where.Const, ValType.I64, 0, Number(BigInt.asIntN(32, r.big)), Number(BigInt.asIntN(32, r.big >> 32n)));
        return;
      case Op.F32Const: this.push(Where.Const, ValType.F32, 0, r.a | 0); return;
      case Op.F64Const: this.push(Where.Const, ValType.F64, 0, r.a | 0, r.b | 0); return;

      case Op.I32Eqz: this.unary(Code.I32Eqz, ValType.I32); return;
      case Op.I32Eq: case Op.I32Ne: case Op.I32LtS: case Op.I32LtU: case Op.I32GtS: case Op.I32GtU:
      case Op.I32LeS: case Op.I32LeU: case Op.I32GeS: case Op.I32GeU:
        this.i32Compare(op - I32_COMPARE_FIRST);
        return;
      case Op.I32Clz: this.unary(Code.I32Clz, ValType.I32); return;
      case Op.I32Ctz: this.unary(Code.I32Ctz, ValType.I32); return;
      case Op.I32Popcnt: this.unary(Code.I32Popcnt, ValType.I32); return;
      case Op.I32Add: this.i32Binary(Code.I32Add, Code.I32AddI, true); return;
      case Op.I32Sub: {
        const b = this.h - 1;
        if (this.isConst32(b)) { this.lo[b] = -this.lo[b]! | 0; this.i32Binary(Code.I32Sub, Code.I32AddI, false); }
        else this.i32Binary(Code.I32Sub, -1, false);
        return;
      }
      case Op.I32Mul: this.i32Binary(Code.I32Mul, Code.I32MulI, true); return;
      case Op.I32DivS: this.binary(Code.I32DivS, ValType.I32); return;
      case Op.I32DivU: this.binary(Code.I32DivU, ValType.I32); return;
      case Op.I32RemS: this.binary(Code.I32RemS, ValType.I32); return;
      case Op.I32RemU: this.binary(Code.I32RemU, ValType.I32); return;
      case Op.I32And: this.i32Binary(Code.I32And, Code.I32AndI, true); return;
      case Op.I32Or: this.i32Binary(Code.I32Or, Code.I32OrI, true); return;
      case Op.I32Xor:
        if (!this.xorOfShift(I32_XOR_SHIFTS, ValType.I32)) this.i32Binary(Code.I32Xor, Code.I32XorI, true);
        return;
      case Op.I32Shl: this.shift(Code.I32Shl, Code.I32ShlI, 31, ValType.I32); return;
      case Op.I32ShrS: this.shift(Code.I32ShrS, Code.I32ShrSI, 31, ValType.I32); return;
      case Op.I32ShrU: this.shift(Code.I32ShrU, Code.I32ShrUI, 31, ValType.I32); return;
      case Op.I32Rotl: this.shift(Code.I32Rotl, Code.I32RotlI, 31, ValType.I32); return;
      case Op.I32Rotr: this.shift(Code.I32Rotr, Code.I32RotrI, 31, ValType.I32); return;

      case Op.I64Eqz: this.unary(Code.I64Eqz, ValType.I32); return;
      case Op.I64Eq: case Op.I64Ne: case Op.I64LtS: case Op.I64LtU: case Op.I64GtS: case Op.I64GtU:
      case Op.I64LeS: case Op.I64LeU: case Op.I64GeS: case Op.I64GeU:
        this.binary(Code.I64Eq + (op - Op.I64Eq), ValType.I32);
        return;
      case Op.I64Clz: this.unary(Code.I64Clz, ValType.I64); return;
      case Op.I64Ctz: this.unary(Code.I64Ctz, ValType.I64); return;
      case Op.I64Popcnt: this.unary(Code.I64Popcnt, ValType.I64); return;
      case Op.I64Add: this.binary(Code.I64Add, ValType.I64); return;
      case Op.I64Sub: this.binary(Code.I64Sub, ValType.I64); return;
      case Op.I64Mul: this.binary(Code.I64Mul, ValType.I64); return;
      case Op.I64DivS: this.binary(Code.I64DivS, ValType.I64); return;
      case Op.I64DivU: this.binary(Code.I64DivU, ValType.I64); return;
      case Op.I64RemS: this.binary(Code.I64RemS, ValType.I64); return;
      case Op.I64RemU: this.binary(Code.I64RemU, ValType.I64); return;
      case Op.I64And: this.binary(Code.I64And, ValType.I64); return;
      case Op.I64Or: this.binary(Code.I64Or, ValType.I64); return;
      case Op.I64Xor:
        if (!this.xorOfShift(I64_XOR_SHIFTS, ValType.I64)) this.binary(Code.I64Xor, ValType.I64);
        return;
      case Op.I64Shl: this.i64Shift(Code.I64Shl, Code.I64ShlI, false); return;
      case Op.I64ShrS: this.i64Shift(Code.I64ShrS, Code.I64ShrSI, false); return;
      case Op.I64ShrU: this.i64Shift(Code.I64ShrU, Code.I64ShrUI, false); return;
      case Op.I64Rotl: this.i64Shift(Code.I64Rotl, Code.I64RotlI, false); return;
      case Op.I64Rotr: this.i64Shift(Code.I64Rotr, Code.I64RotlI, true); return;

      case Op.F32Eq: case Op.F32Ne: case Op.F32Lt: case Op.F32Gt: case Op.F32Le: case Op.F32Ge:
        this.binary(Code.F32Eq + (op - Op.F32Eq), ValType.I32);
        return;
      case Op.F64Eq: case Op.F64Ne: case Op.F64Lt: case Op.F64Gt: case Op.F64Le: case Op.F64Ge:
        this.binary(Code.F64Eq + (op - Op.F64Eq), ValType.I32, 2, 1);
        return;
      case Op.F32Abs: this.unary(Code.F32Abs, ValType.F32); return;
      case Op.F32Neg: this.unary(Code.F32Neg, ValType.F32); return;
      case Op.F32Ceil: this.unary(Code.F32Ceil, ValType.F32); return;
      case Op.F32Floor: this.unary(Code.F32Floor, ValType.F32); return;
      case Op.F32Trunc: this.unary(Code.F32Trunc, ValType.F32); return;
      case Op.F32Nearest: this.unary(Code.F32Nearest, ValType.F32); return;
      case Op.F32Sqrt: this.unary(Code.F32Sqrt, ValType.F32); return;
      case Op.F32Add: this.addOfProduct(Code.F32Add, Code.F32Mul, Code.F32MulAdd, ValType.F32, 2); return;
      case Op.F32Sub: this.binary(Code.F32Sub, ValType.F32); return;
      case Op.F32Mul: this.binary(Code.F32Mul, ValType.F32); return;
      case Op.F32Div: this.binary(Code.F32Div, ValType.F32); return;
      case Op.F32Min: this.binary(Code.F32Min, ValType.F32); return;
      case Op.F32Max: this.binary(Code.F32Max, ValType.F32); return;
      case Op.F32Copysign: this.binary(Code.F32Copysign, ValType.F32); return;
      case Op.F64Abs: this.unary(Code.F64Abs, ValType.F64); return;
      case Op.F64Neg: this.unary(Code.F64Neg, ValType.F64); return;
      case Op.F64Copysign: this.binary(Code.F64Copysign, ValType.F64); return;
      case Op.F64Ceil: this.unary(Code.F64Ceil, ValType.F64, 1, 1); return;
      case Op.F64Floor: this.unary(Code.F64Floor, ValType.F64, 1, 1); return;
      case Op.F64Trunc: this.unary(Code.F64Trunc, ValType.F64, 1, 1); return;
      case Op.F64Nearest: this.unary(Code.F64Nearest, ValType.F64, 1, 1); return;
      case Op.F64Sqrt: this.unary(Code.F64Sqrt, ValType.F64, 1, 1); return;
      case Op.F64Add:
        if (!this.f64OfLoad(Code.F64AddL, ValType.F64) && !this.addOfLoadedProduct()) {
          this.addOfProduct(Code.F64Add, Code.F64Mul, Code.F64MulAdd, ValType.F64, 1);
        }
        return;
      case Op.F64Sub: this.binary(Code.F64Sub, ValType.F64, 1, 1); return;
      case Op.F64Mul: if (!this.f64OfLoad(Code.F64MulL, ValType.F64)) this.binary(Code.F64Mul, ValType.F64, 1, 1); return;
      case Op.F64Div: this.binary(Code.F64Div, ValType.F64, 1, 1); return;
      case Op.F64Min: this.binary(Code.F64Min, ValType.F64, 1, 1); return;
      case Op.F64Max: this.binary(Code.F64Max, ValType.F64, 1, 1); return;

      case Op.I32WrapI64: this.retype(ValType.I32); return;
      case Op.I32TruncF32S: this.unary(Code.I32TruncF32S, ValType.I32); return;
      case Op.I32TruncF32U: this.unary(Code.I32TruncF32U, ValType.I32); return;
      case Op.I32TruncF64S: this.unary(Code.I32TruncF64S, ValType.I32, 2, 1); return;
      case Op.I32TruncF64U: this.unary(Code.I32TruncF64U, ValType.I32, 2, 1); return;
      case Op.I64ExtendI32S: this.unary(Code.I64ExtendI32S, ValType.I64); return;
      case Op.I64ExtendI32U: this.unary(Code.I64ExtendI32U, ValType.I64); return;
      case Op.I64TruncF32S: this.unary(Code.I64TruncF32S, ValType.I64); return;
      case Op.I64TruncF32U: this.unary(Code.I64TruncF32U, ValType.I64); return;
      case Op.I64TruncF64S: this.unary(Code.I64TruncF64S, ValType.I64, 2, 1); return;
      case Op.I64TruncF64U: this.unary(Code.I64TruncF64U, ValType.I64, 2, 1); return;
      case Op.F32ConvertI32S: this.unary(Code.F32ConvertI32S, ValType.F32); return;
      case Op.F32ConvertI32U: this.unary(Code.F32ConvertI32U, ValType.F32); return;
      case Op.F32ConvertI64S: this.unary(Code.F32ConvertI64S, ValType.F32); return;
      case Op.F32ConvertI64U: this.unary(Code.F32ConvertI64U, ValType.F32); return;
      case Op.F32DemoteF64: this.unary(Code.F32DemoteF64, ValType.F32, 2, 1); return;
      case Op.F64ConvertI32S: this.unary(Code.F64ConvertI32S, ValType.F64, 1, 2); return;
      case Op.F64ConvertI32U: this.unary(Code.F64ConvertI32U, ValType.F64, 1, 2); return;
      case Op.F64ConvertI64S: this.unary(Code.F64ConvertI64S, ValType.F64, 1, 2); return;
      case Op.F64ConvertI64U: this.unary(Code.F64ConvertI64U, ValType.F64, 1, 2); return;
      case Op.F64PromoteF32: this.unary(Code.F64PromoteF32, ValType.F64, 1, 2); return;
      case Op.I32ReinterpretF32: this.retype(ValType.I32); return;
      case Op.I64ReinterpretF64: this.retype(ValType.I64); return;
      case Op.F32ReinterpretI32: this.retype(ValType.F32); return;
      case Op.F64ReinterpretI64: this.retype(ValType.F64); return;
      case Op.I32Extend8S: this.unary(Code.I32Extend8S, ValType.I32); return;
      case Op.I32Extend16S: this.unary(Code.I32Extend16S, ValType.I32); return;
      case Op.I64Extend8S: this.unary(Code.I64Extend8S, ValType.I64); return;
      case Op.I64Extend16S: this.unary(Code.I64Extend16S, ValType.I64); return;
      case Op.I64Extend32S: this.unary(Code.I64Extend32S, ValType.I64); return;

      case Op.RefNull: this.insDst(1, Code.RefNull, this.slot(this.h)); this.pushSlot(r.a as ValType); return;
      case Op.RefIsNull: {
        const a = this.src(this.pop(), 1);
        this.insDst(2, Code.RefIsNull, 2 * this.slot(this.h), a);
        this.pushSlot(ValType.I32);
        return;
      }
      case Op.RefFunc: this.insDst(1, Code.RefFunc, this.slot(this.h), r.a); this.pushSlot(ValType.FuncRef); return;

      case Op.I32TruncSatF32S: this.unary(Code.I32TruncSatF32S, ValType.I32); return;
      case Op.I32TruncSatF32U: this.unary(Code.I32TruncSatF32U, ValType.I32); return;
      case Op.I32TruncSatF64S: this.unary(Code.I32TruncSatF64S, ValType.I32, 2, 1); return;
      case Op.I32TruncSatF64U: this.unary(Code.I32TruncSatF64U, ValType.I32, 2, 1); return;
      case Op.I64TruncSatF32S: this.unary(Code.I64TruncSatF32S, ValType.I64); return;
      case Op.I64TruncSatF32U: this.unary(Code.I64TruncSatF32U, ValType.I64); return;
      case Op.I64TruncSatF64S: this.unary(Code.I64TruncSatF64S, ValType.I64, 2, 1); return;
      case Op.I64TruncSatF64U: this.unary(Code.I64TruncSatF64U, ValType.I64, 2, 1); return;
      case Op.MemoryInit: { const i = this.pop(3); this.ins(Code.MemoryInit, r.a, this.src(i), this.src(i + 1), this.src(i + 2)); return; }
      case Op.DataDrop: this.ins(Code.DataDrop, r.a); return;
      case Op.MemoryCopy: { const i = this.pop(3); this.ins(Code.MemoryCopy, this.src(i), this.src(i + 1), this.src(i + 2)); return; }
      case Op.MemoryFill: { const i = this.pop(3); this.ins(Code.MemoryFill, this.src(i), this.src(i + 1), this.src(i + 2)); return; }
      case Op.TableInit: {
        const i = this.pop(3);
        this.ins(Code.TableInit, r.b, r.a, this.tableIndex(i, r.b), this.src(i + 1), this.src(i + 2));
        return;
      }
      case Op.ElemDrop: this.ins(Code.ElemDrop, r.a); return;
      case Op.TableCopy: {
        const i = this.pop(3);
        // The length is an i64 only when both tables are table64 (the spec's minimum of the two index types).
        const n = this.is64(r.a) && this.is64(r.b) ? this.tableIndex(i + 2, r.a) : this.src(i + 2);
        this.ins(Code.TableCopy, r.a, r.b, this.tableIndex(i, r.a), this.tableIndex(i + 1, r.b), n);
        return;
      }
      case Op.TableGrow: {
        const i = this.pop(2);
        const init = this.src(i, 1), delta = this.tableIndex(i + 1, r.a);
        this.insDst(2, Code.TableGrow, 2 * this.slot(i), r.a, init, delta);
        this.tableResult(r.a);
        return;
      }
      case Op.TableSize: this.insDst(2, Code.TableSize, 2 * this.slot(this.h), r.a); this.tableResult(r.a); return;
      case Op.TableFill: {
        const i = this.pop(3);
        this.ins(Code.TableFill, r.a, this.tableIndex(i, r.a), this.src(i + 1, 1), this.tableIndex(i + 2, r.a));
        return;
      }
      default:
        if (isAtomic(op)) { this.atomic(op, r); return; }
        if (op >= 0xfd00) { this.simd(op, r); return; }
        // GC: i31, ref.eq, casts, extern/any conversions (gcRef below).
        if (op === Op.RefEq || (op >= Op.RefTest && op <= Op.I31GetU)) { this.gcRef(op, r); return; }
        if (op >= Op.StructNew && op <= Op.ArrayInitElem) { this.gcAggregate(op, r); return; }
        throw new Error(`lowering: unsupported instruction ${r.info.mnemonic}`);
    }
  }

  // ------------------------------------------------------------ GC structs and arrays

  /** The result of an allocation of type `x`: `(ref $x)` in entry `i`'s slot. */
  private pushNew(x: number): void {
    this.pushSlot((concreteHeap(x) | NON_NULL) as ValType);
  }

  /**
   * Lowers a `struct.*` or `array.*` instruction: field and element
   * accesses to codes of their own (the field's slot, from the layout of
   * ../../runtime/gc-objects.ts, is an immediate), the rest to one
   * `GcAggregate` instruction (./gc-aggregates.ts).
   */
  private gcAggregate(op: number, r: CodeReader): void {
    const x = r.a;
    const G = Code.GcAggregate;
    switch (op) {
      case Op.StructNew: {
        const n = (this.m.types[x] as StructType).fields.length;
        const i = this.pop(n);
        this.materializeRange(i, i + n);
        this.ins(G, op, this.slot(i), x, this.slot(i), 0, 0);
        this.pushNew(x);
        return;
      }
      case Op.StructNewDefault: this.ins(G, op, this.slot(this.h), x, 0, 0, 0); this.pushNew(x); return;
      case Op.StructGet: case Op.StructGetS: case Op.StructGetU: {
        const t = this.m.types[x] as StructType;
        const l = structLayout(t.rtt!);
        const k = l.kind[r.b]! as Elem, at = l.slot[r.b]!;
        const storage = t.fields[r.b]!.storage;
        const i = this.pop();
        const obj = this.src(i, 1);
        switch (k) {
          case Elem.Ref: this.insDst(1, Code.StructGetRef, this.slot(i), obj, at); break;
          case Elem.V128: this.ins(G, op, this.slot(i), obj, at, 0, 0); break;
          case Elem.I64: case Elem.F64: this.insDst(2, Code.StructGet64, 2 * this.slot(i), obj, at); break;
          default: {
            const c = op !== Op.StructGetS ? Code.StructGet32 : k === Elem.I8 ? Code.StructGetS8 : Code.StructGetS16;
            this.insDst(2, c, 2 * this.slot(i), obj, at);
          }
        }
        this.pushSlot(unpacked(storage));
        return;
      }
      case Op.StructSet: {
        const l = structLayout((this.m.types[x] as StructType).rtt!);
        const k = l.kind[r.b]! as Elem, at = l.slot[r.b]!;
        const i = this.pop(2);
        const obj = this.src(i, 1);
        switch (k) {
          case Elem.Ref: this.ins(Code.StructSetRef, obj, at, this.src(i + 1, 1)); break;
          case Elem.V128: this.ins(G, op, obj, at, this.src(i + 1, 1), 0, 0); break;
          case Elem.I64: case Elem.F64: this.ins(Code.StructSet64, obj, at, this.src(i + 1)); break;
          case Elem.I8: this.ins(Code.StructSet8, obj, at, this.src(i + 1)); break;
          case Elem.I16: this.ins(Code.StructSet16, obj, at, this.src(i + 1)); break;
          default: this.ins(Code.StructSet32, obj, at, this.src(i + 1));
        }
        return;
      }
      case Op.ArrayNew: {
        const i = this.pop(2);
        this.ins(G, op, this.slot(i), x, this.src(i, 1), this.src(i + 1), 0);
        this.pushNew(x);
        return;
      }
      case Op.ArrayNewDefault: {
        const i = this.pop();
        this.ins(G, op, this.slot(i), x, this.src(i), 0, 0);
        this.pushNew(x);
        return;
      }
      case Op.ArrayNewFixed: {
        const n = r.b;
        const i = this.pop(n);
        this.materializeRange(i, i + n);
        this.ins(G, op, this.slot(i), x, n, this.slot(i), 0);
        this.pushNew(x);
        return;
      }
      case Op.ArrayNewData: case Op.ArrayNewElem: {
        const i = this.pop(2);
        this.ins(G, op, this.slot(i), x, r.b, this.src(i), this.src(i + 1));
        this.pushNew(x);
        return;
      }
      case Op.ArrayGet: case Op.ArrayGetS: case Op.ArrayGetU: {
        const storage = (this.m.types[x] as ArrayType).element.storage;
        const k = elemOf(storage);
        const i = this.pop(2);
        const arr = this.src(i, 1), index = this.src(i + 1);
        switch (k) {
          case Elem.Ref: this.insDst(1, Code.ArrayGetRef, this.slot(i), arr, index); break;
          case Elem.V128: this.ins(G, op, this.slot(i), arr, index, 0, 0); break;
          case Elem.I64: case Elem.F64: this.insDst(2, Code.ArrayGet64, 2 * this.slot(i), arr, index); break;
          case Elem.I8: this.insDst(2, op === Op.ArrayGetS ? Code.ArrayGetS8 : Code.ArrayGetU8, 2 * this.slot(i), arr, index); break;
          case Elem.I16: this.insDst(2, op === Op.ArrayGetS ? Code.ArrayGetS16 : Code.ArrayGetU16, 2 * this.slot(i), arr, index); break;
          default: this.insDst(2, Code.ArrayGet32, 2 * this.slot(i), arr, index);
        }
        this.pushSlot(unpacked(storage));
        return;
      }
      case Op.ArraySet: {
        const k = elemOf((this.m.types[x] as ArrayType).element.storage);
        const i = this.pop(3);
        const arr = this.src(i, 1), index = this.src(i + 1);
        switch (k) {
          case Elem.Ref: this.ins(Code.ArraySetRef, arr, index, this.src(i + 2, 1)); break;
          case Elem.V128: this.ins(G, op, arr, index, this.src(i + 2, 1), 0, 0); break;
          case Elem.I64: case Elem.F64: this.ins(Code.ArraySet64, arr, index, this.src(i + 2)); break;
          case Elem.I8: this.ins(Code.ArraySet8, arr, index, this.src(i + 2)); break;
          case Elem.I16: this.ins(Code.ArraySet16, arr, index, this.src(i + 2)); break;
          default: this.ins(Code.ArraySet32, arr, index, this.src(i + 2));
        }
        return;
      }
      case Op.ArrayLen: {
        const i = this.pop();
        this.insDst(2, Code.ArrayLen, 2 * this.slot(i), this.src(i, 1));
        this.pushSlot(ValType.I32);
        return;
      }
      case Op.ArrayFill: {
        const i = this.pop(4);
        this.ins(G, op, this.src(i, 1), this.src(i + 1), this.src(i + 2, 1), this.src(i + 3), 0);
        return;
      }
      case Op.ArrayCopy: {
        const i = this.pop(5);
        this.ins(G, op, this.src(i, 1), this.src(i + 1), this.src(i + 2, 1), this.src(i + 3), this.src(i + 4));
        return;
      }
      case Op.ArrayInitData: case Op.ArrayInitElem: {
        const i = this.pop(4);
        this.ins(G, op, this.src(i, 1), r.b, this.src(i + 1), this.src(i + 2), this.src(i + 3));
        return;
      }
      default:
        throw new Error(`lowering: unsupported instruction ${r.info.mnemonic}`);
    }
  }

  // ------------------------------------------------------------ multiple memories and memory64

  /**
   * A memory instruction on a memory other than 0, or on an i64 memory, as
   * one `Mem` instruction of `MEM_WORDS` words (./memory.ts); false
   * (nothing emitted) for memory 0 with i32 addresses, which keeps the
   * dispatch loop's own codes.
   */
  private genericMemory(op: number, r: CodeReader): boolean {
    if (op === Op.AtomicFence) return false;
    const mems = this.m.spaces.memories;
    const fast = (x: number): boolean => x === 0 && mems[0]?.address64 !== true;
    if (fast(r.mem) && (op !== Op.MemoryCopy || fast(r.mem2))) return false;
    const at = mems[r.mem]!.address64 === true ? ValType.I64 : ValType.I32;
    // The offset's halves; one of 2^53 or more is beyond every memory (see ./memory.ts), kept as 2^53.
    const off = Math.min(r.b, 2 ** 53);
    const lo = off % 2 ** 32 | 0, hi = Math.floor(off / 2 ** 32) | 0;
    const mem = r.mem;
    switch (op) {
      case Op.MemorySize: this.insDst(2, Code.Mem, 2 * this.slot(this.h), op, mem, 0, 0, 0, 0, 0, 0); this.pushSlot(at); return true;
      case Op.MemoryGrow: {
        const i = this.pop();
        this.insDst(2, Code.Mem, 2 * this.slot(i), op, mem, this.src(i), 0, 0, 0, 0, 0);
        this.pushSlot(at);
        return true;
      }
      case Op.MemoryFill: case Op.MemoryCopy: case Op.MemoryInit: {
        const i = this.pop(3);
        const extra = op === Op.MemoryCopy ? r.mem2 : op === Op.MemoryInit ? r.a : 0;
        this.ins(Code.Mem, 0, op, mem, this.src(i), this.src(i + 1), this.src(i + 2), 0, 0, extra);
        return true;
      }
      default: break;
    }
    if (isAtomic(op)) {
      const kind = atomicKind(op);
      const arity = kind === AtomicKind.Load ? 1 : kind === AtomicKind.Wait32 || kind === AtomicKind.Wait64 || kind === AtomicKind.Cmpxchg ? 3 : 2;
      const i = this.pop(arity);
      const b = arity > 1 ? this.src(i + 1) : 0, c = arity > 2 ? this.src(i + 2) : 0;
      if (kind === AtomicKind.Store) { this.ins(Code.Mem, 0, op, mem, this.src(i), b, c, lo, hi, 0); return true; }
      this.insDst(2, Code.Mem, 2 * this.slot(i), op, mem, this.src(i), b, c, lo, hi, 0);
      this.pushSlot(kind === AtomicKind.Notify || kind === AtomicKind.Wait32 || kind === AtomicKind.Wait64 ? ValType.I32 : atomicValType(op));
      return true;
    }
    if (op >= 0xfd00) {
      const lane = OP_IMM[op] === Imm.MemArgLane;
      const store = op === Op.V128Store || (lane && op >= Op.V128Store8Lane);
      if (lane || store) {
        const i = this.pop(2);
        const addr = this.src(i), vec = this.src(i + 1, 1);
        if (store) { this.ins(Code.Mem, 0, op, mem, addr, vec, 0, lo, hi, r.lane); return true; }
        this.insDst(1, Code.Mem, this.slot(i), op, mem, addr, vec, 0, lo, hi, r.lane);
      } else {
        const i = this.pop();
        this.insDst(1, Code.Mem, this.slot(i), op, mem, this.src(i), 0, 0, lo, hi, 0);
      }
      this.pushSlot(ValType.V128);
      return true;
    }
    if (op >= Op.I32Store) {
      const i = this.pop(2);
      this.ins(Code.Mem, 0, op, mem, this.src(i), this.src(i + 1), 0, lo, hi, 0);
      return true;
    }
    const i = this.pop();
    this.insDst(2, Code.Mem, 2 * this.slot(i), op, mem, this.src(i), 0, 0, lo, hi, 0);
    this.pushSlot(MEMORY_ACCESS[2 * op]! as ValType);
    return true;
  }

  // ------------------------------------------------------------ threads

  /**
   * An atomic instruction as one `Atomic` instruction of {@link ATOMIC_WORDS}
   * words (./atomics.ts): `dst op addr offset a b c`, operands in words.
   */
  private atomic(op: number, r: CodeReader): void {
    if (op === Op.AtomicFence) { this.ins(Code.Atomic, 0, op, 0, 0, 0, 0, 0); return; }
    const kind = atomicKind(op);
    const arity = kind === AtomicKind.Load ? 1 : kind === AtomicKind.Wait32 || kind === AtomicKind.Wait64 || kind === AtomicKind.Cmpxchg ? 3 : 2;
    const i = this.pop(arity);
    const operands = [0, 0, 0];
    for (let k = 1; k < arity; k++) operands[k - 1] = this.src(i + k);
    const words = [Code.Atomic, 2 * this.slot(i), op, this.src(i), r.b | 0, ...operands];
    if (kind === AtomicKind.Store) {
      words[1] = 0;
      this.ins(...words);
      return;
    }
    this.insDst(2, ...words);
    this.pushSlot(kind === AtomicKind.Notify || kind === AtomicKind.Wait32 || kind === AtomicKind.Wait64 ? ValType.I32 : atomicValType(op));
  }

  private globalType(g: number): ValType {
    return this.m.spaces.globals[g]!.valType;
  }

  private tableType(t: number): ValType {
    return this.m.spaces.tables[t]!.elemType;
  }

  /** True when table `t` is a table64 (indexed by i64). */
  private is64(t: number): boolean {
    return this.m.spaces.tables[t]!.address64 === true;
  }

  /**
   * The word operand of entry `i` (just popped), an index, offset or length
   * for table `t`. For a table64 the i64 becomes, in the entry's own slot
   * (free: the entry is popped, and the operands above it have slots of
   * their own), the u32 the table codes read ({@link Code.TableIndex64});
   * the codes themselves stay those of i32 tables.
   */
  private tableIndex(i: number, t: number): number {
    if (!this.is64(t)) return this.src(i);
    this.insDst(2, Code.TableIndex64, 2 * this.slot(i), this.src(i));
    return 2 * this.slot(i);
  }

  /**
   * Pushes the result of `table.size`/`table.grow` on table `t`, just written
   * as an i32 into the next slot: for a table64, sign-extended in place to
   * the i64 (sizes are far below 2^31, and a failed grow's -1 stays -1).
   */
  private tableResult(t: number): void {
    if (this.is64(t)) {
      const d = 2 * this.slot(this.h);
      this.insDst(2, Code.I64ExtendI32S, d, d);
      this.pushSlot(ValType.I64);
    } else this.pushSlot(ValType.I32);
  }

  /**
   * A SIMD instruction as one `Simd` instruction (layouts in ../simd/step.ts):
   * vector operands and results in slot units, scalars in words.
   */
  private simd(op: number, r: CodeReader): void {
    // Relaxed SIMD: the deterministic profile's Wasm 2.0 twin, where there is one.
    op = deterministicSimd(op);
    const info = r.info;
    switch (info.imm) {
      case Imm.V128: {
        const w = new Int32Array(r.v128.slice().buffer);
        this.insDst(1, Code.Simd, this.slot(this.h), op, w[0]!, w[1]!, w[2]!, w[3]!);
        this.pushSlot(ValType.V128);
        return;
      }
      case Imm.Shuffle: {
        const w = new Int32Array(r.v128.slice().buffer);
        const i = this.pop(2);
        const a = this.src(i, 1), b = this.src(i + 1, 1);
        this.insDst(1, Code.Simd, this.slot(i), op, a, b, w[0]!, w[1]!, w[2]!, w[3]!);
        this.pushSlot(ValType.V128);
        return;
      }
      case Imm.MemArg: {
        if (op === Op.V128Store) {
          const i = this.pop(2);
          this.ins(Code.Simd, 0, op, this.src(i), r.b | 0, this.src(i + 1, 1));
          return;
        }
        const i = this.pop();
        const addr = this.src(i);
        this.insDst(1, Code.Simd, this.slot(i), op, addr, r.b | 0);
        this.pushSlot(ValType.V128);
        return;
      }
      case Imm.MemArgLane: {
        const i = this.pop(2);
        const addr = this.src(i), vec = this.src(i + 1, 1);
        if (op >= Op.V128Store8Lane) {
          this.ins(Code.Simd, 0, op, addr, r.b | 0, vec, r.lane);
          return;
        }
        this.insDst(1, Code.Simd, this.slot(i), op, addr, r.b | 0, vec, r.lane);
        this.pushSlot(ValType.V128);
        return;
      }
      case Imm.Lane: {
        const s = SIMD_STRIDE * simdSlot(op);
        if (SIMD[s + S_RESULT] === ValType.V128) {
          const i = this.pop(2);
          const a = this.src(i, 1), x = this.src(i + 1);
          this.insDst(1, Code.Simd, this.slot(i), op, a, r.lane, x);
          this.pushSlot(ValType.V128);
        } else {
          const i = this.pop();
          const a = this.src(i, 1);
          this.insDst(2, Code.Simd, 2 * this.slot(i), op, a, r.lane);
          this.pushSlot(SIMD[s + S_RESULT] as ValType);
        }
        return;
      }
      default: break;
    }
    // Typed by the signature table: scalar operands in words, vectors in slots.
    const s = SIMD_STRIDE * simdSlot(op);
    const arity = SIMD[s + S_ARITY]!;
    const result = SIMD[s + S_RESULT] as ValType;
    const i = this.pop(arity);
    const words: number[] = [Code.Simd, 0, op];
    for (let k = 0; k < arity; k++) {
      words.push(this.src(i + k, SIMD[s + S_OPERAND + k] === ValType.V128 ? 1 : 2));
    }
    if (result === ValType.V128) {
      // Vector-only instructions take three operand words; shifts and splats their own.
      if (SIMD[s + S_OPERAND] === ValType.V128 && SIMD[s + S_OPERAND + 1] !== ValType.I32) while (words.length < 6) words.push(0);
      words[1] = this.slot(i);
      this.insDst(1, ...words);
    } else {
      words[1] = 2 * this.slot(i);
      this.insDst(2, ...words);
    }
    this.pushSlot(result);
  }

  /** A one-operand instruction; `du`/`au` are the units of the result and operand. */
  private unary(code: Code, result: ValType, du = 2, au = 2): void {
    const i = this.pop();
    const a = this.src(i, au);
    this.insDst(du, code, this.slot(i) * du, a);
    this.pushSlot(result);
  }

  /** A two-operand instruction; `du`/`au` are the units of the result and operands. */
  private binary(code: Code, result: ValType, du = 2, au = 2): void {
    const i = this.pop(2);
    const a = this.src(i, au), b = this.src(i + 1, au);
    this.insDst(du, code, this.slot(i) * du, a, b);
    this.pushSlot(result);
  }

  /**
   * `xor` of a value just shifted by a constant: one instruction. `shifts`
   * maps the shift-by-immediate codes to the fused codes.
   */
  private xorOfShift(shifts: ReadonlyMap<number, Code>, t: ValType): boolean {
    const i = this.h - 2;
    const code = this.code;
    if (this.lastStart < 0 || this.lastDst !== this.lastStart + 1) return false;
    const fused = shifts.get(code[this.lastStart]!);
    if (fused === undefined) return false;
    const shifted = this.where[i + 1] === Where.Slot && code[this.lastDst] === 2 * this.slot(i + 1) ? i + 1
      : this.where[i] === Where.Slot && code[this.lastDst] === 2 * this.slot(i) ? i : -1;
    if (shifted < 0) return false;
    const y = code[this.lastStart + 2]!, k = code[this.lastStart + 3]!;
    this.pop(2);
    const x = this.src(shifted === i ? i + 1 : i);
    this.dropLast();
    this.insDst(2, fused, 2 * this.slot(i), x, y, k);
    this.pushSlot(t);
    return true;
  }

  /** An i32 operation with a form taking its second operand as an immediate. */
  private i32Binary(code: Code, immCode: number, commutative: boolean): void {
    const i = this.h - 2;
    if (immCode >= 0) {
      if (this.isConst32(i + 1)) { this.withImmediate(immCode, i, i + 1); return; }
      if (commutative && this.isConst32(i)) { this.withImmediate(immCode, i + 1, i); return; }
    }
    this.binary(code, ValType.I32);
  }

  /** Emits `immCode dst a k` where entry `k` is an i32 constant; pops both, pushes the result. */
  private withImmediate(immCode: number, a: number, k: number, mask = -1): void {
    const i = this.pop(2);
    const code = this.code;
    if (immCode === Code.I32AddI && this.where[a] === Where.Slot && this.lastStart >= 0 &&
        code[this.lastStart] === Code.I32MulI && code[this.lastStart + 1] === 2 * this.slot(a)) {
      // An add of a product just computed: one multiply-add.
      const x = code[this.lastStart + 2]!, m = code[this.lastStart + 3]!;
      this.dropLast();
      this.insDst(2, Code.I32MulAddI, 2 * this.slot(i), x, m, this.lo[k]!);
      this.pushSlot(ValType.I32);
      return;
    }
    const src = this.src(a);
    this.insDst(2, immCode, 2 * this.slot(i), src, this.lo[k]! & mask);
    this.pushSlot(ValType.I32);
  }

  private i32Compare(k: number): void {
    const i = this.h - 2;
    if (this.isConst32(i + 1)) { this.withImmediate(Code.I32EqI + k, i, i + 1); return; }
    if (this.isConst32(i)) { this.withImmediate(Code.I32EqI + MIRRORED_COMPARISON[k]!, i + 1, i); return; }
    this.binary(Code.I32Eq + k, ValType.I32);
  }

  /** Shifts and rotates: a constant count becomes an immediate, masked as the instruction masks it. */
  private shift(code: Code, immCode: Code, mask: number, t: ValType): void {
    const i = this.h - 2;
    const b = i + 1;
    if (this.where[b] === Where.Const) {
      this.pop(2);
      const src = this.src(i);
      this.insDst(2, immCode, 2 * this.slot(i), src, this.lo[b]! & mask);
      this.pushSlot(t);
      return;
    }
    this.binary(code, t);
  }

  /**
   * i64 shifts and rotates. A constant count picks a branch-free form
   * (`immCode` for 1..31, the next code, its `Hi` form, for 32..63); a count
   * of 0 leaves the value as it is. `right` marks a rotate right, done as a rotate left.
   */
  private i64Shift(code: Code, immCode: Code, right: boolean): void {
    const i = this.h - 2;
    if (this.where[i + 1] !== Where.Const) { this.binary(right ? Code.I64Rotr : code, ValType.I64); return; }
    let k = this.lo[i + 1]! & 63;
    if (right) k = (64 - k) & 63;
    this.pop();
    if (k === 0) return;
    if (immCode === Code.I64RotlI && k === 32) {
      this.h++;
      this.binary(Code.I64Rotl, ValType.I64);
      return;
    }
    this.pop();
    const src = this.src(i);
    this.insDst(2, k < 32 ? immCode : immCode + 1, 2 * this.slot(i), src, k & 31);
    this.pushSlot(ValType.I64);
  }

  /** Reinterpretations and `i32.wrap_i64` change no bits of the slot: only the entry's type. */
  private retype(t: ValType): void {
    this.types[this.h - 1] = t;
  }

  /** A load; `du` is the unit of its destination. An address just computed as register + constant folds in. */
  private load(code: Code, t: ValType, offset: number, du = 2): void {
    const i = this.pop();
    const fused = ADDRESS_FUSED.get(code);
    if (offset === 0 && fused !== undefined && this.lastAddsTo(i)) {
      const scaled = SCALED_FUSED.get(code);
      const parts = scaled !== undefined ? this.takeScaledIndex() : null;
      if (parts !== null) {
        this.insDst(du, scaled!, du * this.slot(i), ...parts);
      } else {
        const base = this.code[this.lastStart + 2]!, add = this.code[this.lastStart + 3]!;
        this.dropLast();
        this.insDst(du, fused, du * this.slot(i), base, add);
      }
    } else {
      const a = this.src(i);
      this.insDst(du, code, du * this.slot(i), a, offset | 0);
    }
    this.pushSlot(t);
  }

  /** A store; `vu` is the unit of its value operand. An address just computed as register + constant folds in. */
  private store(code: Code, offset: number, vu = 2): void {
    const i = this.pop(2);
    const v = this.src(i + 1, vu);
    const fused = ADDRESS_FUSED.get(code);
    if (offset === 0 && fused !== undefined && this.lastAddsTo(i)) {
      const scaled = SCALED_FUSED.get(code);
      const parts = scaled !== undefined ? this.takeScaledIndex() : null;
      if (parts !== null) {
        this.ins(scaled!, parts[0], v, parts[1], parts[2]);
        return;
      }
      const base = this.code[this.lastStart + 2]!, add = this.code[this.lastStart + 3]!;
      this.dropLast();
      this.ins(fused, base, v, add);
      return;
    }
    this.ins(code, this.src(i), v, offset | 0);
  }

  /** `f64.add` of a product of a loaded value just computed (`F64MulL`): one `F64MulAddL`. */
  private addOfLoadedProduct(): boolean {
    const i = this.h - 2;
    const code = this.code, l = this.lastStart;
    if (l < 0 || code[l] !== Code.F64MulL) return false;
    const product = this.where[i + 1] === Where.Slot && code[l + 1] === this.slot(i + 1) ? i + 1
      : this.where[i] === Where.Slot && code[l + 1] === this.slot(i) ? i : -1;
    if (product < 0) return false;
    const x = code[l + 2]!, base = code[l + 3]!, add = code[l + 4]!;
    this.pop(2);
    const c = this.src(product === i ? i + 1 : i, 1);
    this.dropLast();
    // The product's load is the part that can trap.
    this.at = this.droppedAt;
    this.insDst(1, Code.F64MulAddL, this.slot(i), x, base, add, c);
    this.pushSlot(ValType.F64);
    return true;
  }

  /**
   * `f32.add`/`f64.add` of a product just computed: one multiply-add
   * instruction (`mulCode` is the multiplication to look for; `u` the operand unit).
   */
  private addOfProduct(addCode: Code, mulCode: Code, fusedCode: Code, t: ValType, u: number): void {
    const i = this.h - 2;
    const code = this.code;
    if (this.lastStart >= 0 && code[this.lastStart] === mulCode && this.lastDst === this.lastStart + 1) {
      // The product is one operand; the other is already where it will be read.
      const product = this.where[i + 1] === Where.Slot && code[this.lastDst] === this.slot(i + 1) * u ? i + 1
        : this.where[i] === Where.Slot && code[this.lastDst] === this.slot(i) * u ? i : -1;
      if (product >= 0) {
        const x = code[this.lastStart + 2]!, y = code[this.lastStart + 3]!;
        this.pop(2);
        const addend = this.src(product === i ? i + 1 : i, u);
        this.dropLast();
        this.insDst(u, fusedCode, this.slot(i) * u, x, y, addend);
        this.pushSlot(t);
        return;
      }
    }
    this.binary(addCode, t, u, u);
  }

  private localSet(x: number, tee: boolean): void {
    const i = this.h - 1;
    if (this.where[i] === Where.Local && this.local[i] === x) {
      if (!tee) this.pop();
      return;
    }
    if (this.canRetarget(i)) {
      if (this.readsLocal(x, i)) {
        // Copies of the old value go before the instruction, which then writes the local itself.
        // They write other entries' slots, which the instruction does not read.
        const words = this.code.slice(this.lastStart), unit = this.lastDstUnit;
        this.dropLast();
        const from = this.droppedAt;
        this.flushLocal(x, i);
        this.at = from;
        this.insDstWords(unit, words);
      }
      this.code[this.lastDst] = x * this.lastDstUnit;
      if (tee) { this.where[i] = Where.Local; this.local[i] = x; }
    } else {
      this.flushLocal(x, i);
      this.moveEntry(x, i);
    }
    // A retargeted or copied value must not be retargeted again by a second set.
    this.lastDst = -1;
    if (!tee) this.pop();
  }

  private brIf(target: Ctrl): void {
    this.brIfAt(target, this.pop(), false);
  }

  /**
   * A conditional branch on the i32 entry `cond` (at or above the stack's
   * top: already popped), taken when it is nonzero, or zero when `negate`.
   */
  private brIfAt(target: Ctrl, cond: number, negate: boolean): void {
    if (target.kind === Frame.Function) {
      const n = this.type.results.length;
      // What the return reads must not be written only on the taken path.
      if (n > 1) this.materializeRange(this.h - n, this.h);
      else if (n === 1 && this.where[this.h - 1] === Where.Const) this.materialize(this.h - 1);
      const skip = this.condBranch(null, cond, !negate);
      this.emitReturn();
      this.code[skip] = this.label();
      return;
    }
    const n = this.labelTypes(target).length;
    if (n === 0 || target.height === this.h - n) {
      this.materializeRange(this.h - n, this.h);
      this.condBranch(target, cond, negate);
      return;
    }
    const skip = this.condBranch(null, cond, !negate);
    this.branchMoves(target);
    this.emitBr(target);
    this.code[skip] = this.label();
  }

  /**
   * `br_on_null` (branch when the reference on top is null, dropping it;
   * else keep it, now non-null) and `br_on_non_null` (branch when it is not
   * null, keeping it as the label's last value; else drop it). The test goes
   * into the slot above the reference, which stays in its own slot.
   */
  private brOnNull(target: Ctrl, nonNull: boolean): void {
    const ref = this.h - 1;
    this.materialize(ref);
    this.insDst(2, Code.RefIsNull, 2 * this.slot(this.h), this.src(ref, 1));
    this.pushSlot(ValType.I32);
    const cond = this.h - 1;
    if (nonNull) {
      // The reference is the label's last value: branch (keeping it) when the test is zero.
      this.h = cond;
      this.brIfAt(target, cond, true);
      this.h = ref;
    } else {
      this.h = ref;
      this.brIfAt(target, cond, false);
      this.h = ref + 1;
      this.retype(heapType(this.types[ref]!) | NON_NULL);
    }
  }

  // ------------------------------------------------------------ GC: i31, ref.eq, casts, extern/any conversions

  /** Lowers GC's reference instructions other than structs and arrays (see ../../runtime/gc-refs.ts). */
  private gcRef(op: number, r: CodeReader): void {
    switch (op) {
      case Op.RefI31: this.unary(Code.RefI31, HeapType.I31 | NON_NULL, 1, 2); return;
      case Op.I31GetS: this.unary(Code.I31GetS, ValType.I32, 2, 1); return;
      case Op.I31GetU: this.unary(Code.I31GetU, ValType.I32, 2, 1); return;
      case Op.RefEq: this.binary(Code.RefEq, ValType.I32, 2, 1); return;
      case Op.AnyConvertExtern: case Op.ExternConvertAny: {
        const nonNull = this.types[this.h - 1]! & NON_NULL;
        const top = op === Op.AnyConvertExtern ? HeapType.Any : HeapType.Extern;
        this.unary(op === Op.AnyConvertExtern ? Code.AnyConvertExtern : Code.ExternConvertAny, top | nonNull, 1, 1);
        return;
      }
      case Op.RefTest: case Op.RefTestNull: {
        const i = this.pop();
        const a = this.src(i, 1);
        this.insDst(2, Code.RefTest, 2 * this.slot(i), a, r.a, op === Op.RefTestNull ? 1 : 0);
        this.pushSlot(ValType.I32);
        return;
      }
      case Op.RefCast: case Op.RefCastNull: {
        const i = this.h - 1;
        const nullable = op === Op.RefCastNull;
        this.ins(Code.RefCast, this.src(i, 1), r.a, nullable ? 1 : 0);
        this.retype(nullable ? r.a : r.a | NON_NULL);
        return;
      }
      case Op.BrOnCast: case Op.BrOnCastFail: {
        // The test into a scratch slot, then a conditional branch that keeps the reference as the label's last value.
        const target = this.ctrls[this.ctrls.length - 1 - r.a]!;
        const ref = this.h - 1;
        const from = r.b, to = r.c;
        this.materialize(ref);
        this.insDst(2, Code.RefTest, 2 * this.slot(this.h), this.src(ref, 1), heapType(to), isNullable(to) ? 1 : 0);
        this.pushSlot(ValType.I32);
        const cond = this.h - 1;
        this.h = cond;
        this.brIfAt(target, cond, op === Op.BrOnCastFail);
        this.h = ref + 1;
        const diff = isNullable(to) ? heapType(from) | NON_NULL : from;
        this.retype(op === Op.BrOnCast ? diff : to);
        return;
      }
      default: throw new Error(`lowering: unsupported instruction ${r.info.mnemonic}`);
    }
  }

  private brTable(labels: readonly number[], defaultLabel: number): void {
    const idx = this.pop();
    const ia = this.src(idx);
    const all = labels.slice();
    all.push(defaultLabel);
    const n = this.labelTypes(this.ctrls[this.ctrls.length - 1 - defaultLabel]!).length;
    this.materializeRange(this.h - n, this.h);
    const first = this.code.length + 3;
    const words = [Code.BrTable, ia, labels.length];
    for (let j = 0; j < all.length; j++) words.push(0);
    this.insWords(words);
    all.forEach((l, j) => {
      const target = this.ctrls[this.ctrls.length - 1 - l]!;
      const pos = first + j;
      if (target.kind === Frame.Function) {
        this.code[pos] = this.label();
        this.emitReturn();
      } else if (n === 0 || target.height === this.h - n) {
        this.targetOperand(target, pos);
      } else {
        this.code[pos] = this.label();
        this.branchMoves(target);
        this.emitBr(target);
      }
    });
  }
}
