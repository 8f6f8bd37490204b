/**
 * Types in the WebAssembly text syntax, read through the C API's type
 * functions: `(func (param i32 i32) (result i32))`, `(global (mut i64))`,
 * `(table 1 10 funcref)`, `(memory 1)`, `(tag (param i32))`.
 * @module
 */
import {
  WASM_EXTERN_FUNC, WASM_EXTERN_GLOBAL, WASM_EXTERN_MEMORY, WASM_EXTERN_TABLE, WASM_EXTERN_TAG, WASM_EXTERNREF,
  WASM_F32, WASM_F64, WASM_FUNCREF, WASM_I32, WASM_I64, WASM_V128, WASM_VAR, wasm_externtype_as_functype_const,
  wasm_externtype_as_globaltype_const, wasm_externtype_as_memorytype_const, wasm_externtype_as_tabletype_const,
  wasm_externtype_as_tagtype_const, wasm_externtype_kind, wasm_functype_params, wasm_functype_results,
  wasm_globaltype_content, wasm_globaltype_mutability, wasm_tabletype_element, wasm_tagtype_functype, wasm_valtype_kind,
  wasmts_memorytype_is64, wasmts_memorytype_maximum, wasmts_memorytype_minimum, wasmts_tabletype_is64,
  wasmts_tabletype_maximum, wasmts_tabletype_minimum,
  type wasm_externtype_t, type wasm_functype_t, type wasm_valkind_t, type wasm_valtype_t, type wasm_valtype_vec_t,
} from "../capi/index.js";

/**
 * A value kind's name in the text syntax. `wasm.h` has no kind for
 * `exnref`: the C API reports it as `externref`, and so do we.
 */
export function valkindText(kind: wasm_valkind_t): string {
  switch (kind) {
    case WASM_I32: return "i32";
    case WASM_I64: return "i64";
    case WASM_F32: return "f32";
    case WASM_F64: return "f64";
    case WASM_V128: return "v128";
    case WASM_FUNCREF: return "funcref";
    case WASM_EXTERNREF: return "externref";
    default: return `<kind ${kind}>`;
  }
}

/** A value type's name in the text syntax. */
export function valtypeText(type: wasm_valtype_t | null): string {
  return valkindText(wasm_valtype_kind(type));
}

function valtypes(v: wasm_valtype_vec_t): string {
  return v.data.slice(0, v.size).map(valtypeText).join(" ");
}

/** A function type's parameters and results: ` (param i32) (result i32)`, empty for none. */
function signature(type: wasm_functype_t | null): string {
  const params = wasm_functype_params(type);
  const results = wasm_functype_results(type);
  return (params.size > 0 ? ` (param ${valtypes(params)})` : "") + (results.size > 0 ? ` (result ${valtypes(results)})` : "");
}

/** A function type: `(func (param i32 i32) (result i32))`. */
export function functypeText(type: wasm_functype_t | null): string {
  return `(func${signature(type)})`;
}

/**
 * A table's or memory's index type and limits as the text writes them:
 * `i64 ` first for memory64/table64, the maximum only when there is one
 * (read through the 64-bit extensions, exact beyond 32 bits).
 */
function limitsText(is64: boolean, min: number, max: { value: number }, hasMax: boolean): string {
  return `${is64 ? "i64 " : ""}${min}${hasMax ? ` ${max.value}` : ""}`;
}

/** An extern type in the text syntax of the matching import description. */
export function externtypeText(type: wasm_externtype_t): string {
  const kind = wasm_externtype_kind(type);
  switch (kind) {
    case WASM_EXTERN_FUNC:
      return functypeText(wasm_externtype_as_functype_const(type));
    case WASM_EXTERN_GLOBAL: {
      const global = wasm_externtype_as_globaltype_const(type);
      const content = valtypeText(wasm_globaltype_content(global));
      return wasm_globaltype_mutability(global) === WASM_VAR ? `(global (mut ${content}))` : `(global ${content})`;
    }
    case WASM_EXTERN_TABLE: {
      const table = wasm_externtype_as_tabletype_const(type);
      const max = { value: 0 };
      const limits = limitsText(wasmts_tabletype_is64(table), wasmts_tabletype_minimum(table), max, wasmts_tabletype_maximum(table, max));
      return `(table ${limits} ${valtypeText(wasm_tabletype_element(table))})`;
    }
    case WASM_EXTERN_MEMORY: {
      const memory = wasm_externtype_as_memorytype_const(type);
      const max = { value: 0 };
      return `(memory ${limitsText(wasmts_memorytype_is64(memory), wasmts_memorytype_minimum(memory), max, wasmts_memorytype_maximum(memory, max))})`;
    }
    case WASM_EXTERN_TAG:
      return `(tag${signature(wasm_tagtype_functype(wasm_externtype_as_tagtype_const(type)))})`;
    default:
      return `(<extern kind ${kind}>)`;
  }
}

/**
 * A name as a text-syntax string: in quotes, with `"`, `\` and control
 * characters escaped (`\hh`). Names are valid UTF-8 (the decoder checks),
 * so other characters are printed as they are.
 */
export function stringText(bytes: Uint8Array): string {
  let s = "\"";
  for (const ch of new TextDecoder().decode(bytes)) {
    const c = ch.codePointAt(0)!;
    if (ch === "\"" || ch === "\\") s += `\\${ch}`;
    else if (c < 0x20 || c === 0x7f) s += `\\${c.toString(16).padStart(2, "0")}`;
    else s += ch;
  }
  return s + "\"";
}
