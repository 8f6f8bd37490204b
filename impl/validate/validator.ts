/**
 * Validating a decoded module.
 * @see https://webassembly.github.io/spec/core/valid/index.html
 * @module
 */
import type { Module } from "../decode/module.js";

/** Validates a module; throws {@link ValidationError} when it is invalid. */
export function validateModule(module: Module): void {
  void module;
  throw new Error("validateModule: being written");
}
