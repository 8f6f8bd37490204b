/**
 * Validation of function bodies: the spec's algorithm with an operand stack
 * and a control stack, including unreachable code (a polymorphic stack whose
 * missing operands have the type `Unknown`) and multi-value block types.
 * @see https://webassembly.github.io/spec/core/appendix/algorithm.html
 * @module
 */
import { ValidationError } from "../base/errors.js";
import { CatchKind, Imm, Op, PREFIX_FC } from "../base/opcodes.js";
import {
  HeapType, NON_NULL, ValType, concreteHeap, heapType, isConcrete, isDefaultable, isFuncType, isNullable, isRefType, topType, typeIndex, valTypeName,
  type DefType, type FuncType,
} from "../base/types.js";
import { Packed, isArrayType, isStructType, storageTypeName, unpacked, type ArrayType, type StructType } from "../base/types.js";
import { isSubtype } from "../base/subtyping.js";
import { BLOCK_EMPTY, CodeReader } from "../decode/code.js";
import { continueScan, Open, type ScanFacts } from "../decode/expr.js";
import { NOT_AN_OP, OP_FEATURE, OP_IMM } from "../decode/op-table.js";
import type { FuncBody } from "../decode/module.js";
import type { Context } from "./context.js";
import { Invalid, unknownIndex } from "./reasons.js";
import { MEMORY_ACCESS, NUMERIC, numericSlot } from "./signatures.js";
import { atomicWidthLog2, isAtomic } from "../base/atomics.js";
import { atomicSignature } from "./atomics.js";
import { NO_MEMORY, S_ALIGN, S_ARITY, S_LANES, S_OPERAND, S_RESULT, SIMD, SIMD_STRIDE, simdSlot } from "./simd-signatures.js";

/**
 * Where the LEB128 number {@link leb28} read last ends: a second result,
 * kept in a variable rather than an object so reading one allocates nothing.
 */
let lebEnd = 0;

/**
 * Reads an unsigned LEB128 number of 1 to 4 bytes at `at` (below 2^28: no
 * byte of it can be malformed, and `u32`, `u64` and, after sign extension,
 * `s32` agree on it) and sets {@link lebEnd}; returns -1 when it is longer
 * or runs past `end`, for {@link CodeReader.next} to read.
 */
function leb28(bytes: Uint8Array, at: number, end: number): number {
  const limit = at + 4 < end ? at + 4 : end;
  let result = 0;
  let shift = 0;
  for (let p = at; p < limit; p++) {
    const b = bytes[p]!;
    result |= (b & 0x7f) << shift;
    if (b < 0x80) {
      lebEnd = p + 1;
      return result;
    }
    shift += 7;
  }
  return -1;
}

/**
 * Reads the instruction at `at` (opcode `byte`, not `end` or `else`) when it
 * is a Wasm 2.0 one-byte opcode whose immediates are LEB128 numbers of up to
 * four bytes (or an i64 constant of up to 9 bytes), which is nearly every
 * instruction, and returns true; leaves the reader alone and returns false
 * otherwise, for {@link CodeReader.next} to read it (and report what is
 * malformed). Sets what `next` sets that validation reads.
 */
function readShort(r: CodeReader, at: number, byte: number): boolean {
  const bytes = r.bytes;
  const end = r.end;
  let next = at + 1;
  switch (SHORT_IMM[byte]) {
    case Imm.None:
      break;
    case Imm.Label: case Imm.Func: case Imm.Local: case Imm.Global: case Imm.Table: {
      const v = leb28(bytes, next, end);
      if (v < 0) return false;
      r.a = v;
      next = lebEnd;
      break;
    }
    case Imm.I32: {
      const v = leb28(bytes, next, end);
      if (v >= 0) {
        // Sign-extend from the last byte's bit 6.
        const bits = 7 * (lebEnd - next);
        r.a = (v << (32 - bits)) >> (32 - bits);
        next = lebEnd;
        break;
      }
      // Five bytes: the last holds bits 28 to 31, and its unused bits must copy bit 31 (0x00-0x07 or 0x78-0x7f).
      const p = next + 4;
      if (p >= end || bytes[next]! < 0x80 || bytes[next + 1]! < 0x80 || bytes[next + 2]! < 0x80 || bytes[next + 3]! < 0x80) return false;
      const last = bytes[p]!;
      if (last > 0x07 && (last < 0x78 || last > 0x7f)) return false;
      r.a = (bytes[next]! & 0x7f) | ((bytes[next + 1]! & 0x7f) << 7) | ((bytes[next + 2]! & 0x7f) << 14) | ((bytes[next + 3]! & 0x7f) << 21) | (last << 28);
      next = p + 1;
      break;
    }
    case Imm.I64: {
      // Up to nine bytes any value; a tenth must be 0x00 or 0x7f (it holds bit 63 and its copies).
      const limit = Math.min(end, at + 10);
      while (next < limit && bytes[next]! >= 0x80) next++;
      if (next >= end) return false;
      if (next === at + 10 && bytes[next] !== 0x00 && bytes[next] !== 0x7f) return false;
      next++;
      break;
    }
    case Imm.CallIndirect: {
      const type = leb28(bytes, next, end);
      if (type < 0) return false;
      const table = leb28(bytes, lebEnd, end);
      if (table < 0) return false;
      r.a = type;
      r.b = table;
      next = lebEnd;
      break;
    }
    case Imm.MemArg: {
      if (next >= end) return false;
      const align = bytes[next]!;
      // Flags of 32 and above are malformed or name a memory: next() reads those.
      if (align >= 32) return false;
      const offset = leb28(bytes, next + 1, end);
      if (offset < 0) return false;
      r.a = align;
      r.b = offset;
      r.mem = 0;
      next = lebEnd;
      break;
    }
    case Imm.BlockType: {
      if (next >= end) return false;
      const b = bytes[next]!;
      if (b === 0x40) r.a = BLOCK_EMPTY;
      else if (b === ValType.I32 || b === ValType.I64 || b === ValType.F32 || b === ValType.F64) r.a = -b;
      else return false;
      next++;
      break;
    }
    default:
      return false;
  }
  r.opOffset = at;
  r.code = byte;
  r.pos = next;
  return true;
}

/**
 * Reads `memory.copy 0 0` or `memory.fill 0` at `at` (prefix 0xfc), the
 * bulk memory instructions compilers emit for copies and zeroing, and
 * returns its code; returns -1, the reader untouched, for anything else
 * (for {@link CodeReader.next}). Their memory indices are single zero bytes
 * whether or not multiple memories are on.
 */
function readMemoryShort(r: CodeReader, at: number): number {
  const bytes = r.bytes;
  if (at + 3 >= r.end || bytes[at + 2] !== 0) return -1;
  const sub = bytes[at + 1];
  let next: number;
  if (sub === (Op.MemoryCopy & 0xff) && bytes[at + 3] === 0) next = at + 4;
  else if (sub === (Op.MemoryFill & 0xff)) next = at + 3;
  else return -1;
  const op = (PREFIX_FC << 8) | sub;
  r.opOffset = at;
  r.code = op;
  r.mem = 0;
  r.mem2 = 0;
  r.pos = next;
  return op;
}

/**
 * The immediate kind of each one-byte opcode that {@link readShort} may read:
 * Wasm 2.0 instructions only (a later feature's instruction may be switched
 * off: `next()` checks that), {@link NOT_AN_OP} for the rest.
 */
const SHORT_IMM: Uint8Array = (() => {
  const kinds = new Uint8Array(256).fill(NOT_AN_OP);
  for (let code = 0; code < PREFIX_FC; code++) if (OP_FEATURE[code] === 0) kinds[code] = OP_IMM[code]!;
  return kinds;
})();

/**
 * The operand count of each one-byte numeric instruction that
 * {@link FunctionValidator.checkRun} checks itself (those of {@link NUMERIC}
 * that {@link SHORT_IMM} reads: no later feature's), 0 for every other byte.
 */
const FAST_NUMERIC: Uint8Array = (() => {
  const arity = new Uint8Array(256);
  for (let code = 0; code < 0x100; code++) if (SHORT_IMM[code] === Imm.None) arity[code] = NUMERIC[3 * code]!;
  return arity;
})();

/**
 * 1 for the opcodes whose one immediate {@link FunctionValidator.checkRun}
 * reads as an index before its switch: `br`, `br_if`, `call`, the
 * local and global instructions, and the type index of `call_indirect`.
 */
const INDEX_IMM: Uint8Array = (() => {
  const has = new Uint8Array(256);
  for (const op of [Op.Br, Op.BrIf, Op.Call, Op.CallIndirect, Op.LocalGet, Op.LocalSet, Op.LocalTee, Op.GlobalGet, Op.GlobalSet]) has[op] = 1;
  return has;
})();

/** How many instructions {@link FunctionValidator.validateScanning} checks per call of its inner loop (see there). */
const RUN = 32;

/** What the validator needs of a body besides its code: its local declarations and where it starts. */
export type BodyLocals = Pick<FuncBody, "locals" | "localCount" | "bodyStart">;

/** The operand type of a polymorphic stack slot (unreachable code): matches every type. */
const UNKNOWN = ValType.Bot;
/** `(ref bot)`: what `ref.as_non_null` and `br_on_null` make of an unknown operand (below every reference type, no number type). */
const REF_BOT = HeapType.Bot | NON_NULL;
/** `(ref exn)`: what `catch_ref` and `catch_all_ref` deliver last. */
const REF_EXN = HeapType.Exn | NON_NULL;
const { I32, I64, F32, F64, V128, FuncRef } = ValType;
/** `exnref`: the operand of `throw_ref` and the last label type of `catch_ref`/`catch_all_ref`. */
const EXNREF = ValType.ExnRef;

function isNum(t: number): boolean {
  return t === UNKNOWN || t === I32 || t === I64 || t === F32 || t === F64;
}

function typeName(t: number): string {
  return t === UNKNOWN ? "unknown" : valTypeName(t as ValType);
}

/**
 * Validates the bodies of one module's functions. The stacks are typed arrays
 * reused from one function to the next, so checking an instruction allocates
 * nothing.
 *
 * Block types use the encoding of {@link CodeReader} (a type index ≥ 0,
 * {@link BLOCK_EMPTY}, or minus a value type); the function's own frame uses
 * its type index, so one encoding covers every label.
 */
export class FunctionValidator {
  /** Operand stack of value types ({@link UNKNOWN} for polymorphic slots). */
  private vals = new Int32Array(64);
  private sp = 0;
  /** Control stack, one entry per open block: opcode, block type, operand height, unreachable flag. */
  private ctrlOp = new Int32Array(16);
  private ctrlType = new Int32Array(16);
  private ctrlHeight = new Int32Array(16);
  private ctrlUnreachable = new Uint8Array(16);
  private depth = 0;
  /**
   * The top frame's operand height and unreachable flag, copies of
   * `ctrlHeight[depth - 1]` and `ctrlUnreachable[depth - 1]` kept for the pops
   * every instruction makes.
   */
  private height = 0;
  private unreachable = false;
  /** The type of every local, parameters first (reused from one function to the next). */
  private localTypes = new Int32Array(256);
  private localCount = 0;
  /**
   * Whether each local is set (1) or not yet (0): parameters and defaultable
   * locals always are; a non-defaultable local (`(ref $t)`) only after a
   * `local.set` or `local.tee`, until the end of the block where that
   * happened (the spec's validation algorithm).
   * @see https://webassembly.github.io/spec/core/valid/instructions.html#variable-instructions
   */
  private localInit = new Uint8Array(256);
  /** The locals set in the open blocks, in order; each frame remembers the height at its start. */
  private inits = new Int32Array(16);
  private initSp = 0;
  private ctrlInits = new Int32Array(16);
  private funcIndex = -1;
  private at = -1;
  /** The instruction being checked by {@link FunctionValidator.checkRun} (what a validation error interrupted). */
  private op = 0;
  private readonly types: readonly DefType[];

  /** The address type of memory 0 (I32 or I64), or 0 when there is none: the fast path of loads and stores. */
  private readonly memory0: number;

  constructor(private readonly ctx: Context) {
    this.types = ctx.types;
    const m = ctx.memories[0];
    this.memory0 = m === undefined ? 0 : m.address64 === true ? I64 : I32;
  }

  /**
   * Validates the body of defined function `defined` (an index into
   * `module.funcs`); throws {@link ValidationError}.
   */
  /** Starts a body: its locals, empty stacks, and the function's frame (a block whose label has the function's results). */
  private beginBody(funcIndex: number, typeIndex: number, body: BodyLocals): void {
    this.funcIndex = funcIndex;
    this.at = body.bodyStart;
    this.setLocals(this.fty(typeIndex).params, body);
    this.sp = 0;
    this.depth = 0;
    this.pushFrame(Op.Block, typeIndex, false);
  }

  validate(defined: number): void {
    const ctx = this.ctx;
    const module = ctx.module;
    const body: FuncBody = module.codes[defined]!;
    const funcIndex = module.importedFuncs + defined;
    const typeIndex = ctx.funcTypes[funcIndex]!;
    this.beginBody(funcIndex, typeIndex, body);
    const r = new CodeReader(module.bytes, body.codeStart, body.codeEnd);
    while (r.pos < r.end) {
      if (this.depth === 0) {
        throw new ValidationError(Invalid.Unbalanced, funcIndex, r.pos, "instructions after the function's end");
      }
      const op = r.next();
      this.at = r.opOffset;
      this.step(op, r);
    }
    if (this.depth !== 0) {
      throw new ValidationError(Invalid.Unbalanced, funcIndex, body.codeEnd, "function ends inside a block");
    }
  }

  /**
   * Reads and validates a function body in one pass, as the decoder reads it
   * (the reader `r` is the decoder's, at the body's first instruction): the
   * decoder's checks come first, so a malformed body fails with the decoder's
   * {@link DecodeError}. A body that is well formed but invalid is read on to
   * its end by the decoder's scan and its {@link ValidationError} returned,
   * not thrown: a malformed part later in the module must still win.
   * `funcIndex` and `typeIndex` must be known (the function section declares
   * the body). Returns null when the body is valid.
   */
  validateScanning(r: CodeReader, funcIndex: number, typeIndex: number, body: BodyLocals, facts: ScanFacts): ValidationError | null {
    this.beginBody(funcIndex, typeIndex, body);
    this.op = 0;
    try {
      while (!this.checkRun(r, facts)) {
        // The body goes on: the next run.
      }
      return null;
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      this.scanRest(r, this.op, facts);
      return e;
    }
  }

  /**
   * Reads and checks the next {@link RUN} instructions of the body that
   * {@link FunctionValidator.validateScanning} reads; returns true once the
   * body's final `end` is read. A long body is checked in many short calls
   * rather than one long loop: V8 compiles a function that loops long in its
   * unoptimised code a second time, for that running call (on-stack
   * replacement), besides the compile every later call uses; short calls
   * pick up the optimised code as soon as it exists, so this function is
   * compiled once per process.
   *
   * The instructions compilers emit most (locals, constants, numeric
   * operators, loads and stores, blocks, branches, calls: all but 6,600 of
   * esbuild's 4.7 million, 5,200 of those `br_table`, which has its own
   * reader) are checked here with the stacks' state in local variables,
   * in a switch over literal opcodes (V8's bytecode turns that into a jump
   * table; `case Op.X:` would be a chain of property loads and compares in
   * the unoptimised code every first compile of a process runs). A case
   * takes an instruction only when its encoding is short and well formed and
   * its operands match its types exactly, and then changes nothing before it
   * has checked everything; anything else (a longer encoding, a subtype, an
   * unreachable frame, an error) is left untouched to {@link checkOne}, the
   * general path, which reads it again from its first byte. So this fast
   * path decides nothing the general path would decide differently.
   */
  private checkRun(r: CodeReader, facts: ScanFacts): boolean {
    const bytes = r.bytes;
    const end = r.end;
    // The fast cases read up to 10 bytes past an opcode without a bound check: the binary's last bytes go to checkOne.
    const fastEnd = end - 16;
    const localTypes = this.localTypes;
    const localInit = this.localInit;
    const localCount = this.localCount;
    const memory0 = this.memory0;
    const globals = this.ctx.globals;
    const funcTypes = this.ctx.funcTypes;
    const tables = this.ctx.tables;
    const types = this.types;
    let vals = this.vals;
    let sp = this.sp;
    let height = this.height;
    let depth = this.depth;
    let ctrlOp = this.ctrlOp;
    let ctrlType = this.ctrlType;
    let ctrlHeight = this.ctrlHeight;
    let ctrlUnreachable = this.ctrlUnreachable;
    let pos = r.pos;
    for (let n = 0; n < RUN; n++) {
      const at = pos;
      fast: if (at < fastEnd) {
        const byte = bytes[at]!;
        // The index after the opcode (a local, global, label or function), read here once for every case that has one.
        let x = 0;
        let next = at + 1;
        if (INDEX_IMM[byte] !== 0) {
          x = leb28(bytes, next, end);
          if (x < 0) break fast;
          next = lebEnd;
        }
        switch (byte) {
          case 0x20: { // local.get
            if (x >= localCount || localInit[x] === 0 || sp === vals.length) break fast;
            vals[sp++] = localTypes[x]!;
            pos = next;
            continue;
          }
          case 0x21: // local.set
          case 0x22: { // local.tee
            // A local not yet set is one of a non-defaultable type: checkOne records its setting.
            if (x >= localCount || localInit[x] === 0 || sp === height || vals[sp - 1] !== localTypes[x]) break fast;
            if (byte === 0x21) sp--;
            pos = next;
            continue;
          }
          case 0x23: // global.get
          case 0x24: { // global.set
            if (x >= globals.length) break fast;
            const g = globals[x]!;
            if (byte === 0x23) {
              if (sp === vals.length) break fast;
              vals[sp++] = g.valType;
            } else {
              if (!g.mutable || sp === height || vals[sp - 1] !== g.valType) break fast;
              sp--;
            }
            pos = next;
            continue;
          }
          case 0x41: // i32.const: up to 4 bytes of LEB128 (5 need the last byte's checks)
          case 0x42: { // i64.const: up to 9 (10 need them)
            const limit = byte === 0x41 ? at + 5 : at + 10;
            let p = at + 1;
            while (p < limit && bytes[p]! >= 0x80) p++;
            if (p === limit || sp === vals.length) break fast;
            vals[sp++] = byte === 0x41 ? I32 : I64;
            pos = p + 1;
            continue;
          }
          case 0x43: // f32.const
          case 0x44: // f64.const
            if (sp === vals.length) break fast;
            vals[sp++] = byte === 0x43 ? F32 : F64;
            pos = byte === 0x43 ? at + 5 : at + 9;
            continue;
          case 0x28: case 0x29: case 0x2a: case 0x2b: case 0x2c: case 0x2d: case 0x2e: // loads
          case 0x2f: case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35:
          case 0x36: case 0x37: case 0x38: case 0x39: case 0x3a: case 0x3b: case 0x3c: case 0x3d: case 0x3e: { // stores
            // An alignment up to the natural one in memory 0, an i32 memory; an offset below 2^28.
            if (memory0 !== I32 || bytes[at + 1]! > MEMORY_ACCESS[2 * byte + 1]!) break fast;
            if (leb28(bytes, at + 2, end) < 0) break fast;
            next = lebEnd;
            const type = MEMORY_ACCESS[2 * byte]!;
            if (byte <= 0x35) {
              if (sp === height || vals[sp - 1] !== I32) break fast;
              vals[sp - 1] = type;
            } else {
              if (sp - height < 2 || vals[sp - 1] !== type || vals[sp - 2] !== I32) break fast;
              sp -= 2;
            }
            pos = next;
            continue;
          }
          case 0x0b: { // end of a block, loop, if or else whose type is empty or one value
            const top = depth - 1;
            // Locals set inside: checkOne.
            if (this.initSp !== this.ctrlInits[top]) break fast;
            const bt = ctrlType[top]!;
            if (top === 0) {
              // The function's end, the body's last byte: its results exactly.
              const results = (types[bt] as FuncType).results;
              if (sp - height !== results.length) break fast;
              for (let i = 0; i < results.length; i++) if (vals[height + i] !== results[i]) break fast;
              this.sp = height;
              this.depth = 0;
              r.pos = at + 1;
              return true;
            }
            if (bt === BLOCK_EMPTY) {
              // An `if` without `else` of type [] -> [] has the empty else branch it needs.
              if (sp !== height) break fast;
            } else if (bt >= 0 || ctrlOp[top] === 0x04) {
              break fast;
            } else if (sp === height && ctrlUnreachable[top] !== 0 && sp < vals.length) {
              // Unreachable code: the polymorphic stack gives the result.
              vals[sp++] = -bt;
            } else if (sp !== height + 1 || vals[sp - 1] !== -bt) {
              break fast;
            }
            depth = top;
            height = ctrlHeight[top - 1]!;
            this.unreachable = ctrlUnreachable[top - 1] !== 0;
            pos = at + 1;
            continue;
          }
          case 0x02: // block
          case 0x03: // loop
          case 0x04: { // if
            const b = bytes[at + 1]!;
            const bt = b === 0x40 ? BLOCK_EMPTY : b >= F64 && b <= I32 ? -b : 0;
            if (bt === 0 || depth === ctrlOp.length) break fast;
            if (byte === 0x04) {
              if (sp === height || vals[sp - 1] !== I32) break fast;
              sp--;
            }
            ctrlOp[depth] = byte;
            ctrlType[depth] = bt;
            ctrlHeight[depth] = sp;
            ctrlUnreachable[depth] = 0;
            this.ctrlInits[depth] = this.initSp;
            depth++;
            height = sp;
            this.unreachable = false;
            pos = at + 2;
            continue;
          }
          case 0x0c: // br
          case 0x0d: { // br_if
            // A branch to the function's frame (a return) or past it: checkOne.
            const l = x;
            if (l >= depth - 1) break fast;
            let s = sp;
            if (byte === 0x0d) {
              if (s === height || vals[s - 1] !== I32) break fast;
              s--;
            }
            const frame = depth - 1 - l;
            const bt = ctrlType[frame]!;
            if (bt >= 0) break fast;
            // A loop's label takes its parameters (none here); a block's, its result.
            if (bt !== BLOCK_EMPTY && ctrlOp[frame] !== 0x03 && (s === height || vals[s - 1] !== -bt)) break fast;
            if (byte === 0x0d) {
              sp = s;
            } else {
              sp = height;
              ctrlUnreachable[depth - 1] = 1;
              this.unreachable = true;
            }
            pos = next;
            continue;
          }
          case 0x10: { // call
            if (x >= funcTypes.length) break fast;
            const type = types[funcTypes[x]!] as FuncType;
            const params = type.params;
            const results = type.results;
            const base = sp - params.length;
            if (base < height || base + results.length > vals.length) break fast;
            for (let i = 0; i < params.length; i++) if (vals[base + i] !== params[i]) break fast;
            for (let i = 0; i < results.length; i++) vals[base + i] = results[i]!;
            sp = base + results.length;
            pos = next;
            continue;
          }
          case 0x11: { // call_indirect through a funcref table indexed by i32
            const typeIndex = x;
            const table = leb28(bytes, next, end);
            if (table < 0 || table >= tables.length || typeIndex >= types.length) break fast;
            const tt = tables[table]!;
            const type = types[typeIndex];
            if (tt.elemType !== FuncRef || tt.address64 === true || !isFuncType(type)) break fast;
            const params = type.params;
            const results = type.results;
            const base = sp - 1 - params.length;
            if (base < height || vals[sp - 1] !== I32 || base + results.length > vals.length) break fast;
            for (let i = 0; i < params.length; i++) if (vals[base + i] !== params[i]) break fast;
            for (let i = 0; i < results.length; i++) vals[base + i] = results[i]!;
            sp = base + results.length;
            pos = lebEnd;
            continue;
          }
          case 0xfc: { // memory.copy 0 0 and memory.fill 0 in an i32 memory: three i32 operands
            const sub = bytes[at + 1]!;
            if (sub === 0x0a) {
              if (bytes[at + 2] !== 0 || bytes[at + 3] !== 0) break fast;
              next = at + 4;
            } else if (sub === 0x0b) {
              if (bytes[at + 2] !== 0) break fast;
              next = at + 3;
            } else {
              break fast;
            }
            if (memory0 !== I32 || sp - height < 3 || vals[sp - 1] !== I32 || vals[sp - 2] !== I32 || vals[sp - 3] !== I32) break fast;
            sp -= 3;
            pos = next;
            continue;
          }
          case 0x1a: // drop
            if (sp === height) break fast;
            sp--;
            pos = at + 1;
            continue;
          case 0x1b: { // select: two operands of one number or vector type
            if (sp - height < 3 || vals[sp - 1] !== I32) break fast;
            const t = vals[sp - 2]!;
            if (t !== vals[sp - 3] || t < V128 || t > I32) break fast;
            sp -= 2;
            pos = at + 1;
            continue;
          }
          case 0x01: // nop
            pos = at + 1;
            continue;
          case 0x00: // unreachable
            sp = height;
            ctrlUnreachable[depth - 1] = 1;
            this.unreachable = true;
            pos = at + 1;
            continue;
          case 0x0f: { // return: the function's results on top
            const results = (types[ctrlType[0]!] as FuncType).results;
            if (sp - height < results.length) break fast;
            for (let i = 0; i < results.length; i++) if (vals[sp - results.length + i] !== results[i]) break fast;
            sp = height;
            ctrlUnreachable[depth - 1] = 1;
            this.unreachable = true;
            pos = at + 1;
            continue;
          }
          default: {
            // A one-byte numeric instruction: one or two operands of one type, one result.
            const arity = FAST_NUMERIC[byte]!;
            if (arity === 0) break fast;
            const s = 3 * byte;
            const operand = NUMERIC[s + 1]!;
            if (sp - height < arity || vals[sp - 1] !== operand || (arity === 2 && vals[sp - 2] !== operand)) break fast;
            sp -= arity - 1;
            vals[sp - 1] = NUMERIC[s + 2]!;
            pos = at + 1;
            continue;
          }
        }
      }
      // The general path, with the state written back and read again after.
      this.sp = sp;
      this.height = height;
      this.depth = depth;
      r.pos = at;
      const closed = this.checkOne(r, facts);
      vals = this.vals;
      sp = this.sp;
      height = this.height;
      depth = this.depth;
      ctrlOp = this.ctrlOp;
      ctrlType = this.ctrlType;
      ctrlHeight = this.ctrlHeight;
      ctrlUnreachable = this.ctrlUnreachable;
      pos = r.pos;
      if (closed) return true;
    }
    this.sp = sp;
    this.height = height;
    this.depth = depth;
    r.pos = pos;
    return false;
  }

  /**
   * Reads and checks the instruction at the reader's position the general
   * way: the decoder's rules and messages for anything malformed, then
   * {@link FunctionValidator.step}. Returns true when it was the `end` that
   * closed the function's own frame (the body's last byte).
   */
  private checkOne(r: CodeReader, facts: ScanFacts): boolean {
    const bytes = r.bytes;
    // The decoder's rules (scanInstrs in ../decode/expr.ts): the end of the binary, and `else` only in an `if`.
    const at = r.pos;
    if (at >= r.end) r.fail(r.eofMessage);
    const byte = bytes[at]!;
    let op: number;
    if (byte === Op.End) {
      r.opOffset = at;
      r.pos = at + 1;
      op = Op.End;
    } else if (byte === Op.Else) {
      if (this.depth <= 1 || this.ctrlOp[this.depth - 1] !== Op.If) r.fail("END opcode expected", at, "found else");
      r.opOffset = at;
      r.pos = at + 1;
      op = Op.Else;
    } else if (SHORT_IMM[byte] === Imm.None) {
      r.opOffset = at;
      r.code = byte;
      r.pos = at + 1;
      op = byte;
    } else if (readShort(r, at, byte)) {
      op = byte;
    } else if (byte === Op.BrTable && this.brTableShort(r, at)) {
      return false;
    } else if (byte === PREFIX_FC && (op = readMemoryShort(r, at)) >= 0) {
      // memory.copy or memory.fill, read.
    } else {
      op = r.next();
      if (op === Op.MemoryInit || op === Op.DataDrop || op === Op.ArrayNewData || op === Op.ArrayInitData) facts.usesDataIndex = true;
    }
    this.op = op;
    this.at = r.opOffset;
    this.step(op, r);
    // The function's own frame closed: that `end` was the body's last byte.
    return this.depth === 0;
  }

  /**
   * Reads and checks the `br_table` at `at` when its immediates are LEB128
   * numbers of up to four bytes (nearly always; the rest, and anything
   * malformed, is left to {@link CodeReader.next}: false, the reader
   * untouched). The targets are checked straight from the bytes, with the
   * checks and messages of {@link FunctionValidator.step}: no array is
   * filled, and `next`, a large function, does not get hot on the thousands
   * of targets a compiler's dispatch tables have.
   */
  private brTableShort(r: CodeReader, at: number): boolean {
    const bytes = r.bytes;
    const end = r.end;
    const n = leb28(bytes, at + 1, end);
    // More targets than bytes left: next() reports it.
    if (n < 0 || n > end - (at + 1)) return false;
    const first = lebEnd;
    let p = first;
    for (let i = 0; i < n; i++) {
      if (leb28(bytes, p, end) < 0) return false;
      p = lebEnd;
    }
    const dflt = leb28(bytes, p, end);
    if (dflt < 0) return false;
    r.opOffset = at;
    r.code = Op.BrTable;
    r.a = dflt;
    r.pos = lebEnd;
    this.op = Op.BrTable;
    this.at = at;
    this.popExpect(I32);
    const d = this.label(dflt);
    const arity = this.labelCount(d);
    p = first;
    for (let i = 0; i < n; i++) {
      const frame = this.label(leb28(bytes, p, end));
      p = lebEnd;
      if (this.labelCount(frame) !== arity) {
        throw this.error(Invalid.TypeMismatch, `br_table targets of different arity (${this.labelCount(frame)} and ${arity})`);
      }
      this.peekLabel(frame, arity);
    }
    this.popLabel(d);
    this.setUnreachable();
    return true;
  }

  /**
   * After a validation error at instruction `op` (already read), reads the
   * rest of the body with the decoder's scan, from the blocks open there:
   * those of the control stack, then the effect of `op` itself on them.
   */
  private scanRest(r: CodeReader, op: number, facts: ScanFacts): void {
    const open: Open[] = [];
    // Frame 0 is the function's: the scan counts only the blocks inside it.
    for (let d = 1; d < this.depth; d++) {
      const k = this.ctrlOp[d];
      open.push(k === Op.If ? Open.If : k === Op.Else ? Open.Else : Open.Block);
    }
    if (op === Op.End) {
      if (open.length === 0) return;
      open.pop();
    } else if (op === Op.Else) {
      open[open.length - 1] = Open.Else;
    } else if (op === Op.Block || op === Op.Loop || op === Op.TryTable) {
      open.push(Open.Block);
    } else if (op === Op.If) {
      open.push(Open.If);
    }
    continueScan(r, facts, null, open);
  }

  // ---- locals ----

  private setLocals(params: readonly ValType[], body: BodyLocals): void {
    // Parameters and locals are at most `Limit.Locals` (the decoder checks): one flat array.
    const n = params.length + body.localCount;
    if (n > this.localTypes.length) {
      this.localTypes = new Int32Array(Math.max(n, 2 * this.localTypes.length));
      this.localInit = new Uint8Array(this.localTypes.length);
    }
    const types = this.localTypes;
    const init = this.localInit;
    for (let i = 0; i < params.length; i++) types[i] = params[i]!;
    init.fill(1, 0, params.length);
    let at = params.length;
    for (const run of body.locals) {
      this.checkValType(run.type);
      types.fill(run.type, at, at + run.count);
      init.fill(isDefaultable(run.type) ? 1 : 0, at, at + run.count);
      at += run.count;
    }
    this.localCount = n;
    this.initSp = 0;
  }

  /** Marks local `index` as set (recording it, to be unset at the end of the block). */
  private initLocal(index: number): void {
    if (this.localInit[index] !== 0) return;
    this.localInit[index] = 1;
    if (this.initSp === this.inits.length) {
      const grown = new Int32Array(this.inits.length * 2);
      grown.set(this.inits);
      this.inits = grown;
    }
    this.inits[this.initSp++] = index;
  }

  /** Unsets the locals set since the top frame began (its end, or its `else`). */
  private resetInits(): void {
    const h = this.ctrlInits[this.depth - 1]!;
    while (this.initSp > h) this.localInit[this.inits[--this.initSp]!] = 0;
  }

  /** Checks that a value type's type index, if it has one, names a type of the module. */
  private checkValType(t: number): void {
    if (isConcrete(t) && isRefType(t) && typeIndex(t) >= this.types.length) throw this.unknown(Invalid.UnknownType, typeIndex(t));
  }

  private localType(index: number): ValType {
    if (index >= this.localCount) throw this.unknown(Invalid.UnknownLocal, index);
    return this.localTypes[index]! as ValType;
  }

  // ---- errors ----

  private error(reason: string, detail = ""): ValidationError {
    return new ValidationError(reason, this.funcIndex, this.at, detail);
  }

  private unknown(reason: Invalid, index: number): ValidationError {
    return unknownIndex(reason, index, this.funcIndex, this.at);
  }

  private mismatch(expected: number, actual: number | null): ValidationError {
    return this.error(Invalid.TypeMismatch,
      `expected ${typeName(expected)}, got ${actual === null ? "nothing" : typeName(actual)}`);
  }

  // ---- operand stack ----

  private push(t: number): void {
    if (this.sp === this.vals.length) {
      const grown = new Int32Array(this.vals.length * 2);
      grown.set(this.vals);
      this.vals = grown;
    }
    this.vals[this.sp++] = t;
  }

  /** Pops any operand; in unreachable code an empty frame yields {@link UNKNOWN}. */
  private pop(): number {
    if (this.sp === this.height) {
      if (this.unreachable) return UNKNOWN;
      throw this.error(Invalid.TypeMismatch, "expected a value, got nothing");
    }
    return this.vals[--this.sp]!;
  }

  /** Pops an operand that must have type `expected` (or be {@link UNKNOWN}). */
  private popExpect(expected: number): number {
    if (this.sp === this.height) {
      if (this.unreachable) return UNKNOWN;
      throw this.mismatch(expected, null);
    }
    const actual = this.vals[--this.sp]!;
    if (actual !== expected && expected !== UNKNOWN && !isSubtype(this.ctx, actual, expected)) throw this.mismatch(expected, actual);
    return actual;
  }

  /** Pops a reference operand (the spec's `pop_ref`): an unknown one is `(ref bot)`. */
  private popRef(what: string): number {
    const t = this.pop();
    if (t === UNKNOWN) return REF_BOT;
    if (!isRefType(t)) throw this.error(Invalid.TypeMismatch, `${what} of ${typeName(t)}`);
    return t;
  }

  private popTypes(types: readonly ValType[]): void {
    for (let i = types.length - 1; i >= 0; i--) this.popExpect(types[i]!);
  }

  private pushTypes(types: readonly ValType[]): void {
    for (let i = 0; i < types.length; i++) this.push(types[i]!);
  }

  // ---- block types and labels ----

  private checkBlockType(bt: number): void {
    if (bt >= this.types.length) throw this.unknown(Invalid.UnknownType, bt);
    if (bt >= 0 && !isFuncType(this.types[bt])) throw this.unknown(Invalid.NotFuncType, bt);
    if (bt < 0 && bt !== BLOCK_EMPTY) this.checkValType(-bt);
  }

  private paramCount(bt: number): number {
    return bt >= 0 ? this.fty(bt).params.length : 0;
  }

  private paramType(bt: number, i: number): ValType {
    return this.fty(bt).params[i]!;
  }

  private resultCount(bt: number): number {
    return bt >= 0 ? this.fty(bt).results.length : bt === BLOCK_EMPTY ? 0 : 1;
  }

  private resultType(bt: number, i: number): number {
    return bt >= 0 ? this.fty(bt).results[i]! : -bt;
  }

  /** Checks a label index and returns the index of its frame in the control stack. */
  private label(l: number): number {
    if (l >= this.depth) throw this.unknown(Invalid.UnknownLabel, l);
    return this.depth - 1 - l;
  }

  /** Arity of a frame's label: a loop's label takes its parameters, others their results. */
  private labelCount(frame: number): number {
    const bt = this.ctrlType[frame]!;
    return this.ctrlOp[frame] === Op.Loop ? this.paramCount(bt) : this.resultCount(bt);
  }

  private labelType(frame: number, i: number): number {
    const bt = this.ctrlType[frame]!;
    return this.ctrlOp[frame] === Op.Loop ? this.paramType(bt, i) : this.resultType(bt, i);
  }

  private popLabel(frame: number): void {
    for (let i = this.labelCount(frame) - 1; i >= 0; i--) this.popExpect(this.labelType(frame, i));
  }

  private pushLabel(frame: number): void {
    const n = this.labelCount(frame);
    for (let i = 0; i < n; i++) this.push(this.labelType(frame, i));
  }

  /**
   * Checks that the top `n` operands match a label's types without popping
   * them (what the spec's `push_vals(pop_vals(...))` amounts to for `br_table`).
   */
  private peekLabel(frame: number, n: number): void {
    const top = this.depth - 1;
    const height = this.ctrlHeight[top]!;
    for (let i = n - 1; i >= 0; i--) {
      const p = this.sp - n + i;
      const expected = this.labelType(frame, i);
      if (p < height) {
        if (this.ctrlUnreachable[top]) continue;
        throw this.mismatch(expected, null);
      }
      const actual = this.vals[p]!;
      if (actual !== expected && !isSubtype(this.ctx, actual, expected)) throw this.mismatch(expected, actual);
    }
  }

  // ---- control stack ----

  private pushFrame(op: number, bt: number, pushParams: boolean): void {
    const d = this.depth;
    if (d === this.ctrlOp.length) this.growControl();
    this.ctrlOp[d] = op;
    this.ctrlType[d] = bt;
    this.ctrlHeight[d] = this.sp;
    this.ctrlUnreachable[d] = 0;
    this.ctrlInits[d] = this.initSp;
    this.depth = d + 1;
    this.height = this.sp;
    this.unreachable = false;
    if (pushParams && bt >= 0) this.pushTypes(this.fty(bt).params);
  }

  private growControl(): void {
    const n = this.ctrlOp.length * 2;
    const op = new Int32Array(n); op.set(this.ctrlOp); this.ctrlOp = op;
    const ty = new Int32Array(n); ty.set(this.ctrlType); this.ctrlType = ty;
    const h = new Int32Array(n); h.set(this.ctrlHeight); this.ctrlHeight = h;
    const u = new Uint8Array(n); u.set(this.ctrlUnreachable); this.ctrlUnreachable = u;
    const i = new Int32Array(n); i.set(this.ctrlInits); this.ctrlInits = i;
  }

  /** Pops the top frame's results and checks that nothing else is left in it. */
  private closeFrame(): void {
    const top = this.depth - 1;
    const bt = this.ctrlType[top]!;
    for (let i = this.resultCount(bt) - 1; i >= 0; i--) this.popExpect(this.resultType(bt, i));
    if (this.sp !== this.ctrlHeight[top]) {
      throw this.error(Invalid.TypeMismatch, `${this.sp - this.ctrlHeight[top]!} extra value(s) at the end of the block`);
    }
  }

  /** Starts the else branch of the top frame (an `if`). */
  private enterElse(): void {
    this.closeFrame();
    this.resetInits();
    const top = this.depth - 1;
    this.ctrlOp[top] = Op.Else;
    this.ctrlUnreachable[top] = 0;
    this.unreachable = false;
    const bt = this.ctrlType[top]!;
    if (bt >= 0) this.pushTypes(this.fty(bt).params);
  }

  private setUnreachable(): void {
    const top = this.depth - 1;
    this.sp = this.ctrlHeight[top]!;
    this.ctrlUnreachable[top] = 1;
    this.unreachable = true;
  }

  // ---- index spaces ----

  /** The address type (i32 or i64) of memory `index`; "unknown memory" when there is none. */
  private memory(index: number): number {
    const m = this.ctx.memories[index];
    if (m === undefined) throw this.unknown(Invalid.UnknownMemory, index);
    return m.address64 === true ? I64 : I32;
  }

  /**
   * The address type of the memarg's memory, after checking the offset fits
   * it (an i32 memory's offset is below 2^32; an i64 memory's, a u64, always fits).
   */
  private memArgAddress(r: CodeReader): number {
    const at = this.memory(r.mem);
    if (at === I32 && r.b > 0xffffffff) throw this.error(Invalid.OffsetRange, `offset ${r.b} of an i32 memory`);
    return at;
  }

  private tableElemType(index: number): ValType {
    const table = this.ctx.tables[index];
    if (table === undefined) throw this.unknown(Invalid.UnknownTable, index);
    return table.elemType;
  }

  /** The index type of table `index` (table64: i64; else i32); the table must exist. */
  private tableIndexType(index: number): ValType {
    return this.ctx.tables[index]!.address64 === true ? I64 : I32;
  }

  private elemType(index: number): ValType {
    const type = this.ctx.elemTypes[index];
    if (type === undefined) throw this.unknown(Invalid.UnknownElem, index);
    return type;
  }

  private data(index: number): void {
    if (index >= this.ctx.dataCount) throw this.unknown(Invalid.UnknownData, index);
  }

  private tagType(index: number): FuncType {
    const type = this.ctx.tags[index];
    if (type === undefined) throw this.unknown(Invalid.UnknownTag, index);
    return type;
  }

  /**
   * Checks the catch clauses of a `try_table` against the labels around it:
   * each label must take what its clause delivers, the tag's payload
   * (`catch`), the payload then an exnref (`catch_ref`), nothing
   * (`catch_all`) or an exnref (`catch_all_ref`).
   * @see https://webassembly.github.io/spec/core/valid/instructions.html#valid-catch
   */
  private checkCatches(catches: readonly number[]): void {
    for (let c = 0; c < catches.length; c += 3) {
      const kind = catches[c]!;
      const frame = this.label(catches[c + 2]!);
      const payload = kind === CatchKind.Catch || kind === CatchKind.CatchRef ? this.tagType(catches[c + 1]!).params : [];
      const withRef = kind === CatchKind.CatchRef || kind === CatchKind.CatchAllRef;
      const n = this.labelCount(frame);
      if (n !== payload.length + (withRef ? 1 : 0)) {
        throw this.error(Invalid.TypeMismatch, `catch clause delivers ${payload.length + (withRef ? 1 : 0)} value(s) to a label of ${n}`);
      }
      for (let i = 0; i < payload.length; i++) {
        if (!isSubtype(this.ctx, payload[i]!, this.labelType(frame, i))) throw this.mismatch(this.labelType(frame, i), payload[i]!);
      }
      if (withRef && !isSubtype(this.ctx, REF_EXN, this.labelType(frame, n - 1))) throw this.mismatch(this.labelType(frame, n - 1), REF_EXN);
    }
  }

  /**
   * A tail call returns the callee's results as the caller's: they must be
   * the caller's result types.
   * @see https://webassembly.github.io/spec/core/valid/instructions.html#xref-syntax-instructions-syntax-instr-control-mathsf-return-call-x
   */
  private checkTailResults(callee: FuncType): void {
    const own = this.fty(this.ctrlType[0]!).results;
    const ok = own.length === callee.results.length && own.every((t, i) => isSubtype(this.ctx, callee.results[i]!, t));
    if (!ok) {
      throw this.error(Invalid.TypeMismatch, `tail call to a function returning [${callee.results.map(typeName).join(" ")}] from one returning [${own.map(typeName).join(" ")}]`);
    }
  }

  /** The type of `call_ref $t`/`return_call_ref $t`, after popping its `(ref null $t)` operand. */
  private refCallType(index: number): FuncType {
    const type = this.types[index];
    if (type === undefined) throw this.unknown(Invalid.UnknownType, index);
    if (!isFuncType(type)) throw this.unknown(Invalid.NotFuncType, index);
    this.popExpect(concreteHeap(index));
    return type;
  }

  private funcType(index: number): FuncType {
    const typeIndex = this.ctx.funcTypes[index];
    if (typeIndex === undefined) throw this.unknown(Invalid.UnknownFunction, index);
    return this.fty(typeIndex);
  }

  /** The function type at `index`, where the context or an earlier check has made sure there is one. */
  private fty(index: number): FuncType {
    return this.types[index] as FuncType;
  }

  // ---- instructions ----

  /**
   * Checks one instruction against the stacks.
   * @see https://webassembly.github.io/spec/core/valid/instructions.html
   */
  private step(op: number, r: CodeReader): void {
    switch (op) {
      case Op.Unreachable:
        this.setUnreachable();
        return;
      case Op.Nop:
        return;
      case Op.Block:
      case Op.Loop: {
        const bt = r.a;
        this.checkBlockType(bt);
        if (bt >= 0) this.popTypes(this.fty(bt).params);
        this.pushFrame(op, bt, true);
        return;
      }
      case Op.If: {
        const bt = r.a;
        this.checkBlockType(bt);
        this.popExpect(I32);
        if (bt >= 0) this.popTypes(this.fty(bt).params);
        this.pushFrame(op, bt, true);
        return;
      }
      case Op.Else:
        if (this.depth <= 1 || this.ctrlOp[this.depth - 1] !== Op.If) {
          throw this.error(Invalid.Unbalanced, "else without if");
        }
        this.enterElse();
        return;
      case Op.End: {
        // An `if` without `else` has an empty else branch, which must turn its parameters into its results.
        if (this.ctrlOp[this.depth - 1] === Op.If) this.enterElse();
        this.closeFrame();
        this.resetInits();
        const bt = this.ctrlType[--this.depth]!;
        if (this.depth > 0) {
          this.height = this.ctrlHeight[this.depth - 1]!;
          this.unreachable = this.ctrlUnreachable[this.depth - 1] !== 0;
          const n = this.resultCount(bt);
          for (let i = 0; i < n; i++) this.push(this.resultType(bt, i));
        }
        return;
      }
      case Op.Br:
        this.popLabel(this.label(r.a));
        this.setUnreachable();
        return;
      case Op.BrIf: {
        const frame = this.label(r.a);
        this.popExpect(I32);
        this.popLabel(frame);
        this.pushLabel(frame);
        return;
      }
      case Op.BrTable: {
        this.popExpect(I32);
        const dflt = this.label(r.a);
        const arity = this.labelCount(dflt);
        const targets = r.targets;
        for (let i = 0; i < targets.length; i++) {
          const frame = this.label(targets[i]!);
          if (this.labelCount(frame) !== arity) {
            throw this.error(Invalid.TypeMismatch, `br_table targets of different arity (${this.labelCount(frame)} and ${arity})`);
          }
          this.peekLabel(frame, arity);
        }
        this.popLabel(dflt);
        this.setUnreachable();
        return;
      }
      case Op.Return:
        this.popLabel(0);
        this.setUnreachable();
        return;
      case Op.Call: {
        const type = this.funcType(r.a);
        this.popTypes(type.params);
        this.pushTypes(type.results);
        return;
      }
      case Op.CallIndirect: {
        const elem = this.tableElemType(r.b);
        if (r.a >= this.types.length) throw this.unknown(Invalid.UnknownType, r.a);
        if (!isFuncType(this.types[r.a])) throw this.unknown(Invalid.NotFuncType, r.a);
        if (!isSubtype(this.ctx, elem, FuncRef)) throw this.error(Invalid.TypeMismatch, `call_indirect through a table of ${valTypeName(elem)}`);
        const type = this.fty(r.a);
        this.popExpect(this.tableIndexType(r.b));
        this.popTypes(type.params);
        this.pushTypes(type.results);
        return;
      }
      case Op.Drop:
        this.pop();
        return;
      case Op.Select: {
        this.popExpect(I32);
        const t1 = this.pop();
        const t2 = this.pop();
        // Untyped select is for numeric (and vector) operands only; references need `select t`.
        const ok = (isNum(t1) && isNum(t2)) || ((t1 === V128 || t1 === UNKNOWN) && (t2 === V128 || t2 === UNKNOWN));
        if (!ok) throw this.error(Invalid.TypeMismatch, `untyped select of ${typeName(t2)} and ${typeName(t1)}`);
        if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) throw this.mismatch(t1, t2);
        this.push(t1 === UNKNOWN ? t2 : t1);
        return;
      }
      case Op.LocalGet: {
        const t = this.localType(r.a);
        if (this.localInit[r.a] === 0) throw this.error(Invalid.UninitializedLocal, `local ${r.a}`);
        this.push(t);
        return;
      }
      case Op.LocalSet:
        this.popExpect(this.localType(r.a));
        this.initLocal(r.a);
        return;
      case Op.LocalTee: {
        const t = this.localType(r.a);
        this.popExpect(t);
        this.initLocal(r.a);
        this.push(t);
        return;
      }
      case Op.GlobalGet: {
        const g = this.ctx.globals[r.a];
        if (g === undefined) throw this.unknown(Invalid.UnknownGlobal, r.a);
        this.push(g.valType);
        return;
      }
      case Op.GlobalSet: {
        const g = this.ctx.globals[r.a];
        if (g === undefined) throw this.unknown(Invalid.UnknownGlobal, r.a);
        if (!g.mutable) throw this.error(Invalid.GlobalImmutable, `global ${r.a}`);
        this.popExpect(g.valType);
        return;
      }
      case Op.I32Load: case Op.I64Load: case Op.F32Load: case Op.F64Load:
      case Op.I32Load8S: case Op.I32Load8U: case Op.I32Load16S: case Op.I32Load16U:
      case Op.I64Load8S: case Op.I64Load8U: case Op.I64Load16S: case Op.I64Load16U:
      case Op.I64Load32S: case Op.I64Load32U:
        this.popExpect(this.memArg(op, r));
        this.push(MEMORY_ACCESS[2 * op]!);
        return;
      case Op.I32Store: case Op.I64Store: case Op.F32Store: case Op.F64Store:
      case Op.I32Store8: case Op.I32Store16: case Op.I64Store8: case Op.I64Store16: case Op.I64Store32: {
        const at = this.memArg(op, r);
        this.popExpect(MEMORY_ACCESS[2 * op]!);
        this.popExpect(at);
        return;
      }
      case Op.MemoryCopy: {
        // memory64: the length has the smaller of the two address types.
        const dst = this.memory(r.mem), src = this.memory(r.mem2);
        this.popExpect(dst === I64 && src === I64 ? I64 : I32);
        this.popExpect(src);
        this.popExpect(dst);
        return;
      }
      case Op.MemoryFill: {
        const at = this.memory(r.mem);
        this.popExpect(at);
        this.popExpect(I32);
        this.popExpect(at);
        return;
      }
      case Op.I32Const: this.push(I32); return;
      case Op.I64Const: this.push(I64); return;
      case Op.F32Const: this.push(F32); return;
      case Op.F64Const: this.push(F64); return;
      default:
        // A one-byte numeric instruction, typed by its opcode; everything else is in stepOther.
        if (op < 0x100 && NUMERIC[3 * op] !== 0) {
          const s = 3 * op;
          const operand = NUMERIC[s + 1]!;
          this.popExpect(operand);
          if (NUMERIC[s] === 2) this.popExpect(operand);
          this.push(NUMERIC[s + 2]!);
          return;
        }
        this.stepOther(op, r);
    }
  }

  /**
   * Checks the instructions {@link FunctionValidator.step} leaves out: those a
   * compiler's output uses rarely (tables, bulk memory, references, tail
   * calls, exceptions) and the prefixed families. Kept apart so that `step`,
   * the function V8 must optimise early in a process, stays small: a large
   * function is optimised later (V8 waits for more of its bytecode to run)
   * and costs more to compile, and its type feedback changes more often.
   */
  private stepOther(op: number, r: CodeReader): void {
    switch (op) {
      case Op.TryTable: {
        const bt = r.a;
        this.checkBlockType(bt);
        // Catch labels are resolved outside the try_table: its own label is not yet in scope.
        this.checkCatches(r.catches);
        if (bt >= 0) this.popTypes(this.fty(bt).params);
        this.pushFrame(op, bt, true);
        return;
      }
      case Op.Throw:
        this.popTypes(this.tagType(r.a).params);
        this.setUnreachable();
        return;
      case Op.ThrowRef:
        this.popExpect(EXNREF);
        this.setUnreachable();
        return;
      case Op.ReturnCall: {
        const type = this.funcType(r.a);
        this.checkTailResults(type);
        this.popTypes(type.params);
        this.setUnreachable();
        return;
      }
      case Op.ReturnCallIndirect: {
        const elem = this.tableElemType(r.b);
        if (r.a >= this.types.length) throw this.unknown(Invalid.UnknownType, r.a);
        if (!isFuncType(this.types[r.a])) throw this.unknown(Invalid.NotFuncType, r.a);
        if (!isSubtype(this.ctx, elem, FuncRef)) throw this.error(Invalid.TypeMismatch, `return_call_indirect through a table of ${valTypeName(elem)}`);
        const type = this.fty(r.a);
        this.checkTailResults(type);
        this.popExpect(this.tableIndexType(r.b));
        this.popTypes(type.params);
        this.setUnreachable();
        return;
      }
      case Op.CallRef: {
        const type = this.refCallType(r.a);
        this.popTypes(type.params);
        this.pushTypes(type.results);
        return;
      }
      case Op.ReturnCallRef: {
        const type = this.refCallType(r.a);
        this.checkTailResults(type);
        this.popTypes(type.params);
        this.setUnreachable();
        return;
      }
      case Op.RefAsNonNull:
        this.push(heapType(this.popRef("ref.as_non_null")) | NON_NULL);
        return;
      case Op.BrOnNull: {
        const frame = this.label(r.a);
        const t = this.popRef("br_on_null");
        this.popLabel(frame);
        this.pushLabel(frame);
        this.push(heapType(t) | NON_NULL);
        return;
      }
      case Op.BrOnNonNull: {
        const frame = this.label(r.a);
        const t = this.popRef("br_on_non_null");
        const n = this.labelCount(frame);
        if (n === 0) throw this.error(Invalid.TypeMismatch, "br_on_non_null to a label that takes no reference");
        const last = this.labelType(frame, n - 1);
        if (!isSubtype(this.ctx, heapType(t) | NON_NULL, last)) throw this.mismatch(last, heapType(t) | NON_NULL);
        for (let i = n - 2; i >= 0; i--) this.popExpect(this.labelType(frame, i));
        for (let i = 0; i < n - 1; i++) this.push(this.labelType(frame, i));
        return;
      }
      case Op.SelectT: {
        if (r.types.length !== 1) throw this.error(Invalid.InvalidResultArity, `select with ${r.types.length} types`);
        const t = r.types[0]!;
        this.checkValType(t);
        this.popExpect(I32);
        this.popExpect(t);
        this.popExpect(t);
        this.push(t);
        return;
      }
      case Op.TableGet: {
        const t = this.tableElemType(r.a);
        this.popExpect(this.tableIndexType(r.a));
        this.push(t);
        return;
      }
      case Op.TableSet: {
        const t = this.tableElemType(r.a);
        this.popExpect(t);
        this.popExpect(this.tableIndexType(r.a));
        return;
      }
      case Op.MemorySize:
        this.push(this.memory(r.mem));
        return;
      case Op.MemoryGrow: {
        const at = this.memory(r.mem);
        this.popExpect(at);
        this.push(at);
        return;
      }
      case Op.RefNull:
        this.checkValType(r.a);
        this.push(r.a);
        return;
      case Op.RefIsNull:
        this.popRef("ref.is_null");
        this.push(I32);
        return;
      case Op.RefFunc:
        this.funcType(r.a);
        if (!this.ctx.declaredFuncs.has(r.a)) throw this.error(Invalid.UndeclaredFuncRef, `function ${r.a}`);
        // Typed function references: `(ref $t)`, non-null, of the function's own type.
        this.push(concreteHeap(this.ctx.funcTypes[r.a]!) | NON_NULL);
        return;
      case Op.MemoryInit: {
        const at = this.memory(r.mem);
        this.data(r.a);
        this.popN(I32, 2);
        this.popExpect(at);
        return;
      }
      case Op.DataDrop:
        this.data(r.a);
        return;
      case Op.TableInit: {
        const table = this.tableElemType(r.b);
        const elem = this.elemType(r.a);
        if (!isSubtype(this.ctx, elem, table)) {
          throw this.error(Invalid.TypeMismatch, `table.init of ${valTypeName(elem)} into a table of ${valTypeName(table)}`);
        }
        // table64: the destination index is the table's index type; the segment's offset and length stay i32.
        this.popExpect(I32);
        this.popExpect(I32);
        this.popExpect(this.tableIndexType(r.b));
        return;
      }
      case Op.ElemDrop:
        this.elemType(r.a);
        return;
      case Op.TableCopy: {
        const dst = this.tableElemType(r.a);
        const src = this.tableElemType(r.b);
        if (!isSubtype(this.ctx, src, dst)) {
          throw this.error(Invalid.TypeMismatch, `table.copy from ${valTypeName(src)} to ${valTypeName(dst)}`);
        }
        // table64: each index has its table's index type; the length has the smaller of the two (i32 unless both are i64).
        const dstIndex = this.tableIndexType(r.a), srcIndex = this.tableIndexType(r.b);
        this.popExpect(dstIndex === I64 && srcIndex === I64 ? I64 : I32);
        this.popExpect(srcIndex);
        this.popExpect(dstIndex);
        return;
      }
      case Op.TableGrow: {
        const t = this.tableElemType(r.a);
        const at = this.tableIndexType(r.a);
        this.popExpect(at);
        this.popExpect(t);
        this.push(at);
        return;
      }
      case Op.TableSize:
        this.tableElemType(r.a);
        this.push(this.tableIndexType(r.a));
        return;
      case Op.TableFill: {
        const t = this.tableElemType(r.a);
        const at = this.tableIndexType(r.a);
        this.popExpect(at);
        this.popExpect(t);
        this.popExpect(at);
        return;
      }
      default: {
        if (isAtomic(op)) { this.atomic(op, r); return; }
        if (op >= 0xfd00) { this.simd(op, r); return; }
        // GC: i31, ref.eq, casts, extern/any conversions (gcRef below).
        if (op === Op.RefEq || (op >= Op.RefTest && op <= Op.I31GetU)) { this.gcRef(op, r); return; }
        if (op >= Op.StructNew && op <= Op.ArrayInitElem) { this.gcAggregate(op, r); return; }
        // Every other instruction of the opcode table is numeric, typed by its opcode.
        const s = 3 * numericSlot(op);
        const arity = NUMERIC[s] ?? 0;
        if (arity === 0) throw this.error(Invalid.Unbalanced, `no typing rule for opcode 0x${op.toString(16)}`);
        const operand = NUMERIC[s + 1]!;
        this.popExpect(operand);
        if (arity === 2) this.popExpect(operand);
        this.push(NUMERIC[s + 2]!);
      }
    }
  }

  // ---- GC: i31, ref.eq, casts and the extern/any conversions ----

  /** The nullable top type of reference type `t`'s hierarchy (`anyref`, `funcref`, `externref`, `exnref`). */
  private topOf(t: number): number {
    return topType(t, this.types);
  }

  /** Checks a reference type immediate of a cast: its type index, if any, names a type. */
  private checkRefImm(t: number): void {
    if (isConcrete(t) && typeIndex(t) >= this.types.length) throw this.unknown(Invalid.UnknownType, typeIndex(t));
  }

  /**
   * Checks GC's reference instructions other than structs and arrays:
   * `ref.i31`, `i31.get_s/u`, `ref.eq`, `ref.test`, `ref.cast`,
   * `br_on_cast`, `br_on_cast_fail`, `any.convert_extern`, `extern.convert_any`.
   * @see https://webassembly.github.io/spec/core/valid/instructions.html#reference-instructions
   */
  private gcRef(op: number, r: CodeReader): void {
    switch (op) {
      case Op.RefI31:
        this.popExpect(I32);
        this.push(HeapType.I31 | NON_NULL);
        return;
      case Op.I31GetS: case Op.I31GetU:
        this.popExpect(HeapType.I31);
        this.push(I32);
        return;
      case Op.RefEq:
        this.popExpect(HeapType.Eq);
        this.popExpect(HeapType.Eq);
        this.push(I32);
        return;
      case Op.RefTest: case Op.RefTestNull: case Op.RefCast: case Op.RefCastNull: {
        const nullable = op === Op.RefTestNull || op === Op.RefCastNull;
        const t = nullable ? r.a : r.a | NON_NULL;
        this.checkRefImm(t);
        // The operand is any reference of the target's hierarchy.
        this.popExpect(this.topOf(t));
        this.push(op === Op.RefTest || op === Op.RefTestNull ? I32 : t);
        return;
      }
      case Op.BrOnCast: case Op.BrOnCastFail: {
        const frame = this.label(r.a);
        const from = r.b, to = r.c;
        this.checkRefImm(from);
        this.checkRefImm(to);
        if (!isSubtype(this.ctx, to, from)) throw this.error(Invalid.TypeMismatch, `cast from ${typeName(from)} to ${typeName(to)}, not a subtype`);
        this.popExpect(from);
        // What the branch takes: the target type (br_on_cast) or the source minus it (br_on_cast_fail).
        const diff = isNullable(to) ? heapType(from) | NON_NULL : from;
        const taken = op === Op.BrOnCast ? to : diff;
        const n = this.labelCount(frame);
        if (n === 0) throw this.error(Invalid.TypeMismatch, `${op === Op.BrOnCast ? "br_on_cast" : "br_on_cast_fail"} to a label that takes no reference`);
        const last = this.labelType(frame, n - 1);
        if (!isSubtype(this.ctx, taken, last)) throw this.mismatch(last, taken);
        for (let i = n - 2; i >= 0; i--) this.popExpect(this.labelType(frame, i));
        for (let i = 0; i < n - 1; i++) this.push(this.labelType(frame, i));
        this.push(op === Op.BrOnCast ? diff : to);
        return;
      }
      case Op.AnyConvertExtern: case Op.ExternConvertAny: {
        const toAny = op === Op.AnyConvertExtern;
        const t = this.popExpect(toAny ? ValType.ExternRef : ValType.AnyRef);
        // An unknown operand (unreachable code) is `(ref bot)`: non-null, as `pop_ref` has it.
        const nonNull = t === UNKNOWN || !isNullable(t);
        this.push((toAny ? HeapType.Any : HeapType.Extern) | (nonNull ? NON_NULL : 0));
        return;
      }
      default:
        throw this.error(Invalid.Unbalanced, `no typing rule for opcode 0x${op.toString(16)}`);
    }
  }

  /**
   * Checks a SIMD instruction by its entry in the {@link SIMD} table: memory
   * and alignment, lane immediates, then operands and result.
   * @see https://webassembly.github.io/spec/core/valid/instructions.html#vector-instructions
   */
  private simd(op: number, r: CodeReader): void {
    const s = SIMD_STRIDE * simdSlot(op);
    const arity = SIMD[s + S_ARITY]!;
    if (arity === 0xff) throw this.error(Invalid.Unbalanced, `no typing rule for opcode 0x${op.toString(16)}`);
    const natural = SIMD[s + S_ALIGN]!;
    // The address (operand 0 of every SIMD memory instruction) has the memory's address type.
    let address = 0;
    if (natural !== NO_MEMORY) {
      address = this.memArgAddress(r);
      if (r.a > natural) {
        throw this.error(Invalid.Alignment, `alignment 2**${r.a} exceeds natural alignment 2**${natural}`);
      }
    }
    const lanes = SIMD[s + S_LANES]!;
    if (lanes !== 0) {
      if (op === Op.I8x16Shuffle) {
        const v = r.v128;
        for (let i = 0; i < 16; i++) if (v[i]! >= lanes) throw this.error(Invalid.LaneIndex, `shuffle lane ${v[i]}`);
      } else if (r.lane >= lanes) {
        throw this.error(Invalid.LaneIndex, `lane ${r.lane} of ${lanes}`);
      }
    }
    for (let i = arity - 1; i >= 0; i--) this.popExpect(i === 0 && address !== 0 ? address : SIMD[s + S_OPERAND + i]!);
    const result = SIMD[s + S_RESULT]!;
    if (result !== 0) this.push(result);
  }

  /**
   * Checks an atomic instruction (threads): a memory exists (shared or not),
   * the alignment is exactly the natural one, then operands and result by
   * the signature table of ./atomics.ts.
   * @see https://github.com/WebAssembly/threads/blob/main/proposals/threads/Overview.md
   */
  private atomic(op: number, r: CodeReader): void {
    if (op === Op.AtomicFence) return;
    const address = this.memArgAddress(r);
    const natural = atomicWidthLog2(op);
    if (r.a !== natural) throw this.error(Invalid.AtomicAlignment, `alignment 2**${r.a}, natural 2**${natural}`);
    const sig = atomicSignature(op);
    // Operand 0 is the address, of the memory's address type.
    for (let i = sig.operands.length - 1; i >= 0; i--) this.popExpect(i === 0 ? address : sig.operands[i]!);
    if (sig.result !== null) this.push(sig.result);
  }

  // ---- GC structs and arrays (struct.* and array.*) ----

  /** The struct type at `index`: "unknown type" when there is none, a type mismatch when it is not a struct. */
  private structTypeAt(index: number): StructType {
    const t = this.types[index];
    if (t === undefined) throw this.unknown(Invalid.UnknownType, index);
    if (!isStructType(t)) throw this.error(Invalid.TypeMismatch, `type ${index} is not a struct type`);
    return t;
  }

  /** The array type at `index`: "unknown type" when there is none, a type mismatch when it is not an array. */
  private arrayTypeAt(index: number): ArrayType {
    const t = this.types[index];
    if (t === undefined) throw this.unknown(Invalid.UnknownType, index);
    if (!isArrayType(t)) throw this.error(Invalid.TypeMismatch, `type ${index} is not an array type`);
    return t;
  }

  /** A packed field is read with `_s`/`_u`, any other without (the spec's rule for `get`). */
  private checkGetSign(op: number, storage: number, plain: number): void {
    const packed = storage === Packed.I8 || storage === Packed.I16;
    if (packed !== (op !== plain)) {
      throw this.error(Invalid.TypeMismatch, packed ? `packed ${storageTypeName(storage)} read without _s or _u` : `${storageTypeName(storage)} is not packed: _s/_u do not apply`);
    }
  }

  /** Storage subtyping, for `array.copy`: packed types match themselves only. */
  private storageMatches(a: number, b: number): boolean {
    const pa = a === Packed.I8 || a === Packed.I16, pb = b === Packed.I8 || b === Packed.I16;
    return pa || pb ? a === b : isSubtype(this.ctx, a, b);
  }

  /** Checks that array type `index` may be written ("immutable array" otherwise). */
  private mutableArray(index: number): ArrayType {
    const t = this.arrayTypeAt(index);
    if (!t.element.mutable) throw this.error(Invalid.ImmutableArray, `array type ${index}`);
    return t;
  }

  /** Checks that an array's elements are numbers or vectors (for the data segment instructions). */
  private numericArray(t: ArrayType, index: number): void {
    const s = t.element.storage;
    if (isRefType(s) && s !== Packed.I8 && s !== Packed.I16) throw this.error(Invalid.NotNumericArray, `array type ${index}`);
  }

  /** Checks that elem segment `seg` may initialise elements of array type `t`. */
  private elemIntoArray(seg: number, t: ArrayType): void {
    const e = this.elemType(seg);
    if (!isSubtype(this.ctx, e, t.element.storage)) {
      throw this.error(Invalid.TypeMismatch, `elem segment of ${valTypeName(e)} into an array of ${storageTypeName(t.element.storage)}`);
    }
  }

  /**
   * Checks a `struct.*` or `array.*` instruction (opcodes 0xfb00 to 0xfb13).
   * @see https://webassembly.github.io/spec/core/valid/instructions.html#aggregate-reference-instructions
   */
  private gcAggregate(op: number, r: CodeReader): void {
    const x = r.a;
    switch (op) {
      case Op.StructNew: {
        const fields = this.structTypeAt(x).fields;
        for (let i = fields.length - 1; i >= 0; i--) this.popExpect(unpacked(fields[i]!.storage));
        this.push(concreteHeap(x) | NON_NULL);
        return;
      }
      case Op.StructNewDefault: {
        const fields = this.structTypeAt(x).fields;
        for (const f of fields) {
          if (!isDefaultable(f.storage)) throw this.error(Invalid.TypeMismatch, `struct.new_default of a field of non-defaultable type ${storageTypeName(f.storage)}`);
        }
        this.push(concreteHeap(x) | NON_NULL);
        return;
      }
      case Op.StructGet: case Op.StructGetS: case Op.StructGetU: {
        const fields = this.structTypeAt(x).fields;
        const f = fields[r.b];
        if (f === undefined) throw this.unknown(Invalid.UnknownField, r.b);
        this.checkGetSign(op, f.storage, Op.StructGet);
        this.popExpect(concreteHeap(x));
        this.push(unpacked(f.storage));
        return;
      }
      case Op.StructSet: {
        const fields = this.structTypeAt(x).fields;
        const f = fields[r.b];
        if (f === undefined) throw this.unknown(Invalid.UnknownField, r.b);
        if (!f.mutable) throw this.error(Invalid.ImmutableField, `field ${r.b} of type ${x}`);
        this.popExpect(unpacked(f.storage));
        this.popExpect(concreteHeap(x));
        return;
      }
      case Op.ArrayNew: {
        const t = this.arrayTypeAt(x);
        this.popExpect(I32);
        this.popExpect(unpacked(t.element.storage));
        this.push(concreteHeap(x) | NON_NULL);
        return;
      }
      case Op.ArrayNewDefault: {
        const t = this.arrayTypeAt(x);
        if (!isDefaultable(t.element.storage)) throw this.error(Invalid.TypeMismatch, `array.new_default of non-defaultable type ${storageTypeName(t.element.storage)}`);
        this.popExpect(I32);
        this.push(concreteHeap(x) | NON_NULL);
        return;
      }
      case Op.ArrayNewFixed: {
        const t = this.arrayTypeAt(x);
        const e = unpacked(t.element.storage);
        for (let i = 0; i < r.b; i++) this.popExpect(e);
        this.push(concreteHeap(x) | NON_NULL);
        return;
      }
      case Op.ArrayNewData: {
        const t = this.arrayTypeAt(x);
        this.numericArray(t, x);
        this.data(r.b);
        this.popN(I32, 2);
        this.push(concreteHeap(x) | NON_NULL);
        return;
      }
      case Op.ArrayNewElem: {
        const t = this.arrayTypeAt(x);
        this.elemIntoArray(r.b, t);
        this.popN(I32, 2);
        this.push(concreteHeap(x) | NON_NULL);
        return;
      }
      case Op.ArrayGet: case Op.ArrayGetS: case Op.ArrayGetU: {
        const t = this.arrayTypeAt(x);
        this.checkGetSign(op, t.element.storage, Op.ArrayGet);
        this.popExpect(I32);
        this.popExpect(concreteHeap(x));
        this.push(unpacked(t.element.storage));
        return;
      }
      case Op.ArraySet: {
        const t = this.mutableArray(x);
        this.popExpect(unpacked(t.element.storage));
        this.popExpect(I32);
        this.popExpect(concreteHeap(x));
        return;
      }
      case Op.ArrayLen:
        this.popExpect(HeapType.Array);
        this.push(I32);
        return;
      case Op.ArrayFill: {
        const t = this.mutableArray(x);
        this.popExpect(I32);
        this.popExpect(unpacked(t.element.storage));
        this.popExpect(I32);
        this.popExpect(concreteHeap(x));
        return;
      }
      case Op.ArrayCopy: {
        const dst = this.mutableArray(x);
        const src = this.arrayTypeAt(r.b);
        if (!this.storageMatches(src.element.storage, dst.element.storage)) {
          throw this.error(Invalid.ArrayTypesMismatch, `array.copy from ${storageTypeName(src.element.storage)} to ${storageTypeName(dst.element.storage)}`);
        }
        this.popExpect(I32);
        this.popExpect(I32);
        this.popExpect(concreteHeap(r.b));
        this.popExpect(I32);
        this.popExpect(concreteHeap(x));
        return;
      }
      case Op.ArrayInitData: {
        const t = this.mutableArray(x);
        this.numericArray(t, x);
        this.data(r.b);
        this.popN(I32, 3);
        this.popExpect(concreteHeap(x));
        return;
      }
      case Op.ArrayInitElem: {
        const t = this.mutableArray(x);
        this.elemIntoArray(r.b, t);
        this.popN(I32, 3);
        this.popExpect(concreteHeap(x));
        return;
      }
      default:
        throw this.error(Invalid.Unbalanced, `no typing rule for opcode 0x${op.toString(16)}`);
    }
  }

  private popN(t: number, n: number): void {
    for (let i = 0; i < n; i++) this.popExpect(t);
  }

  /**
   * Checks a load or store: its memory exists, the offset fits the address
   * type and the alignment is at most natural; returns the address type.
   */
  private memArg(op: number, r: CodeReader): number {
    const address = this.memArgAddress(r);
    const alignLog2 = r.a;
    const natural = MEMORY_ACCESS[2 * op + 1]!;
    if (alignLog2 > natural) {
      throw this.error(Invalid.Alignment, `alignment 2**${alignLog2} exceeds natural alignment 2**${natural}`);
    }
    return address;
  }
}
