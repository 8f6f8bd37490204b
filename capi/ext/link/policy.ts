/**
 * The default linking policy of each engine, kept beside the engine rather
 * than in it: the engine's own registry (made on first use) and the strict
 * switch. `wasm_instance_new` asks it how to fill null entries.
 * @module
 */
import type { NativeRegistry } from "../../../impl/index.js";
import { misuse } from "../../internal/handles.js";
import type { wasm_config_t, wasm_engine_t, wasm_store_t } from "../../internal/objects.js";
import { wasmts_registry_t } from "../registry.js";
import { teardownRegistry } from "./support.js";

/** An engine's linking policy. */
interface Policy {
  /** The engine's own registry, made on first use. */
  registry: wasmts_registry_t | null;
  /** When true, `wasm_instance_new` fills nothing: a null entry is an unknown import. */
  strict: boolean;
}

const policies = new WeakMap<wasm_engine_t, Policy>();
const configStrict = new WeakMap<wasm_config_t, boolean>();

function policyOf(engine: wasm_engine_t): Policy {
  let p = policies.get(engine);
  if (p === undefined) policies.set(engine, p = { registry: null, strict: false });
  return p;
}

/** The engine's own registry, made now if it was never asked for. */
export function engineRegistry(engine: wasm_engine_t): wasmts_registry_t {
  const p = policyOf(engine);
  return p.registry ??= new wasmts_registry_t(engine, "wasm_engine_t");
}

/** Whether the engine links strictly (no filling of null entries). */
export function isStrict(engine: wasm_engine_t): boolean {
  return policies.get(engine)?.strict ?? false;
}

/** Switches the engine's strict linking on or off. */
export function setStrict(engine: wasm_engine_t, on: boolean): void {
  policyOf(engine).strict = on;
}

/** Records the strict setting of a configuration, for the engine made with it. */
export function setConfigStrict(config: wasm_config_t, on: boolean): void {
  configStrict.set(config, on);
}

/** Gives a new engine the settings of the configuration it was made with. */
export function applyConfig(engine: wasm_engine_t, config: wasm_config_t): void {
  if (configStrict.get(config)) setStrict(engine, true);
}

/**
 * The registry that fills the null entries of `wasm_instance_new` in
 * `store`: its engine's registry, or null when the engine links strictly.
 */
export function defaultRegistryFor(store: wasm_store_t, fn: string): NativeRegistry | null {
  const engine = store._engine;
  if (engine === null || isStrict(engine)) return null;
  if (engine._deleted) misuse(fn, "the store's engine was deleted");
  return engineRegistry(engine)._core.viewFor(store._state);
}

/** Ends the engine's policy when the engine is deleted: its registry goes with it. */
export function endEngine(engine: wasm_engine_t): void {
  const r = policies.get(engine)?.registry;
  policies.delete(engine);
  if (r === null || r === undefined || r._deleted) return;
  r._deleted = true;
  teardownRegistry(r);
}
