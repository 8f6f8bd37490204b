/**
 * Extension: the engine's default linking policy. Every engine owns a
 * native registry ({@link wasmts_engine_registry}); plain
 * {@link wasm_instance_new} fills the null entries of its import vector from
 * it (the engine's registrations, then its built-in modules: `spectest`,
 * and `wasi_snapshot_preview1` in the stores that have WASI attached with
 * `wasmts_store_set_wasi`). Strict linking ({@link wasmts_engine_set_strict_linking} or
 * {@link wasmts_config_set_strict_linking}) turns the filling off.
 * @module
 */
import { owned } from "../internal/handles.js";
import { wasm_config_t, wasm_engine_t } from "../internal/objects.js";
import { engineRegistry, isStrict, setConfigStrict, setStrict } from "./link/policy.js";
import type { wasmts_registry_t } from "./registry.js";

/**
 * The engine's own native registry (extension; made on first call, the same
 * object afterwards). It is borrowed: the engine deletes it, with its
 * registrations and their environment finalizers, in
 * {@link wasm_engine_delete}. Whatever is registered here fills the null
 * entries of every {@link wasm_instance_new} in the engine's stores, unless
 * linking is strict; explicit entries always win.
 *
 * @example
 * ```ts
 * const registry = wasmts_engine_registry(engine);
 * wasmts_registry_define_func(registry, envName, logName, logType, log);
 * // "env" "log" and any "spectest" import are left out (null) and filled:
 * const instance = wasm_instance_new(store, module, WASM_ARRAY_VEC([null, null]), trap);
 * ```
 * @category Extensions
 */
export function wasmts_engine_registry(engine: wasm_engine_t | null): wasmts_registry_t {
  return engineRegistry(owned(engine, wasm_engine_t, "wasmts_engine_registry"));
}

/**
 * Switches strict linking on or off for the engine's stores (extension; off
 * by default). With it on, {@link wasm_instance_new} fills nothing: a null
 * entry is an unknown import, as in the spec's instantiation. A vector with
 * no null entries is linked strictly either way. Registries used
 * explicitly ({@link wasmts_instance_new_with_registry}, the linker, the
 * loader) are not affected.
 *
 * @example
 * ```ts
 * wasmts_engine_set_strict_linking(engine, true);
 * wasm_instance_new(store, module, WASM_ARRAY_VEC([null]), trap); // null: unknown import for "spectest" "print"
 * ```
 * @category Extensions
 */
export function wasmts_engine_set_strict_linking(engine: wasm_engine_t | null, on: boolean): void {
  setStrict(owned(engine, wasm_engine_t, "wasmts_engine_set_strict_linking"), on === true);
}

/**
 * True when the engine links strictly (extension; see {@link wasmts_engine_set_strict_linking}).
 * @category Extensions
 */
export function wasmts_engine_strict_linking(engine: wasm_engine_t | null): boolean {
  return isStrict(owned(engine, wasm_engine_t, "wasmts_engine_strict_linking"));
}

/**
 * Sets strict linking in a configuration (extension; off by default): the
 * engine made from it with {@link wasm_engine_new_with_config} starts strict.
 *
 * @example
 * ```ts
 * const config = wasm_config_new();
 * wasmts_config_set_strict_linking(config, true);
 * const engine = wasm_engine_new_with_config(config); // takes and deletes the config
 * ```
 * @category Extensions
 */
export function wasmts_config_set_strict_linking(config: wasm_config_t | null, on: boolean): void {
  setConfigStrict(owned(config, wasm_config_t, "wasmts_config_set_strict_linking"), on === true);
}
