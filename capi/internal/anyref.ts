/**
 * GC references as the C API sees them: which values belong to the `any`
 * hierarchy and whether one matches a reference type. The engine's
 * representation is decided once for every tier: an i31 is a JavaScript
 * number (its value sign-extended from 31 bits), a struct or array is an
 * object with a `readonly rtt: Rtt` (its canonical type), null is `null`.
 * @module
 */
import { ExceptionInstance, HeapType, heapType, isConcrete, typeIndex, type DefType, type ValType } from "../../impl/index.js";
import { isRttSubtype } from "../../impl/base/rtt.js";
import { isArray, isStruct, type ArrayObject, type StructObject } from "../../impl/runtime/gc-objects.js";
import type { ObjRecord } from "./records.js";

/** True for an i31 reference (a number; only i31 values are numbers among references). */
export function isI31(x: unknown): x is number {
  return typeof x === "number";
}

/** True for a struct or array object. */
export function isGcObject(x: unknown): x is StructObject | ArrayObject {
  return isStruct(x) || isArray(x);
}

/**
 * Why the object of `rec` cannot be a value of reference type `t` of the
 * any hierarchy (`types` are the module types a concrete `t` indexes), or
 * null when it can. Runtime objects of the C API (functions, globals,
 * foreign objects, exceptions...) never are: a host value enters the any
 * hierarchy only through wasm's `any.convert_extern`.
 */
export function anyRefMismatch(rec: ObjRecord, t: ValType, types: readonly DefType[] | null | undefined): string | null {
  const obj = rec.obj;
  if (rec.kind !== "ref" || obj instanceof ExceptionInstance) return `a ${rec.kind === "ref" ? "exception" : rec.kind} is not in the any hierarchy`;
  const h = heapType(t);
  if (isConcrete(h)) {
    const target = types?.[typeIndex(h)]?.rtt;
    if (target === undefined) return "its type has no canonical form here";
    return isGcObject(obj) && isRttSubtype(obj.rtt, target) ? null : `it is not a (ref ${typeIndex(h)}) (${describe(obj)})`;
  }
  switch (h) {
    case HeapType.Any: return null;
    case HeapType.Eq: return isI31(obj) || isGcObject(obj) ? null : `it is not an eqref (${describe(obj)})`;
    case HeapType.I31: return isI31(obj) ? null : `it is not an i31ref (${describe(obj)})`;
    case HeapType.Struct: return isStruct(obj) ? null : `it is not a structref (${describe(obj)})`;
    case HeapType.Array: return isArray(obj) ? null : `it is not an arrayref (${describe(obj)})`;
    case HeapType.None: return "only null is a nullref";
    default: return null;
  }
}

/** What a reference is, for messages. */
export function describe(obj: unknown): string {
  if (isI31(obj)) return `an i31 ${obj}`;
  if (isStruct(obj)) return "a struct";
  if (isArray(obj)) return "an array";
  return "a host value";
}
