/**
 * Reading instruction sequences at decode time: constant expressions (kept as
 * {@link ConstInstr} lists) and function bodies (only checked, kept as byte
 * ranges). Both follow block nesting so that the `end` closing the sequence is
 * found exactly, as the binary format's grammar requires.
 * @see https://webassembly.github.io/spec/core/binary/instructions.html#expressions
 * @module
 */
import { Imm, Op } from "../base/opcodes.js";
import type { CodeReader } from "./code.js";
import type { ConstExpr, ConstInstr } from "./module.js";

const END = 0x0b;
const ELSE = 0x05;

/**
 * What kind of construct each open block is, for deciding whether `else` may
 * follow: a block, loop or `try_table`; an `if`; an `if` past its `else`.
 */
export const Open = { Block: 0, If: 1, Else: 2 } as const;
/** One of {@link Open}. */
export type Open = (typeof Open)[keyof typeof Open];

/** What a scanned sequence contained that the decoder must know. */
export interface ScanFacts {
  /** `memory.init` or `data.drop` occurred (they require a data count section). */
  usesDataIndex: boolean;
}

/**
 * Reads instructions up to and including the `end` that closes the sequence,
 * calling `each` for every instruction but that final `end`. `else` is legal
 * only directly inside an `if`; anywhere else the spec's grammar wants an `end`.
 */
export function scanInstrs(r: CodeReader, facts: ScanFacts, each: ((r: CodeReader, op: number) => void) | null): void {
  continueScan(r, facts, each, []);
}

/**
 * {@link scanInstrs} from inside a sequence: `open` holds the blocks already
 * open there, outermost first (the validator hands over a body it stopped
 * checking this way, see `../validate/fused.ts`).
 */
export function continueScan(r: CodeReader, facts: ScanFacts, each: ((r: CodeReader, op: number) => void) | null, open: Open[]): void {
  for (;;) {
    // Past the end of the binary, the awaited `end` is missing: a read error like any other.
    if (r.pos >= r.end) r.fail(r.eofMessage);
    const byte = r.bytes[r.pos]!;
    if (byte === END) {
      if (open.length === 0) { r.pos++; return; }
      open.pop();
      r.opOffset = r.pos++;
      each?.(r, END);
      continue;
    }
    if (byte === ELSE) {
      if (open.length === 0 || open[open.length - 1] !== Open.If) r.fail("END opcode expected", r.pos, "found else");
      open[open.length - 1] = Open.Else;
      r.opOffset = r.pos++;
      each?.(r, ELSE);
      continue;
    }
    const op = r.next();
    if (op === Op.Block || op === Op.Loop || op === Op.TryTable) open.push(Open.Block);
    else if (op === Op.If) open.push(Open.If);
    else if (op === Op.MemoryInit || op === Op.DataDrop || op === Op.ArrayNewData || op === Op.ArrayInitData) facts.usesDataIndex = true;
    each?.(r, op);
  }
}

/** Copies the current instruction of `r` into a {@link ConstInstr}. */
function constInstr(r: CodeReader, op: number): ConstInstr {
  const offset = r.opOffset;
  switch (r.info.imm) {
    case Imm.I32: return { op, offset, value: r.a };
    case Imm.I64: return { op, offset, value: r.big };
    case Imm.F32: return { op, offset, value: r.a >>> 0 };
    case Imm.F64: return { op, offset, value: (BigInt(r.b >>> 0) << 32n) | BigInt(r.a >>> 0) };
    case Imm.V128: return { op, offset, value: r.v128.slice() };
    case Imm.RefType: return { op, offset, refType: r.a as ConstInstr["refType"] };
    case Imm.Func: case Imm.Global: case Imm.Local: case Imm.Label: case Imm.Table:
    case Imm.Data: case Imm.Elem:
      return { op, offset, index: r.a };
    // GC: `struct.new $t`, `array.new_fixed $t n`, ...
    case Imm.Type: return { op, offset, index: r.a };
    case Imm.TypeAndIndex: return { op, offset, index: r.a, count: r.b };
    default:
      // Other instructions are never constant; the validator rejects them by opcode alone.
      return { op, offset };
  }
}

/**
 * Reads the constant expression `i32.const n end`, the usual one (segment
 * offsets: a large program has tens of thousands of data segments), directly:
 * returns true with `n` in `r.a` and the reader past the `end`. Returns false,
 * the reader where it was, when the expression is anything else (for
 * {@link readConstExpr} to read the general way). A malformed constant fails
 * here as it would there.
 */
export function readI32Const(r: CodeReader): boolean {
  const offset = r.pos;
  if (offset >= r.end || r.bytes[offset] !== Op.I32Const) return false;
  r.pos = offset + 1;
  const value = r.s32();
  if (r.pos < r.end && r.bytes[r.pos] === END) {
    r.pos++;
    r.a = value;
    return true;
  }
  r.pos = offset;
  return false;
}

/**
 * Reads a constant expression through its final `end`. Any instruction is
 * accepted here (constness is a validation rule); `else` and nested `end`s
 * are recorded too, so nothing is hidden from the validator.
 */
export function readConstExpr(r: CodeReader, facts: ScanFacts): ConstExpr {
  const offset = r.pos;
  if (readI32Const(r)) return new I32ConstExpr(offset, r.a);
  const instrs: ConstInstr[] = [];
  scanInstrs(r, facts, (cr, op) => {
    instrs.push(op === END || op === ELSE ? { op, offset: cr.opOffset } : constInstr(cr, op));
  });
  return { instrs, offset };
}

/**
 * The constant expression `i32.const value` as one small object: its
 * instruction list is made when first asked for. Keeping tens of thousands
 * of segment offsets costs the collector one object each instead of three.
 */
export class I32ConstExpr implements ConstExpr {
  private list: readonly ConstInstr[] | null = null;

  constructor(readonly offset: number, readonly value: number) {}

  /** The single `i32.const` instruction, as the general form lists it. */
  get instrs(): readonly ConstInstr[] {
    return (this.list ??= [{ op: Op.I32Const, offset: this.offset, value: this.value }]);
  }
}

/** A constant expression `ref.func funcIndex` (element segments that list function indices). */
export function refFuncExpr(funcIndex: number, offset: number): ConstExpr {
  return new RefFuncExpr(offset, funcIndex);
}

/**
 * The constant expression `ref.func index` of an element segment that lists
 * function indices, as one small object: its instruction list is made when
 * first asked for (instantiation). A large program's function table lists
 * thousands, and the validator judges them by `index` alone.
 */
export class RefFuncExpr implements ConstExpr {
  private list: readonly ConstInstr[] | null = null;

  constructor(readonly offset: number, readonly index: number) {}

  /** The single `ref.func` instruction, as the general form lists it. */
  get instrs(): readonly ConstInstr[] {
    return (this.list ??= [{ op: Op.RefFunc, offset: this.offset, index: this.index }]);
  }
}
