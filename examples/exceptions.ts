/**
 * Example (exception handling): a tag made by the host, `(tag (param i32))`,
 * imported by two instances of different modules. One throws it, the other
 * catches it with `try_table`, whether the thrower is the other module or a
 * host callback (which raises it with the `wasmts_trap_new_exception`
 * extension). An exception nobody catches reaches the host as a trap that
 * names the tag, with the very tag and its payload (`wasmts_trap_exception_*`).
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_I32, WASM_I32_VAL, WASM_INIT_VAL, wasm_byte_vec_delete, wasm_byte_vec_new,
  wasm_engine_delete, wasm_engine_new, wasm_extern_as_func, wasm_extern_vec_delete, wasm_func_as_extern, wasm_func_call,
  wasm_func_delete, wasm_func_new, wasm_functype_delete, wasm_functype_new, wasm_instance_delete, wasm_instance_exports,
  wasm_instance_new, wasm_module_delete, wasm_module_new, wasm_store_delete, wasm_store_new, wasm_tag_as_extern,
  wasm_tag_delete, wasm_tag_new, wasm_tag_same, wasm_tagtype_delete, wasm_tagtype_new, wasm_trap_delete,
  wasm_trap_message, wasm_val_vec_delete, wasm_val_vec_new, wasm_valtype_new, wasm_valtype_vec_new,
  wasm_valtype_vec_new_empty, wasmts_byte_vec_to_string, wasmts_trap_exception_payload, wasmts_trap_exception_tag,
  wasmts_trap_is_exception, wasmts_trap_new_exception,
  type wasm_extern_t, type wasm_extern_vec_t, type wasm_func_t, type wasm_instance_t, type wasm_message_t,
  type wasm_module_t, type wasm_store_t, type wasm_tag_t, type wasm_trap_t, type wasm_val_vec_t, type wasm_valtype_vec_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

class CheckFailed extends Error {}

function load(store: wasm_store_t, name: string): wasm_module_t {
  const file = readFileSync(exampleFile(`${name}.wasm`));
  const binary = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, file.length, file);
  const module = wasm_module_new(store, binary);
  wasm_byte_vec_delete(binary);
  if (!module) {
    console.log(`> Error compiling ${name}!`);
    throw new CheckFailed();
  }
  return module;
}

function instantiate(store: wasm_store_t, module: wasm_module_t, imports: (wasm_extern_t | null)[]): wasm_instance_t {
  const trap: { value: wasm_trap_t | null } = { value: null };
  const instance = wasm_instance_new(store, module, WASM_ARRAY_VEC(imports), trap);
  if (!instance) {
    console.log(`> Error instantiating module: ${trap.value ? messageOf(trap.value) : "(no trap)"}`);
    throw new CheckFailed();
  }
  return instance;
}

function messageOf(trap: wasm_trap_t): string {
  const message: wasm_message_t = WASM_EMPTY_VEC();
  wasm_trap_message(trap, message);
  const text = wasmts_byte_vec_to_string(message);
  wasm_byte_vec_delete(message);
  return text;
}

/** The function type [i32] -> [] of a payload-carrying thrower, or the tag type (param i32). */
function params(): wasm_valtype_vec_t {
  const ps: wasm_valtype_vec_t = WASM_EMPTY_VEC();
  wasm_valtype_vec_new(ps, 1, [wasm_valtype_new(WASM_I32)]);
  return ps;
}

function noResults(): wasm_valtype_vec_t {
  const rs: wasm_valtype_vec_t = WASM_EMPTY_VEC();
  wasm_valtype_vec_new_empty(rs);
  return rs;
}

/** Calls an export with one i32; prints what came back: a result or an exception. */
function call(exports: wasm_extern_vec_t, index: number, label: string, arg: number, tag: wasm_tag_t): void {
  const func: wasm_func_t | null = wasm_extern_as_func(exports.data[index] ?? null);
  if (!func) {
    console.log(`> Error accessing export ${index}!`);
    throw new CheckFailed();
  }
  const results = [WASM_INIT_VAL()];
  const trap = wasm_func_call(func, WASM_ARRAY_VEC([WASM_I32_VAL(arg)]), WASM_ARRAY_VEC(results));
  if (!trap) {
    console.log(`${label}(${arg}) = ${results[0]!.of.i32 as number}`);
    return;
  }
  if (!wasmts_trap_is_exception(trap)) {
    console.log(`> Error: ${label}(${arg}) trapped: ${messageOf(trap)}`);
    wasm_trap_delete(trap);
    throw new CheckFailed();
  }
  console.log(`${label}(${arg}) threw: ${messageOf(trap)}`);
  const thrown = wasmts_trap_exception_tag(trap)!;
  const payload: wasm_val_vec_t = WASM_EMPTY_VEC();
  wasmts_trap_exception_payload(trap, payload);
  console.log(`  the host's tag: ${wasm_tag_same(thrown, tag) ? "yes" : "no"}; payload: ${payload.data.map((v) => v.of.i32).join(", ")}`);
  wasm_val_vec_delete(payload);
  wasm_tag_delete(thrown);
  wasm_trap_delete(trap);
}

function main(): number {
  console.log("Initializing...");
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);

  console.log("Creating the host's tag (tag (param i32))...");
  const tagtype = wasm_tagtype_new(wasm_functype_new(params(), noResults()));
  const tag = wasm_tag_new(store, tagtype);
  wasm_tagtype_delete(tagtype);

  console.log("Creating a host function that throws the tag...");
  const hostFailType = wasm_functype_new(params(), noResults());
  const hostFail = wasm_func_new(store, hostFailType, (args) => {
    const code = args.data[0]!.of.i32 as number;
    console.log(`  host_fail(${code}) raises the tag`);
    const payload: wasm_val_vec_t = WASM_EMPTY_VEC();
    wasm_val_vec_new(payload, 1, [WASM_I32_VAL(code)]);
    const exception = wasmts_trap_new_exception(store, tag, payload);
    wasm_val_vec_delete(payload);
    return exception;
  });
  wasm_functype_delete(hostFailType);

  console.log("Instantiating the thrower and the catcher, both importing the tag...");
  const throwerModule = load(store, "exceptions_thrower");
  const catcherModule = load(store, "exceptions_catcher");
  const thrower = instantiate(store, throwerModule, [wasm_tag_as_extern(tag)]);
  const throwerExports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(thrower, throwerExports);
  const catcher = instantiate(store, catcherModule, [wasm_tag_as_extern(tag), throwerExports.data[0]!, wasm_func_as_extern(hostFail)]);
  const catcherExports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(catcher, catcherExports);

  try {
    console.log("Catching in wasm what the other module throws...");
    call(catcherExports, 0, "catch_wasm", 7, tag);
    console.log("Catching in wasm what the host throws...");
    call(catcherExports, 1, "catch_host", 8, tag);
    console.log("Letting an exception reach the host...");
    call(throwerExports, 0, "fail", 9, tag);
  } finally {
    wasm_extern_vec_delete(catcherExports);
    wasm_extern_vec_delete(throwerExports);
    wasm_instance_delete(catcher);
    wasm_instance_delete(thrower);
    wasm_module_delete(catcherModule);
    wasm_module_delete(throwerModule);
    wasm_func_delete(hostFail);
    wasm_tag_delete(tag);
    console.log("Shutting down...");
    wasm_store_delete(store);
    wasm_engine_delete(engine);
  }
  console.log("Done.");
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  if (!(e instanceof CheckFailed)) throw e;
  process.exitCode = 1;
}
