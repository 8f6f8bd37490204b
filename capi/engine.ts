/**
 * Engines (`wasm_engine_t`).
 * @module
 */
import { adopt, deleteOwned, dropOwned, owned } from "./internal/handles.js";
import { wasm_config_t, wasm_engine_t } from "./internal/objects.js";
import { applyConfig, endEngine } from "./ext/link/policy.js";
import { applyRuntimeConfig } from "./internal/settings.js";

export { wasm_engine_t };

/**
 * Deletes an engine, with its own native registry (see
 * `wasmts_engine_registry`). Its stores should be deleted first, as in C.
 * @category Runtime Environment
 */
export function wasm_engine_delete(engine: wasm_engine_t | null): void {
  const e = deleteOwned(engine, wasm_engine_t, "wasm_engine_delete");
  if (e !== null) endEngine(e);
}

/**
 * Makes an engine with the default configuration.
 * @category Runtime Environment
 */
export function wasm_engine_new(): wasm_engine_t {
  return new wasm_engine_t();
}

/**
 * Makes an engine with a configuration, taking ownership of (and deleting) the configuration.
 * @category Runtime Environment
 */
export function wasm_engine_new_with_config(config: wasm_config_t | null): wasm_engine_t {
  const c = owned(config, wasm_config_t, "wasm_engine_new_with_config");
  adopt(c, "wasm_engine_t", "wasm_engine_new_with_config");
  const engine = new wasm_engine_t();
  // The engine copies the settings it keeps (strict linking, fuel, epochs, depth limit), so the configuration ends here.
  applyConfig(engine, c);
  applyRuntimeConfig(engine, c);
  dropOwned(c);
  return engine;
}
