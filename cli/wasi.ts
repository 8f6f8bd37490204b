/**
 * WASI for `run`, configured through the `wasi_config_*` C API (after
 * Wasmtime's `wasi.h`) and attached to the store with
 * `wasmts_store_set_wasi`: the program's argv, an environment made of
 * `--inherit-env` and `--env` only, this process's stdin, stdout and stderr,
 * and each `--dir` preopened with every permission, in order (file
 * descriptors 3, 4, ...).
 * @module
 */
import {
  WASM_EMPTY_VEC, WASMTIME_WASI_DIR_PERMS_READ, WASMTIME_WASI_DIR_PERMS_WRITE, WASMTIME_WASI_FILE_PERMS_READ,
  WASMTIME_WASI_FILE_PERMS_WRITE, wasi_config_delete, wasi_config_inherit_stderr, wasi_config_inherit_stdin,
  wasi_config_inherit_stdout, wasi_config_new, wasi_config_preopen_dir, wasi_config_set_argv, wasi_config_set_env,
  wasm_byte_vec_delete, wasmts_byte_vec_to_string, wasmts_store_set_wasi, wasmts_trap_exit_status, wasmts_wasi_last_error,
  type wasm_message_t, type wasm_store_t, type wasm_trap_t,
} from "../capi/index.js";
import { CliError, EXIT_FAILURE } from "./exit-codes.js";

/** What the program is given. */
export interface WasiSetup {
  readonly argv: readonly string[];
  /** Variables given with --env, in order (a later one wins over an earlier one and over --inherit-env). */
  readonly env: readonly (readonly [string, string])[];
  readonly inheritEnv: boolean;
  readonly dirs: readonly { readonly host: string; readonly guest: string }[];
}

/** The program's environment: this process's when inherited, then each --env over it. */
function environment(setup: WasiSetup): [string, string][] {
  const env = new Map<string, string>();
  if (setup.inheritEnv) {
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env.set(name, value);
  }
  for (const [name, value] of setup.env) {
    env.delete(name); // a variable set again moves to the end, where the command line put it
    env.set(name, value);
  }
  return [...env];
}

/** Configures WASI and attaches it to `store`; a directory that does not open is a failure naming it. */
export function attachWasi(store: wasm_store_t, setup: WasiSetup): void {
  const config = wasi_config_new();
  if (!wasi_config_set_argv(config, setup.argv.length, setup.argv)) {
    wasi_config_delete(config);
    throw new CliError("the program's arguments are not valid Unicode", EXIT_FAILURE);
  }
  const env = environment(setup);
  if (!wasi_config_set_env(config, env.length, env.map(([n]) => n), env.map(([, v]) => v))) {
    wasi_config_delete(config);
    throw new CliError("the program's environment is not valid Unicode", EXIT_FAILURE);
  }
  wasi_config_inherit_stdin(config);
  wasi_config_inherit_stdout(config);
  wasi_config_inherit_stderr(config);
  const dirPerms = WASMTIME_WASI_DIR_PERMS_READ | WASMTIME_WASI_DIR_PERMS_WRITE;
  const filePerms = WASMTIME_WASI_FILE_PERMS_READ | WASMTIME_WASI_FILE_PERMS_WRITE;
  for (const dir of setup.dirs) {
    if (!wasi_config_preopen_dir(config, dir.host, dir.guest, dirPerms, filePerms)) {
      wasi_config_delete(config);
      throw new CliError(`--dir ${dir.host}: cannot open the directory`, EXIT_FAILURE);
    }
  }
  // The store takes the configuration, whatever the outcome.
  if (!wasmts_store_set_wasi(store, config)) {
    const message: wasm_message_t = WASM_EMPTY_VEC();
    wasmts_wasi_last_error(store, message);
    const text = wasmts_byte_vec_to_string(message);
    wasm_byte_vec_delete(message);
    throw new CliError(`cannot set up WASI: ${text}`, EXIT_FAILURE);
  }
}

/**
 * The process exit code for a WASI program's exit (`proc_exit`), or null
 * when the trap is something else. The status is an unsigned 32-bit number
 * in WASI; a process keeps its low 8 bits (as Unix's `exit` does), so 256
 * exits 0 and 300 exits 44.
 */
export function exitCodeOf(trap: wasm_trap_t): number | null {
  const status = { value: 0 };
  return wasmts_trap_exit_status(trap, status) ? status.value & 0xff : null;
}
