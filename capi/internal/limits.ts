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

/** The most pages a memory64 may have: 2^48 (its bytes then fill the 64-bit address space). */
export const MAX_PAGES_64 = 2 ** 48;

/** `wasm_limits_max_default`, which also means "no maximum" in a 32-bit bound. */
const NO_MAX = 0xffffffff;

/**
 * Checks a 32-bit type's bound: a page or element count, a 32-bit unsigned
 * integer below 0xffffffff (that value is `wasm_limits_max_default`).
 */
export function checkPageCount(x: unknown, fn: string, what: string): void {
  if (typeof x !== "number" || !Number.isInteger(x) || x < 0 || x >= NO_MAX) misuse(fn, `${what} ${String(x)} is not a page count`);
}

/**
 * Checks a 64-bit type's bound: a `uint64_t` as a number, an integer from 0
 * to 2^64 (2^64 - 1 itself is not a double: it arrives as 2^64).
 */
export function checkU64Bound(x: unknown, fn: string, what: string): void {
  if (typeof x !== "number" || !Number.isInteger(x) || x < 0 || x > 2 ** 64) misuse(fn, `${what} ${String(x)} is not a uint64_t`);
}
