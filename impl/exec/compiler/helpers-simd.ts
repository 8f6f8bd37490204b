/**
 * What compiled SIMD code calls: the interpreter's own lane functions
 * (../simd/) and its dispatch tables (../simd/table.ts), unchanged, over a
 * three-slot scratch {@link V128Space}.
 * Compiled code keeps each v128 in four i32 variables; an operation stores
 * its operands' words into scratch slots 0, 1 and 2 (as many as it has),
 * calls the lane function with slot 3 as the destination and reads the
 * result's words back (see emit-simd.ts). The semantics are thus written
 * once, in ../simd/, for both tiers.
 * @module
 */
import { V128Space } from "../simd/lanes.js";
import * as bitwise from "../simd/bitwise.js";
import * as float from "../simd/float.js";
import * as integer from "../simd/integer.js";
import { SHIFT_OPS, TEST_OPS, VECTOR_OPS } from "../simd/table.js";
import * as memory from "../simd/memory.js";
import * as relaxed from "../simd/relaxed.js";
import * as scalar from "../simd/scalar.js";
import * as words from "../simd/words.js";

/** The scratch vector slots compiled code hands to the lane functions. */
export const VS = new V128Space(4);
/** {@link VS} as 32-bit words: slot s is words 4s to 4s + 3. */
export const VW = VS.i32;
/**
 * Words 1 to 3 of a v128 that a compiled function returns as its one result
 * (word 0 is the return value); read by the caller at once, as `HI` is for an i64.
 */
export const VR = new Int32Array(3);

/**
 * Every lane function of ../simd/ by its name (`v128Load`, `i8x16Splat`,
 * `i8x16AddWord`, `lanesMin`, ...), and the dispatch tables `VECTOR_OPS`,
 * `SHIFT_OPS`, `TEST_OPS`, for the generated code.
 */
export const LANE_FUNCTIONS: Readonly<Record<string, unknown>> = (() => {
  const out: Record<string, unknown> = { VECTOR_OPS, SHIFT_OPS, TEST_OPS };
  for (const mod of [bitwise, float, integer, memory, relaxed, scalar, words] as readonly Record<string, unknown>[]) {
    for (const [k, v] of Object.entries(mod)) if (typeof v === "function") out[k] = v;
  }
  return out;
})();
