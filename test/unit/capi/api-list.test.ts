import test from "ava";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as C from "../../../capi/index.js";
import * as WASI from "../../../capi/ext/wasi.js";
import { codeOnly } from "../../helpers/code-only.js";
import { parse, ROOT, tableFile } from "../../helpers/prototype-table.js";

// The committed prototype table (docs/wasm-h/prototypes.json): the 280 functions of wasm.h and upstream's 13
// tag-type functions, generated from ../shared/wasm-h-api.md (test/unit/docs checks it is up to date).
const TABLE = tableFile.readTable();
const NAMES = TABLE.map((e) => e.name);
// The header's macros and inline helpers (porting guide (docs/porting-guide.md), rule 12), its constants, and our documented extensions.
const HELPERS = [
  "wasm_name_new", "wasm_name_new_empty", "wasm_name_new_new_uninitialized", "wasm_name_copy", "wasm_name_delete",
  "wasm_name_new_from_string", "wasm_name_new_from_string_nt", "wasm_valtype_new_i32", "wasm_valtype_new_i64",
  "wasm_valtype_new_f32", "wasm_valtype_new_f64", "wasm_valtype_new_externref", "wasm_valtype_new_funcref",
  "wasm_valkind_is_num", "wasm_valkind_is_ref", "wasm_valtype_is_num", "wasm_valtype_is_ref",
  ...[0, 1, 2, 3].flatMap((p) => [0, 1, 2, 3].map((r) => `wasm_functype_new_${p}_${r}`)),
  "WASM_I32_VAL", "WASM_I64_VAL", "WASM_F32_VAL", "WASM_F64_VAL", "WASM_REF_VAL", "WASM_INIT_VAL", "WASM_EMPTY_VEC",
  "WASM_ARRAY_VEC", "wasm_val_init_ptr", "wasm_val_ptr",
];
const CONSTANTS: Record<string, number> = {
  WASM_I32: 0, WASM_I64: 1, WASM_F32: 2, WASM_F64: 3, WASM_V128: 4, WASM_EXTERNREF: 128, WASM_FUNCREF: 129,
  WASM_CONST: 0, WASM_VAR: 1, WASM_EXTERN_FUNC: 0, WASM_EXTERN_GLOBAL: 1, WASM_EXTERN_TABLE: 2,
  WASM_EXTERN_MEMORY: 3, WASM_EXTERN_TAG: 4, wasm_limits_max_default: 0xffffffff, MEMORY_PAGE_SIZE: 0x10000,
};
const EXTENSIONS = [
  "wasmts_live_count", "wasmts_ref_address", "wasmts_module_last_error", "wasmts_module_last_error_offset",
  "wasmts_frame_func_name", "wasmts_module_func_name", "wasmts_byte_vec_to_string", "wasmts_trap_cause",
  "wasmts_config_consume_fuel", "wasmts_store_set_fuel", "wasmts_store_get_fuel", "wasmts_store_add_fuel",
  "wasmts_store_set_deadline", "wasmts_store_clear_deadline", "wasmts_config_epoch_interruption",
  "wasmts_engine_increment_epoch", "wasmts_engine_epoch_buffer", "wasmts_epoch_increment",
  "wasmts_store_set_epoch_deadline", "wasmts_store_clear_epoch_deadline", "wasmts_store_limiter",
  "wasmts_config_max_call_depth", "wasmts_store_set_wasi", "wasmts_wasi_last_error", "wasmts_trap_exit_status",
  "wasmts_config_set_tier", "wasmts_compiler_available",
  "wasmts_memorytype_new", "wasmts_memorytype_isshared", "wasmts_memory_share", "wasmts_shared_memory_delete", "wasmts_memory_obtain",
  "wasmts_memorytype_is64", "wasmts_memorytype_minimum", "wasmts_memorytype_maximum", "wasmts_tabletype_new",
  "wasmts_tabletype_is64", "wasmts_tabletype_minimum", "wasmts_tabletype_maximum",
  "wasmts_valtype_new_ref", "wasmts_valtype_is_nullable", "wasmts_valtype_heap_type", "wasmts_valtype_type_index",
  "wasmts_valtype_text", "wasmts_externtype_text", "wasmts_ref_i31_new", "wasmts_ref_is_i31", "wasmts_ref_i31_get_u",
  "wasmts_ref_i31_get_s", "wasmts_ref_is_struct", "wasmts_ref_is_array", "wasmts_struct_field_count", "wasmts_struct_get",
  "wasmts_struct_set", "wasmts_array_len", "wasmts_array_get", "wasmts_array_set", "wasmts_struct_new", "wasmts_array_new",
];
// Extension constants (the header's grammar with the project's prefix): the GC value kind and the heap types,
// which are the binary format's bytes.
const EXT_CONSTANTS: Record<string, number> = {
  WASMTS_ANYREF: 130, WASMTS_HEAP_FUNC: 0x70, WASMTS_HEAP_EXTERN: 0x6f, WASMTS_HEAP_EXN: 0x69, WASMTS_HEAP_ANY: 0x6e,
  WASMTS_HEAP_EQ: 0x6d, WASMTS_HEAP_I31: 0x6c, WASMTS_HEAP_STRUCT: 0x6b, WASMTS_HEAP_ARRAY: 0x6a, WASMTS_HEAP_NONE: 0x71,
  WASMTS_HEAP_NOEXTERN: 0x72, WASMTS_HEAP_NOFUNC: 0x73, WASMTS_HEAP_NOEXN: 0x74, WASMTS_HEAP_CONCRETE: 0x200,
};

const api = C as unknown as Record<string, unknown>;

test("the committed table holds wasm.h's list: the functions of wasm-h-api.md, in its order, then the 13 tag-type ones", (t) => {
  if (!existsSync(tableFile.LIST_PATH)) {
    t.fail(`${tableFile.LIST_PATH} is missing: the API list test reads wasm.h's function list from ../shared`);
    return;
  }
  const listed = parse.parseApiList(readFileSync(tableFile.LIST_PATH, "utf8")).map((e) => e.name);
  t.is(NAMES.length, parse.ALL_FUNCTIONS);
  t.is(new Set(NAMES).size, parse.ALL_FUNCTIONS);
  t.deepEqual(NAMES, listed);
  t.true(NAMES.slice(parse.HEADER_FUNCTIONS).every((n) => n.includes("tagtype")));
});

test("every function of the table is exported from the package root as a function taking the C prototype's parameters", (t) => {
  t.deepEqual(NAMES.filter((n) => typeof api[n] !== "function"), []);
  const arity = TABLE.filter((e) => typeof api[e.name] === "function" && (api[e.name] as () => unknown).length !== e.params.length);
  t.deepEqual(arity.map((e) => `${e.name}: ${(api[e.name] as () => unknown).length} parameters, C has ${e.params.length}`), []);
});

test("every function is callable: with null arguments it returns or raises a clear wasmts_error_t, never a raw error", (t) => {
  const raw: string[] = [];
  for (const name of NAMES) {
    try {
      (api[name] as (...args: unknown[]) => unknown)(null, null, null, null, null);
    } catch (e) {
      if (!(e instanceof C.wasmts_error_t) || !e.message.startsWith(`${name}: `)) raw.push(`${name}: ${String(e)}`);
    }
  }
  t.deepEqual(raw, []);
});

test("every function has a behaviour test: another capi test calls it by name in code (comments and strings do not count)", (t) => {
  const dir = resolve(ROOT, "test", "unit", "capi");
  const code = readdirSync(dir)
    .filter((f) => f.endsWith(".test.ts") && f !== "api-list.test.ts")
    .map((f) => codeOnly(readFileSync(resolve(dir, f), "utf8")))
    .join("\n");
  t.deepEqual(NAMES.filter((n) => !new RegExp(`\\b${n}\\s*\\(`).test(code)), []);
});

test("the header's macros and inline helpers are functions under their C names", (t) => {
  t.deepEqual(HELPERS.filter((n) => typeof api[n] !== "function"), []);
});

test("the header's constants have the header's values", (t) => {
  for (const [name, value] of Object.entries(CONSTANTS)) t.is(api[name], value, name);
});

test("the extension constants have their documented values", (t) => {
  for (const [name, value] of Object.entries(EXT_CONSTANTS)) t.is(api[name], value, name);
});

test("the documented extensions are exported, and every non-standard name carries the wasmts_ prefix", (t) => {
  t.deepEqual(EXTENSIONS.filter((n) => typeof api[n] !== "function"), []);
  t.is(typeof api.wasmts_error_t, "function");
  // Wasmtime's wasi.h is mirrored under its own C names (wasi_config_*, WASMTIME_WASI_*); test/unit/wasi/capi checks that list.
  const wasiH = Object.keys(WASI).filter((n) => n.startsWith("wasi_") || n.startsWith("WASMTIME_WASI_"));
  t.true(wasiH.length >= 20);
  const known = new Set([...HELPERS, ...Object.keys(CONSTANTS), ...Object.keys(EXT_CONSTANTS), ...NAMES, ...wasiH]);
  const odd = Object.keys(api).filter((n) => !n.startsWith("wasm_") && !n.startsWith("wasmts_") && !known.has(n));
  t.deepEqual(odd, []);
});
