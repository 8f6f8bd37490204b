/**
 * Example (GC, Wasm 3.0): structs and arrays made in wasm (`gc.wat`), read
 * and changed from the host through the C API's GC extensions: the fields
 * of a struct (`wasmts_struct_get`/`_set`), the elements of arrays
 * (`wasmts_array_len`/`_get`/`_set`), an i31 (`wasmts_ref_i31_get_s`/`_u`),
 * a struct made by the host (`wasmts_struct_new`) from a type the module
 * reports, and the exact reference types of the exports
 * (`wasmts_externtype_text`). Wasm then sees what the host changed.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_F64_VAL, WASM_I32_VAL, WASM_I64_VAL, WASM_INIT_VAL, WASMTS_ANYREF,
  wasm_byte_vec_delete, wasm_byte_vec_new, wasm_engine_delete, wasm_engine_new, wasm_exporttype_name,
  wasm_exporttype_type, wasm_exporttype_vec_delete, wasm_extern_as_func, wasm_extern_vec_delete, wasm_func_call,
  wasm_func_type, wasm_functype_delete, wasm_functype_results, wasm_instance_delete, wasm_instance_exports,
  wasm_instance_new, wasm_module_delete, wasm_module_exports, wasm_module_new, wasm_ref_delete, wasm_store_delete,
  wasm_store_new, wasm_valtype_copy, wasm_valtype_delete, wasmts_array_get, wasmts_array_len, wasmts_array_set,
  wasmts_byte_vec_to_string, wasmts_error_t, wasmts_externtype_text, wasmts_ref_i31_get_s, wasmts_ref_i31_get_u,
  wasmts_ref_i31_new, wasmts_ref_is_array, wasmts_ref_is_struct, wasmts_struct_field_count, wasmts_struct_get,
  wasmts_struct_new, wasmts_struct_set,
  type wasm_byte_vec_t, type wasm_exporttype_vec_t, type wasm_extern_vec_t, type wasm_func_t, type wasm_ref_t,
  type wasm_val_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

class CheckFailed extends Error {}

function get_export_func(exports: wasm_extern_vec_t, i: number): wasm_func_t {
  const func = exports.size > i ? wasm_extern_as_func(exports.data[i]) : null;
  if (!func) {
    console.log(`> Error accessing function export ${i}!`);
    throw new CheckFailed();
  }
  return func;
}

/** Calls a function and returns its one result. */
function call1(func: wasm_func_t, args: wasm_val_t[]): wasm_val_t {
  const rs = [WASM_INIT_VAL()];
  if (wasm_func_call(func, WASM_ARRAY_VEC(args), WASM_ARRAY_VEC(rs))) {
    console.log("> Error calling function!");
    throw new CheckFailed();
  }
  return rs[0]!;
}

/** Field `i` of a struct (a reference in it is a new handle the caller deletes). */
function field(s: wasm_ref_t, i: number): wasm_val_t {
  const v = WASM_INIT_VAL();
  wasmts_struct_get(s, i, v);
  return v;
}

function element(a: wasm_ref_t, i: number): wasm_val_t {
  const v = WASM_INIT_VAL();
  if (!wasmts_array_get(a, i, v)) {
    console.log(`> Error reading element ${i}!`);
    throw new CheckFailed();
  }
  return v;
}

function print_point(p: wasm_ref_t | null): void {
  if (p === null) {
    console.log("    null");
    return;
  }
  console.log(`    (${field(p, 0).of.i32}, ${field(p, 1).of.i32})`);
}

function print_shape(shape: wasm_ref_t): void {
  console.log(`shape is a struct of ${wasmts_struct_field_count(shape)} fields`);
  // The name: an array of i8, each element read as a zero-extended i32.
  const name = field(shape, 0).of.ref!;
  const n = wasmts_array_len(name);
  let text = "";
  for (let i = 0; i < n; i++) text += String.fromCharCode(element(name, i).of.i32!);
  console.log(`  name: "${text}" (an array of ${n} i8)`);
  wasm_ref_delete(name);
  const corners = field(shape, 1).of.ref!;
  console.log(`  corners: ${wasmts_array_len(corners)}`);
  for (let i = 0; i < wasmts_array_len(corners); i++) {
    const c = element(corners, i).of.ref ?? null;
    print_point(c);
    if (c) wasm_ref_delete(c);
  }
  wasm_ref_delete(corners);
  console.log(`  scale: ${field(shape, 2).of.f64}`);
  console.log(`  id: ${field(shape, 3).of.i64}`);
  const tag = field(shape, 4).of.ref!;
  const s = { value: 0 };
  const u = { value: 0 };
  if (!wasmts_ref_i31_get_s(tag, s) || !wasmts_ref_i31_get_u(tag, u)) {
    console.log("> Error reading the tag!");
    throw new CheckFailed();
  }
  console.log(`  tag: i31 ${s.value} (unsigned ${u.value})`);
  wasm_ref_delete(tag);
}

function main(): number {
  // Initialize.
  console.log("Initializing...");
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);

  // Load binary.
  console.log("Loading binary...");
  let file: Uint8Array;
  try {
    file = readFileSync(exampleFile("gc.wasm"));
  } catch {
    console.log("> Error loading module!");
    return 1;
  }
  const binary: wasm_byte_vec_t = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, file.length, file);

  // Compile.
  console.log("Compiling module...");
  const module = wasm_module_new(store, binary);
  if (!module) {
    console.log("> Error compiling module!");
    return 1;
  }
  wasm_byte_vec_delete(binary);

  // The exports' types, with their reference types exact (a concrete type prints its index).
  console.log("Exports:");
  const exportTypes: wasm_exporttype_vec_t = WASM_EMPTY_VEC();
  wasm_module_exports(module, exportTypes);
  for (const et of exportTypes.data) {
    const text: wasm_byte_vec_t = WASM_EMPTY_VEC();
    wasmts_externtype_text(wasm_exporttype_type(et), text);
    console.log(`  ${wasmts_byte_vec_to_string(wasm_exporttype_name(et))}: ${wasmts_byte_vec_to_string(text)}`);
    wasm_byte_vec_delete(text);
  }
  wasm_exporttype_vec_delete(exportTypes);

  // Instantiate.
  console.log("Instantiating module...");
  const instance = wasm_instance_new(store, module, WASM_EMPTY_VEC(), null);
  if (!instance) {
    console.log("> Error instantiating module!");
    return 1;
  }

  // Extract exports.
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  const point_func = get_export_func(exports, 0);
  const shape_func = get_export_func(exports, 1);
  const sum_func = get_export_func(exports, 2);

  // Wasm makes the structs and arrays; the host reads them.
  console.log("Calling shape...");
  const shape = call1(shape_func, []).of.ref!;
  if (!wasmts_ref_is_struct(shape)) {
    console.log("> Error: shape is not a struct!");
    return 1;
  }
  print_shape(shape);
  console.log(`wasm's sum of the corners: ${call1(sum_func, [{ kind: WASMTS_ANYREF, of: { ref: shape } }]).of.i32}`);

  // The host changes them: a field of a corner, a corner replaced by a point the host makes, the scale.
  console.log("Changing the shape from the host...");
  const corners = field(shape, 1).of.ref!;
  if (!wasmts_ref_is_array(corners)) {
    console.log("> Error: the corners are not an array!");
    return 1;
  }
  const first = element(corners, 0).of.ref!;
  wasmts_struct_set(first, 0, WASM_I32_VAL(10));
  wasm_ref_delete(first);
  // A point type as the module reports it: the result type of its function `point`.
  const point_functype = wasm_func_type(point_func);
  const point_type = wasm_valtype_copy(wasm_functype_results(point_functype).data[0]!);
  wasm_functype_delete(point_functype);
  const made = wasmts_struct_new(store, point_type, WASM_ARRAY_VEC([WASM_I32_VAL(5), WASM_I32_VAL(6)]));
  wasmts_array_set(corners, 2, { kind: WASMTS_ANYREF, of: { ref: made } });
  wasmts_struct_set(shape, 2, WASM_F64_VAL(3));
  print_shape(shape);
  console.log(`wasm's sum of the corners: ${call1(sum_func, [{ kind: WASMTS_ANYREF, of: { ref: shape } }]).of.i32}`);

  // What the types forbid is refused, with a message.
  console.log("Writing an immutable field...");
  try {
    wasmts_struct_set(shape, 3, WASM_I64_VAL(1n));
  } catch (e) {
    if (!(e instanceof wasmts_error_t)) throw e;
    console.log(`> ${e.message}`);
  }
  console.log("Storing an i31 where a point belongs...");
  const i31 = wasmts_ref_i31_new(store, 42);
  try {
    wasmts_array_set(corners, 0, { kind: WASMTS_ANYREF, of: { ref: i31 } });
  } catch (e) {
    if (!(e instanceof wasmts_error_t)) throw e;
    console.log(`> ${e.message}`);
  }

  // Shut down.
  console.log("Shutting down...");
  wasm_ref_delete(i31);
  wasm_ref_delete(made);
  wasm_valtype_delete(point_type);
  wasm_ref_delete(corners);
  wasm_ref_delete(shape);
  wasm_extern_vec_delete(exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);

  // All done.
  console.log("Done.");
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  if (!(e instanceof CheckFailed)) throw e;
  process.exitCode = 1;
}
