import test from "ava";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as C from "../../../capi/index.js";

// The function list of ../shared/wasm-h-api.md (280 functions of wasm.h) plus upstream's 13 tag-type functions.
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..", "..", "..");
const listPath = resolve(root, "..", "shared", "wasm-h-api.md");
const TAGTYPE = [
  "wasm_tagtype_delete", "wasm_tagtype_vec_new_empty", "wasm_tagtype_vec_new_uninitialized", "wasm_tagtype_vec_new",
  "wasm_tagtype_vec_copy", "wasm_tagtype_vec_delete", "wasm_tagtype_copy", "wasm_tagtype_new", "wasm_tagtype_functype",
  "wasm_tagtype_as_externtype", "wasm_tagtype_as_externtype_const", "wasm_externtype_as_tagtype",
  "wasm_externtype_as_tagtype_const",
];
// The header's macros and inline helpers (porting contract, rule 12), its constants, and our documented extensions.
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
  "wasmts_config_max_call_depth",
];

function headerFunctions(): string[] {
  const text = readFileSync(listPath, "utf8");
  return [...text.matchAll(/^\| \d+ \| `(\w+)` \|/gm)].map((m) => m[1]!);
}

const api = C as unknown as Record<string, unknown>;

if (!existsSync(listPath)) {
  test("the wasm.h function list is present", (t) => {
    t.fail(`${listPath} is missing: the capi API test reads its function list from ../shared`);
  });
} else {
  test("the list has the 280 functions of wasm.h; with tag types, 293", (t) => {
    const names = headerFunctions();
    t.is(names.length, 280);
    t.is(new Set([...names, ...TAGTYPE]).size, 293);
  });

  test("every wasm.h function (and tag-type function) is exported from the package root as a function", (t) => {
    const missing = [...headerFunctions(), ...TAGTYPE].filter((n) => typeof api[n] !== "function");
    t.deepEqual(missing, []);
  });

  test("every function is callable: with null arguments it returns or raises a clear wasmts_error_t, never a raw error", (t) => {
    const raw: string[] = [];
    for (const name of [...headerFunctions(), ...TAGTYPE]) {
      try {
        (api[name] as (...args: unknown[]) => unknown)(null, null, null, null, null);
      } catch (e) {
        if (!(e instanceof C.wasmts_error_t) || !e.message.startsWith(`${name}: `)) raw.push(`${name}: ${String(e)}`);
      }
    }
    t.deepEqual(raw, []);
  });

  test("every function has a behaviour test: each name appears in another capi test file", (t) => {
    const sources = readdirSync(resolve(root, "test", "unit", "capi"))
      .filter((f) => f.endsWith(".test.ts") && f !== "api-list.test.ts")
      .map((f) => readFileSync(resolve(root, "test", "unit", "capi", f), "utf8"))
      .join("\n");
    const untested = [...headerFunctions(), ...TAGTYPE].filter((n) => !new RegExp(`\\b${n}\\b`).test(sources));
    t.deepEqual(untested, []);
  });
}

test("the header's macros and inline helpers are functions under their C names", (t) => {
  t.deepEqual(HELPERS.filter((n) => typeof api[n] !== "function"), []);
});

test("the header's constants have the header's values", (t) => {
  for (const [name, value] of Object.entries(CONSTANTS)) t.is(api[name], value, name);
});

test("the documented extensions are exported, and every non-standard name carries the wasmts_ prefix", (t) => {
  t.deepEqual(EXTENSIONS.filter((n) => typeof api[n] !== "function"), []);
  t.is(typeof api.wasmts_error_t, "function");
  const known = new Set([...HELPERS, ...Object.keys(CONSTANTS), ...TAGTYPE]);
  const odd = Object.keys(api).filter((n) => !n.startsWith("wasm_") && !n.startsWith("wasmts_") && !known.has(n));
  t.deepEqual(odd, []);
});
