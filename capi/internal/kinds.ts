/**
 * Value kinds and extern kinds: checks, names, and the mapping to the
 * engine's binary-encoded types.
 * @module
 */
import { ExternKind, topType, ValType, type DefType } from "../../impl/index.js";
import {
  WASM_EXTERNREF, WASM_F32, WASM_F64, WASM_FUNCREF, WASM_I32, WASM_I64, WASM_V128, WASMTS_ANYREF, type wasm_valkind_t,
} from "../valtype.js";

/** True when `k` is a valid value kind. */
export function isValKind(k: unknown): k is wasm_valkind_t {
  return k === WASM_I32 || k === WASM_I64 || k === WASM_F32 || k === WASM_F64 || k === WASM_V128 ||
    k === WASM_EXTERNREF || k === WASM_FUNCREF || k === WASMTS_ANYREF;
}

/** The C name of a value kind, for messages. */
export function valKindName(k: unknown): string {
  switch (k) {
    case WASM_I32: return "WASM_I32";
    case WASM_I64: return "WASM_I64";
    case WASM_F32: return "WASM_F32";
    case WASM_F64: return "WASM_F64";
    case WASM_V128: return "WASM_V128";
    case WASM_EXTERNREF: return "WASM_EXTERNREF";
    case WASM_FUNCREF: return "WASM_FUNCREF";
    case WASMTS_ANYREF: return "WASMTS_ANYREF";
    default: return `kind ${String(k)}`;
  }
}

/** The engine's value type of a value kind. */
export function valTypeOfKind(k: wasm_valkind_t): ValType {
  switch (k) {
    case WASM_I32: return ValType.I32;
    case WASM_I64: return ValType.I64;
    case WASM_F32: return ValType.F32;
    case WASM_F64: return ValType.F64;
    case WASM_V128: return ValType.V128;
    case WASM_EXTERNREF: return ValType.ExternRef;
    case WASM_FUNCREF: return ValType.FuncRef;
    case WASMTS_ANYREF: return ValType.AnyRef;
    default: throw new Error(`internal: ${valKindName(k)} is not a value kind`);
  }
}

/**
 * The value kind of an engine value type; `types` are the module types that
 * a concrete type indexes (without them a concrete type counts as a function
 * type, see `topType`).
 */
export function kindOfValType(t: ValType, types?: readonly DefType[] | null): wasm_valkind_t {
  // A typed reference travels as the kind of its hierarchy's top (wasm.h has no kind of its own for it).
  switch (topType(t, types ?? undefined)) {
    case ValType.I32: return WASM_I32;
    case ValType.I64: return WASM_I64;
    case ValType.F32: return WASM_F32;
    case ValType.F64: return WASM_F64;
    case ValType.V128: return WASM_V128;
    case ValType.ExternRef: return WASM_EXTERNREF;
    // wasm.h has no kind for exnref: an exception reference travels as an externref-like reference.
    case ValType.ExnRef: return WASM_EXTERNREF;
    case ValType.FuncRef: return WASM_FUNCREF;
    // GC's any hierarchy (any, eq, i31, struct, array, none, concrete struct and array types): the extension kind.
    case ValType.AnyRef: return WASMTS_ANYREF;
    default: {
      throw new Error(`internal: no case for value type ${t}`);
    }
  }
}

/** `wasm.h`'s extern kind numbers (func, global, table, memory, tag), which differ from the binary format's. */
export const WASM_EXTERN = { FUNC: 0, GLOBAL: 1, TABLE: 2, MEMORY: 3, TAG: 4 } as const;

/** The `wasm.h` extern kind of an engine extern kind. */
export function externKindToC(k: ExternKind): number {
  switch (k) {
    case ExternKind.Func: return WASM_EXTERN.FUNC;
    case ExternKind.Global: return WASM_EXTERN.GLOBAL;
    case ExternKind.Table: return WASM_EXTERN.TABLE;
    case ExternKind.Memory: return WASM_EXTERN.MEMORY;
    case ExternKind.Tag: return WASM_EXTERN.TAG;
    default: {
      const never: never = k;
      return never;
    }
  }
}
