/**
 * Engine configuration (`wasm_config_t`).
 * @module
 */
import { deleteOwned } from "./internal/handles.js";
import { wasm_config_t } from "./internal/objects.js";

export { wasm_config_t };

/**
 * Deletes a configuration that no engine took.
 * @category Runtime Environment
 */
export function wasm_config_delete(config: wasm_config_t | null): void {
  deleteOwned(config, wasm_config_t, "wasm_config_delete");
}

/**
 * Makes a configuration (it has no settings yet; pass it to {@link wasm_engine_new_with_config}).
 * @category Runtime Environment
 */
export function wasm_config_new(): wasm_config_t {
  return new wasm_config_t();
}
