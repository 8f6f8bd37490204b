/**
 * Runtime settings of configurations and engines (extensions): fuel,
 * epoch interruption, the call-depth limit, and each engine's epoch
 * counter. Kept beside the objects (weak maps), as the linking policy is;
 * a new store takes its engine's settings.
 * @module
 */
import { Epoch, type StoreOptions, type TierName } from "../../impl/index.js";
import type { wasm_config_t, wasm_engine_t } from "./objects.js";

/** What a configuration or an engine says about the stores made in it. */
export interface RuntimeSettings {
  consumeFuel: boolean;
  epochInterruption: boolean;
  /** The call-depth limit in frames, or null for the default. */
  maxCallDepth: number | null;
  /** The execution tier of the stores (see `wasmts_config_set_tier`). */
  tier: TierName;
}

const configs = new WeakMap<wasm_config_t, RuntimeSettings>();
const engines = new WeakMap<wasm_engine_t, RuntimeSettings>();
const epochs = new WeakMap<wasm_engine_t, Epoch>();

function fresh(): RuntimeSettings {
  return { consumeFuel: false, epochInterruption: false, maxCallDepth: null, tier: "tiered" };
}

/** The settings a configuration gives (made on first use). */
export function configSettings(config: wasm_config_t): RuntimeSettings {
  let s = configs.get(config);
  if (s === undefined) configs.set(config, s = fresh());
  return s;
}

/** Gives a new engine the runtime settings of the configuration it was made with. */
export function applyRuntimeConfig(engine: wasm_engine_t, config: wasm_config_t): void {
  const s = configs.get(config);
  if (s !== undefined) engines.set(engine, { ...s });
}

/** The engine's epoch counter (made on first use; the same afterwards). */
export function engineEpoch(engine: wasm_engine_t): Epoch {
  let e = epochs.get(engine);
  if (e === undefined) epochs.set(engine, e = new Epoch());
  return e;
}

/** The options of a store made in `engine`. */
export function storeOptions(engine: wasm_engine_t): StoreOptions {
  const s = engines.get(engine);
  if (s === undefined) return {};
  return {
    consumeFuel: s.consumeFuel,
    epoch: s.epochInterruption ? engineEpoch(engine) : null,
    ...(s.maxCallDepth !== null ? { maxCallDepth: s.maxCallDepth } : {}),
    tier: s.tier,
  };
}
