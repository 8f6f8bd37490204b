/**
 * Script constants (`(i32.const 1)`, `(ref.extern 2)`, ...) as the engine's
 * raw values, expected results (including `nan:canonical`, `nan:arithmetic`,
 * `ref.func`), and the comparison of actual results against them.
 * @see https://github.com/WebAssembly/spec/tree/main/interpreter#scripts
 * @module
 */
import { FuncInstance } from "../../impl/index.js";
import { RttKind } from "../../impl/base/rtt.js";
import { HostAnyRef, gcRtt } from "../../impl/runtime/gc-refs.js";
import { parseF32, parseF64, parseI32, parseI64, parseIntLiteral, LiteralError } from "./literals.js";
import type { SExpr } from "./sexpr.js";
import { ArrayObject, StructObject } from "../../impl/runtime/gc-objects.js";

/**
 * The host value standing for `ref.extern N`: one object per N, so identity
 * survives a trip through tables and globals.
 */
export class HostRef {
  private static readonly interned = new Map<number, HostRef>();
  private constructor(readonly n: number) {}

  /** The unique host reference for `ref.extern n`. */
  static of(n: number): HostRef {
    let r = HostRef.interned.get(n);
    if (!r) {
      r = new HostRef(n);
      HostRef.interned.set(n, r);
    }
    return r;
  }
}

/**
 * The value standing for `ref.host N`: host value N of the any hierarchy,
 * that is `ref.extern N` internalized (`any.convert_extern`), one per N.
 */
const hostAnyRefs = new Map<number, HostAnyRef>();
function hostAnyRef(n: number): HostAnyRef {
  let r = hostAnyRefs.get(n);
  if (r === undefined) {
    r = new HostAnyRef(HostRef.of(n));
    hostAnyRefs.set(n, r);
  }
  return r;
}

/** The SIMD lane shapes of `v128.const`. */
type Shape = "i8x16" | "i16x8" | "i32x4" | "i64x2" | "f32x4" | "f64x2";

const LANES: Record<Shape, { count: number; bytes: number }> = {
  i8x16: { count: 16, bytes: 1 },
  i16x8: { count: 8, bytes: 2 },
  i32x4: { count: 4, bytes: 4 },
  i64x2: { count: 2, bytes: 8 },
  f32x4: { count: 4, bytes: 4 },
  f64x2: { count: 2, bytes: 8 },
};

/** One lane of an expected v128: exact bits, or a NaN class. */
type LaneExpectation = { readonly bits: bigint } | { readonly nan: NanKind };

/** Which NaNs an expected float result admits. */
export type NanKind = "canonical" | "arithmetic";

/** An expected result of `assert_return`. */
export type Expected =
  | { readonly kind: "i32"; readonly value: number }
  | { readonly kind: "i64"; readonly value: bigint }
  | { readonly kind: "f32"; readonly bits: number }
  | { readonly kind: "f64"; readonly bits: bigint }
  | { readonly kind: "f32nan"; readonly nan: NanKind }
  | { readonly kind: "f64nan"; readonly nan: NanKind }
  | { readonly kind: "v128"; readonly shape: Shape; readonly lanes: readonly LaneExpectation[] }
  | { readonly kind: "refNull" }
  | { readonly kind: "refExtern"; readonly n: number | null }
  | { readonly kind: "refFunc" }
  /** GC's result patterns: any reference of the abstract heap type (`ref.i31` may name its value). */
  | { readonly kind: "refAbstract"; readonly heap: "any" | "eq" | "i31" | "struct" | "array"; readonly n: number | null }
  /** `ref.host N`: host value N internalized into the any hierarchy. */
  | { readonly kind: "refHost"; readonly n: number }
  // GC (minimal, from the structs/arrays work): `(ref.struct)`, `(ref.array)`, `(ref.eq)`, `(ref.i31)`, `(ref.any)`.
  | { readonly kind: "refGc"; readonly what: GcResult }
  | { readonly kind: "either"; readonly options: readonly Expected[] };

/** What a GC result must be (see {@link gcResultMatches}). */
export type GcResult = "struct" | "array" | "eq" | "i31" | "any";

/** Whether a raw value is a GC result of the kind asked for (non-null, like the reference interpreter's). */
function gcResultMatches(what: GcResult, v: unknown): boolean {
  if (v === null || v === undefined) return false;
  const s = v instanceof StructObject, a = v instanceof ArrayObject, i = typeof v === "number";
  switch (what) {
    case "struct": return s;
    case "array": return a;
    case "i31": return i;
    case "eq": return s || a || i;
    case "any": return !(v instanceof FuncInstance);
  }
}

/** The script's constant or result is not understood by this runner. */
export class ScriptValueError extends Error {
  override name = "ScriptValueError";
}

function atomsOf(e: SExpr): string[] {
  if (e.kind !== "list") throw new ScriptValueError("expected a constant like (i32.const 1)");
  return e.items.map((x) => {
    if (x.kind !== "atom") throw new ScriptValueError("malformed constant");
    return x.text;
  });
}

function one(args: string[], what: string): string {
  if (args.length !== 1) throw new ScriptValueError(`${what} takes one literal`);
  return args[0]!;
}

function wrapLiteral<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LiteralError) throw new ScriptValueError(e.message);
    throw e;
  }
}

/** Little-endian bytes of a v128 constant from its lane literals. */
function v128Bytes(shape: Shape, lanes: readonly bigint[]): Uint8Array {
  const { bytes } = LANES[shape];
  const out = new Uint8Array(16);
  lanes.forEach((bits, i) => {
    let v = BigInt.asUintN(bytes * 8, bits);
    for (let k = 0; k < bytes; k++) {
      out[i * bytes + k] = Number(v & 0xffn);
      v >>= 8n;
    }
  });
  return out;
}

function laneBits(shape: Shape, text: string): bigint {
  switch (shape) {
    case "i8x16": return parseIntLiteral(text, 8);
    case "i16x8": return parseIntLiteral(text, 16);
    case "i32x4": return parseIntLiteral(text, 32);
    case "i64x2": return parseIntLiteral(text, 64);
    case "f32x4": return BigInt(parseF32(text));
    case "f64x2": return parseF64(text);
    default: {
      const never: never = shape;
      return never;
    }
  }
}

function parseShape(args: string[]): { shape: Shape; lanes: string[] } {
  const shape = args[0] as Shape;
  if (!(shape in LANES)) throw new ScriptValueError(`unknown v128 shape ${args[0] ?? ""}`);
  const lanes = args.slice(1);
  if (lanes.length !== LANES[shape].count) throw new ScriptValueError(`${shape} needs ${LANES[shape].count} lanes`);
  return { shape, lanes };
}

/**
 * An argument constant as a raw value (i32 number, i64 bigint, f32 bits
 * number, f64 bits bigint, v128 bytes, host reference or null).
 */
export function parseConst(e: SExpr): unknown {
  const [head, ...args] = atomsOf(e);
  return wrapLiteral(() => {
    switch (head) {
      case "i32.const": return parseI32(one(args, head));
      case "i64.const": return parseI64(one(args, head));
      case "f32.const": return parseF32(one(args, head));
      case "f64.const": return parseF64(one(args, head));
      case "v128.const": {
        const { shape, lanes } = parseShape(args);
        return v128Bytes(shape, lanes.map((l) => laneBits(shape, l)));
      }
      case "ref.null": return null;
      case "ref.extern": return HostRef.of(Number(BigInt.asUintN(32, parseIntLiteral(one(args, head), 32))));
      case "ref.host": return hostAnyRef(Number(BigInt.asUintN(32, parseIntLiteral(one(args, head), 32))));
      case "ref.i31": return Number(BigInt.asIntN(31, parseIntLiteral(one(args, head), 32)));
      default: throw new ScriptValueError(`unsupported constant ${head ?? "()"}`);
    }
  });
}

function nanKind(text: string): NanKind | null {
  if (text === "nan:canonical") return "canonical";
  if (text === "nan:arithmetic") return "arithmetic";
  return null;
}

/** An expected result of `assert_return`. */
export function parseExpected(e: SExpr): Expected {
  if (e.kind === "list" && e.items[0]?.kind === "atom" && e.items[0].text === "either") {
    return { kind: "either", options: e.items.slice(1).map(parseExpected) };
  }
  const [head, ...args] = atomsOf(e);
  return wrapLiteral((): Expected => {
    switch (head) {
      case "i32.const": return { kind: "i32", value: parseI32(one(args, head)) };
      case "i64.const": return { kind: "i64", value: parseI64(one(args, head)) };
      case "f32.const": {
        const t = one(args, head);
        const nan = nanKind(t);
        return nan ? { kind: "f32nan", nan } : { kind: "f32", bits: parseF32(t) };
      }
      case "f64.const": {
        const t = one(args, head);
        const nan = nanKind(t);
        return nan ? { kind: "f64nan", nan } : { kind: "f64", bits: parseF64(t) };
      }
      case "v128.const": {
        const { shape, lanes } = parseShape(args);
        return {
          kind: "v128", shape,
          lanes: lanes.map((l) => {
            const nan = nanKind(l);
            return nan ? { nan } : { bits: BigInt.asUintN(LANES[shape].bytes * 8, laneBits(shape, l)) };
          }),
        };
      }
      case "ref.null": return { kind: "refNull" };
      case "ref.extern":
        return { kind: "refExtern", n: args.length ? Number(BigInt.asUintN(32, parseIntLiteral(one(args, head), 32))) : null };
      case "ref.func": return { kind: "refFunc" };
      case "ref.host": return { kind: "refHost", n: Number(BigInt.asUintN(32, parseIntLiteral(one(args, head), 32))) };
      case "ref.i31":
        return { kind: "refAbstract", heap: "i31", n: args.length ? Number(BigInt.asIntN(31, parseIntLiteral(one(args, head), 32))) : null };
      case "ref.any": case "ref.eq": case "ref.struct": case "ref.array":
        if (args.length !== 0) throw new ScriptValueError(`${head} takes no literal`);
        return { kind: "refAbstract", heap: head.slice(4) as "any" | "eq" | "struct" | "array", n: null };
      default: throw new ScriptValueError(`unsupported expected result ${head ?? "()"}`);
    }
  });
}

function nanMatches(bits: bigint, mantBits: number, expBits: number, kind: NanKind): boolean {
  const expMask = ((1n << BigInt(expBits)) - 1n) << BigInt(mantBits);
  const quiet = 1n << BigInt(mantBits - 1);
  const payload = bits & ((1n << BigInt(mantBits)) - 1n);
  if ((bits & expMask) !== expMask) return false;
  return kind === "canonical" ? payload === quiet : (payload & quiet) !== 0n;
}

function laneOf(bytes: Uint8Array, i: number, width: number): bigint {
  let v = 0n;
  for (let k = width - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[i * width + k]!);
  return v;
}

/**
 * Whether an actual raw result matches an expected one. Raw forms are checked
 * strictly (an i32 must be a signed number, f32 bits an unsigned number, ...),
 * floats bit for bit.
 */
export function matchesExpected(expected: Expected, actual: unknown): boolean {
  switch (expected.kind) {
    case "i32": return actual === expected.value;
    case "i64": return actual === expected.value;
    case "f32": return actual === expected.bits;
    case "f64": return actual === expected.bits;
    case "f32nan":
      return typeof actual === "number" && actual >>> 0 === actual && nanMatches(BigInt(actual), 23, 8, expected.nan);
    case "f64nan":
      return typeof actual === "bigint" && BigInt.asUintN(64, actual) === actual && nanMatches(actual, 52, 11, expected.nan);
    case "v128": {
      if (!(actual instanceof Uint8Array) || actual.length !== 16) return false;
      const width = LANES[expected.shape].bytes;
      return expected.lanes.every((lane, i) => {
        const bits = laneOf(actual, i, width);
        if ("bits" in lane) return bits === lane.bits;
        return expected.shape === "f32x4" ? nanMatches(bits, 23, 8, lane.nan) : nanMatches(bits, 52, 11, lane.nan);
      });
    }
    case "refNull": return actual === null;
    case "refExtern":
      return actual instanceof HostRef ? expected.n === null || actual.n === expected.n : expected.n === null && actual !== null && actual !== undefined && !(actual instanceof FuncInstance);
    case "refFunc": return actual instanceof FuncInstance;
    case "refHost": return actual instanceof HostAnyRef && actual.value === HostRef.of(expected.n);
    case "refAbstract": {
      const kind = gcRtt(actual)?.kind;
      switch (expected.heap) {
        case "i31": return typeof actual === "number" && (expected.n === null || actual === expected.n);
        case "struct": return kind === RttKind.Struct;
        case "array": return kind === RttKind.Array;
        case "eq": return typeof actual === "number" || kind === RttKind.Struct || kind === RttKind.Array;
        // Any value of the any hierarchy: an i31, a struct or array, an internalized host value.
        case "any": return typeof actual === "number" || kind !== undefined || actual instanceof HostAnyRef;
      }
      return false;
    }
    case "refGc": return gcResultMatches(expected.what, actual);
    case "either": return expected.options.some((o) => matchesExpected(o, actual));
    default: {
      const never: never = expected;
      return never;
    }
  }
}

function hex(v: number | bigint, digits: number): string {
  return `0x${v.toString(16).padStart(digits, "0")}`;
}

/** A raw value for messages: `i32 -1`, `bits 0x7fc00000`, `ref.extern 3`, ... */
export function showActual(v: unknown): string {
  if (v === null) return "ref.null";
  if (v === undefined) return "undefined";
  if (typeof v === "number") return `number ${v}${Number.isInteger(v) && v >= 0 ? ` (${hex(v, 8)})` : ""}`;
  if (typeof v === "bigint") return `bigint ${v}${v >= 0n ? ` (${hex(v, 16)})` : ""}`;
  if (v instanceof HostRef) return `ref.extern ${v.n}`;
  if (v instanceof FuncInstance) return `ref.func (function ${v.index})`;
  if (v instanceof HostAnyRef) return `ref.host (${showActual(v.value)})`;
  const rtt = gcRtt(v);
  if (rtt !== undefined) return `ref.${rtt.kind === RttKind.Struct ? "struct" : rtt.kind === RttKind.Array ? "array" : "func"} (type ${rtt.id})`;
  if (v instanceof Uint8Array) return `v128 ${[...v].map((b) => b.toString(16).padStart(2, "0")).join(" ")}`;
  return `${typeof v} ${String(v)}`;
}

/** An expected result for messages, in script syntax with raw bits. */
export function showExpected(e: Expected): string {
  switch (e.kind) {
    case "i32": return `i32.const ${e.value}`;
    case "i64": return `i64.const ${e.value}`;
    case "f32": return `f32.const bits ${hex(e.bits, 8)}`;
    case "f64": return `f64.const bits ${hex(e.bits, 16)}`;
    case "f32nan": return `f32.const nan:${e.nan}`;
    case "f64nan": return `f64.const nan:${e.nan}`;
    case "v128": return `v128.const ${e.shape} ${e.lanes.map((l) => ("bits" in l ? hex(l.bits, LANES[e.shape].bytes * 2) : `nan:${l.nan}`)).join(" ")}`;
    case "refNull": return "ref.null";
    case "refExtern": return e.n === null ? "ref.extern" : `ref.extern ${e.n}`;
    case "refFunc": return "ref.func";
    case "refHost": return `ref.host ${e.n}`;
    case "refAbstract": return e.n === null ? `ref.${e.heap}` : `ref.${e.heap} ${e.n}`;
    case "refGc": return `ref.${e.what}`;
    case "either": return `either ${e.options.map(showExpected).join(" | ")}`;
    default: {
      const never: never = e;
      return never;
    }
  }
}
