/**
 * Entry point of the interpreter tier.
 * @module
 */
import type { FuncInstance } from "../../runtime/instances.js";
import type { RawValue } from "../../runtime/values.js";

/** Calls a function with raw arguments; returns raw results; throws {@link Trap}. */
export function invoke(func: FuncInstance, args: RawValue[]): RawValue[] {
  void func; void args;
  throw new Error("invoke: being written");
}
