/**
 * GC references from the host (extension; Wasm 3.0's GC): i31 values, and
 * the fields of structs and elements of arrays, in the shape of Wasmtime's
 * C API (`wasmtime_anyref_from_i31`, `wasmtime_anyref_i31_get_u`,
 * `wasmtime_structref_new`, `wasmtime_structref_field`,
 * `wasmtime_arrayref_len`, ...) with `wasm.h`'s objects: a GC reference is a
 * `wasm_ref_t` (a value of kind `WASMTS_ANYREF` holds one in `of.ref`), and
 * values are `wasm_val_t`.
 *
 * - **i31**: {@link wasmts_ref_i31_new} makes one from the low 31 bits of a
 *   number; {@link wasmts_ref_i31_get_s}/{@link wasmts_ref_i31_get_u} read
 *   it sign- or zero-extended. An i31 is a value, not an object: two i31
 *   references of the same value are `wasm_ref_same` (as `ref.eq` says), and
 *   share their host info.
 * - **structs and arrays**: made by wasm, or by {@link wasmts_struct_new} and
 *   {@link wasmts_array_new} from a struct or array type that a module
 *   reports (a `wasm_valtype_t` naming the type, e.g. a function's result
 *   `(ref $point)`). Fields and elements are read into a `wasm_val_t` of
 *   their unpacked type (an `i8`/`i16` field reads as a zero-extended i32, a
 *   reference gets a new handle that the caller owns) and written from one
 *   that must fit the field's type (a packed field keeps its low bits); an
 *   immutable field cannot be written. A struct field index past the type's
 *   fields is misuse; an array index past the end is the documented failure
 *   (false), as for tables.
 *
 * Ownership as everywhere: references returned or written into `out` are
 * owned by the caller (`wasm_ref_delete`), arguments are borrowed; a
 * reference written into a field is kept by the engine.
 * @module
 */
import {
  isConcrete, isRefType, Trap, typeIndex, unpacked, valTypeName, type ArrayType, type FieldType, type RawValue,
  type StructType,
} from "../../impl/index.js";
import { RttKind, type Rtt } from "../../impl/base/rtt.js";
import {
  arrayGet, arrayLength, arraySet, isArray, isStruct, newArray, newStruct, structGet, structSet, type ArrayObject,
  type StructObject,
} from "../../impl/runtime/gc-objects.js";
import type { wasm_val_t, wasm_val_vec_t } from "../val.js";
import { handleFor, live, liveStore, misuse, owned, u32Arg } from "../internal/handles.js";
import { wasm_ref_t, wasm_store_t, wasm_valtype_t } from "../internal/objects.js";
import { recordOf, type StoreState } from "../internal/records.js";
import { rawFromVal, storeVal, valFromRaw } from "../internal/values.js";
import { inVec } from "../internal/vec.js";
import { describe } from "../internal/anyref.js";

function outBox(out: { value: number } | null, fn: string): { value: number } {
  if (out === null || typeof out !== "object") misuse(fn, "the out-parameter is not a { value } object");
  return out;
}

/**
 * Makes an i31 reference from the low 31 bits of `value` (Wasmtime's
 * `wasmtime_anyref_from_i31` takes a `uint32_t` and drops its top bit): any
 * integer a `uint32_t` or an `int32_t` holds; `wasmts_ref_i31_get_s` of the
 * result gives back `value` when it lies in [-2^30, 2^30). The caller owns
 * the reference.
 * @category Extensions
 */
export function wasmts_ref_i31_new(store: wasm_store_t | null, value: number): wasm_ref_t {
  const fn = "wasmts_ref_i31_new";
  const s = liveStore(store, fn);
  if (typeof value !== "number" || !Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff) {
    misuse(fn, `${String(value)} is not a uint32_t or int32_t`);
  }
  // The engine's i31: the value sign-extended from 31 bits (a Smi).
  return handleFor(recordOf(s, (value << 1) >> 1));
}

/**
 * Whether a reference is an i31 (Wasmtime's `wasmtime_anyref_is_i31`).
 * @category Extensions
 */
export function wasmts_ref_is_i31(ref: wasm_ref_t | null): boolean {
  return typeof live(ref, wasm_ref_t, "wasmts_ref_is_i31")._rec.obj === "number";
}

function i31Of(ref: wasm_ref_t | null, out: { value: number } | null, fn: string): number | null {
  const obj = live(ref, wasm_ref_t, fn)._rec.obj;
  outBox(out, fn);
  return typeof obj === "number" ? obj : null;
}

/**
 * Whether a reference is an i31; when it is, writes its value zero-extended
 * (0 to 2^31 - 1, `i31.get_u`) into `out.value`, else leaves `out` alone
 * (Wasmtime's `bool wasmtime_anyref_i31_get_u(cx, ref, uint32_t *dst)`).
 * @category Extensions
 */
export function wasmts_ref_i31_get_u(ref: wasm_ref_t | null, out: { value: number } | null): boolean {
  const v = i31Of(ref, out, "wasmts_ref_i31_get_u");
  if (v === null) return false;
  out!.value = v & 0x7fffffff;
  return true;
}

/**
 * Whether a reference is an i31; when it is, writes its value sign-extended
 * (-2^30 to 2^30 - 1, `i31.get_s`) into `out.value`, else leaves `out` alone.
 * @category Extensions
 */
export function wasmts_ref_i31_get_s(ref: wasm_ref_t | null, out: { value: number } | null): boolean {
  const v = i31Of(ref, out, "wasmts_ref_i31_get_s");
  if (v === null) return false;
  out!.value = v;
  return true;
}

/**
 * Whether a reference is a struct (of any struct type).
 * @category Extensions
 */
export function wasmts_ref_is_struct(ref: wasm_ref_t | null): boolean {
  return isStruct(live(ref, wasm_ref_t, "wasmts_ref_is_struct")._rec.obj);
}

/**
 * Whether a reference is an array (of any array type).
 * @category Extensions
 */
export function wasmts_ref_is_array(ref: wasm_ref_t | null): boolean {
  return isArray(live(ref, wasm_ref_t, "wasmts_ref_is_array")._rec.obj);
}

function structOf(ref: wasm_ref_t | null, fn: string): { obj: StructObject; store: StoreState } {
  const h = live(ref, wasm_ref_t, fn);
  const obj = h._rec.obj;
  if (!isStruct(obj)) misuse(fn, `the reference is ${describe(obj)}, not a struct`);
  return { obj, store: h._rec.store };
}

function arrayOf(ref: wasm_ref_t | null, fn: string): { obj: ArrayObject; store: StoreState } {
  const h = live(ref, wasm_ref_t, fn);
  const obj = h._rec.obj;
  if (!isArray(obj)) misuse(fn, `the reference is ${describe(obj)}, not an array`);
  return { obj, store: h._rec.store };
}

function fieldsOf(rtt: Rtt): readonly FieldType[] {
  return (rtt.type as StructType).fields;
}

function fieldIndex(obj: StructObject, index: number, fn: string): FieldType {
  const i = u32Arg(index, fn, "index");
  const fields = fieldsOf(obj.rtt);
  if (i >= fields.length) misuse(fn, `field ${i} is past the struct's ${fields.length} field(s)`);
  return fields[i]!;
}

function outVal(out: wasm_val_t | null, fn: string): wasm_val_t {
  if (out === null || typeof out !== "object") misuse(fn, "the out-parameter is not a wasm_val_t");
  return out;
}

/**
 * The number of fields of a struct.
 * @category Extensions
 */
export function wasmts_struct_field_count(ref: wasm_ref_t | null): number {
  return fieldsOf(structOf(ref, "wasmts_struct_field_count").obj.rtt).length;
}

/**
 * Reads field `index` of a struct into `out` (Wasmtime's
 * `wasmtime_structref_field`): a value of the field's unpacked type, an
 * `i8`/`i16` field zero-extended to i32; a reference is a new handle the
 * caller owns. An index past the fields is misuse.
 * @category Extensions
 */
export function wasmts_struct_get(ref: wasm_ref_t | null, index: number, out: wasm_val_t | null): void {
  const fn = "wasmts_struct_get";
  const { obj, store } = structOf(ref, fn);
  const f = fieldIndex(obj, index, fn);
  const o = outVal(out, fn);
  storeVal(o, valFromRaw(structGet(obj, index), unpacked(f.storage), store, obj.rtt.context));
}

/**
 * Writes `val` (borrowed) into field `index` of a struct (Wasmtime's
 * `wasmtime_structref_set_field`). The value must fit the field's type (its
 * kind, and for a reference its heap type and nullability); a packed field
 * keeps the low 8 or 16 bits. An immutable field, or an index past the
 * fields, is misuse.
 * @category Extensions
 */
export function wasmts_struct_set(ref: wasm_ref_t | null, index: number, val: wasm_val_t | null): void {
  const fn = "wasmts_struct_set";
  const { obj, store } = structOf(ref, fn);
  const f = fieldIndex(obj, index, fn);
  if (!f.mutable) misuse(fn, `field ${index} is immutable`);
  structSet(obj, index, rawFromVal(val, unpacked(f.storage), store, fn, "the value", obj.rtt.context));
}

/**
 * The number of elements of an array (Wasmtime's `wasmtime_arrayref_len`).
 * @category Extensions
 */
export function wasmts_array_len(ref: wasm_ref_t | null): number {
  return arrayLength(arrayOf(ref, "wasmts_array_len").obj);
}

function elementOf(obj: ArrayObject): FieldType {
  return (obj.rtt.type as ArrayType).element;
}

/**
 * Reads element `index` of an array into `out` (Wasmtime's
 * `wasmtime_arrayref_get`), as {@link wasmts_struct_get} reads a field.
 * Returns false, leaving `out` alone, when `index` is past the end.
 * @category Extensions
 */
export function wasmts_array_get(ref: wasm_ref_t | null, index: number, out: wasm_val_t | null): boolean {
  const fn = "wasmts_array_get";
  const { obj, store } = arrayOf(ref, fn);
  const i = u32Arg(index, fn, "index");
  const o = outVal(out, fn);
  if (i >= arrayLength(obj)) return false;
  storeVal(o, valFromRaw(arrayGet(obj, i), unpacked(elementOf(obj).storage), store, obj.rtt.context));
  return true;
}

/**
 * Writes `val` (borrowed) into element `index` of an array (Wasmtime's
 * `wasmtime_arrayref_set`), checked as {@link wasmts_struct_set} checks a
 * field. Returns false, changing nothing, when `index` is past the end; an
 * array of immutable elements is misuse.
 * @category Extensions
 */
export function wasmts_array_set(ref: wasm_ref_t | null, index: number, val: wasm_val_t | null): boolean {
  const fn = "wasmts_array_set";
  const { obj, store } = arrayOf(ref, fn);
  const i = u32Arg(index, fn, "index");
  const e = elementOf(obj);
  if (!e.mutable) misuse(fn, "the array's elements are immutable");
  const raw = rawFromVal(val, unpacked(e.storage), store, fn, "the value", obj.rtt.context);
  if (i >= arrayLength(obj)) return false;
  arraySet(obj, i, raw);
  return true;
}

/** The canonical type that a reported value type `(ref null? $t)` names, checked to be of `kind`. */
function definedType(type: wasm_valtype_t | null, kind: RttKind, fn: string): Rtt {
  const t = owned(type, wasm_valtype_t, fn);
  const what = kind === RttKind.Struct ? "struct" : "array";
  if (!isRefType(t._type) || !isConcrete(t._type) || t._context === null) {
    misuse(fn, `the type ${valTypeName(t._type)} names no module's ${what} type (pass a (ref $t) that a module reports)`);
  }
  const rtt = t._context[typeIndex(t._type)]?.rtt;
  if (rtt === undefined || rtt.kind !== kind) misuse(fn, `the type ${valTypeName(t._type)} is not a ${what} type`);
  return rtt;
}

/**
 * Makes a struct of the struct type that `type` names (a `(ref null? $t)`
 * value type that a module reports, e.g. a parameter or result of its
 * function, which stays the caller's), its fields from `fields` in order,
 * each checked against its field's type (Wasmtime's
 * `wasmtime_structref_new`). The caller owns the new reference.
 * @category Extensions
 */
export function wasmts_struct_new(store: wasm_store_t | null, type: wasm_valtype_t | null, fields: wasm_val_vec_t | null): wasm_ref_t {
  const fn = "wasmts_struct_new";
  const s = liveStore(store, fn);
  const rtt = definedType(type, RttKind.Struct, fn);
  const types = fieldsOf(rtt);
  const n = fields === null || fields === undefined ? 0 : inVec(fields, fn);
  if (n !== types.length) misuse(fn, `the struct type has ${types.length} field(s), the vector holds ${n}`);
  const raws: RawValue[] = types.map((f, i) => rawFromVal(fields!.data[i], unpacked(f.storage), s, fn, `field ${i}`, rtt.context));
  return handleFor(recordOf(s, newStruct(rtt, raws)));
}

/**
 * Makes an array of the array type that `type` names (as for
 * {@link wasmts_struct_new}), `length` elements each `elem` (checked
 * against the element type; Wasmtime's `wasmtime_arrayref_new`). Returns
 * null when the array is too large to allocate (over 1 GiB of elements, or
 * 2^25 references). The caller owns the new reference.
 * @category Extensions
 */
export function wasmts_array_new(store: wasm_store_t | null, type: wasm_valtype_t | null, elem: wasm_val_t | null, length: number): wasm_ref_t | null {
  const fn = "wasmts_array_new";
  const s = liveStore(store, fn);
  const rtt = definedType(type, RttKind.Array, fn);
  const e = (rtt.type as ArrayType).element;
  const raw = rawFromVal(elem, unpacked(e.storage), s, fn, "the element", rtt.context);
  const n = u32Arg(length, fn, "length");
  let obj: ArrayObject;
  try {
    obj = newArray(rtt, n, raw);
  } catch (err) {
    if (err instanceof Trap) return null;
    throw err;
  }
  return handleFor(recordOf(s, obj));
}
