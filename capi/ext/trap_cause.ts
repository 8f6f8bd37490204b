/**
 * Extension: what caused a trap.
 * @module
 */
import { live } from "../internal/handles.js";
import { wasm_trap_t } from "../internal/objects.js";
import type { TrapObject } from "../internal/records.js";

/**
 * The JavaScript value behind a trap (extension): the exception a host
 * callback threw, the engine's `LinkError` for a failed link, the engine's
 * stack overflow; null for a trap of wasm code or one made by {@link wasm_trap_new}.
 * @category Extensions
 */
export function wasmts_trap_cause(trap: wasm_trap_t | null): unknown {
  return (live(trap, wasm_trap_t, "wasmts_trap_cause")._rec.obj as TrapObject).cause ?? null;
}
