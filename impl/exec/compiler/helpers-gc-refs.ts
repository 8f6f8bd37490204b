/**
 * What compiled code calls for GC's reference instructions other than
 * structs and arrays (see emit-gc-refs.ts): the casts, the extern/any
 * conversions and `i31.get` of a null reference, all on the representation
 * of ../../runtime/gc-refs.ts, so values cross tiers and the host unchanged.
 * Traps are thrown here; the generated code has set `$p` to the
 * instruction's offset first.
 * @module
 */
import { Trap, TrapMessage } from "../../base/errors.js";
import type { DefType } from "../../base/types.js";
import { anyConvertExtern, externConvertAny, refTest } from "../../runtime/gc-refs.js";

/** `ref.cast`: traps "cast failure" unless `v` is a `(ref null? heap)` (see `refTest`). */
function refCast(v: unknown, heap: number, nullable: boolean, types: readonly DefType[]): void {
  if (!refTest(v, heap, nullable, types)) throw new Trap(TrapMessage.CastFailure);
}

/** `i31.get_s` (`i31.get_u` masks the result): traps "null i31 reference" on null. */
function i31Get(v: unknown): number {
  if (v === null) throw new Trap(TrapMessage.NullI31Reference);
  return v as number;
}

/** The helpers, as `H` gives them to the generated code. */
export const GC_REF_HELPERS = { refTest, refCast, i31Get, anyConvertExtern, externConvertAny };
