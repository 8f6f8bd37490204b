/**
 * Engines (`wasm_engine_t`).
 * @module
 */
import { adopt, deleteOwned, dropOwned, owned } from "./internal/handles.js";
import { wasm_config_t, wasm_engine_t } from "./internal/objects.js";

export { wasm_engine_t };

/**
 * Deletes an engine. Its stores should be deleted first, as in C.
 * @category Runtime Environment
 */
export function wasm_engine_delete(engine: wasm_engine_t | null): void {
  deleteOwned(engine, wasm_engine_t, "wasm_engine_delete");
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
  // The engine keeps no setting from it yet, so the configuration ends here.
  dropOwned(c);
  return new wasm_engine_t();
}
