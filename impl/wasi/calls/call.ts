/**
 * The shape every preview1 implementation function has: the context, the
 * caller's memory (null for the few calls that touch none) and the raw
 * arguments; it returns an errno (0 for success) or throws (a
 * {@link WasiError}, a host error, or a Trap such as ProcExit), and the
 * host function wrapper in `preview1.ts` turns what it throws into an errno.
 * @module
 */
import type { MemoryInstance } from "../../runtime/instances.js";
import type { RawValue } from "../../runtime/values.js";
import type { WasiContext } from "../context.js";

/** A preview1 function over raw values. */
export type WasiCall = (ctx: WasiContext, mem: MemoryInstance, a: RawValue[]) => number;

/** A u64 argument (a bigint) as a non-negative number; EINVAL-worthy values come back as -1. */
export function u64Arg(v: RawValue): number {
  const n = BigInt.asUintN(64, v as bigint);
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(n);
}
