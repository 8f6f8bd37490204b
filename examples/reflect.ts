/**
 * Example (the classic `reflect` program of the C API): the declared type of
 * each export (from the module) and its current type (from the instance).
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_CONST, WASM_EMPTY_VEC, WASM_EXTERN_FUNC, WASM_EXTERN_GLOBAL, WASM_EXTERN_MEMORY, WASM_EXTERN_TABLE,
  WASM_EXTERNREF, WASM_F32, WASM_F64, WASM_FUNCREF, WASM_I32, WASM_I64, WASM_VAR, wasm_byte_vec_delete,
  wasm_byte_vec_new, wasm_engine_delete, wasm_engine_new, wasm_exporttype_name, wasm_exporttype_type,
  wasm_exporttype_vec_delete, wasm_extern_as_func, wasm_extern_kind, wasm_extern_type, wasm_extern_vec_delete,
  wasm_externtype_as_functype_const, wasm_externtype_as_globaltype_const, wasm_externtype_as_memorytype_const,
  wasm_externtype_as_tabletype_const, wasm_externtype_delete, wasm_externtype_kind, wasm_func_param_arity,
  wasm_func_result_arity, wasm_functype_params, wasm_functype_results, wasm_globaltype_content,
  wasm_globaltype_mutability, wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_limits_max_default,
  wasm_memorytype_limits, wasm_module_delete, wasm_module_exports, wasm_module_new, wasm_store_delete, wasm_store_new,
  wasm_tabletype_element, wasm_tabletype_limits, wasm_valtype_kind, wasmts_byte_vec_to_string,
  type wasm_byte_vec_t, type wasm_exporttype_vec_t, type wasm_extern_vec_t, type wasm_externtype_t,
  type wasm_limits_t, type wasm_mutability_t, type wasm_name_t, type wasm_valtype_t, type wasm_valtype_vec_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

// The C program prints with printf; this buffer collects one line.
let line = "";
function print(s: string): void {
  line += s;
}
function println(s = ""): void {
  console.log(line + s);
  line = "";
}

function print_mutability(mut: wasm_mutability_t): void {
  switch (mut) {
    case WASM_VAR: print("var"); break;
    case WASM_CONST: print("const"); break;
  }
}

function print_limits(limits: wasm_limits_t): void {
  // The C program prints "%ud": the number followed by a literal "d".
  print(`${limits.min}d`);
  if (limits.max < wasm_limits_max_default) print(` ${limits.max}d`);
}

function print_valtype(type: wasm_valtype_t | null): void {
  switch (wasm_valtype_kind(type)) {
    case WASM_I32: print("i32"); break;
    case WASM_I64: print("i64"); break;
    case WASM_F32: print("f32"); break;
    case WASM_F64: print("f64"); break;
    case WASM_EXTERNREF: print("externref"); break;
    case WASM_FUNCREF: print("funcref"); break;
  }
}

function print_valtypes(types: wasm_valtype_vec_t): void {
  let first = true;
  for (let i = 0; i < types.size; ++i) {
    if (first) first = false;
    else print(" ");
    print_valtype(types.data[i]!);
  }
}

function print_externtype(type: wasm_externtype_t): void {
  switch (wasm_externtype_kind(type)) {
    case WASM_EXTERN_FUNC: {
      const functype = wasm_externtype_as_functype_const(type);
      print("func ");
      print_valtypes(wasm_functype_params(functype));
      print(" -> ");
      print_valtypes(wasm_functype_results(functype));
      break;
    }
    case WASM_EXTERN_GLOBAL: {
      const globaltype = wasm_externtype_as_globaltype_const(type);
      print("global ");
      print_mutability(wasm_globaltype_mutability(globaltype));
      print(" ");
      print_valtype(wasm_globaltype_content(globaltype));
      break;
    }
    case WASM_EXTERN_TABLE: {
      const tabletype = wasm_externtype_as_tabletype_const(type);
      print("table ");
      print_limits(wasm_tabletype_limits(tabletype));
      print(" ");
      print_valtype(wasm_tabletype_element(tabletype));
      break;
    }
    case WASM_EXTERN_MEMORY: {
      const memorytype = wasm_externtype_as_memorytype_const(type);
      print("memory ");
      print_limits(wasm_memorytype_limits(memorytype));
      break;
    }
  }
}

function print_name(name: wasm_name_t): void {
  print(`"${wasmts_byte_vec_to_string(name)}"`);
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
    file = readFileSync(exampleFile("reflect.wasm"));
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

  // Instantiate.
  console.log("Instantiating module...");
  const imports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  const instance = wasm_instance_new(store, module, imports, null);
  if (!instance) {
    console.log("> Error instantiating module!");
    return 1;
  }

  // Extract export.
  console.log("Extracting export...");
  const export_types: wasm_exporttype_vec_t = WASM_EMPTY_VEC();
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_module_exports(module, export_types);
  wasm_instance_exports(instance, exports);
  if (exports.size !== export_types.size) {
    console.log("> Error: export count mismatch");
    return 1;
  }

  for (let i = 0; i < exports.size; ++i) {
    if (wasm_extern_kind(exports.data[i]!) !== wasm_externtype_kind(wasm_exporttype_type(export_types.data[i]!))) {
      console.log("> Error: export kind mismatch");
      return 1;
    }
    print(`> export ${i} `);
    print_name(wasm_exporttype_name(export_types.data[i]!));
    println();
    print(">> initial: ");
    print_externtype(wasm_exporttype_type(export_types.data[i]!));
    println();
    print(">> current: ");
    const current = wasm_extern_type(exports.data[i]!);
    print_externtype(current);
    wasm_externtype_delete(current);
    println();
    if (wasm_extern_kind(exports.data[i]!) === WASM_EXTERN_FUNC) {
      const func = wasm_extern_as_func(exports.data[i]!);
      print(`>> in-arity: ${wasm_func_param_arity(func)}`);
      print(`, out-arity: ${wasm_func_result_arity(func)}`);
      println();
    }
  }

  wasm_module_delete(module);
  wasm_instance_delete(instance);
  wasm_extern_vec_delete(exports);
  wasm_exporttype_vec_delete(export_types);

  // Shut down.
  console.log("Shutting down...");
  wasm_store_delete(store);
  wasm_engine_delete(engine);

  // All done.
  console.log("Done.");
  return 0;
}

process.exitCode = main();
