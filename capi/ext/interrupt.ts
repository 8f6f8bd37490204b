/**
 * Extension: interrupting running code, after Wasmtime's fuel and epoch
 * interruption. Three ways, each a normal trap with frames, after which the
 * store stays usable:
 *
 * - **fuel** (`wasmts_config_consume_fuel`, `wasmts_store_set_fuel`/`_get_fuel`/`_add_fuel`):
 *   a deterministic budget; every loop iteration (backward branch), every
 *   call and every entry from the host costs one unit, and code that needs
 *   a unit when none is left traps with "all fuel consumed";
 * - **a deadline** (`wasmts_store_set_deadline`): wall-clock milliseconds,
 *   then "deadline exceeded";
 * - **an epoch** (`wasmts_config_epoch_interruption`,
 *   `wasmts_engine_increment_epoch`, `wasmts_store_set_epoch_deadline`): a
 *   counter any thread may advance, then "interrupted (epoch deadline)".
 *
 * | Wasmtime | here |
 * |---|---|
 * | `wasmtime_config_consume_fuel_set` | {@link wasmts_config_consume_fuel} |
 * | `wasmtime_context_set_fuel` | {@link wasmts_store_set_fuel} |
 * | `wasmtime_context_get_fuel` | {@link wasmts_store_get_fuel} (returns the fuel) |
 * | (older `wasmtime_context_add_fuel`) | {@link wasmts_store_add_fuel} |
 * | `wasmtime_config_epoch_interruption_set` | {@link wasmts_config_epoch_interruption} |
 * | `wasmtime_engine_increment_epoch` | {@link wasmts_engine_increment_epoch}; from a worker, {@link wasmts_epoch_increment} on {@link wasmts_engine_epoch_buffer} |
 * | `wasmtime_context_set_epoch_deadline` | {@link wasmts_store_set_epoch_deadline} |
 * | (none) | {@link wasmts_store_set_deadline}, {@link wasmts_store_clear_deadline}, {@link wasmts_store_clear_epoch_deadline} |
 *
 * The checks cost nothing while nothing is set: the interpreter pauses its
 * dispatch loop every 16k backward branches or calls anyway, and looks at
 * fuel, clock and epoch only there (every 1,024 events while a deadline is set).
 * @module
 */
import { misuse, owned } from "../internal/handles.js";
import { wasm_config_t, wasm_engine_t, wasm_store_t } from "../internal/objects.js";
import type { StoreState } from "../internal/records.js";
import { configSettings, engineEpoch } from "../internal/settings.js";

/** The live store behind a handle (checked to be a store). */
function storeOf(store: wasm_store_t | null, fn: string): StoreState {
  const s = owned(store, wasm_store_t, fn);
  if (s._state.deleted) misuse(fn, "the wasm_store_t was already deleted");
  return s._state;
}

/** A non-negative integer given as a number or a bigint. */
function amount(v: number | bigint, fn: string, what: string): number {
  if (typeof v === "bigint") {
    if (v < 0n) misuse(fn, `${what} must not be negative, got ${v}`);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
  }
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) misuse(fn, `${what} must be a non-negative integer, got ${String(v)}`);
  return v;
}

/**
 * Makes the stores of engines made from `config` count fuel (extension;
 * off by default; Wasmtime's `wasmtime_config_consume_fuel_set`). Such a
 * store starts with no fuel: give it some with {@link wasmts_store_set_fuel}
 * before calling, or the first call traps with "all fuel consumed".
 *
 * @example
 * ```ts
 * const config = wasm_config_new();
 * wasmts_config_consume_fuel(config, true);
 * const engine = wasm_engine_new_with_config(config);
 * const store = wasm_store_new(engine);
 * wasmts_store_set_fuel(store, 10_000n);
 * ```
 * @category Extensions
 */
export function wasmts_config_consume_fuel(config: wasm_config_t | null, enable: boolean): void {
  configSettings(owned(config, wasm_config_t, "wasmts_config_consume_fuel")).consumeFuel = enable === true;
}

/**
 * Sets the fuel a store has left (extension; Wasmtime's
 * `wasmtime_context_set_fuel`). Every backward branch (loop iteration),
 * every call (wasm or host, tail calls included) and every entry from the
 * host costs one unit; code that needs a unit when none is left traps with
 * "all fuel consumed". The same program with the same fuel stops at the
 * same place with the same fuel left, on any machine. Fuel beyond 2^53 - 1
 * is held as 2^53 - 1. The store's engine must have been configured with
 * {@link wasmts_config_consume_fuel} (otherwise a `wasmts_error_t`).
 * @category Extensions
 */
export function wasmts_store_set_fuel(store: wasm_store_t | null, fuel: number | bigint): void {
  const fn = "wasmts_store_set_fuel";
  const s = storeOf(store, fn);
  if (!s.runtime.consumeFuel) misuse(fn, "fuel is not consumed in this store (wasmts_config_consume_fuel)");
  s.runtime.setFuel(amount(fuel, fn, "fuel"));
}

/**
 * The fuel a store has left (extension; Wasmtime's
 * `wasmtime_context_get_fuel`, which writes it to an out-parameter). After
 * the trap "all fuel consumed" it is 0. The engine must consume fuel.
 * @category Extensions
 */
export function wasmts_store_get_fuel(store: wasm_store_t | null): bigint {
  const fn = "wasmts_store_get_fuel";
  const s = storeOf(store, fn);
  if (!s.runtime.consumeFuel) misuse(fn, "fuel is not consumed in this store (wasmts_config_consume_fuel)");
  return BigInt(s.runtime.getFuel());
}

/**
 * Adds fuel to a store (extension; Wasmtime's former
 * `wasmtime_context_add_fuel`). The engine must consume fuel.
 * @category Extensions
 */
export function wasmts_store_add_fuel(store: wasm_store_t | null, fuel: number | bigint): void {
  const fn = "wasmts_store_add_fuel";
  const s = storeOf(store, fn);
  if (!s.runtime.consumeFuel) misuse(fn, "fuel is not consumed in this store (wasmts_config_consume_fuel)");
  s.runtime.addFuel(amount(fuel, fn, "fuel"));
}

/**
 * Stops code running in a store once `milliseconds` of wall-clock time have
 * passed from now, with the trap "deadline exceeded" (extension; Wasmtime
 * has no equivalent, its epochs serve the purpose). It stays set, so a call
 * made after it passed traps at once, until
 * {@link wasmts_store_clear_deadline} or a new deadline. Checked every
 * 1,024 backward branches or calls, so it fires within microseconds of the
 * time, unless the code is inside a host function.
 *
 * @example
 * ```ts
 * wasmts_store_set_deadline(store, 100);               // 100 ms from now
 * const trap = wasm_func_call(spin, args, results);    // "deadline exceeded"
 * wasmts_store_clear_deadline(store);
 * ```
 * @category Extensions
 */
export function wasmts_store_set_deadline(store: wasm_store_t | null, milliseconds: number): void {
  const fn = "wasmts_store_set_deadline";
  const s = storeOf(store, fn);
  if (typeof milliseconds !== "number" || Number.isNaN(milliseconds) || milliseconds < 0) {
    misuse(fn, `the deadline must be a non-negative number of milliseconds, got ${String(milliseconds)}`);
  }
  s.runtime.setDeadline(milliseconds);
}

/**
 * Removes a store's wall-clock deadline (extension).
 * @category Extensions
 */
export function wasmts_store_clear_deadline(store: wasm_store_t | null): void {
  storeOf(store, "wasmts_store_clear_deadline").runtime.clearDeadline();
}

/**
 * Makes the stores of engines made from `config` stop at an epoch deadline
 * (extension; off by default; Wasmtime's
 * `wasmtime_config_epoch_interruption_set`). Unlike Wasmtime, a store with
 * no deadline set is never interrupted.
 * @category Extensions
 */
export function wasmts_config_epoch_interruption(config: wasm_config_t | null, enable: boolean): void {
  configSettings(owned(config, wasm_config_t, "wasmts_config_epoch_interruption")).epochInterruption = enable === true;
}

/**
 * Advances the engine's epoch counter by one (extension; Wasmtime's
 * `wasmtime_engine_increment_epoch`). Any store of the engine whose epoch
 * deadline is reached stops the code it runs, within 1,024 backward branches
 * or calls. Code running on this thread cannot call it (the thread is busy
 * running): increment from another worker with {@link wasmts_epoch_increment},
 * or from a host function.
 * @category Extensions
 */
export function wasmts_engine_increment_epoch(engine: wasm_engine_t | null): void {
  const e = owned(engine, wasm_engine_t, "wasmts_engine_increment_epoch");
  engineEpoch(e).increment();
}

/**
 * The engine's epoch counter as shareable memory (extension): a
 * `SharedArrayBuffer` whose first 8 bytes hold the counter. Send it to a
 * worker (`workerData` or `postMessage`: the same memory arrives) and call
 * {@link wasmts_epoch_increment} there to interrupt this thread's stores.
 * The same buffer every time.
 *
 * @example
 * ```ts
 * const worker = new Worker(url, { workerData: { epoch: wasmts_engine_epoch_buffer(engine) } });
 * // in the worker: wasmts_epoch_increment(workerData.epoch);
 * ```
 * @category Extensions
 */
export function wasmts_engine_epoch_buffer(engine: wasm_engine_t | null): SharedArrayBuffer {
  return engineEpoch(owned(engine, wasm_engine_t, "wasmts_engine_epoch_buffer")).buffer;
}

/**
 * Advances an epoch counter given as its shared buffer (extension; see
 * {@link wasmts_engine_epoch_buffer}), atomically, from any thread: the
 * worker side of {@link wasmts_engine_increment_epoch}.
 * @category Extensions
 */
export function wasmts_epoch_increment(buffer: SharedArrayBuffer | null): void {
  const fn = "wasmts_epoch_increment";
  if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < 8) {
    misuse(fn, "expected the SharedArrayBuffer of wasmts_engine_epoch_buffer");
  }
  Atomics.add(new BigInt64Array(buffer, 0, 1), 0, 1n);
}

/**
 * Stops code running in a store once its engine's epoch reaches its value
 * now plus `ticksBeyondCurrent`, with the trap "interrupted (epoch
 * deadline)" (extension; Wasmtime's `wasmtime_context_set_epoch_deadline`).
 * The deadline stays until set again or cleared. The engine must have been
 * configured with {@link wasmts_config_epoch_interruption} (otherwise a
 * `wasmts_error_t`).
 * @category Extensions
 */
export function wasmts_store_set_epoch_deadline(store: wasm_store_t | null, ticksBeyondCurrent: number | bigint): void {
  const fn = "wasmts_store_set_epoch_deadline";
  const s = storeOf(store, fn);
  if (s.runtime.epoch === null) misuse(fn, "epoch interruption is not enabled for this store's engine (wasmts_config_epoch_interruption)");
  s.runtime.setEpochDeadline(amount(ticksBeyondCurrent, fn, "the ticks"));
}

/**
 * Removes a store's epoch deadline (extension).
 * @category Extensions
 */
export function wasmts_store_clear_epoch_deadline(store: wasm_store_t | null): void {
  storeOf(store, "wasmts_store_clear_epoch_deadline").runtime.clearEpochDeadline();
}
