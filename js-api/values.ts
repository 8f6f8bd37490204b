/**
 * The JS API's value conversions: ToJSValue (a wasm value as JavaScript
 * sees it) and ToWebAssemblyValue (a JavaScript value given to wasm), over
 * the engine's raw values (floats as bits, i64 as bigint, see
 * impl/runtime/values.ts), and the value type names of descriptors.
 * @see https://webassembly.github.io/spec/js-api/#tojsvalue
 * @see https://webassembly.github.io/spec/js-api/#towebassemblyvalue
 * @module
 */
import { f32FromBits, f32ToBits, f64FromBits, f64ToBits, topType, valTypeName, ValType, type FuncInstance, type RawValue } from "../impl/index.js";
import type { Context } from "./context.js";
import { exportedFunction } from "./functions.js";
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
 * ToJSValue: i32 and floats as numbers, i64 as a BigInt, a `funcref` as
 * its exported function (or null), an `externref` as the value it holds.
 * `v128` and `exnref` have no JavaScript form: a `TypeError`.
 * @see https://webassembly.github.io/spec/js-api/#tojsvalue
 */
export function toJSValue(ctx: Context, raw: RawValue, t: ValType): unknown {
  switch (topType(t)) {
    case ValType.I32: return raw as number;
    case ValType.I64: return raw as bigint;
    case ValType.F32: return f32FromBits(raw as number);
    case ValType.F64: return f64FromBits(raw as bigint);
    case ValType.FuncRef: return raw === null ? null : exportedFunction(ctx, raw as FuncInstance);
    case ValType.ExternRef: return raw;
    case ValType.V128:
    case ValType.ExnRef:
      throw new TypeError(`a ${valueTypeName(t)} value cannot be passed to JavaScript`);
    default: {
      throw new Error(`internal: no case for value type ${t}`);
    }
  }
}

/**
 * ToWebAssemblyValue: ToInt32 for i32, ToBigInt64 for i64 (a Number is a
 * `TypeError`, as `BigInt.asIntN` has it), ToNumber then rounding for floats
 * (every NaN becomes the canonical NaN, which the spec allows), an exported
 * function or null for `funcref`, any value for `externref` (`null` is the
 * null reference). `v128` and `exnref`: a `TypeError`.
 * @see https://webassembly.github.io/spec/js-api/#towebassemblyvalue
 */
export function toWebAssemblyValue(ctx: Context, v: unknown, t: ValType): RawValue {
  switch (topType(t)) {
    case ValType.I32: return (v as number) | 0;
    case ValType.I64: return BigInt.asIntN(64, v as bigint);
    case ValType.F32: return f32ToBits(+(v as number));
    case ValType.F64: return f64ToBits(+(v as number));
    case ValType.FuncRef: {
      if (v === null) return null;
      const func = typeof v === "function" ? ctx.funcOf.get(v) : undefined;
      if (func === undefined) throw new TypeError("a funcref must be null or an exported WebAssembly function");
      return func;
    }
    case ValType.ExternRef: return v;
    case ValType.V128:
    case ValType.ExnRef:
      throw new TypeError(`a ${valueTypeName(t)} value cannot be passed from JavaScript`);
    default: {
      throw new Error(`internal: no case for value type ${t}`);
    }
  }
}

/**
 * DefaultValue: what a table or global of type `t` holds when the
 * constructor (or `grow`, `set`) is given no value: null for `funcref`,
 * undefined for `externref` (ToWebAssemblyValue(undefined)), zero for numbers.
 * @see https://webassembly.github.io/spec/js-api/#defaultvalue
 */
export function defaultValue(t: ValType): RawValue {
  switch (topType(t)) {
    case ValType.I32:
    case ValType.F32: return 0;
    case ValType.I64:
    case ValType.F64: return 0n;
    case ValType.FuncRef: return null;
    case ValType.ExternRef: return undefined;
    case ValType.V128: return new Uint8Array(16);
    case ValType.ExnRef: return null;
    default: {
      throw new Error(`internal: no case for value type ${t}`);
    }
  }
}
