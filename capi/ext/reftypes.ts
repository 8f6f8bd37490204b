/**
 * Typed and GC reference types in `wasm_valtype_t` (extension; typed
 * function references and GC of Wasm 3.0). `wasm.h` knows two reference
 * kinds, so a value type carries, besides its kind, the engine's exact type:
 * a heap type (an abstract one, or a module's type index) and a nullability.
 *
 * - {@link wasm_valtype_kind} stays within the kinds: a reference type
 *   reports the kind of its hierarchy's top, `WASM_FUNCREF` (func, nofunc,
 *   function types), `WASM_EXTERNREF` (extern, noextern, and exn, noexn,
 *   for which there is no kind), or the extension kind `WASMTS_ANYREF` (any,
 *   eq, i31, struct, array, none, struct and array types).
 * - {@link wasmts_valtype_new_ref} makes `(ref null? ht)` for an abstract
 *   heap type `ht` (`WASMTS_HEAP_*`, the binary format's bytes);
 *   {@link wasmts_valtype_heap_type}, {@link wasmts_valtype_is_nullable} and
 *   {@link wasmts_valtype_type_index} read any reference type back.
 * - A concrete type (`(ref $t)`) means a type index of one module, so only
 *   the types a module reports (`wasm_module_imports`/`exports`,
 *   `wasm_func_type`, `wasm_global_type`, `wasm_table_type`...) carry one,
 *   with that module's types; a copy keeps them, and `wasm_globaltype_new`
 *   and `wasm_tabletype_new` accept such a type (a host global or table of
 *   a module's struct type). A host function type cannot use one (it is its
 *   own recursion group): `wasm_func_new` refuses it as misuse.
 * - {@link wasmts_valtype_text} and {@link wasmts_externtype_text} spell a
 *   type in the text format (`anyref`, `(ref null 3)`,
 *   `(func (param (ref 0)) (result i31ref))`).
 * @module
 */
import {
  CONCRETE, ExternKind, externTypeText, heapType, isAbstractHeapByte, isConcrete, isNullable, isRefType, refType, typeIndex,
  valTypeName, type ExternType, type FuncType, type ValType,
} from "../../impl/index.js";
import { WASM_VAR } from "../globaltype.js";
import type { wasm_message_t } from "../byte_vec.js";
import { fillBytes, utf8 } from "../internal/bytes.js";
import { misuse, owned } from "../internal/handles.js";
import { kindOfValType } from "../internal/kinds.js";
import {
  wasm_externtype_t, wasm_functype_t, wasm_globaltype_t, wasm_memorytype_t, wasm_tabletype_t, wasm_tagtype_t, wasm_valtype_t,
} from "../internal/objects.js";
import { memorytypeToImpl } from "../internal/types.js";

/** The heap type `func` (`funcref` is `(ref null func)`). @category Extensions */
export const WASMTS_HEAP_FUNC = 0x70;
/** The heap type `extern`. @category Extensions */
export const WASMTS_HEAP_EXTERN = 0x6f;
/** The heap type `exn` (exception handling). @category Extensions */
export const WASMTS_HEAP_EXN = 0x69;
/** The heap type `any`, top of GC's hierarchy. @category Extensions */
export const WASMTS_HEAP_ANY = 0x6e;
/** The heap type `eq` (what `ref.eq` compares: i31, structs, arrays). @category Extensions */
export const WASMTS_HEAP_EQ = 0x6d;
/** The heap type `i31` (unboxed 31-bit integers). @category Extensions */
export const WASMTS_HEAP_I31 = 0x6c;
/** The heap type `struct` (every struct). @category Extensions */
export const WASMTS_HEAP_STRUCT = 0x6b;
/** The heap type `array` (every array). @category Extensions */
export const WASMTS_HEAP_ARRAY = 0x6a;
/** The heap type `none`, bottom of the any hierarchy (`nullref`). @category Extensions */
export const WASMTS_HEAP_NONE = 0x71;
/** The heap type `noextern` (`nullexternref`). @category Extensions */
export const WASMTS_HEAP_NOEXTERN = 0x72;
/** The heap type `nofunc` (`nullfuncref`). @category Extensions */
export const WASMTS_HEAP_NOFUNC = 0x73;
/** The heap type `noexn` (`nullexnref`). @category Extensions */
export const WASMTS_HEAP_NOEXN = 0x74;
/**
 * What {@link wasmts_valtype_heap_type} answers for a concrete heap type (a
 * module's type index, read with {@link wasmts_valtype_type_index}).
 * @category Extensions
 */
export const WASMTS_HEAP_CONCRETE = CONCRETE;

/**
 * Makes the reference type `(ref null ht)` (`nullable`) or `(ref ht)` of an
 * abstract heap type `ht` (a `WASMTS_HEAP_*` constant other than
 * {@link WASMTS_HEAP_CONCRETE}). Its kind is its hierarchy's
 * (`WASM_FUNCREF`, `WASM_EXTERNREF`, `WASMTS_ANYREF`); the caller owns it.
 * `wasmts_valtype_new_ref(WASMTS_HEAP_FUNC, true)` is the same type as
 * `wasm_valtype_new_funcref()`.
 * @category Extensions
 */
export function wasmts_valtype_new_ref(heap: number, nullable: boolean): wasm_valtype_t {
  const fn = "wasmts_valtype_new_ref";
  if (typeof heap !== "number" || !isAbstractHeapByte(heap)) {
    misuse(fn, `${String(heap)} is not an abstract heap type (WASMTS_HEAP_FUNC ... WASMTS_HEAP_NOEXN)`);
  }
  // A C bool: anything but true (null too) is false.
  const t = refType(heap, nullable === true);
  return new wasm_valtype_t(kindOfValType(t), t, null);
}

function refOf(t: wasm_valtype_t | null, fn: string): ValType {
  const v = owned(t, wasm_valtype_t, fn);
  if (!isRefType(v._type)) misuse(fn, `${valTypeName(v._type)} is not a reference type`);
  return v._type;
}

/**
 * Whether a value type admits null: true for `(ref null ht)` (`funcref`,
 * `anyref`, ...), false for `(ref ht)` and for number and vector types.
 * @category Extensions
 */
export function wasmts_valtype_is_nullable(t: wasm_valtype_t | null): boolean {
  const v = owned(t, wasm_valtype_t, "wasmts_valtype_is_nullable");
  return isRefType(v._type) && isNullable(v._type);
}

/**
 * The heap type of a reference type: a `WASMTS_HEAP_*` constant, or
 * {@link WASMTS_HEAP_CONCRETE} for a module's type index. A number or vector
 * type is misuse.
 * @category Extensions
 */
export function wasmts_valtype_heap_type(t: wasm_valtype_t | null): number {
  const h = heapType(refOf(t, "wasmts_valtype_heap_type"));
  return isConcrete(h) ? WASMTS_HEAP_CONCRETE : h;
}

/**
 * Whether a reference type names a module's type (`(ref null? $t)`); when it
 * does, writes the type index into `out.value` (in the module that reported
 * the type), else leaves `out` alone. A number or vector type is misuse.
 * @category Extensions
 */
export function wasmts_valtype_type_index(t: wasm_valtype_t | null, out: { value: number } | null): boolean {
  const fn = "wasmts_valtype_type_index";
  const h = heapType(refOf(t, fn));
  if (out === null || typeof out !== "object") misuse(fn, "the out-parameter is not a { value } object");
  if (!isConcrete(h)) return false;
  out.value = typeIndex(h);
  return true;
}

function text(out: wasm_message_t, s: string, fn: string): void {
  const bytes = utf8(s);
  const nt = new Uint8Array(bytes.length + 1);
  nt.set(bytes);
  fillBytes(out, nt, fn);
}

/**
 * Fills `out` with a value type in the text format, NUL-terminated like a
 * message (`i32`, `anyref`, `(ref null 3)`, `(ref i31)`, `nullfuncref`; a
 * concrete type prints its type index).
 * @category Extensions
 */
export function wasmts_valtype_text(t: wasm_valtype_t | null, out: wasm_message_t): void {
  const fn = "wasmts_valtype_text";
  text(out, valTypeName(owned(t, wasm_valtype_t, fn)._type), fn);
}

function funcTypeOf(ft: wasm_functype_t): FuncType {
  return { params: ft._params.data.map((v) => v!._type), results: ft._results.data.map((v) => v!._type) };
}

function externTypeOf(t: wasm_externtype_t): ExternType {
  if (t instanceof wasm_functype_t) return { kind: ExternKind.Func, type: funcTypeOf(t) };
  if (t instanceof wasm_globaltype_t) return { kind: ExternKind.Global, type: { valType: t._content._type, mutable: t._mutability === WASM_VAR } };
  if (t instanceof wasm_tabletype_t) {
    const limits = { ...t._bounds };
    return { kind: ExternKind.Table, type: t._is64 ? { elemType: t._element._type, limits, address64: true } : { elemType: t._element._type, limits } };
  }
  if (t instanceof wasm_memorytype_t) return { kind: ExternKind.Memory, type: memorytypeToImpl(t) };
  if (t instanceof wasm_tagtype_t) return { kind: ExternKind.Tag, type: { type: funcTypeOf(t._functype) } };
  throw new Error(`internal: no case for ${t.constructor.name}`);
}

/**
 * Fills `out` with an extern type in the text format, NUL-terminated like a
 * message: `(func (param (ref null 0)) (result anyref))`, `(global (mut
 * i31ref))`, `(table 1 10 (ref null 2))`, `(memory 1)`, `(tag (param i32))`.
 * What `wasm_module_imports`/`exports` report reads this way with its
 * reference types exact.
 * @category Extensions
 */
export function wasmts_externtype_text(t: wasm_externtype_t | null, out: wasm_message_t): void {
  const fn = "wasmts_externtype_text";
  text(out, externTypeText(externTypeOf(owned(t, wasm_externtype_t, fn))), fn);
}
