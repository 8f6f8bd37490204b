/**
 * Extension: resource limits of a store, after Wasmtime's
 * `wasmtime_store_limiter`, and the call-depth limit of an engine's stores
 * (Wasmtime's `max_wasm_stack`, which counts bytes where this counts frames).
 * @module
 */
import { misuse, owned } from "../internal/handles.js";
import { wasm_config_t, wasm_store_t } from "../internal/objects.js";
import { configSettings } from "../internal/settings.js";

/** A limit given as a number or bigint: negative keeps the current one (null). */
function limit(v: number | bigint, fn: string, what: string): number | null {
  const n = typeof v === "bigint" ? Number(v) : v;
  if (typeof n !== "number" || Number.isNaN(n) || (n >= 0 && !Number.isInteger(n) && n !== Infinity)) {
    misuse(fn, `${what} must be an integer (negative: keep the current limit), got ${String(v)}`);
  }
  return n < 0 ? null : n;
}

/**
 * Limits what code and the host may make in a store (extension; Wasmtime's
 * `wasmtime_store_limiter`, same parameters in the same order). Each limit
 * is a number (or bigint); a negative one keeps the current value, and all
 * start unlimited (Wasmtime's default of 10,000 instances, tables and
 * memories is not copied):
 *
 * - `memory_size`: the most bytes any one memory may have. A `memory.grow`
 *   past it gives -1 and {@link wasm_memory_grow} false, as when a memory's
 *   maximum is reached; a module or {@link wasm_memory_new} asking for more
 *   at the start fails.
 * - `table_elements`: the most elements any one table may have (likewise
 *   `table.grow`, {@link wasm_table_grow}, {@link wasm_table_new}).
 * - `instances`, `tables`, `memories`: how many the store may ever make
 *   (counting those made before the call; tables and memories made by the
 *   host included). An instantiation past a count fails: {@link wasm_instance_new}
 *   returns null with the trap "resource limit exceeded: ..." naming the
 *   limit; {@link wasm_table_new} and {@link wasm_memory_new} return null.
 *
 * @example
 * ```ts
 * wasmts_store_limiter(store, 1 << 20, -1, 10, -1, -1); // memories up to 1 MiB, 10 instances
 * ```
 * @category Extensions
 */
export function wasmts_store_limiter(
  store: wasm_store_t | null, memory_size: number | bigint, table_elements: number | bigint,
  instances: number | bigint, tables: number | bigint, memories: number | bigint,
): void {
  const fn = "wasmts_store_limiter";
  const s = owned(store, wasm_store_t, fn);
  if (s._state.deleted) misuse(fn, "the wasm_store_t was already deleted");
  s._state.runtime.limits.set(
    limit(memory_size, fn, "memory_size"), limit(table_elements, fn, "table_elements"),
    limit(instances, fn, "instances"), limit(tables, fn, "tables"), limit(memories, fn, "memories"),
  );
}

/**
 * Sets the call-depth limit of the stores of engines made from `config`
 * (extension; default 10,000): the most frames active at once, counting
 * wasm functions and host functions called from wasm; one more call traps
 * with "call stack exhausted", exactly. Wasmtime's equivalent,
 * `wasmtime_config_max_wasm_stack_set`, counts bytes of native stack; here
 * frames are counted, which is exact and the same on every machine. Frames
 * also stop when the 8 MiB value stack is full (frames with many locals),
 * and a host function that calls back into wasm also uses the JavaScript
 * stack (about 1,000 levels of wasm -> host -> wasm on Node's default stack).
 *
 * @example
 * ```ts
 * const config = wasm_config_new();
 * wasmts_config_max_call_depth(config, 500);
 * const engine = wasm_engine_new_with_config(config);
 * ```
 * @category Extensions
 */
export function wasmts_config_max_call_depth(config: wasm_config_t | null, frames: number): void {
  const fn = "wasmts_config_max_call_depth";
  const c = owned(config, wasm_config_t, fn);
  if (typeof frames !== "number" || !Number.isInteger(frames) || frames < 1 || frames > 10_000_000) {
    misuse(fn, `the depth must be an integer from 1 to 10,000,000, got ${String(frames)}`);
  }
  configSettings(c).maxCallDepth = frames;
}
