/**
 * Validity of table and memory types: limits within range, minimum not above
 * maximum.
 * @see https://webassembly.github.io/spec/core/valid/types.html#limits
 * @module
 */
import { ValidationError } from "../base/errors.js";
import { MAX_PAGES, MAX_PAGES_64, MAX_TABLE_SIZE, type Limits, type MemoryType, type TableType } from "../base/types.js";
import { Invalid } from "./reasons.js";

/**
 * Checks limits against a range; as in the reference interpreter, the range
 * is checked (minimum, then maximum) before the order of the two.
 */
function checkLimits(limits: Limits, range: number, rangeReason: string, offset: number): void {
  if (limits.min > range) throw new ValidationError(rangeReason, -1, offset, `minimum ${limits.min}`);
  if (limits.max !== null) {
    if (limits.max > range) throw new ValidationError(rangeReason, -1, offset, `maximum ${limits.max}`);
    if (limits.min > limits.max) {
      throw new ValidationError(Invalid.LimitsOrder, -1, offset, `${limits.min} > ${limits.max}`);
    }
  }
}

/**
 * Checks a table type: bounds in its index type's range (2^32-1 for i32,
 * which Wasm 3.0's u64 bounds can exceed; 2^64-1 for a table64, whose bounds
 * arrive as the nearest double, 2^64 at most), minimum not above maximum.
 * @see https://webassembly.github.io/spec/core/valid/types.html#table-types
 */
export function checkTableType(type: TableType, offset = -1): void {
  if (type.address64 === true) checkLimits(type.limits, 2 ** 64, Invalid.LimitsOrder, offset);
  else checkLimits(type.limits, MAX_TABLE_SIZE, Invalid.TableSize, offset);
}

/**
 * Checks a memory type: at most 65536 pages (4 GiB), or 2^48 pages for an
 * i64 memory (memory64), minimum not above maximum.
 * @see https://webassembly.github.io/spec/core/valid/types.html#memory-types
 */
export function checkMemoryType(type: MemoryType, offset = -1): void {
  if (type.address64 === true) checkLimits(type.limits, MAX_PAGES_64, Invalid.MemorySize64, offset);
  else checkLimits(type.limits, MAX_PAGES, Invalid.MemorySize, offset);
  if (type.shared === true && type.limits.max === null) throw new ValidationError(Invalid.SharedNoMaximum, -1, offset);
}
