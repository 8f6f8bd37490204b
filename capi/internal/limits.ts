/**
 * Checking limits that the host passes.
 * @module
 */
import type { wasm_limits_t } from "../limits.js";
import { misuse } from "./handles.js";

function isU32(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
}

/** A frozen copy of limits after checking that both bounds are 32-bit unsigned integers. */
export function checkLimits(limits: wasm_limits_t | null | undefined, fn: string): wasm_limits_t {
  if (limits === null || typeof limits !== "object") misuse(fn, "the limits are null");
  const { min, max } = limits;
  if (!isU32(min)) misuse(fn, `limits.min ${String(min)} is not a 32-bit unsigned integer`);
  if (!isU32(max)) misuse(fn, `limits.max ${String(max)} is not a 32-bit unsigned integer (wasm_limits_max_default means none)`);
  return Object.freeze({ min, max });
}
