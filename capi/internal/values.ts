/**
 * Conversion between `wasm_val_t` and the engine's raw values (i32 number,
 * i64 bigint, f32 bits as a number, f64 bits as a bigint, references as the
 * object itself). Floats keep their bits both ways (porting guide (docs/porting-guide.md), rule
 * 16): an f32 NaN travels in `of.f32` as the f64 NaN with the same sign and
 * its payload shifted left by 29, converted by hand because `Math.fround` and
 * `Float32Array` quiet signalling NaNs.
 * @module
 */
import {
  ExceptionInstance, f32FromBits, f32ToBits, f64FromBits, f64ToBits, isNullable, isRefType, topType, ValType, valTypeName, type DefType,
  type RawValue,
} from "../../impl/index.js";
import type { wasm_val_t } from "../val.js";
import {
  WASM_EXTERNREF, WASM_F32, WASM_F64, WASM_FUNCREF, WASM_I32, WASM_I64, WASM_V128, WASMTS_ANYREF, type wasm_valkind_t,
} from "../valtype.js";
import { anyRefMismatch } from "./anyref.js";
import { handleFor, live, misuse, sameStore } from "./handles.js";
import { kindOfValType, valKindName } from "./kinds.js";
import { wasm_func_t, wasm_ref_t } from "./objects.js";
import { pin, recordOf, type StoreState } from "./records.js";

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LO = 0;
const HI = 1;

/** The number that carries f32 bits: the float itself, or for a NaN the f64 NaN with the same sign and payload. */
export function f32BitsToNumber(bits: number): number {
  if ((bits & 0x7f800000) !== 0x7f800000 || (bits & 0x7fffff) === 0) return f32FromBits(bits >>> 0);
  const payload = bits & 0x7fffff;
  u32[HI] = (bits & 0x80000000) | 0x7ff00000 | (payload >>> 3);
  u32[LO] = (payload & 0x7) << 29;
  return f64[0]!;
}

/** The f32 bits that a number carries (the inverse of {@link f32BitsToNumber}; other numbers round to f32). */
export function numberToF32Bits(x: number): number {
  if (x === x) return f32ToBits(x);
  f64[0] = x;
  const hi = u32[HI]!;
  let payload = ((hi & 0xfffff) << 3) | (u32[LO]! >>> 29);
  // An f64 NaN whose payload lies only in its low 29 bits has no f32 counterpart; keep it a (quiet) NaN.
  if (payload === 0) payload = 0x400000;
  return ((hi & 0x80000000) | 0x7f800000 | payload) >>> 0;
}

/** A fresh `WASM_INIT_VAL`: a null `externref`. */
export function initVal(): wasm_val_t {
  return { kind: WASM_EXTERNREF, of: { ref: null } };
}

function num(x: unknown, fn: string, what: string, field: string): number {
  if (typeof x !== "number") misuse(fn, `${what} has no number in of.${field}`);
  return x;
}

/**
 * Checks that `v` is a well-formed value of any kind (what a value that is
 * copied, moved or deleted must be): a known kind whose field holds that
 * kind's payload, a reference live or null. Returns it.
 */
export function checkVal(v: wasm_val_t | null | undefined, fn: string, what: string): wasm_val_t {
  if (v === null || typeof v !== "object" || v.of === null || typeof v.of !== "object") misuse(fn, `${what} is not a wasm_val_t`);
  const of = v.of as Record<string, unknown>;
  switch (v.kind) {
    case WASM_I32: case WASM_F32: case WASM_F64: {
      const field = v.kind === WASM_I32 ? "i32" : v.kind === WASM_F32 ? "f32" : "f64";
      num(of[field], fn, what, field);
      break;
    }
    case WASM_I64: {
      const x = of.i64;
      if (typeof x !== "bigint" && !(typeof x === "number" && Number.isSafeInteger(x))) misuse(fn, `${what} has no bigint in of.i64`);
      break;
    }
    case WASM_V128: {
      const b = of.v128;
      if (!(b instanceof Uint8Array) || b.length !== 16) misuse(fn, `${what} has no 16-byte Uint8Array in of.v128`);
      break;
    }
    case WASM_EXTERNREF: case WASM_FUNCREF: case WASMTS_ANYREF:
      if (of.ref !== null && of.ref !== undefined) live(of.ref as wasm_ref_t, wasm_ref_t, fn);
      break;
    default:
      misuse(fn, `${what} has ${valKindName(v.kind)}, not a wasm_valkind_t`);
  }
  return v;
}

/**
 * The raw form of a value of type `t`, checking its kind. A reference must be
 * live and of `store`; it is pinned, since wasm may keep it. `types` are the
 * module types that a concrete `t` indexes (a function's, global's or
 * table's defining module's), without which a concrete type is taken as a
 * function type.
 */
export function rawFromVal(
  v: wasm_val_t | null | undefined, t: ValType, store: StoreState, fn: string, what: string, types?: readonly DefType[] | null,
): RawValue {
  if (v === null || typeof v !== "object" || v.of === null || typeof v.of !== "object") misuse(fn, `${what} is not a wasm_val_t`);
  const want = kindOfValType(t, types);
  // The header's only reference macro, WASM_REF_VAL, says WASM_EXTERNREF: any reference kind may carry
  // any reference, and what the reference designates is checked below.
  // A typed reference ((ref $t), (ref func), ...) is checked as its hierarchy's top, plus its nullability,
  // and in the any hierarchy against its heap type too.
  const top = topType(t, types ?? undefined);
  const isRef = top === ValType.FuncRef || top === ValType.ExternRef || top === ValType.AnyRef;
  const kindOk = isRef ? v.kind === WASM_EXTERNREF || v.kind === WASM_FUNCREF || v.kind === WASMTS_ANYREF : v.kind === want;
  if (!kindOk) misuse(fn, `${what} has kind ${valKindName(v.kind)}, expected ${valKindName(want)}`);
  switch (top) {
    case ValType.I32:
      return num(v.of.i32, fn, what, "i32") | 0;
    case ValType.I64: {
      const x = v.of.i64 as unknown;
      if (typeof x === "bigint") return BigInt.asIntN(64, x);
      if (typeof x === "number" && Number.isSafeInteger(x)) return BigInt(x);
      return misuse(fn, `${what} has no bigint in of.i64`);
    }
    case ValType.F32:
      return numberToF32Bits(num(v.of.f32, fn, what, "f32"));
    case ValType.F64:
      return f64ToBits(num(v.of.f64, fn, what, "f64"));
    case ValType.V128: {
      const b = v.of.v128;
      if (!(b instanceof Uint8Array) || b.length !== 16) misuse(fn, `${what} has no 16-byte Uint8Array in of.v128`);
      return b.slice();
    }
    case ValType.FuncRef:
    case ValType.ExternRef:
    case ValType.ExnRef:
    case ValType.AnyRef: {
      const r = v.of.ref ?? null;
      if (r === null) {
        if (isRefType(t) && !isNullable(t)) misuse(fn, `${what} is null, but its type is a non-nullable reference`);
        return null;
      }
      const h = live(r, wasm_ref_t, fn);
      sameStore(h, store, fn);
      if (top === ValType.FuncRef && !(h instanceof wasm_func_t)) misuse(fn, `${what} is a funcref but holds a ${h.constructor.name}`);
      if (top === ValType.ExnRef && !(h._rec.obj instanceof ExceptionInstance)) misuse(fn, `${what} is an exnref but holds no exception`);
      if (top === ValType.AnyRef) {
        const why = anyRefMismatch(h._rec, t, types);
        if (why !== null) misuse(fn, `${what} does not fit ${valTypeName(t)}: ${why}`);
      }
      pin(h._rec);
      return h._rec.obj;
    }
    default: {
      throw new Error(`internal: no case for value type ${t}`);
    }
  }
}

/** A reference handle for a raw reference (null stays null); the caller owns it. */
export function refFromRaw(raw: RawValue, store: StoreState): wasm_ref_t | null {
  return raw === null || raw === undefined ? null : handleFor(recordOf(store, raw));
}

/**
 * A fresh `wasm_val_t` for a raw value of type `t`; a reference gets a new
 * handle that the caller owns. `types` as for {@link rawFromVal}.
 */
export function valFromRaw(raw: RawValue, t: ValType, store: StoreState, types?: readonly DefType[] | null): wasm_val_t {
  const kind: wasm_valkind_t = kindOfValType(t, types);
  switch (topType(t, types ?? undefined)) {
    case ValType.I32: return { kind, of: { i32: (raw as number) | 0 } };
    case ValType.I64: return { kind, of: { i64: BigInt.asIntN(64, raw as bigint) } };
    case ValType.F32: return { kind, of: { f32: f32BitsToNumber(raw as number) } };
    case ValType.F64: return { kind, of: { f64: f64FromBits(raw as bigint) } };
    case ValType.V128: return { kind, of: { v128: (raw as Uint8Array).slice() } };
    case ValType.FuncRef:
    case ValType.ExternRef:
    case ValType.ExnRef:
    case ValType.AnyRef:
      return { kind, of: { ref: refFromRaw(raw, store) } };
    default: {
      throw new Error(`internal: no case for value type ${t}`);
    }
  }
}

/** Writes `src` into the existing value storage `out` (porting guide (docs/porting-guide.md), rule 9). */
export function storeVal(out: wasm_val_t, src: wasm_val_t): void {
  out.kind = src.kind;
  out.of = src.of;
}
