/**
 * The WASI configuration API is Wasmtime's `wasi.h`: every function under
 * its C name with the C prototype's parameters, exported from the package
 * root, documented with its Wasmtime prototype, and called by a behaviour
 * test (as test/unit/capi/api-list.test.ts requires for wasm.h).
 * @module
 */
import test from "ava";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as C from "../../../../capi/index.js";
import * as W from "../../../../capi/ext/wasi.js";
import { codeOnly } from "../../../helpers/code-only.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "..");

/** The functions of Wasmtime's wasi.h that this package mirrors, with their parameter counts in C. */
const WASI_H: Record<string, number> = {
  wasi_config_new: 0,
  wasi_config_delete: 1,
  wasi_config_set_argv: 3,
  wasi_config_inherit_argv: 1,
  wasi_config_set_env: 4,
  wasi_config_inherit_env: 1,
  wasi_config_set_stdin_file: 2,
  wasi_config_set_stdin_bytes: 2,
  wasi_config_inherit_stdin: 1,
  wasi_config_set_stdout_file: 2,
  wasi_config_inherit_stdout: 1,
  wasi_config_set_stdout_custom: 4,
  wasi_config_set_stderr_file: 2,
  wasi_config_inherit_stderr: 1,
  wasi_config_set_stderr_custom: 4,
  wasi_config_preopen_dir: 5,
};
/** Our extensions in the manner of wasmtime_context_set_wasi and wasmtime_trap_exit_status. */
const EXTENSIONS: Record<string, number> = { wasmts_store_set_wasi: 2, wasmts_wasi_last_error: 2, wasmts_trap_exit_status: 2 };

const api = C as unknown as Record<string, unknown>;
const functions = Object.keys(W).filter((n) => typeof (W as Record<string, unknown>)[n] === "function" && n !== "wasi_config_t");

test("every wasi.h function and WASI extension is exported from the package root with the C prototype's parameters", (t) => {
  const all = { ...WASI_H, ...EXTENSIONS };
  t.deepEqual(functions.sort(), Object.keys(all).sort(), "capi/ext/wasi.ts exports exactly these functions");
  for (const [name, arity] of Object.entries(all)) {
    t.is(typeof api[name], "function", name);
    t.is((api[name] as () => unknown).length, arity, `${name} takes ${arity} parameters in C`);
  }
  t.is(typeof api.wasi_config_t, "function");
  t.deepEqual([C.WASMTIME_WASI_DIR_PERMS_READ, C.WASMTIME_WASI_DIR_PERMS_WRITE, C.WASMTIME_WASI_FILE_PERMS_READ, C.WASMTIME_WASI_FILE_PERMS_WRITE],
    [1, 2, 1, 2], "wasi_dir_perms_flags and wasi_file_perms_flags have the header's values");
});

test("each wasi.h function's documentation quotes its Wasmtime prototype", (t) => {
  const source = readFileSync(resolve(ROOT, "capi", "ext", "wasi.ts"), "utf8");
  const undocumented = Object.keys(WASI_H).filter((n) => !new RegExp(`Wasmtime: \`[^\`]*\\b${n}\\(`).test(source));
  t.deepEqual(undocumented, []);
});

test("every WASI function has a behaviour test: a test here calls it by name in code", (t) => {
  const dir = resolve(ROOT, "test", "unit", "wasi", "capi");
  const code = readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== "api-list.test.ts")
    .map((f) => codeOnly(readFileSync(resolve(dir, f), "utf8")))
    .join("\n");
  t.deepEqual(functions.filter((n) => !new RegExp(`\\b${n}\\s*\\(`).test(code)), []);
});
