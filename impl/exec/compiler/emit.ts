/**
 * Turns one validated wasm function body into the source text of a
 * JavaScript function. Operand-stack slot k of type t is a JavaScript
 * variable named by t and k (`i3`, `l3`, `f3`, `d3`, `r3`), locals are
 * `x0`…, blocks are labelled blocks, loops labelled `for (;;)`, `if` a
 * labelled `if`, `br_table` a `switch`. Every identifier comes from a counter
 * and every constant is a numeric literal or an entry of the constant pool:
 * nothing of the module's bytes is spliced into the text.
 *
 * SIMD, exception handling and tail calls have emitters of their own
 * (emit-simd.ts, emit-eh.ts, emit-tail.ts), hooked in here. Memory 0 with
 * i32 addresses keeps the names and text it always had (`MEM`, `V`); other
 * memories and i64 addresses (memory64) go through {@link MemoryRef}. What
 * the emitter does not handle throws {@link Unsupported}; the caller then
 * leaves the function to the interpreter.
 * @module
 */
import { Op } from "../../base/opcodes.js";
import { TrapMessage } from "../../base/errors.js";
import { NON_NULL, ValType, funcTypeAt, heapType, topType, type FuncType } from "../../base/types.js";
import { BLOCK_EMPTY, CodeReader } from "../../decode/code.js";
import type { Module } from "../../decode/module.js";
import { OsrGuards, type OsrPlan } from "./osr.js";
import type { FunctionEmitter, MemoryRef } from "./emit-api.js";
import { closeTry, emitThrow, emitThrowRef, openTry, TRY_DECLS } from "./emit-eh.js";
import { emitSimd, globalGetV128, globalSetV128, isSimd } from "./emit-simd.js";
import { emitAtomic, isAtomicCode } from "./emit-atomics.js";
import { emitReturnCall, tailFunction } from "./emit-tail.js";
import { emitGcRef, isGcRefCode } from "./emit-gc-refs.js";
import { emitGcAggregate, isGcAggregateCode } from "./emit-gc-aggregates.js";
import { partNames } from "./parts.js";
import { COMPILED_DEPTH, compiledDepthFor } from "./helpers.js";

/** Marks where the memory view is read again; never in the module's bytes (they are never spliced in). */
const REFRESH_MARK = "\u0001";
/** Marks around a loop's label where a backward branch to it goes (resolved at the end, see `Op.Loop`). */
const BACK_MARK = "\u0002", BACK_END = "\u0003";
const BACK_MARKS = /\u0002(\d+)\u0003/g;
/**
 * Metered code (see `meterText`): marks resolved at the end, once the
 * function is known to keep its count of events in a local or not. Before
 * a return; before and after a call; a backward branch's event, with the
 * loop's offset.
 */
const METER_RETURN = "\u0004", METER_CALL = "\u0005", METER_CALLED = "\u0006";
const METER_TICKS = /\u0007(\d+):(\d+)\u0008/g;
/** Around a loop of metered code: its opening (label and offset) and its end. */
const METER_LOOPS = /\u000e(\d+):(\d+)\u000f/g, METER_LOOP_END = "\u0010";
/**
 * The depth in a call's text, resolved at the end (see `cloneText`): the
 * callee's (this frame's plus one), this frame's own (a call that leaves
 * compiled code passes it), and for a direct call of the function itself,
 * the callee's name and depth.
 */
const DEPTH_NEXT = "\u0011", DEPTH_OWN = "\u0012", SELF_CALLEE = "\u0013", SELF_DEPTH = "\u0014";
/**
 * Code size (bytes of a wasm body) up to which a function that calls
 * itself gets a clone (see `emitFunction`'s end): about what V8 inlines
 * (its limit is 460 bytes of bytecode; fib's 50 bytes of wasm make 284).
 */
const CLONE_MAX_BYTES = 80;
/**
 * A local count of events that is not the count (the meter `CT` holds it:
 * during a call, and before the entry took it). Never a count: those are at
 * least -1. A small integer, so the local stays one in V8's baseline tiers.
 */
const METER_OUT = "-536870912";

/**
 * The meter's text for a function's marks and entry. A metered function
 * with a loop and without `try_table` or tail calls keeps the count in a
 * local `$n`, and each loop sits in an outer loop of its own that reports
 * to the meter: a backward branch decrements the local and, when the slice
 * is spent, continues the outer loop, which calls `H.tick` and enters the
 * loop again. No call is left in a loop's body: V8 then keeps what it
 * proved about the loop (a memory view's checks hoisted out of it, values
 * in registers); a call of `H.tick` in the body, even one taken every
 * 16,384 iterations, made sieve and matmul 1.7 to 2 times slower with fuel
 * on. `$n` is written back to the meter before each call and return and in
 * the function's `catch`, and read again after each call (the callee
 * counted on the meter); while it is not the count it holds
 * {@link METER_OUT}, so the `catch` knows whether to write it back. The
 * other metered functions count on the meter directly (a function without
 * a loop would only add the write-backs around its calls).
 */
function meterText(text: string, local: boolean): { text: string; entry: string; caught: string } {
  const report = `CT.n=$n;$n=${METER_OUT};H.tick(CT);$n=CT.n;`;
  const out = text
    .replace(METER_TICKS, local ? (_, l: string) => `if(--$n<0)continue L${l}o;` : (_, _l: string, at: string) => `if(--CT.n<0){$p=${at};H.tick(CT)}`)
    .replace(METER_LOOPS, local ? (_, l: string, at: string) => `L${l}o:for(;;){if($n<0){$p=${at};${report}}` : () => "")
    .split(METER_LOOP_END).join(local ? "break;}" : "")
    .split(METER_RETURN).join(local ? "CT.n=$n;" : "")
    .split(METER_CALL).join(local ? `CT.n=$n;$n=${METER_OUT};` : "")
    .split(METER_CALLED).join(local ? "$n=CT.n;" : "");
  return local ? { text: out, entry: "if(--CT.n<0)H.tick(CT);$n=CT.n;", caught: `if($n!==${METER_OUT})CT.n=$n;` } :
    { text: out, entry: "if(--CT.n<0)H.tick(CT);", caught: "" };
}

/** Thrown for code the compiler does not handle: the function stays interpreted. */
export class Unsupported extends Error {}

/** What the emitter knows of the module around a function. */
export interface EmitContext {
  readonly module: Module;
  /** The type of every function in the index space. */
  readonly funcTypes: readonly FuncType[];
  /** The value type of every global in the index space. */
  readonly globalTypes: readonly ValType[];
  /** Whether each table of the index space is a table64 (indexed by i64). */
  readonly tables64: readonly boolean[];
  /** Whether each memory of the index space is addressed by i64 (memory64). */
  readonly memories64: readonly boolean[];
  /** Adds a value to the constant pool, returning the name it has in the generated code. */
  constant(v: unknown): string;
  /**
   * Whether the code counts the interpreter's events against the store's
   * meter `CT` (./meter.ts): for stores that count fuel or can be
   * interrupted. Without it the code has no such check at all.
   */
  readonly metered?: boolean;
  /**
   * Whether calls to the module's own functions go through the instance's
   * mutable table `FT` (functions compiled one at a time, see module.ts)
   * rather than to the factory's names `F<i>` (the whole module at once).
   */
  readonly lazy?: boolean;
}

/** Trap messages by the small numbers generated code passes (`TM[k]`). */
export const TRAP_MESSAGES: readonly string[] = [
  TrapMessage.Unreachable, TrapMessage.MemoryOutOfBounds, TrapMessage.IntegerDivideByZero, TrapMessage.IntegerOverflow,
  TrapMessage.NullReference,
];
const T_UNREACHABLE = 0;
const T_NULL_REFERENCE = 4;

interface Frame {
  readonly kind: "block" | "loop" | "if" | "func" | "try";
  readonly label: number;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Stack height below the block's parameters. */
  readonly base: number;
  /** The if's "else" was seen. */
  hasElse: boolean;
  /** A try_table's catch clauses (kind, tag, label per clause). */
  catches?: readonly number[];
  /** A loop: where its head's coercions go in the output, and the locals its body reads or writes. */
  head?: number;
  /** A loop: the offset its backward branches resume at (the instruction after `loop`). */
  at?: number;
  /** A loop of code that counts nothing: where the opening of its inner loop goes, if it is a pair (see `Op.Loop`). */
  inner?: number;
  /** A loop: a call (`call`, `call_indirect`) is in its body. */
  calls?: boolean;
  /** A loop: another loop is in its body. */
  nested?: boolean;
  /** A loop: a loop in its body became a pair (see pairLoop). */
  pairInside?: boolean;
  /** A loop: how many variables its head coerces (see loopHead). */
  coerced?: number;
  /** A loop: its head coerces an i64's halves. */
  wide?: boolean;
  locals?: Set<number>;
}

function prefix(t: ValType): string {
  switch (topType(t)) {
    case ValType.I32: return "i";
    case ValType.I64: return "l";
    case ValType.F32: return "f";
    case ValType.F64: return "d";
    case ValType.V128: return "v";
    case ValType.FuncRef: case ValType.ExternRef: case ValType.ExnRef: case ValType.AnyRef: return "r";
    default: throw new Unsupported("value type");
  }
}

function zero(t: ValType): string {
  switch (topType(t)) {
    case ValType.I32: case ValType.F32: case ValType.F64: return "0";
    case ValType.I64: case ValType.V128: return "0";
    case ValType.FuncRef: case ValType.ExternRef: case ValType.ExnRef: case ValType.AnyRef: return "null";
    default: throw new Unsupported("value type");
  }
}

/**
 * Statements shifting (or rotating) the i64 halves `lo`, `hi` in place by
 * the constant `k` (0 to 63); `fn` names the numerics.ts helper it replaces.
 */
function inlineShift(fn: string, lo: string, hi: string, k: number): string {
  if (k === 0) return "";
  switch (fn) {
    case "i64Shl": return k < 32 ? `${hi}=(${hi}<<${k})|(${lo}>>>${32 - k});${lo}=${lo}<<${k};` : `${hi}=${lo}<<${k - 32};${lo}=0;`;
    case "i64ShrS": return k < 32 ? `${lo}=(${lo}>>>${k})|(${hi}<<${32 - k});${hi}=${hi}>>${k};` : `${lo}=${hi}>>${k - 32};${hi}=${hi}>>31;`;
    case "i64ShrU": return k < 32 ? `${lo}=(${lo}>>>${k})|(${hi}<<${32 - k});${hi}=(${hi}>>>${k})|0;` : `${lo}=(${hi}>>>${k - 32})|0;${hi}=0;`;
    case "i64Rotl": case "i64Rotr": {
      let n = fn === "i64Rotl" ? k : (64 - k) & 63;
      let s = "";
      if (n >= 32) { s += `$t=${lo};${lo}=${hi};${hi}=$t;`; n -= 32; }
      if (n === 0) return s;
      return s + `$t=${lo};${lo}=(${lo}<<${n})|(${hi}>>>${32 - n});${hi}=(${hi}<<${n})|($t>>>${32 - n});`;
    }
    default: throw new Error(fn);
  }
}

/**
 * Statements multiplying the i64 halves `al`, `ah` in place by `bl`, `bh`
 * (mod 2^64), inline: no helper call and no scratch array. The low word is
 * `Math.imul`; the high word is the unsigned high product of the low words
 * (from their 16-bit pieces, each partial product by `Math.imul`, so every
 * step is an int32 operation) plus the two cross products. Integer steps
 * rather than one product in a double: a multiplication is often on a
 * loop's critical path (the i64 kernel's accumulator), and int32 multiplies
 * and shifts have a few cycles of latency where conversions to and from
 * doubles have tens. `b0`, `b1` are the 16-bit pieces of `bl` (expressions
 * or literals).
 */
function mulStatements(al: string, ah: string, bl: string, bh: string, b0: string, b1: string): string {
  return `$u=${al}&65535;$v=${al}>>>16;$w=Math.imul($u,${b1});$t=Math.imul($v,${b0});` +
    `${ah}=(Math.imul($v,${b1})+($w>>>16)+($t>>>16)+(((Math.imul($u,${b0})>>>16)+($w&65535)+($t&65535))>>>16)` +
    `+Math.imul(${al},${bh})+Math.imul(${ah},${bl}))|0;${al}=Math.imul(${al},${bl});`;
}

/** {@link mulStatements} by variables `bl`, `bh`. */
function inlineMul(al: string, ah: string, bl: string, bh: string): string {
  return mulStatements(al, ah, bl, bh, `(${bl}&65535)`, `(${bl}>>>16)`);
}

/** {@link mulStatements} by the constant with halves `cl`, `ch` (signed 32-bit numbers), as literals. */
function inlineMulConst(al: string, ah: string, cl: number, ch: number): string {
  if (cl === 0) return `${ah}=Math.imul(${al},${ch});${al}=0;`;
  return mulStatements(al, ah, String(cl), String(ch), String(cl & 0xffff), String(cl >>> 16));
}

/** An exact literal of a double (finite or infinite), parenthesised. */
export function numberLiteral(v: number): string {
  if (Object.is(v, -0)) return "(-0)";
  if (v === Infinity) return "(1/0)";
  if (v === -Infinity) return "(-1/0)";
  if (!Number.isFinite(v)) throw new Error("not a number literal");
  return `(${String(v)})`;
}

/**
 * How many iterations a loop's body runs before going round the outer loop
 * of its pair once (see `Op.Loop` in {@link emitFunction}): rarely enough
 * that the outer loop costs nothing, often enough that V8 enters its
 * on-stack-replacement code there.
 */
const CHUNK = 1024;
/** The fewest integer variables (an i64 counts two) at the head of an innermost loop carrying i64 values for the loop to become a pair. */
const PAIR_MIN = 6;
/** The fewest integer variables at the head of a loop carrying none for the loop to become a pair (see pairLoop). */
const PAIR_MIN_I32 = 9;

const f64buf = new Float64Array(1);
const i32x2 = new Int32Array(f64buf.buffer);

/**
 * Emits function `funcIndex` of the context's module as a JavaScript
 * function declaration named `F<funcIndex>`; or, given an {@link OsrPlan},
 * its variant `O(S)` that starts at the plan's loop with the locals
 * (parameters first, an i64 as two halves) in the array `S` (see ./osr.ts).
 */
export function emitFunction(cx: EmitContext, funcIndex: number, osr?: OsrPlan): string {
  const m = cx.module;
  const type = cx.funcTypes[funcIndex]!;
  const body = m.codes[funcIndex - m.importedFuncs]!;
  const localTypes: ValType[] = [...type.params];
  for (const run of body.locals) for (let i = 0; i < run.count; i++) localTypes.push(run.type);
  for (const t of localTypes) prefix(t);
  for (const t of type.results) prefix(t);
  const hasMemory = m.memories.length + m.importedMemories > 0;
  const metered = cx.metered === true;
  /** What calls out of compiled code pass for the meter. */
  const meter = metered ? "CT" : "null";

  const out: string[] = [];
  const used = new Set<string>();
  const ts: ValType[] = [];
  const frames: Frame[] = [];
  let labels = 0;
  let dead = 0;
  let reachable = true;

  const slot = (k: number): string => {
    const t = ts[k]!;
    const n = prefix(t) + k;
    used.add(n);
    if (t === ValType.I64) used.add(`h${k}`);
    else if (t === ValType.V128) { used.add(`${n}_1`); used.add(`${n}_2`); used.add(`${n}_3`); }
    return n;
  };
  /** The high half of the i64 in slot k (its low half is `slot(k)`). */
  const hiOf = (k: number): string => `h${k}`;
  /** The variables of slot k: one, two (low, high) for an i64, four for a v128. */
  const parts = (k: number): string[] => partNames(ts[k]!, slot(k), hiOf(k));
  const localParts = (i: number): string[] => partNames(localTypes[i]!, `x${i}`, `y${i}`);
  const push = (t: ValType): string => { ts.push(t); return slot(ts.length - 1); };
  const pop = (): string => { const n = slot(ts.length - 1); ts.pop(); return n; };
  const top = (): string => slot(ts.length - 1);
  /** True when table `t` is a table64 (indexed by i64). */
  const is64 = (t: number): boolean => cx.tables64[t] === true;
  /**
   * Pops an index, offset or length of table `t`: for a table64, the i64 as
   * the u32 the table helpers read, its low half or all ones when its high
   * half is not zero (no table is that large: sizes stay under
   * `TABLE_SIZE_LIMIT`, so such an index is out of bounds and such a grow fails).
   */
  const popIndex = (t: number): string => {
    if (!is64(t)) return pop();
    const k = ts.length - 1, lo = slot(k), hi = hiOf(k);
    ts.pop();
    return `(${hi}===0?${lo}:-1)`;
  };
  /** Pushes the i32 result `e` of `table.size`/`table.grow` on table `t`: for a table64, sign-extended to the i64 (a failed grow's -1 stays -1). */
  const pushTableResult = (t: number, e: string): void => {
    if (!is64(t)) { emit(`${push(ValType.I32)}=${e};`); return; }
    const lo = push(ValType.I64);
    emit(`${lo}=${e};${hiOf(ts.length - 1)}=${lo}>>31;`);
  };
  const emit = (s: string): void => { out.push(s); };
  const blockSig = (bt: number): [readonly ValType[], readonly ValType[]] => {
    if (bt === BLOCK_EMPTY) return [[], []];
    if (bt < 0) return [[], [-bt as ValType]];
    const ft = funcTypeAt(m.types, bt);
    return [ft.params, ft.results];
  };
  // After a call or a grow the memories' views are read again (a memory may have grown or moved).
  // Only functions that access memory hold views: the others get this mark removed at the end.
  const refresh = hasMemory ? REFRESH_MARK : "";
  let usesMemory = false;
  /** The memories other than memory 0 the function accesses (each holds its view in `V<k>`). */
  const otherMemories = new Set<number>();
  const memoryRefs: MemoryRef[] = [];
  /** Memory `k` (see MemoryRef), noted as used. */
  const memory = (k: number): MemoryRef => {
    if (k === 0) usesMemory = true;
    else otherMemories.add(k);
    let ref = memoryRefs[k];
    if (ref === undefined) {
      const wide = cx.memories64[k] === true;
      ref = memoryRefs[k] = {
        view: k === 0 ? "V" : `V${k}`, obj: k === 0 ? "MEM" : `MS[${k}]`, wide,
        offset: wide ? (o: number) => String(o) : (o: number) => String(o >>> 0),
      };
    }
    return ref;
  };
  /** The memories whose typed views for `Atomics` the function holds (in `A`, `A<k>`; see emit-atomics.ts). */
  const atomicMemories = new Set<number>();
  const atomicViews = (k: number): string => {
    memory(k);
    atomicMemories.add(k);
    return k === 0 ? "A" : `A${k}`;
  };
  /** Pops an address of memory `k` as an exact number (see MemoryRef); `(a>>>0)` for an i32, as always. */
  const popAddress = (k: number): string => {
    if (cx.memories64[k] !== true) return `(${pop()}>>>0)`;
    const hi = hiOf(ts.length - 1), lo = pop();
    return `((${hi}>>>0)*4294967296+(${lo}>>>0))`;
  };
  /** Pushes a page count or a grow's result `e` (a number, -1 for a failed grow) as memory `k`'s address type. */
  const pushPages = (k: number, e: string): string => {
    if (cx.memories64[k] !== true) return `${push(ValType.I32)}=${e};`;
    const lo = push(ValType.I64), hi = hiOf(ts.length - 1);
    return `$t=${e};${lo}=$t|0;${hi}=$t<0?-1:($t/4294967296)|0;`;
  };
  const results = type.results;
  const returnStmt = (): string => (metered ? METER_RETURN : "") + returnText();
  const returnText = (): string => {
    const n = results.length, h = ts.length;
    if (n === 0) return "return;";
    // A single i64 result returns its low half; the high half goes in HI[0], read by the caller at once.
    if (n === 1) {
      if (ts[h - 1] === ValType.I64) return `HI[0]=${hiOf(h - 1)};return ${slot(h - 1)};`;
      // A single v128 result likewise returns word 0, words 1 to 3 in VR.
      if (ts[h - 1] === ValType.V128) { const w = parts(h - 1); return `VR[0]=${w[1]};VR[1]=${w[2]};VR[2]=${w[3]};return ${w[0]};`; }
      return `return ${slot(h - 1)};`;
    }
    const vals: string[] = [];
    for (let j = 0; j < n; j++) vals.push(...parts(h - n + j));
    // A generic array (null first): V8 would canonicalise NaNs in an array of doubles.
    return `return [null,${vals.join(",")}];`;
  };
  /** Moves the top `arity` values to the target's slots and jumps there. */
  const branch = (depth: number): string => {
    const f = frames[frames.length - 1 - depth]!;
    if (f.kind === "func") return returnStmt();
    const arity = f.kind === "loop" ? f.params.length : f.results.length;
    const h = ts.length;
    let s = "";
    for (let j = 0; j < arity; j++) {
      const from = h - arity + j, to = f.base + j;
      if (from !== to) {
        const src = parts(from), dst = partNames(ts[from]!, prefix(ts[from]!) + to, hiOf(to));
        for (let q = 0; q < dst.length; q++) { used.add(dst[q]!); s += `${dst[q]}=${src[q]};`; }
      }
    }
    if (f.kind !== "loop") return s + `break L${f.label};`;
    // A backward branch is an event (metered code): one that overspends the slice reports to the store,
    // which may stop the code there, at the loop's start as on the interpreter.
    if (metered) { hasLoop = true; return s + `\u0007${f.label}:${f.at!}\u0008continue L${f.label};`; }
    // A mark the loop's end resolves (see `Op.Loop`): to the inner loop of a pair, back to the
    // outer one every CHUNK iterations; or, for a single loop, to it.
    return s + `${BACK_MARK}${f.label}${BACK_END}`;
  };
  const setP = (off: number): string => `$p=${off};`;
  /**
   * Effective address into `$a` for an access of `size` bytes. The bounds
   * check is the DataView's own (the view covers exactly the memory's
   * size): its RangeError becomes the trap in the function's `catch` (see
   * `framed`), which reads the access's offset from `$p`. An explicit check
   * in front of it made memory-bound kernels up to 2x slower.
   */
  const address = (mem: MemoryRef, addr: string, offset: number, off: number): string =>
    `$p=${off};$a=${addr}+${mem.offset(offset)};`;

  /** The innermost open loop, if any. */
  const innermostLoop = (): Frame | undefined => {
    for (let i = frames.length - 1; i > 0; i--) if (frames[i]!.kind === "loop") return frames[i];
    return undefined;
  };
  const touch = (local: number): void => { innermostLoop()?.locals!.add(local); };
  /** Labels of the loops emitted as pairs. */
  const paired = new Set<string>();
  /**
   * Whether loop `f` (of code that counts nothing) becomes a pair, opening
   * its inner loop if so. With calls in the body the calls cost more than
   * what the pair saves (the pair's counter slowed the fib kernel's loop by
   * a tenth), and a pair inside a pair made the sieve and matmul kernels
   * slower, so a loop with a pair in its body stays single. A loop carrying
   * i64 values pairs when it is innermost with PAIR_MIN integer variables
   * or more at its head (fewer save less than the counter costs: the sieve
   * kernel's inner loop). A loop of i32 values only needs PAIR_MIN_I32, and
   * may hold smaller loops: a bytecode interpreter's dispatch loop (the
   * `interp` program: nine variables, a small loop inside) ran its first
   * two calls in on-stack-replacement code at about twice its later time,
   * and V8 sometimes never left that code; paired, the first call is within
   * a third of the later ones. With six, i32 loops gained nothing (the loop
   * and qsort kernels) or lost (the compress program, 15% slower with 16
   * pairs).
   */
  const pairLoop = (f: Frame): boolean => {
    if (f.calls === true || f.pairInside === true) return false;
    const n = f.coerced ?? 0;
    if (f.wide === true ? f.nested === true || n < PAIR_MIN : n < PAIR_MIN_I32) return false;
    out[f.inner!] = `$k=${CHUNK};L${f.label}i:for(;;){`;
    paired.add(String(f.label));
    for (const g of frames) if (g.kind === "loop") g.pairInside = true;
    return true;
  };
  /**
   * Fills loop `f`'s head with `x|=0` for each integer-typed local (i32,
   * the halves of an i64, an f32's bits, a v128's words) its body uses. A function called
   * once with a long loop (each kernel's `run(n)`) runs that loop in V8's
   * on-stack-replacement code, where the values entering the loop are
   * untyped: without the coercion every use is checked and arithmetic on
   * them may be done in doubles; with it they are int32 from the head on.
   * In code compiled on entry the values are already int32 and V8 drops the
   * coercion.
   */
  const loopHead = (f: Frame): void => {
    let s = "";
    for (const i of [...f.locals!].sort((a, b) => a - b)) {
      const t = localTypes[i];
      if (t === ValType.I32 || t === ValType.F32 || t === ValType.I64 || t === ValType.V128) for (const n of localParts(i)) { s += `${n}|=0;`; f.coerced = (f.coerced ?? 0) + 1; }
      if (t === ValType.I64) f.wide = true;
    }
    out[f.head!] = s;
    const outer = innermostLoop();
    if (outer !== undefined) for (const i of f.locals!) outer.locals!.add(i);
  };
  let hasTry = false, hasTail = false, hasLoop = false, selfCalls = false;
  /** What the family emitters (SIMD, exception handling, tail calls) use of this one. */
  const fe: FunctionEmitter = {
    cx, ts, push, pop, popIndex, parts, emit, branch, returnStmt, refresh, meter, memory, popAddress, atomicViews,
  };
  frames.push({ kind: "func", label: labels++, params: [], results, base: 0, hasElse: false });
  const r = new CodeReader(m.bytes, body.codeStart, body.codeEnd);
  const guards = osr === undefined ? null : new OsrGuards(osr);
  /** The slot and value of an i64.const just pushed (shifts by a constant are inlined), else -1. */
  let constAt = -1, constValue = 0n;
  let knownAt = -1, known = 0n;
  while (frames.length > 0) {
    const code = r.next();
    const off = r.opOffset;
    knownAt = constAt; known = constValue; constAt = -1;
    if (!reachable) {
      if (code === Op.Block || code === Op.Loop || code === Op.If || code === Op.TryTable) { dead++; continue; }
      if (code === Op.End && dead > 0) { dead--; continue; }
      if (code === Op.Else && dead > 0) continue;
      if (code !== Op.End && code !== Op.Else) continue;
    }
    if (guards !== null) emit(guards.before(code, off, frames.length));
    switch (code) {
      case Op.Unreachable: emit(`$p=${off};T(${T_UNREACHABLE});`); reachable = false; break;
      case Op.Nop: break;
      case Op.Block: case Op.Loop: {
        const [params, res] = blockSig(r.a);
        const f: Frame = { kind: code === Op.Block ? "block" : "loop", label: labels++, params, results: res, base: ts.length - params.length, hasElse: false };
        frames.push(f);
        if (code === Op.Loop && metered) emit(`\u000e${f.label}:${r.pos}\u000f`);
        emit(code === Op.Block ? `L${f.label}:{` : `L${f.label}:for(;;){`);
        if (code === Op.Loop) {
          for (const g of frames) if (g.kind === "loop" && g !== f) g.nested = true;
          f.head = out.length; f.locals = new Set(); f.at = r.pos; emit("");
          // In code that counts nothing a loop may run as a pair of JavaScript loops: the outer
          // one holds the head's coercions (see loopHead), the inner one the body, and every
          // CHUNK iterations the body goes round the outer one. A function called once with a
          // long loop runs in V8's on-stack-replacement code, entered at a loop's header with
          // values V8 knows nothing of: that loop's variables stay tagged (V8's code for the
          // i64 kernel checked and untagged six of them on every iteration and tagged them
          // again on the way back). The inner loop of a pair is entered afresh from the outer
          // one, with values the coercions made int32 (the i64 kernel went from 4.8x to about
          // 4x V8). Whether the loop becomes a pair is decided at its end (pairLoop): until
          // then the inner loop's opening is an empty slot and backward branches are marks.
          if (!metered) { f.inner = out.length; emit(""); }
        }
        break;
      }
      case Op.If: {
        const c = pop();
        const [params, res] = blockSig(r.a);
        const f: Frame = { kind: "if", label: labels++, params, results: res, base: ts.length - params.length, hasElse: false };
        frames.push(f);
        emit(`L${f.label}:if(${guards === null ? `${c}!==0` : guards.ifCondition(off, `${c}!==0`)}){`);
        break;
      }
      case Op.Else: {
        const f = frames[frames.length - 1]!;
        f.hasElse = true;
        ts.length = f.base;
        ts.push(...f.params);
        reachable = true;
        emit("}else{");
        break;
      }
      case Op.End: {
        const f = frames.pop()!;
        if (f.kind === "func") {
          if (reachable) emit(returnStmt());
          break;
        }
        if (f.kind === "loop" && reachable) emit(`break L${f.label};`);
        if (f.kind === "loop") loopHead(f);
        if (f.kind === "try") closeTry(fe, f.base, f.catches!);
        else emit(f.kind === "loop" && f.inner !== undefined && pairLoop(f) ? "}}" : "}");
        if (f.kind === "loop" && metered) emit(METER_LOOP_END);
        ts.length = f.base;
        ts.push(...f.results);
        for (let k = f.base; k < ts.length; k++) slot(k);
        reachable = true;
        break;
      }
      case Op.Br: emit(branch(r.a)); reachable = false; break;
      case Op.BrIf: { const c = pop(); emit(`if(${c}!==0){${branch(r.a)}}`); break; }
      case Op.BrTable: {
        const c = pop();
        let s = `switch(${c}){`;
        const targets = r.targets;
        for (let i = 0; i < targets.length; i++) s += `case ${i}:{${branch(targets[i]!)}}`;
        s += `default:{${branch(r.a)}}}`;
        emit(s);
        reachable = false;
        break;
      }
      case Op.Return: emit(returnStmt()); reachable = false; break;
      case Op.TryTable: {
        const [params, res] = blockSig(r.a);
        const f: Frame = { kind: "try", label: labels++, params, results: res, base: ts.length - params.length, hasElse: false, catches: [...r.catches] };
        frames.push(f);
        hasTry = true;
        openTry(fe, f.label);
        break;
      }
      case Op.Throw: emitThrow(fe, r.a, off); reachable = false; break;
      case Op.ThrowRef: emitThrowRef(fe, off); reachable = false; break;
      case Op.ReturnCall: case Op.ReturnCallIndirect: case Op.ReturnCallRef: emitReturnCall(fe, code, r, off); hasTail = true; reachable = false; break;
      case Op.Call: case Op.CallIndirect: case Op.CallRef: {
        for (const f of frames) if (f.kind === "loop") f.calls = true;
        let ft: FuncType, callee: string;
        let pre = "";
        if (code === Op.Call) {
          ft = cx.funcTypes[r.a]!;
          callee = r.a < m.importedFuncs ? "" : cx.lazy === true ? `FT[${r.a}]` : `F${r.a}`;
          if (callee === "") { emit(`$f=FN[${r.a}];`); pre = "$f"; }
        } else if (code === Op.CallRef) {
          ft = funcTypeAt(m.types, r.a);
          emit(`$p=${off};$f=H.callRef(${pop()},TY[${r.a}]);`);
          pre = "$f";
          callee = "";
        } else {
          ft = funcTypeAt(m.types, r.a);
          const idx = popIndex(r.b);
          emit(`$p=${off};$f=H.indirect(TB[${r.b}].elements,${idx},TY[${r.a}]);`);
          pre = "$f";
          callee = "";
        }
        const n = ft.params.length;
        const args: string[] = [];
        for (let j = 0; j < n; j++) args.push(...parts(ts.length - n + j));
        ts.length -= n;
        // The callee's depth is ours plus one (see the prologue below); a call leaving compiled code passes ours.
        // A function of an import or a table that is compiled (of this instance or another) is called
        // directly too; the rest (host functions, interpreted or not yet compiled code) through callOut.
        // A direct call of this function itself is marked: it may go to the clone (see the end).
        const self = code === Op.Call && r.a === funcIndex && osr === undefined;
        if (self) selfCalls = true;
        const call = callee !== "" ? `${self ? SELF_CALLEE : callee}(${[...args, self ? SELF_DEPTH : DEPTH_NEXT].join(",")})` :
          `(${pre}.jit!==null?${pre}.jit(${[...args, DEPTH_NEXT].join(",")}):` +
          `H.call${code === Op.Call ? "Host" : "Out"}(${pre},[null${args.map((a) => "," + a).join("")}],INST,${DEPTH_OWN},${meter}))`;
        const nr = ft.results.length;
        let s = setP(off) + (metered ? METER_CALL : "");
        if (nr === 0) s += `${call};`;
        else if (nr === 1) {
          s += `${push(ft.results[0]!)}=${call};`;
          if (ft.results[0] === ValType.I64) s += `${hiOf(ts.length - 1)}=HI[0];`;
          else if (ft.results[0] === ValType.V128) { const w = parts(ts.length - 1); s += `${w[1]}=VR[0];${w[2]}=VR[1];${w[3]}=VR[2];`; }
        } else {
          s += `$r=${call};`;
          let at = 1;
          for (let j = 0; j < nr; j++) {
            push(ft.results[j]!);
            for (const w of parts(ts.length - 1)) s += `${w}=$r[${at++}];`;
          }
        }
        emit(s + (metered ? METER_CALLED : "") + refresh);
        break;
      }
      case Op.Drop: ts.pop(); break;
      case Op.Select: case Op.SelectT: {
        const c = pop();
        const b = parts(ts.length - 1);
        ts.pop();
        const a = parts(ts.length - 1);
        emit(`if(${c}===0){${a.map((x, j) => `${x}=${b[j]};`).join("")}}`);
        break;
      }
      case Op.LocalGet: {
        touch(r.a);
        push(localTypes[r.a]!);
        const s = parts(ts.length - 1), l = localParts(r.a);
        emit(s.map((x, j) => `${x}=${l[j]};`).join(""));
        break;
      }
      case Op.LocalSet: case Op.LocalTee: {
        touch(r.a);
        const s = parts(ts.length - 1), l = localParts(r.a);
        emit(s.map((x, j) => `${l[j]}=${x};`).join(""));
        if (code === Op.LocalSet) ts.pop();
        break;
      }
      case Op.GlobalGet: {
        const t = cx.globalTypes[r.a]!;
        if (t === ValType.I64) { const lo = push(t); emit(`${lo}=GI[${r.a}][0];${hiOf(ts.length - 1)}=GI[${r.a}][1];`); }
        else if (t === ValType.V128) { push(t); emit(globalGetV128(parts(ts.length - 1), r.a)); }
        else emit(`${push(t)}=${globalRead(t, r.a)};`);
        break;
      }
      case Op.GlobalSet: {
        const t = cx.globalTypes[r.a]!;
        if (t === ValType.I64) { const h = hiOf(ts.length - 1), lo = pop(); emit(`GI[${r.a}][0]=${lo};GI[${r.a}][1]=${h};`); }
        else if (t === ValType.V128) { emit(globalSetV128(parts(ts.length - 1), r.a)); ts.pop(); }
        else emit(globalWrite(t, r.a, pop()));
        break;
      }
      case Op.TableGet: { const i = popIndex(r.a); emit(`$p=${off};${push(ValType.FuncRef)}=H.tableGet(TBL[${r.a}],${i});`); ts[ts.length - 1] = ValType.FuncRef; break; }
      case Op.TableSet: { const v = pop(), i = popIndex(r.a); emit(`$p=${off};H.tableSet(TBL[${r.a}],${i},${v});`); break; }
      // V's length, not L: a shared memory's view tracks grows made by other threads.
      case Op.MemorySize: {
        const mem = memory(r.mem);
        emit(mem.wide ? pushPages(r.mem, `${mem.view}.byteLength/65536`) : `${push(ValType.I32)}=(${mem.view}.byteLength/65536)|0;`);
        break;
      }
      case Op.MemoryGrow: {
        const mem = memory(r.mem);
        if (!mem.wide) { const d = top(); emit(`${d}=${mem.obj}.grow(${d}>>>0);${refresh}`); break; }
        const d = popAddress(r.mem);
        emit(pushPages(r.mem, `H.memoryGrow64(${mem.obj},${d})`) + refresh);
        break;
      }
      case Op.I32Const: emit(`${push(ValType.I32)}=${r.a | 0};`); break;
      case Op.I64Const: {
        const lo = push(ValType.I64);
        emit(`${lo}=${Number(BigInt.asIntN(32, r.big))};${hiOf(ts.length - 1)}=${Number(BigInt.asIntN(32, r.big >> 32n))};`);
        constAt = ts.length - 1;
        constValue = r.big;
        break;
      }
      // An f32 is carried as its bits (see float32 below): the constant is an integer literal.
      case Op.F32Const: emit(`${push(ValType.F32)}=${r.a | 0};`); break;
      case Op.F64Const: {
        i32x2[0] = r.a; i32x2[1] = r.b;
        const v = f64buf[0]!;
        emit(`${push(ValType.F64)}=${v === v ? numberLiteral(v) : cx.constant(v)};`);
        break;
      }
      case Op.RefNull: emit(`${push(r.a as ValType)}=null;`); break;
      case Op.RefIsNull: { const a = pop(); emit(`${push(ValType.I32)}=${a}===null?1:0;`); break; }
      // Typed function references: the reference stays in its variable, now of a non-null type.
      case Op.RefAsNonNull: { const a = top(); emit(`if(${a}===null){$p=${off};T(${T_NULL_REFERENCE});}`); ts[ts.length - 1] = heapType(ts[ts.length - 1]!) | NON_NULL; break; }
      case Op.BrOnNull: { const t = ts[ts.length - 1]!; const a = pop(); emit(`if(${a}===null){${branch(r.a)}}`); push(heapType(t) | NON_NULL); break; }
      case Op.BrOnNonNull: { emit(`if(${top()}!==null){${branch(r.a)}}`); pop(); break; }
      case Op.RefFunc: emit(`${push(ValType.FuncRef)}=FN[${r.a}];`); break;
      case Op.MemoryInit: {
        const n = pop(), s = pop();
        if (r.mem === 0 && cx.memories64[0] !== true) { const d = pop(); emit(`$p=${off};H.memoryInit(INST,${r.a},${d},${s},${n});`); break; }
        const d = popAddress(r.mem);
        emit(`$p=${off};H.initMemory(${memory(r.mem).obj},INST.datas[${r.a}],${d},${s}>>>0,${n}>>>0);`);
        break;
      }
      case Op.DataDrop: emit(`H.dataDrop(INST,${r.a});`); break;
      case Op.MemoryCopy: {
        if (r.mem === 0 && r.mem2 === 0 && cx.memories64[0] !== true) {
          const n = pop(), s = pop(), d = pop();
          emit(`$p=${off};H.memoryCopy(MEM,${d},${s},${n});`);
          break;
        }
        // The length is an i64 only when both memories are memory64.
        const dst = memory(r.mem), src = memory(r.mem2);
        const n = dst.wide && src.wide ? popAddress(r.mem) : `(${pop()}>>>0)`, s = popAddress(r.mem2), d = popAddress(r.mem);
        emit(`$p=${off};H.copyMemory(${dst.obj},${src.obj},${d},${s},${n});`);
        break;
      }
      case Op.MemoryFill: {
        if (r.mem === 0 && cx.memories64[0] !== true) {
          const n = pop(), v = pop(), d = pop();
          emit(`$p=${off};H.memoryFill(MEM,${d},${v},${n});`);
          break;
        }
        const n = popAddress(r.mem), v = pop(), d = popAddress(r.mem);
        emit(`$p=${off};H.fillMemory(${memory(r.mem).obj},${d},${v},${n});`);
        break;
      }
      case Op.TableInit: { const n = pop(), s = pop(), d = popIndex(r.b); emit(`$p=${off};H.tableInit(INST,${r.b},${r.a},${d},${s},${n});`); break; }
      case Op.ElemDrop: emit(`H.elemDrop(INST,${r.a});`); break;
      case Op.TableCopy: { const n = is64(r.a) && is64(r.b) ? popIndex(r.a) : pop(), s = popIndex(r.b), d = popIndex(r.a); emit(`$p=${off};H.tableCopy(TBL[${r.a}],TBL[${r.b}],${d},${s},${n});`); break; }
      case Op.TableGrow: { const n = popIndex(r.a), v = pop(); pushTableResult(r.a, `H.tableGrow(TBL[${r.a}],${v},${n})`); break; }
      case Op.TableSize: pushTableResult(r.a, `TBL[${r.a}].elements.length`); break;
      case Op.TableFill: { const n = popIndex(r.a), v = pop(), d = popIndex(r.a); emit(`$p=${off};H.tableFill(TBL[${r.a}],${d},${v},${n});`); break; }
      default:
        if (code >= Op.I32Load && code <= Op.I64Store32) { emit(memoryAccess(code, memory(r.mem), r.b, off)); break; }
        if (isSimd(code)) { emitSimd(fe, code, r, off); break; }
        if (isAtomicCode(code)) { emitAtomic(fe, code, r, off); break; }
        if (isGcRefCode(code)) { emitGcRef(fe, code, r, off); break; }
        if (isGcAggregateCode(code)) { emitGcAggregate(fe, code, r, off); break; }
        if (!float32(code) && !numeric(code, off) && !int64(code, off)) throw new Unsupported("instruction");
    }
  }

  function memoryAccess(code: number, mem: MemoryRef, offset: number, off: number): string {
    const k = r.mem, V = mem.view;
    /** A load; for an i64, `hi` is the high half's expression, "S" for the sign of the low half. */
    const load = (t: ValType, _size: number, expr: string, hi = ""): string => {
      const s = address(mem, popAddress(k), offset, off);
      const lo = push(t);
      if (t !== ValType.I64) return `${s}${lo}=${expr};`;
      return `${s}${lo}=${expr};${hiOf(ts.length - 1)}=${hi === "S" ? `${lo}>>31` : hi};`;
    };
    const store = (_size: number, expr: (v: string, h: string) => string): string => {
      const h = hiOf(ts.length - 1);
      const v = pop();
      return `${address(mem, popAddress(k), offset, off)}${expr(v, h)};`;
    };
    switch (code) {
      case Op.I32Load: return load(ValType.I32, 4, `${V}.getInt32($a,true)`);
      case Op.I64Load: return load(ValType.I64, 8, `${V}.getInt32($a,true)`, `${V}.getInt32($a+4,true)`);
      case Op.F32Load: return load(ValType.F32, 4, `${V}.getInt32($a,true)`);
      case Op.F64Load: return load(ValType.F64, 8, `${V}.getFloat64($a,true)`);
      case Op.I32Load8S: return load(ValType.I32, 1, `${V}.getInt8($a)`);
      case Op.I32Load8U: return load(ValType.I32, 1, `${V}.getUint8($a)`);
      case Op.I32Load16S: return load(ValType.I32, 2, `${V}.getInt16($a,true)`);
      case Op.I32Load16U: return load(ValType.I32, 2, `${V}.getUint16($a,true)`);
      case Op.I64Load8S: return load(ValType.I64, 1, `${V}.getInt8($a)`, "S");
      case Op.I64Load8U: return load(ValType.I64, 1, `${V}.getUint8($a)`, "0");
      case Op.I64Load16S: return load(ValType.I64, 2, `${V}.getInt16($a,true)`, "S");
      case Op.I64Load16U: return load(ValType.I64, 2, `${V}.getUint16($a,true)`, "0");
      case Op.I64Load32S: return load(ValType.I64, 4, `${V}.getInt32($a,true)`, "S");
      case Op.I64Load32U: return load(ValType.I64, 4, `${V}.getInt32($a,true)`, "0");
      case Op.I32Store: return store(4, (v) => `${V}.setInt32($a,${v},true)`);
      // The high half first: when it fits, so does the low half, so a trapping store writes nothing.
      case Op.I64Store: return store(8, (v, h) => `${V}.setInt32($a+4,${h},true);${V}.setInt32($a,${v},true)`);
      case Op.F32Store: return store(4, (v) => `${V}.setInt32($a,${v},true)`);
      case Op.F64Store: return store(8, (v) => `${V}.setFloat64($a,${v},true)`);
      case Op.I32Store8: return store(1, (v) => `${V}.setInt8($a,${v})`);
      case Op.I32Store16: return store(2, (v) => `${V}.setInt16($a,${v},true)`);
      case Op.I64Store8: return store(1, (v) => `${V}.setInt8($a,${v})`);
      case Op.I64Store16: return store(2, (v) => `${V}.setInt16($a,${v},true)`);
      case Op.I64Store32: return store(4, (v) => `${V}.setInt32($a,${v},true)`);
      default: throw new Unsupported("memory instruction");
    }
  }

  /** Emits a numeric instruction; false when `code` is not one. */
  function numeric(code: number, off: number): boolean {
    const I32 = ValType.I32, I64 = ValType.I64, F32 = ValType.F32, F64 = ValType.F64;
    const un = (t: ValType, f: (a: string) => string): void => { const a = pop(); emit(`${push(t)}=${f(a)};`); };
    const bin = (t: ValType, f: (a: string, b: string) => string): void => { const b = pop(), a = pop(); emit(`${push(t)}=${f(a, b)};`); };
    const cmp = (op: string): void => bin(I32, (a, b) => `${a}${op}${b}?1:0`);
    const cmpU32 = (op: string): void => bin(I32, (a, b) => `(${a}>>>0)${op}(${b}>>>0)?1:0`);
    const cmpU64 = (op: string): void => bin(I32, (a, b) => `BigInt.asUintN(64,${a})${op}BigInt.asUintN(64,${b})?1:0`);
    const w64 = (e: string): string => `BigInt.asIntN(64,${e})`;
    const trapping = (t: ValType, fn: string, arity: 1 | 2): void => {
      if (arity === 1) { const a = pop(); emit(`$p=${off};${push(t)}=H.${fn}(${a});`); }
      else { const b = pop(), a = pop(); emit(`$p=${off};${push(t)}=H.${fn}(${a},${b});`); }
    };
    switch (code) {
      case Op.I32Eqz: un(I32, (a) => `${a}===0?1:0`); return true;
      case Op.I32Eq: cmp("==="); return true;
      case Op.I32Ne: cmp("!=="); return true;
      case Op.I32LtS: cmp("<"); return true;
      case Op.I32LtU: cmpU32("<"); return true;
      case Op.I32GtS: cmp(">"); return true;
      case Op.I32GtU: cmpU32(">"); return true;
      case Op.I32LeS: cmp("<="); return true;
      case Op.I32LeU: cmpU32("<="); return true;
      case Op.I32GeS: cmp(">="); return true;
      case Op.I32GeU: cmpU32(">="); return true;
      case Op.F32Eq: case Op.F64Eq: cmp("==="); return true;
      case Op.F32Ne: case Op.F64Ne: cmp("!=="); return true;
      case Op.F32Lt: case Op.F64Lt: cmp("<"); return true;
      case Op.F32Gt: case Op.F64Gt: cmp(">"); return true;
      case Op.F32Le: case Op.F64Le: cmp("<="); return true;
      case Op.F32Ge: case Op.F64Ge: cmp(">="); return true;
      case Op.I32Clz: un(I32, (a) => `Math.clz32(${a})`); return true;
      case Op.I32Ctz: un(I32, (a) => `H.i32Ctz(${a})`); return true;
      case Op.I32Popcnt: un(I32, (a) => `H.i32Popcnt(${a})`); return true;
      case Op.I32Add: bin(I32, (a, b) => `(${a}+${b})|0`); return true;
      case Op.I32Sub: bin(I32, (a, b) => `(${a}-${b})|0`); return true;
      case Op.I32Mul: bin(I32, (a, b) => `Math.imul(${a},${b})`); return true;
      case Op.I32DivS: trapping(I32, "i32DivS", 2); return true;
      case Op.I32DivU: trapping(I32, "i32DivU", 2); return true;
      case Op.I32RemS: trapping(I32, "i32RemS", 2); return true;
      case Op.I32RemU: trapping(I32, "i32RemU", 2); return true;
      case Op.I32And: bin(I32, (a, b) => `${a}&${b}`); return true;
      case Op.I32Or: bin(I32, (a, b) => `${a}|${b}`); return true;
      case Op.I32Xor: bin(I32, (a, b) => `${a}^${b}`); return true;
      case Op.I32Shl: bin(I32, (a, b) => `${a}<<${b}`); return true;
      case Op.I32ShrS: bin(I32, (a, b) => `${a}>>${b}`); return true;
      case Op.I32ShrU: bin(I32, (a, b) => `(${a}>>>${b})|0`); return true;
      case Op.I32Rotl: bin(I32, (a, b) => `H.i32Rotl(${a},${b})`); return true;
      case Op.I32Rotr: bin(I32, (a, b) => `H.i32Rotr(${a},${b})`); return true;
      case Op.F32Abs: case Op.F64Abs: { const t = code === Op.F32Abs ? F32 : F64; un(t, (a) => `${a}===${a}?Math.abs(${a}):H.absNaN(${a})`); return true; }
      case Op.F32Neg: case Op.F64Neg: { const t = code === Op.F32Neg ? F32 : F64; un(t, (a) => `${a}===${a}?-${a}:H.negNaN(${a})`); return true; }
      case Op.F32Copysign: bin(F32, (a, b) => `H.copysign(${a},${b})`); return true;
      case Op.F64Copysign: bin(F64, (a, b) => `H.copysign(${a},${b})`); return true;
      case Op.F32Ceil: un(F32, (a) => `H.fCeil(${a})`); return true;
      case Op.F32Floor: un(F32, (a) => `H.fFloor(${a})`); return true;
      case Op.F32Trunc: un(F32, (a) => `H.fTrunc(${a})`); return true;
      case Op.F32Nearest: un(F32, (a) => `H.fNearest(${a})`); return true;
      case Op.F64Ceil: un(F64, (a) => `H.fCeil(${a})`); return true;
      case Op.F64Floor: un(F64, (a) => `H.fFloor(${a})`); return true;
      case Op.F64Trunc: un(F64, (a) => `H.fTrunc(${a})`); return true;
      case Op.F64Nearest: un(F64, (a) => `H.fNearest(${a})`); return true;
      case Op.F32Sqrt: un(F32, (a) => `Math.fround(Math.sqrt(${a}))`); return true;
      case Op.F64Sqrt: un(F64, (a) => `Math.sqrt(${a})`); return true;
      case Op.F32Add: bin(F32, (a, b) => `Math.fround(${a}+${b})`); return true;
      case Op.F32Sub: bin(F32, (a, b) => `Math.fround(${a}-${b})`); return true;
      case Op.F32Mul: bin(F32, (a, b) => `Math.fround(${a}*${b})`); return true;
      case Op.F32Div: bin(F32, (a, b) => `Math.fround(${a}/${b})`); return true;
      case Op.F32Min: case Op.F64Min: bin(code === Op.F32Min ? F32 : F64, (a, b) => `Math.min(${a},${b})`); return true;
      case Op.F32Max: case Op.F64Max: bin(code === Op.F32Max ? F32 : F64, (a, b) => `Math.max(${a},${b})`); return true;
      case Op.F64Add: bin(F64, (a, b) => `${a}+${b}`); return true;
      case Op.F64Sub: bin(F64, (a, b) => `${a}-${b}`); return true;
      case Op.F64Mul: bin(F64, (a, b) => `${a}*${b}`); return true;
      case Op.F64Div: bin(F64, (a, b) => `${a}/${b}`); return true;
      case Op.I32TruncF32S: case Op.I32TruncF64S: trapping(I32, "i32TruncS", 1); return true;
      case Op.I32TruncF32U: case Op.I32TruncF64U: trapping(I32, "i32TruncU", 1); return true;
      case Op.F32ConvertI32S: un(F32, (a) => `Math.fround(${a})`); return true;
      case Op.F32ConvertI32U: un(F32, (a) => `Math.fround(${a}>>>0)`); return true;
      case Op.F32DemoteF64: un(F32, (a) => `Math.fround(${a})`); return true;
      case Op.F64ConvertI32S: un(F64, (a) => `${a}`); return true;
      case Op.F64ConvertI32U: un(F64, (a) => `${a}>>>0`); return true;
      case Op.F64PromoteF32: un(F64, (a) => `${a}`); return true;
      case Op.I32ReinterpretF32: un(I32, (a) => `(SF[0]=${a},SI[0])`); return true;
      case Op.F32ReinterpretI32: un(F32, (a) => `(SI[0]=${a},SF[0])`); return true;
      case Op.I32Extend8S: un(I32, (a) => `(${a}<<24)>>24`); return true;
      case Op.I32Extend16S: un(I32, (a) => `(${a}<<16)>>16`); return true;
      case Op.I32TruncSatF32S: case Op.I32TruncSatF64S: un(I32, (a) => `H.i32TruncSatS(${a})`); return true;
      case Op.I32TruncSatF32U: case Op.I32TruncSatF64U: un(I32, (a) => `H.i32TruncSatU(${a})`); return true;
      default: return false;
    }
  }

  /**
   * Emits an instruction on f32 values, which compiled code carries as their
   * bits (an i32): moves, loads, stores, reinterpretations, `abs`, `neg`
   * and `copysign` are then bit-exact on NaNs, and arithmetic goes through
   * a scratch Float32Array (storing into it rounds to f32 exactly as
   * `Math.fround` does). A conversion from f32 to an integer turns the
   * operand into an f64 slot and returns false, so the f64 form handles it.
   */
  function float32(code: number): boolean {
    const F32 = ValType.F32, I32 = ValType.I32;
    const FB = (a: string): string => `(SI[0]=${a},SF[0])`;
    const BF = (x: string): string => `(SF[0]=${x},SI[0])`;
    const un = (t: ValType, f: (a: string) => string): void => { const a = pop(); emit(`${push(t)}=${f(a)};`); };
    const bin = (t: ValType, f: (a: string, b: string) => string): void => { const b = pop(), a = pop(); emit(`${push(t)}=${f(a, b)};`); };
    const cmp = (op: string): void => bin(I32, (a, b) => `${FB(a)}${op}${FB(b)}?1:0`);
    switch (code) {
      case Op.F32Eq: cmp("==="); return true;
      case Op.F32Ne: cmp("!=="); return true;
      case Op.F32Lt: cmp("<"); return true;
      case Op.F32Gt: cmp(">"); return true;
      case Op.F32Le: cmp("<="); return true;
      case Op.F32Ge: cmp(">="); return true;
      case Op.F32Abs: un(F32, (a) => `${a}&2147483647`); return true;
      case Op.F32Neg: un(F32, (a) => `${a}^-2147483648`); return true;
      case Op.F32Copysign: bin(F32, (a, b) => `(${a}&2147483647)|(${b}&-2147483648)`); return true;
      case Op.F32Ceil: un(F32, (a) => BF(`H.fCeil(${FB(a)})`)); return true;
      case Op.F32Floor: un(F32, (a) => BF(`H.fFloor(${FB(a)})`)); return true;
      case Op.F32Trunc: un(F32, (a) => BF(`H.fTrunc(${FB(a)})`)); return true;
      case Op.F32Nearest: un(F32, (a) => BF(`H.fNearest(${FB(a)})`)); return true;
      // Double rounding through f64 is exact for these (53 >= 2 * 24 + 2 bits).
      case Op.F32Sqrt: un(F32, (a) => BF(`Math.sqrt(${FB(a)})`)); return true;
      case Op.F32Add: bin(F32, (a, b) => BF(`${FB(a)}+${FB(b)}`)); return true;
      case Op.F32Sub: bin(F32, (a, b) => BF(`${FB(a)}-${FB(b)}`)); return true;
      case Op.F32Mul: bin(F32, (a, b) => BF(`${FB(a)}*${FB(b)}`)); return true;
      case Op.F32Div: bin(F32, (a, b) => BF(`${FB(a)}/${FB(b)}`)); return true;
      case Op.F32Min: bin(F32, (a, b) => BF(`Math.min(${FB(a)},${FB(b)})`)); return true;
      case Op.F32Max: bin(F32, (a, b) => BF(`Math.max(${FB(a)},${FB(b)})`)); return true;
      case Op.F32ConvertI32S: un(F32, (a) => BF(a)); return true;
      case Op.F32ConvertI32U: un(F32, (a) => BF(`${a}>>>0`)); return true;
      case Op.F32DemoteF64: un(F32, (a) => BF(a)); return true;
      case Op.F64PromoteF32: un(ValType.F64, (a) => FB(a)); return true;
      case Op.I32ReinterpretF32: un(I32, (a) => a); return true;
      case Op.F32ReinterpretI32: un(F32, (a) => a); return true;
      case Op.F32ConvertI64S: case Op.F32ConvertI64U: {
        const h = ts.length, lo = slot(h - 1), hi = hiOf(h - 1);
        ts.pop();
        emit(`${push(F32)}=${BF(`H.${code === Op.F32ConvertI64S ? "f32ConvertI64S" : "f32ConvertI64U"}(${lo},${hi})`)};`);
        return true;
      }
      case Op.I32TruncF32S: case Op.I32TruncF32U: case Op.I32TruncSatF32S: case Op.I32TruncSatF32U:
      case Op.I64TruncF32S: case Op.I64TruncF32U: case Op.I64TruncSatF32S: case Op.I64TruncSatF32U: {
        // The operand as an f64 (exact), then the f64 form of the conversion, which is the same code.
        const a = pop();
        emit(`${push(ValType.F64)}=${FB(a)};`);
        return false;
      }
      default: return false;
    }
  }

  /** Emits an instruction that takes or makes an i64 (on halves); false when `code` is not one. */
  function int64(code: number, off: number): boolean {
    const h = ts.length;
    // Operands: a (below) and b (top); the result takes a's slot.
    const bin = (f: (al: string, ah: string, bl: string, bh: string) => string, result: ValType = ValType.I64): void => {
      const bl = slot(h - 1), bh = hiOf(h - 1), al = slot(h - 2), ah = hiOf(h - 2);
      ts.length -= 2;
      const s = f(al, ah, bl, bh);
      const r = push(result);
      emit(result === ValType.I64 ? s : `${r}=${s};`);
    };
    /** A two-operand helper of numerics.ts writing into W. */
    const viaW = (fn: string, trapping: boolean): void =>
      bin((al, ah, bl, bh) => `${trapping ? `$p=${off};` : ""}H.${fn}(W,0,${al},${ah},${bl},${bh});${al}=W[0];${ah}=W[1];`);
    const shift = (fn: string): void => {
      if (knownAt === h - 1) {
        const k = Number(known & 63n);
        bin((al, ah) => inlineShift(fn, al, ah, k));
        return;
      }
      bin((al, ah, bl) => `H.${fn}(W,0,${al},${ah},${bl});${al}=W[0];${ah}=W[1];`);
    };
    const cmpU = (lt: string): void => bin((al, ah, bl, bh) => `(${ah}>>>0)${lt}(${bh}>>>0)||(${ah}===${bh}&&(${al}>>>0)${lt}=(${bl}>>>0))?1:0`, ValType.I32);
    const cmpS = (lt: string): void => bin((al, ah, bl, bh) => `${ah}${lt}${bh}||(${ah}===${bh}&&(${al}>>>0)${lt}=(${bl}>>>0))?1:0`, ValType.I32);
    const cmpSs = (lt: string): void => bin((al, ah, bl, bh) => `${ah}${lt}${bh}||(${ah}===${bh}&&(${al}>>>0)${lt}(${bl}>>>0))?1:0`, ValType.I32);
    const cmpUs = (lt: string): void => bin((al, ah, bl, bh) => `(${ah}>>>0)${lt}(${bh}>>>0)||(${ah}===${bh}&&(${al}>>>0)${lt}(${bl}>>>0))?1:0`, ValType.I32);
    /** One i64 operand to a value of type `t` (`f` gives the expression from the halves). */
    const from64 = (t: ValType, f: (lo: string, hi: string) => string, pre = ""): void => {
      const lo = slot(h - 1), hi = hiOf(h - 1);
      ts.pop();
      const e = f(lo, hi);
      emit(`${pre}${push(t)}=${e};`);
    };
    /** One operand of another type to an i64: `f` gives statements setting the result's halves. */
    const to64 = (f: (a: string, lo: string, hi: string) => string): void => {
      const a = pop();
      const lo = push(ValType.I64);
      emit(f(a, lo, hiOf(h - 1)));
    };
    const un64 = (f: (lo: string, hi: string) => string): void => emit(f(slot(h - 1), hiOf(h - 1)));
    switch (code) {
      case Op.I64Eqz: from64(ValType.I32, (lo, hi) => `(${lo}|${hi})===0?1:0`); return true;
      case Op.I64Eq: bin((al, ah, bl, bh) => `${al}===${bl}&&${ah}===${bh}?1:0`, ValType.I32); return true;
      case Op.I64Ne: bin((al, ah, bl, bh) => `${al}!==${bl}||${ah}!==${bh}?1:0`, ValType.I32); return true;
      case Op.I64LtS: cmpSs("<"); return true;
      case Op.I64LtU: cmpUs("<"); return true;
      case Op.I64GtS: cmpSs(">"); return true;
      case Op.I64GtU: cmpUs(">"); return true;
      case Op.I64LeS: cmpS("<"); return true;
      case Op.I64LeU: cmpU("<"); return true;
      case Op.I64GeS: cmpS(">"); return true;
      case Op.I64GeU: cmpU(">"); return true;
      case Op.I64Clz: un64((lo, hi) => `${lo}=H.i64Clz(${lo},${hi});${hi}=0;`); return true;
      case Op.I64Ctz: un64((lo, hi) => `${lo}=H.i64Ctz(${lo},${hi});${hi}=0;`); return true;
      case Op.I64Popcnt: un64((lo, hi) => `${lo}=H.i64Popcnt(${lo},${hi});${hi}=0;`); return true;
      // The carry (borrow) out of the low words is an unsigned comparison turned into a number by `|0`,
      // which V8 compiles to a flag-setting compare and a `setb`: no branch (a `?1:0` is one, which
      // random data mispredicts half the time), and two operations after the low sum instead of the
      // four of the bitwise formula (`((a&b)|((a|b)&~s))>>>31`), on a loop-carried add's critical path.
      case Op.I64Add: bin((al, ah, bl, bh) => `$t=(${al}+${bl})|0;${ah}=(${ah}+${bh}+((($t>>>0)<(${bl}>>>0))|0))|0;${al}=$t;`); return true;
      case Op.I64Sub: bin((al, ah, bl, bh) => `$t=(${al}-${bl})|0;${ah}=(${ah}-${bh}-(((${al}>>>0)<(${bl}>>>0))|0))|0;${al}=$t;`); return true;
      case Op.I64Mul: {
        if (knownAt === h - 1) { const c = BigInt.asIntN(64, known); bin((al, ah) => inlineMulConst(al, ah, Number(BigInt.asIntN(32, c)), Number(BigInt.asIntN(32, c >> 32n)))); }
        else bin(inlineMul);
        return true;
      }
      case Op.I64DivS: viaW("i64DivS", true); return true;
      case Op.I64DivU: viaW("i64DivU", true); return true;
      case Op.I64RemS: viaW("i64RemS", true); return true;
      case Op.I64RemU: viaW("i64RemU", true); return true;
      case Op.I64And: bin((al, ah, bl, bh) => `${al}&=${bl};${ah}&=${bh};`); return true;
      case Op.I64Or: bin((al, ah, bl, bh) => `${al}|=${bl};${ah}|=${bh};`); return true;
      case Op.I64Xor: bin((al, ah, bl, bh) => `${al}^=${bl};${ah}^=${bh};`); return true;
      case Op.I64Shl: shift("i64Shl"); return true;
      case Op.I64ShrS: shift("i64ShrS"); return true;
      case Op.I64ShrU: shift("i64ShrU"); return true;
      case Op.I64Rotl: shift("i64Rotl"); return true;
      case Op.I64Rotr: shift("i64Rotr"); return true;
      case Op.I32WrapI64: from64(ValType.I32, (lo) => lo); return true;
      case Op.I64ExtendI32S: to64((a, lo, hi) => `${lo}=${a};${hi}=${lo}>>31;`); return true;
      case Op.I64ExtendI32U: to64((a, lo, hi) => `${lo}=${a};${hi}=0;`); return true;
      case Op.I64Extend8S: un64((lo, hi) => `${lo}=(${lo}<<24)>>24;${hi}=${lo}>>31;`); return true;
      case Op.I64Extend16S: un64((lo, hi) => `${lo}=(${lo}<<16)>>16;${hi}=${lo}>>31;`); return true;
      case Op.I64Extend32S: un64((lo, hi) => `${hi}=${lo}>>31;`); return true;
      case Op.I64TruncF32S: case Op.I64TruncF64S: to64((a, lo, hi) => `$p=${off};H.i64TruncS(W,0,${a});${lo}=W[0];${hi}=W[1];`); return true;
      case Op.I64TruncF32U: case Op.I64TruncF64U: to64((a, lo, hi) => `$p=${off};H.i64TruncU(W,0,${a});${lo}=W[0];${hi}=W[1];`); return true;
      case Op.I64TruncSatF32S: case Op.I64TruncSatF64S: to64((a, lo, hi) => `H.i64TruncSatS(W,0,${a});${lo}=W[0];${hi}=W[1];`); return true;
      case Op.I64TruncSatF32U: case Op.I64TruncSatF64U: to64((a, lo, hi) => `H.i64TruncSatU(W,0,${a});${lo}=W[0];${hi}=W[1];`); return true;
      case Op.F32ConvertI64S: from64(ValType.F32, (lo, hi) => `H.f32ConvertI64S(${lo},${hi})`); return true;
      case Op.F32ConvertI64U: from64(ValType.F32, (lo, hi) => `H.f32ConvertI64U(${lo},${hi})`); return true;
      case Op.F64ConvertI64S: from64(ValType.F64, (lo, hi) => `H.f64ConvertI64S(${lo},${hi})`); return true;
      case Op.F64ConvertI64U: from64(ValType.F64, (lo, hi) => `H.f64ConvertI64U(${lo},${hi})`); return true;
      case Op.F64ReinterpretI64: from64(ValType.F64, (lo, hi) => `(SI[0]=${lo},SI[1]=${hi},SD[0])`); return true;
      case Op.I64ReinterpretF64: to64((a, lo, hi) => `SD[0]=${a};${lo}=SI[0];${hi}=SI[1];`); return true;
      default: return false;
    }
  }

  function globalRead(t: ValType, g: number): string {
    switch (topType(t)) {
      case ValType.I32: return `GI[${g}][0]`;
      case ValType.F32: return `GI[${g}][0]`;
      case ValType.F64: return `GD[${g}][0]`;
      case ValType.FuncRef: case ValType.ExternRef: case ValType.AnyRef: return `GR[${g}].ref`;
      default: throw new Unsupported("global type");
    }
  }
  function globalWrite(t: ValType, g: number, v: string): string {
    switch (topType(t)) {
      case ValType.I32: return `GI[${g}][0]=${v};`;
      case ValType.F32: return `GI[${g}][0]=${v};`;
      case ValType.F64: return `GD[${g}][0]=${v};`;
      case ValType.FuncRef: case ValType.ExternRef: case ValType.AnyRef: return `GR[${g}].ref=${v};`;
      default: throw new Unsupported("global type");
    }
  }

  const paramList = type.params.flatMap((_, i) => localParts(i));
  const params = paramList.join(",");
  const decls: string[] = [];
  // The OSR variant takes every local from `S`; its parameters are plain variables.
  let osrLoad = "";
  if (osr !== undefined) {
    decls.push("$o=1");
    let k = 0;
    for (let i = 0; i < localTypes.length; i++) for (const n of localParts(i)) osrLoad += `${n}=S[${k++}];`;
  }
  for (let i = osr === undefined ? type.params.length : 0; i < localTypes.length; i++) for (const n of localParts(i)) decls.push(`${n}=${zero(localTypes[i]!)}`);
  for (const n of used) decls.push(`${n}=${n[0] === "r" ? "null" : "0"}`);
  const views = [...otherMemories].sort((a, b) => a - b);
  // The typed views for `Atomics` are remade only when the memory's `DataView` or length changed.
  const atomicsViews = [...atomicMemories].sort((a, b) => a - b);
  const atomicsRefresh = atomicsViews.map((k) => k === 0 ? "if(A.view!==V||A.length!==L)A=H.atomicViews(MEM);" :
    `if(A${k}.view!==V${k}||A${k}.length!==V${k}.byteLength)A${k}=H.atomicViews(MS[${k}]);`).join("");
  const refreshText = (usesMemory ? "V=MEM.view;L=V.byteLength;" : "") + views.map((k) => `V${k}=MS[${k}].view;`).join("") + atomicsRefresh;
  const marked = out.join("").split(REFRESH_MARK).join(refreshText)
    .replace(BACK_MARKS, (_, l: string) => paired.has(l) ? `if(--$k!==0)continue L${l}i;continue L${l};` : `continue L${l};`);
  // Metered code: the count of events in a local or on the meter (see meterText).
  const localCount = metered && hasLoop && !hasTry && !hasTail;
  const mt = metered ? meterText(marked, localCount) : { text: marked, entry: "", caught: "" };
  // A small function that calls itself directly (and makes no tail call) gets a clone (see below).
  const cloned = selfCalls && !hasTail && body.codeEnd - body.codeStart <= CLONE_MAX_BYTES;
  const text = depthText(mt.text, cloned ? `F${funcIndex}r` : cx.lazy === true ? `FT[${funcIndex}]` : `F${funcIndex}`,
    cloned ? "$d+2" : "$d+1", "$d+1", "$d");
  if (localCount) decls.push(`$n=${METER_OUT}`);
  decls.push(`$p=${body.codeStart}`);
  if (hasTry) decls.push(...TRY_DECLS);
  // Only the temporaries the body uses (names of ours: nothing of the module is in the text), so
  // unoptimised frames are no larger than they need to be.
  for (const [n, v] of [["$a", "0"], ["$k", "0"], ["$t", "0"], ["$u", "0"], ["$v", "0"], ["$w", "0"], ["$f", "null"], ["$r", "null"]]) {
    if (text.includes(n!)) decls.push(`${n}=${v}`);
  }
  if (usesMemory) decls.push("V=MEM.view", "L=V.byteLength");
  for (const k of views) decls.push(`V${k}=MS[${k}].view`);
  for (const k of atomicsViews) decls.push(k === 0 ? "A=H.atomicViews(MEM)" : `A${k}=H.atomicViews(MS[${k}])`);
  // The depth: `$d`, the last parameter, counts this frame and those below it as the interpreter
  // counts frames. Past the instance's limit `DL` (the store's call-depth limit, or the compiled
  // tier's threshold if lower) and past this function's own threshold (a bound on the JavaScript
  // stack its frames may take), the call goes to the interpreter, which traps at the store's limit
  // or runs the function on its own stacks (see DECISIONS.md, the compiled tier's depth limit).
  // Before the try: a trap here gets no frame of this function, as a call the interpreter refuses.
  if (osr !== undefined) {
    // The on-stack-replacement variant (./osr.ts): the locals come in `S`, the frame is already
    // counted at depth `$d` (the tiered mode moves only frames below the compiled threshold).
    if (hasTail) throw new Unsupported("a loop entry into a function with tail calls");
    return `function O(S,$d){let ${decls.join(",")};${osrLoad}` +
      `try{${mt.entry}${text}}catch(e){${mt.caught}throw H.framed(e,INST,${funcIndex},$p)}}`;
  }
  const limit = compiledDepthFor(paramList.length + decls.length);
  const args = params === "" ? "" : "," + params;
  const withDepth = params === "" ? "$d" : params + ",$d";
  // One comparison on entry: a function whose own bound is below the tier's threshold gets a
  // constant of the factory, `D<i>`, the lower of the instance's limit and that bound (a call costs
  // a few instructions; a second comparison and branch on each was measurable on the fib kernel).
  const bound = limit < COMPILED_DEPTH ? `D${funcIndex}` : "DL";
  const fn = (limit < COMPILED_DEPTH ? `const D${funcIndex}=DL<${limit}?DL:${limit};` : "") +
    `function ${hasTail ? "G" : "F"}${funcIndex}(${withDepth}){` +
    `if($d${cloned ? ">=" : ">"}${bound})return H.deep(FN[${funcIndex}],[null${args}],INST,$d,${meter});` +
    `let ${decls.join(",")};` +
    // A call is an event, counted at the callee's entry (metered code).
    `try{${mt.entry}${text}}catch(e){${mt.caught}throw H.framed(e,INST,${funcIndex},$p)}}`;
  if (cloned) {
    // The clone `F<i>r`: the same body, called only by `F<i>` (for its calls of itself) and calling
    // `F<i>` back, so a recursion alternates the two. Its depth `$c` is its callees' (its own plus
    // one), computed by `F<i>` (`$d+2`) and passed on untouched: no check and no arithmetic on
    // the depth in every other frame, and V8 inlines the clone into `F<i>` (its inlining stops at a
    // function calling itself, not at two calling each other), so a call of the function in two
    // is a jump. `F<i>` hands calls at its bound to the interpreter (`>=`, one frame earlier
    // than other functions: H.deep runs a call within the store's limit on the interpreter), so
    // the clone's frame, one deeper, is never past the bound. Frames and traps are the same: the
    // clone's frame is function i's, with the same positions.
    const copy = depthText(mt.text, `F${funcIndex}`, "$c", "$c", "($c-1)");
    return fn + `function F${funcIndex}r(${params === "" ? "$c" : params + ",$c"}){let ${decls.join(",")};` +
      `try{${mt.entry}${copy}}catch(e){${mt.caught}throw H.framed(e,INST,${funcIndex},$p)}}`;
  }
  return hasTail ? tailFunction(funcIndex, withDepth, fn) : fn;
}

/**
 * Resolves the depth marks of a function's text (see {@link DEPTH_NEXT}):
 * `self` and `selfDepth` for a call of the function itself, `next` for the
 * depth other compiled callees get, `own` for this frame's depth.
 */
function depthText(text: string, self: string, selfDepth: string, next: string, own: string): string {
  return text.replace(/[\u0011-\u0014]/g, (c) => c === SELF_CALLEE ? self : c === SELF_DEPTH ? selfDepth : c === DEPTH_NEXT ? next : own);
}
