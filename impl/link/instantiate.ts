/**
 * Instantiation in the spec's numbered steps.
 * @see https://webassembly.github.io/spec/core/exec/modules.html#instantiation
 * @module
 */
import type { Module } from "../decode/module.js";
import type { Extern, ModuleInstance, Store } from "../runtime/instances.js";

/** Instantiates a validated module with externs matched to its imports by position. */
export function instantiate(store: Store, module: Module, imports: readonly Extern[]): ModuleInstance {
  void store; void module; void imports;
  throw new Error("instantiate: being written");
}
