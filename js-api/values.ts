/**
 * The JS API's value conversions: ToJSValue (a wasm value as JavaScript
 * sees it) and ToWebAssemblyValue (a JavaScript value given to wasm), over
 * the engine's raw values (floats as bits, i64 as bigint, see
 * impl/runtime/values.ts), and the value type names of descriptors.
 *
 * GC's references (see impl/runtime/gc-refs.ts for their engine forms): a
 * JavaScript value given to the any hierarchy is internalized (an integer
 * Number in i31 range is an i31, an Exported GC Object its struct or array,
 * anything else a host value) and then checked against the expected type,
 * a `TypeError` when it does not match; one given as an externref is
 * internalized the same way and externalized again, so that
 * `any.convert_extern` in wasm sees what the spec's ToWebAssemblyValue
 * makes. On the way out an i31 is its Number, a struct or array its
 * Exported GC Object, a host value itself.
 * @see https://webassembly.github.io/spec/js-api/#tojsvalue
 * @see https://webassembly.github.io/spec/js-api/#towebassemblyvalue
 * @module
 */
import {
  ExternI31, f32FromBits, f32ToBits, f64FromBits, f64ToBits, FuncInstance, heapType, HeapType, HostAnyRef,
  isConcrete, isGcObject, isNullable, isRefType, refTest, rttOf, topType, valTypeName, ValType,
  type DefType, type FuncType, type RawValue,
} from "../impl/index.js";
import type { Context } from "./context.js";
import { exportedFunction } from "./functions.js";
import { exportedGCObject } from "./gc-objects.js";
import { domString } from "./webidl.js";

/**
 * The value type a descriptor's string names (`"anyfunc"` is `funcref`'s
 * old name); a `TypeError` for anything else. `v128` and `exnref` are
 * accepted only where `allowUnrepresentable` says so (tag parameters).
 */
export function valueType(v: unknown, allowUnrepresentable = false): ValType {
  const s = domString(v);
  switch (s) {
    case "i32": return ValType.I32;
    case "i64": return ValType.I64;
    case "f32": return ValType.F32;
    case "f64": return ValType.F64;
    case "anyfunc":
    case "funcref": return ValType.FuncRef;
    case "externref": return ValType.ExternRef;
    case "v128":
      if (allowUnrepresentable) return ValType.V128;
      break;
    case "exnref":
      if (allowUnrepresentable) return ValType.ExnRef;
      break;
    default:
      break;
  }
  throw new TypeError(`unknown value type ${JSON.stringify(s)}`);
}

/** A table's element type from its descriptor: `funcref` (or `anyfunc`) or `externref`. */
export function tableElementType(v: unknown): typeof ValType.FuncRef | typeof ValType.ExternRef {
  const s = domString(v);
  if (s === "anyfunc" || s === "funcref") return ValType.FuncRef;
  if (s === "externref") return ValType.ExternRef;
  throw new TypeError(`unknown table element type ${JSON.stringify(s)}`);
}

/** The spec's name of a value type (`"i32"`, `"funcref"`, ...), as type reflection spells it: the text format's. */
export const valueTypeName: (t: ValType) => string = valTypeName;

/**
 * ToJSValue: i32 and floats as numbers, i64 as a BigInt, a reference as the
 * JavaScript value it stands for (see {@link refToJS}). `v128` and `exnref`
 * have no JavaScript form: a `TypeError`.
 * @see https://webassembly.github.io/spec/js-api/#tojsvalue
 */
export function toJSValue(ctx: Context, raw: RawValue, t: ValType): unknown {
  switch (topType(t)) {
    case ValType.I32: return raw as number;
    case ValType.I64: return raw as bigint;
    case ValType.F32: return f32FromBits(raw as number);
    case ValType.F64: return f64FromBits(raw as bigint);
    case ValType.FuncRef:
    case ValType.ExternRef:
    case ValType.AnyRef: return refToJS(ctx, raw);
    case ValType.V128:
    case ValType.ExnRef:
      throw new TypeError(`a ${valueTypeName(t)} value cannot be passed to JavaScript`);
    default: {
      throw new Error(`internal: no case for value type ${t}`);
    }
  }
}

/**
 * A reference of the func, extern or any hierarchy as JavaScript sees it,
 * told by its engine form (which needs no module types): null, a function
 * instance's exported function, an i31 (a Number, or an externalized one)
 * as that Number, a struct or array as its Exported GC Object, a host value
 * (internalized or not) as itself.
 */
export function refToJS(ctx: Context, raw: unknown): unknown {
  if (raw === null || typeof raw !== "object") return raw;
  // `instanceof` reads no property of a host object, so none of its getters runs; on a revoked
  // Proxy (a host value: the engine's objects are never proxies) it throws, hence the catch.
  try {
    if (raw instanceof FuncInstance) return exportedFunction(ctx, raw);
    if (raw instanceof HostAnyRef || raw instanceof ExternI31) return raw.value;
  } catch {
    return raw;
  }
  return isGcObject(raw) ? exportedGCObject(ctx, raw) : raw;
}

/**
 * Whether a JavaScript value is an i31 when internalized: a Number equal
 * to its ToInt32, in [-2^30, 2^30). Negative zero is not one (unlike the
 * spec's letter, as engines do), so that -0 given as an externref comes
 * back as -0, which the spec's own externref tests check.
 */
function isI31Number(v: unknown): v is number {
  return typeof v === "number" && (v | 0) === v && v >= -0x40000000 && v < 0x40000000 && !Object.is(v, -0);
}

/**
 * A non-null JavaScript value internalized into the any hierarchy (the
 * spec's ToWebAssemblyValue(v, ref any)): an i31, an Exported GC Object's
 * struct or array, or a host value.
 */
function internalize(ctx: Context, v: unknown): unknown {
  if (isI31Number(v)) return v;
  if ((typeof v === "object" && v !== null) || typeof v === "function") {
    const obj = ctx.gcObjectOf.get(v);
    if (obj !== undefined) return obj;
  }
  return new HostAnyRef(v);
}

/**
 * A non-null JavaScript value as an externref (the spec's ref.extern of
 * the internalized value), in the engine's form: an i31 externalized, a
 * struct or array itself, a host value itself.
 */
function externref(ctx: Context, v: unknown): unknown {
  if (isI31Number(v)) return new ExternI31(v);
  if ((typeof v === "object" && v !== null) || typeof v === "function") {
    const obj = ctx.gcObjectOf.get(v);
    if (obj !== undefined) return obj;
  }
  return v;
}

/**
 * ToWebAssemblyValue: ToInt32 for i32, ToBigInt64 for i64 (a Number is a
 * `TypeError`, as `BigInt.asIntN` has it), ToNumber then rounding for floats
 * (every NaN becomes the canonical NaN, which the spec allows), and for a
 * reference type `(ref null? ht)` (`types`, the module types a concrete
 * `ht` indexes): null when nullable; for the func hierarchy an exported
 * function of a matching type; for the extern hierarchy any value
 * (`externref`'s `undefined` included); for the any hierarchy the
 * internalized value when it matches. Anything else, `v128` and `exnref`
 * included: a `TypeError`.
 * @see https://webassembly.github.io/spec/js-api/#towebassemblyvalue
 */
export function toWebAssemblyValue(ctx: Context, v: unknown, t: ValType, types?: readonly DefType[]): RawValue {
  switch (topType(t, types)) {
    case ValType.I32: return (v as number) | 0;
    case ValType.I64: return BigInt.asIntN(64, v as bigint);
    case ValType.F32: return f32ToBits(+(v as number));
    case ValType.F64: return f64ToBits(+(v as number));
    case ValType.FuncRef: {
      if (v === null) return nullable(t);
      const func = typeof v === "function" ? ctx.funcOf.get(v) : undefined;
      if (func === undefined) throw new TypeError(`a ${valueTypeName(t)} must be ${isNullable(t) ? "null or " : ""}an exported WebAssembly function`);
      if (!matches(func, t, types)) throw new TypeError(`the function does not match ${valueTypeName(t)}`);
      return func;
    }
    case ValType.ExternRef: {
      if (v === null) return nullable(t);
      if (heapType(t) === HeapType.NoExtern) throw new TypeError(`${valueTypeName(t)} holds null only`);
      return externref(ctx, v);
    }
    case ValType.AnyRef: {
      if (v === null) return nullable(t);
      const r = internalize(ctx, v);
      if (!matches(r, t, types)) throw new TypeError(`the value does not match ${valueTypeName(t)}`);
      return r;
    }
    case ValType.V128:
    case ValType.ExnRef:
      throw new TypeError(`a ${valueTypeName(t)} value cannot be passed from JavaScript`);
    default: {
      throw new Error(`internal: no case for value type ${t}`);
    }
  }
}

/** Null as a value of reference type `t`: a `TypeError` when `t` is not nullable. */
function nullable(t: ValType): null {
  if (!isNullable(t)) throw new TypeError(`null is not a ${valueTypeName(t)}`);
  return null;
}

/** Whether non-null engine reference `r` is a `t` (a concrete `t` indexes `types`). */
function matches(r: unknown, t: ValType, types: readonly DefType[] | undefined): boolean {
  if (isConcrete(t) && types === undefined) throw new Error(`internal: ${valueTypeName(t)} without its module's types`);
  return refTest(r, heapType(t), false, types ?? []);
}

/**
 * A function type's parameters and results with the module types their
 * concrete references index: those of the canonical type's first
 * definition (an equivalent type, so the same references).
 */
export interface Signature {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  readonly types: readonly DefType[];
}

/** The {@link Signature} of function type `type`. */
export function signature(type: FuncType): Signature {
  const rtt = rttOf(type);
  const canonical = rtt.type as FuncType;
  return { params: canonical.params, results: canonical.results, types: rtt.context };
}

/**
 * DefaultValue: what a table or global of type `t` holds when the
 * constructor (or `grow`, `set`) is given no value: undefined for
 * `externref` (ToWebAssemblyValue(undefined)), null for every other
 * nullable reference type, zero for numbers; a `TypeError` for a
 * non-nullable reference type, which has none.
 * @see https://webassembly.github.io/spec/js-api/#defaultvalue
 */
export function defaultValue(t: ValType): RawValue {
  if (t === ValType.ExternRef) return undefined;
  if (isRefType(t)) {
    if (!isNullable(t)) throw new TypeError(`${valueTypeName(t)} has no default value`);
    return null;
  }
  switch (t) {
    case ValType.I32:
    case ValType.F32: return 0;
    case ValType.I64:
    case ValType.F64: return 0n;
    case ValType.V128: return new Uint8Array(16);
    default: {
      throw new Error(`internal: no case for value type ${t}`);
    }
  }
}
