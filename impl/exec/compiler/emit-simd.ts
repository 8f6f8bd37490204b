/**
 * SIMD in compiled code. A v128 lives in four i32 variables (its 32-bit
 * words, little-endian: the slot `v3` is `v3`, `v3_1`, `v3_2`, `v3_3`), as an
 * i64 lives in two halves, so vectors move, cross calls and sit in locals
 * without any allocation. An operation stores its vector operands' words
 * into scratch slots 0 to 2 of the helpers' `VS`, calls the interpreter's
 * lane function through its dispatch table (../simd/table.ts, by the
 * instruction's index) with slot 3 as the destination, and reads the four
 * result words back: the semantics of every lane operation are the
 * interpreter's own code. Operations that work word by word (../simd/words.ts:
 * bitwise, SWAR adds and compares, pairwise extending adds) skip the scratch:
 * each result variable is the word function of the operands' variables,
 * `d0=H.i8x16AddWord(a0,b0)`, which V8 inlines. f32x4 arithmetic is the
 * compiled tier's scalar f32 arithmetic applied to each lane (on bits, as
 * f32 is carried). Only data movement is written here (moves, `v128.const`,
 * whole-vector loads and stores through the memory's DataView as the scalar
 * accesses do, 32-bit lane extraction and replacement, 32-bit splats).
 * See DECISIONS.md, "How does the compiled tier run SIMD?".
 * @module
 */
import { Op, RELAXED_SIMD_BASE } from "../../base/opcodes.js";
import { ValType } from "../../base/types.js";
import type { CodeReader } from "../../decode/code.js";
import type { FunctionEmitter } from "./emit-api.js";
import { deterministicSimd } from "../simd/relaxed.js";
import { tableIndex, VECTOR_OPS } from "../simd/table.js";
import { SIMD, SIMD_STRIDE, S_ARITY, simdSlot } from "../../validate/simd-signatures.js";
import { LANE_FUNCTIONS } from "./helpers-simd.js";
import { Unsupported } from "./emit.js";

/** The camel-case name of each SIMD code (`i8x16.add` -> `i8x16Add`): the name of its lane or word function, if any. */
const LANE_NAME = ((): Map<number, string> => {
  const out = new Map<number, string>();
  for (const [k, v] of Object.entries(Op)) if (isSimd(v)) out.set(v, k[0]!.toLowerCase() + k.slice(1));
  return out;
})();

/** The helper function `name` of ../simd/, if there is one. */
function laneFunction(name: string): ((...a: never[]) => unknown) | undefined {
  const f = LANE_FUNCTIONS[name];
  return typeof f === "function" ? f as (...a: never[]) => unknown : undefined;
}

/**
 * The expression of each word function (../simd/words.ts), read from its
 * text: `return EXPR;` over its parameters `p`, `q`, with nothing but
 * literals, operators and `Math.imul` (checked; a function of another shape
 * is called instead). Our own code's text, never the module's.
 */
const WORD_EXPR = ((): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [name, f] of Object.entries(LANE_FUNCTIONS)) {
    if (!name.endsWith("Word") || typeof f !== "function") continue;
    const m = /^function \w+\((p|p, q)\)\s*\{\s*return ([^;{}]*);\s*\}$/.exec(f.toString());
    if (m === null) continue;
    const expr = m[2]!;
    // Nothing but p, q, decimal and hex literals, operators and Math.imul (a bundler's renamed code is called instead).
    if (!/^[pq0-9\s()+\-*&|^~<>=?:!,]*$/.test(expr.replace(/Math\.imul/g, "").replace(/0x[0-9a-fA-F]+/g, "0"))) continue;
    out.set(name, expr.replace(/\s+/g, ""));
  }
  return out;
})();

/** Word function `name` applied to the variables `a` (and `b`): its expression in place, else a call. */
function wordOf(name: string, a: string, b: string | null): string {
  const e = WORD_EXPR.get(name);
  if (e === undefined) return `H.${name}(${a}${b === null ? "" : "," + b})`;
  return `(${e.replace(/\bp\b/g, a).replace(/\bq\b/g, b ?? "q")})`;
}

/** Scratch slot of the result. */
const D = 3;

/** Statements storing the words `w` of a vector into scratch slot `s`. */
function stage(w: readonly string[], s: number): string {
  const b = 4 * s;
  return `VW[${b}]=${w[0]};VW[${b + 1}]=${w[1]};VW[${b + 2}]=${w[2]};VW[${b + 3}]=${w[3]};`;
}

/** Statements reading the result slot into the words `w`. */
function unstage(w: readonly string[]): string {
  const b = 4 * D;
  return `${w[0]}=VW[${b}];${w[1]}=VW[${b + 1}];${w[2]}=VW[${b + 2}];${w[3]}=VW[${b + 3}];`;
}

/** Whether `code` is a SIMD instruction this file emits. */
export function isSimd(code: number): boolean {
  return (code >= 0xfd00 && code <= 0xfdff) || (code >= RELAXED_SIMD_BASE && code <= Op.I32x4RelaxedDotI8x16I7x16AddS);
}

/**
 * Emits the SIMD instruction `code` (its immediates in `r`; `off` its
 * module offset, for traps). Throws {@link Unsupported} for a code it does
 * not know (none of the 2.0 set).
 */
export function emitSimd(fe: FunctionEmitter, code: number, r: CodeReader, off: number): void {
  // Relaxed SIMD: the deterministic profile's Wasm 2.0 twin, where there is one (as the interpreter).
  code = deterministicSimd(code);
  const ts = fe.ts;
  const vec = (): string[] => { const w = fe.parts(ts.length - 1); fe.pop(); return w; };
  const pushVec = (): string[] => { fe.push(ValType.V128); return fe.parts(ts.length - 1); };
  /** A scalar operand: its parts (two for an i64), popped. */
  const scalar = (): string[] => { const w = fe.parts(ts.length - 1); fe.pop(); return w; };
  const H = (name: string): string => `H.${name}`;
  const offset = r.b >>> 0;
  /**
   * Pops the address of a lane function's access: the statements before the
   * call and its arguments `view,address,offset`. For a memory64 memory the
   * effective address is computed first (an exact number, see MemoryRef) and
   * `H.farView` gives a view in which it is a u32, in `H.FA[0]`.
   */
  const laneAddress = (): [string, string] => {
    const mem = fe.memory(r.mem);
    if (!mem.wide) return ["", `${mem.view},${fe.pop()},${offset}`];
    return [`$a=${fe.popAddress(r.mem)}+${mem.offset(r.b)};`, `H.farView(${mem.obj},$a),H.FA[0],0`];
  };
  /** A load of a whole vector (plain, extending, splat, zero-filling): `extra` are the lane function's last arguments. */
  const load = (fn: string, extra = ""): void => {
    const [pre, args] = laneAddress();
    fe.emit(`$p=${off};${pre}${H(fn)}(VS,${D},${args}${extra});${unstage(pushVec())}`);
  };
  switch (code) {
    case Op.V128Load: {
      // The last word first: the DataView's bounds check of it is the access's (see emit.ts's `address`).
      const mem = fe.memory(r.mem), a = fe.popAddress(r.mem), V = mem.view;
      const w = pushVec();
      fe.emit(`$p=${off};$a=${a}+${mem.offset(r.b)};${w[3]}=${V}.getInt32($a+12,true);${w[0]}=${V}.getInt32($a,true);` +
        `${w[1]}=${V}.getInt32($a+4,true);${w[2]}=${V}.getInt32($a+8,true);`);
      return;
    }
    case Op.V128Load8x8S: load("v128Load8x8", ",true"); return;
    case Op.V128Load8x8U: load("v128Load8x8", ",false"); return;
    case Op.V128Load16x4S: load("v128Load16x4", ",true"); return;
    case Op.V128Load16x4U: load("v128Load16x4", ",false"); return;
    case Op.V128Load32x2S: load("v128Load32x2", ",true"); return;
    case Op.V128Load32x2U: load("v128Load32x2", ",false"); return;
    case Op.V128Load8Splat: load("v128Load8Splat"); return;
    case Op.V128Load16Splat: load("v128Load16Splat"); return;
    case Op.V128Load32Splat: load("v128Load32Splat"); return;
    case Op.V128Load64Splat: load("v128Load64Splat"); return;
    case Op.V128Load32Zero: load("v128Load32Zero"); return;
    case Op.V128Load64Zero: load("v128Load64Zero"); return;
    case Op.V128Store: {
      // The last word first: when it fits, the whole vector does, so a trapping store writes nothing.
      const v = vec(), mem = fe.memory(r.mem), a = fe.popAddress(r.mem), V = mem.view;
      fe.emit(`$p=${off};$a=${a}+${mem.offset(r.b)};${V}.setInt32($a+12,${v[3]},true);${V}.setInt32($a,${v[0]},true);` +
        `${V}.setInt32($a+4,${v[1]},true);${V}.setInt32($a+8,${v[2]},true);`);
      return;
    }
    case Op.F32x4Add: case Op.F32x4Sub: case Op.F32x4Mul: case Op.F32x4Div: {
      const op = code === Op.F32x4Add ? "+" : code === Op.F32x4Sub ? "-" : code === Op.F32x4Mul ? "*" : "/";
      const b = vec(), a = vec(), d = pushVec();
      let s = "";
      for (let j = 0; j < 4; j++) s += `${d[j]}=(SF[0]=(SI[0]=${a[j]},SF[0])${op}(SI[0]=${b[j]},SF[0]),SI[0]);`;
      fe.emit(s);
      return;
    }
    case Op.V128Load8Lane: case Op.V128Load16Lane: case Op.V128Load32Lane: case Op.V128Load64Lane: {
      const v = vec(), [pre, args] = laneAddress();
      const size = 1 << (code - Op.V128Load8Lane);
      fe.emit(`${stage(v, 0)}$p=${off};${pre}H.v128LoadLane(VS,${D},0,${args},${size},${r.lane});${unstage(pushVec())}`);
      return;
    }
    case Op.V128Store8Lane: case Op.V128Store16Lane: case Op.V128Store32Lane: case Op.V128Store64Lane: {
      const v = vec(), [pre, args] = laneAddress();
      const size = 1 << (code - Op.V128Store8Lane);
      fe.emit(`${stage(v, 0)}$p=${off};${pre}H.v128StoreLane(VS,0,${args},${size},${r.lane});`);
      return;
    }
    case Op.V128Const: {
      const b = r.v128;
      const w = pushVec();
      let s = "";
      for (let j = 0; j < 4; j++) s += `${w[j]}=${(b[4 * j]! | (b[4 * j + 1]! << 8) | (b[4 * j + 2]! << 16) | (b[4 * j + 3]! << 24))};`;
      fe.emit(s);
      return;
    }
    case Op.I8x16Shuffle: {
      const b = vec(), a = vec();
      // The lane indices as four word literals in scratch slot 2 (no constant pool entry).
      const l = new Int32Array(r.v128.slice().buffer);
      fe.emit(`${stage(a, 0)}${stage(b, 1)}${stage([...l].map(String), 2)}H.i8x16Shuffle(VS,${D},0,1,VW,8);${unstage(pushVec())}`);
      return;
    }
    // Splats: the 32-bit ones are four moves (an f32 is carried as its bits).
    case Op.I32x4Splat: case Op.F32x4Splat: {
      const [x] = scalar();
      const w = pushVec();
      fe.emit(`${w[0]}=${x};${w[1]}=${w[0]};${w[2]}=${w[0]};${w[3]}=${w[0]};`);
      return;
    }
    case Op.I8x16Splat: case Op.I16x8Splat: {
      const [x] = scalar();
      fe.emit(`H.${LANE_NAME.get(code)}(VS,${D},${x});${unstage(pushVec())}`);
      return;
    }
    case Op.I64x2Splat: {
      const [lo, hi] = scalar();
      fe.emit(`H.i64x2Splat(VS,${D},${lo},${hi});${unstage(pushVec())}`);
      return;
    }
    case Op.F64x2Splat: {
      const [x] = scalar();
      fe.emit(`SD[0]=${x};H.i64x2Splat(VS,${D},SI[0],SI[1]);${unstage(pushVec())}`);
      return;
    }
    case Op.I32x4ExtractLane: case Op.F32x4ExtractLane: {
      const v = vec();
      fe.emit(`${fe.push(code === Op.I32x4ExtractLane ? ValType.I32 : ValType.F32)}=${v[r.lane & 3]};`);
      return;
    }
    case Op.I8x16ExtractLaneS: case Op.I8x16ExtractLaneU: case Op.I16x8ExtractLaneS: case Op.I16x8ExtractLaneU: {
      const v = vec();
      fe.emit(`${stage(v, 0)}${fe.push(ValType.I32)}=H.${LANE_NAME.get(code)}(VS,0,${r.lane});`);
      return;
    }
    case Op.I64x2ExtractLane: {
      const v = vec();
      fe.push(ValType.I64);
      const [lo, hi] = fe.parts(ts.length - 1);
      fe.emit(`${stage(v, 0)}H.i64x2ExtractLane(VS,0,${r.lane},W,0);${lo}=W[0];${hi}=W[1];`);
      return;
    }
    case Op.F64x2ExtractLane: {
      const v = vec();
      fe.emit(`${stage(v, 0)}H.i64x2ExtractLane(VS,0,${r.lane},W,0);${fe.push(ValType.F64)}=(SI[0]=W[0],SI[1]=W[1],SD[0]);`);
      return;
    }
    case Op.I32x4ReplaceLane: case Op.F32x4ReplaceLane: {
      const [x] = scalar();
      const v = fe.parts(ts.length - 1);
      fe.emit(`${v[r.lane & 3]}=${x};`);
      return;
    }
    case Op.I8x16ReplaceLane: case Op.I16x8ReplaceLane: {
      const [x] = scalar();
      const v = vec();
      fe.emit(`${stage(v, 0)}H.${LANE_NAME.get(code)}(VS,${D},0,${r.lane},${x});${unstage(pushVec())}`);
      return;
    }
    case Op.I64x2ReplaceLane: {
      const [lo, hi] = scalar();
      const v = vec();
      fe.emit(`${stage(v, 0)}H.i64x2ReplaceLane(VS,${D},0,${r.lane},${lo},${hi});${unstage(pushVec())}`);
      return;
    }
    case Op.F64x2ReplaceLane: {
      const [x] = scalar();
      const v = vec();
      fe.emit(`${stage(v, 0)}SD[0]=${x};H.i64x2ReplaceLane(VS,${D},0,${r.lane},SI[0],SI[1]);${unstage(pushVec())}`);
      return;
    }
    // Tests, shifts and the other vector operations: the interpreter's tables (../simd/table.ts), by index.
    case Op.V128AnyTrue: case Op.I8x16AllTrue: case Op.I16x8AllTrue: case Op.I32x4AllTrue: case Op.I64x2AllTrue:
    case Op.I8x16Bitmask: case Op.I16x8Bitmask: case Op.I32x4Bitmask: case Op.I64x2Bitmask: {
      const v = vec();
      fe.emit(`${stage(v, 0)}${fe.push(ValType.I32)}=H.TEST_OPS[${tableIndex(code)}](VS,0);`);
      return;
    }
    case Op.I8x16Shl: case Op.I8x16ShrS: case Op.I8x16ShrU: case Op.I16x8Shl: case Op.I16x8ShrS: case Op.I16x8ShrU:
    case Op.I32x4Shl: case Op.I32x4ShrS: case Op.I32x4ShrU: case Op.I64x2Shl: case Op.I64x2ShrS: case Op.I64x2ShrU: {
      const n = fe.pop();
      const v = vec();
      fe.emit(`${stage(v, 0)}H.SHIFT_OPS[${tableIndex(code)}](VS,${D},0,${n});${unstage(pushVec())}`);
      return;
    }
    default: {
      const name = LANE_NAME.get(code);
      // Word by word, in the variables.
      const word = name === undefined ? undefined : laneFunction(`${name}Word`);
      if (word !== undefined) {
        const b = word.length === 2 ? vec() : null, a = vec(), d = pushVec();
        let s = "";
        // Each result word may be an operand's own variable: computed from the operands' word j only.
        for (let j = 0; j < 4; j++) s += `${d[j]}=${wordOf(`${name}Word`, a[j]!, b === null ? null : b[j]!)};`;
        fe.emit(s);
        return;
      }
      // Lane-wise operations on vectors: one to three vector operands, staged in scratch slots 0 to 2.
      if (VECTOR_OPS[tableIndex(code)] !== undefined) {
        const arity = SIMD[SIMD_STRIDE * simdSlot(code) + S_ARITY]!;
        const ops: string[][] = [];
        for (let k = 0; k < arity; k++) ops.unshift(vec());
        fe.emit(`${ops.map((w, k) => stage(w, k)).join("")}H.VECTOR_OPS[${tableIndex(code)}](VS,${D},0,1,2);${unstage(pushVec())}`);
        return;
      }
      throw new Unsupported("SIMD instruction");
    }
  }
}

/** Statements reading v128 global `g` into the words `w` (its cell holds the four words). */
export function globalGetV128(w: readonly string[], g: number): string {
  return w.map((x, j) => `${x}=GR[${g}].cell[${j}];`).join("");
}

/** Statements writing the words `w` to v128 global `g`. */
export function globalSetV128(w: readonly string[], g: number): string {
  return w.map((x, j) => `GR[${g}].cell[${j}]=${x};`).join("");
}
