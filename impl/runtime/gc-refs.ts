/**
 * GC's small references and the boundary between the `extern` and `any`
 * hierarchies, shared by every tier, the linker's constant expressions and
 * the C API.
 *
 * How values of the any hierarchy are represented (see the GC notes of
 * DECISIONS.md):
 * - null is `null`;
 * - an i31 is a JavaScript number, the 31-bit value sign-extended (always a
 *   V8 Smi, so `ref.eq` is `===` and nothing is allocated);
 * - a struct or array is an object with a `readonly rtt: Rtt` field (its
 *   canonical type, ../runtime/gc-objects.ts);
 * - a host value brought in by `any.convert_extern` is a {@link HostAnyRef}
 *   wrapping it, except a struct or array object (which is itself) and an
 *   {@link ExternI31} (which gives back its number).
 *
 * An externref is any host value; an i31 sent out by `extern.convert_any`
 * becomes an {@link ExternI31}, so that a host number passed as externref and
 * internalized is a host value, never mistaken for an i31.
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#xref-syntax-instructions-syntax-instr-ref-mathsf-any-convert-extern
 * @module
 */
import { Rtt, RttKind, isRttSubtype, rttOf } from "../base/rtt.js";
import { HeapType, isConcrete, typeIndex, type DefType } from "../base/types.js";
import { ArrayObject, StructObject } from "./gc-objects.js";
import { FuncInstance } from "./instances.js";

/** A host value (an externref) internalized into the any hierarchy by `any.convert_extern`. */
export class HostAnyRef {
  constructor(
    /** The host value, given back unchanged by `extern.convert_any`. */
    readonly value: unknown,
  ) {}
}

/** An i31 externalized by `extern.convert_any`: `any.convert_extern` turns it back into the number. */
export class ExternI31 {
  constructor(
    /** The i31's value, sign-extended. */
    readonly value: number,
  ) {}
}

/** `ref.i31`: the low 31 bits of an i32, sign-extended (wraps). */
export function refI31(v: number): number {
  return (v << 1) >> 1;
}

/** `i31.get_u`: the 31 bits zero-extended. */
export function i31GetU(v: number): number {
  return v & 0x7fffffff;
}

/** `any.convert_extern`: an externref as a value of the any hierarchy (see the module documentation). */
export function anyConvertExtern(v: unknown): unknown {
  if (v === null) return null;
  // `instanceof`, not a property read: a host object's getters never run. It throws on a revoked
  // Proxy, which is a host value like any other.
  if (typeof v === "object") {
    try {
      if (v instanceof ExternI31) return v.value;
      if (v instanceof StructObject || v instanceof ArrayObject) return v;
    } catch {
      // a revoked Proxy
    }
  }
  return new HostAnyRef(v);
}

/** `extern.convert_any`: a value of the any hierarchy as an externref (see the module documentation). */
export function externConvertAny(v: unknown): unknown {
  if (v === null) return null;
  if (typeof v === "number") return new ExternI31(v);
  if (v instanceof HostAnyRef) return v.value;
  return v;
}

/** The canonical type of a struct or array object; undefined for every other value. */
export function gcRtt(v: unknown): Rtt | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const rtt = (v as { readonly rtt?: unknown }).rtt;
  return rtt instanceof Rtt ? rtt : undefined;
}

/**
 * Whether `v` is a struct or array object. Unlike {@link gcRtt} it reads no
 * property, so a host object's getters never run (a Proxy's
 * `getPrototypeOf` trap still may), and a revoked Proxy is simply not one:
 * the test for values a host gave.
 */
export function isGcObject(v: unknown): v is StructObject | ArrayObject {
  try {
    return v instanceof StructObject || v instanceof ArrayObject;
  } catch {
    return false; // a revoked Proxy: a host value
  }
}

/**
 * Whether value `v` (of the hierarchy of `heap`, as validation guarantees)
 * is a `(ref null? heap)`: the run-time test of `ref.test`, `ref.cast`,
 * `br_on_cast` and `br_on_cast_fail`. A concrete heap type is looked up in
 * `types`, the module's types, each with its canonical type.
 */
export function refTest(v: unknown, heap: HeapType, nullable: boolean, types: readonly DefType[]): boolean {
  if (v === null) return nullable;
  if (isConcrete(heap)) {
    const target = types[typeIndex(heap)]!.rtt!;
    if (target.kind === RttKind.Func) return v instanceof FuncInstance && isRttSubtype(rttOf(v.type), target);
    const rtt = gcRtt(v);
    return rtt !== undefined && isRttSubtype(rtt, target);
  }
  switch (heap) {
    case HeapType.Any: case HeapType.Func: case HeapType.Extern: case HeapType.Exn: return true;
    case HeapType.Eq: return typeof v === "number" || gcRtt(v) !== undefined;
    case HeapType.I31: return typeof v === "number";
    case HeapType.Struct: return gcRtt(v)?.kind === RttKind.Struct;
    case HeapType.Array: return gcRtt(v)?.kind === RttKind.Array;
    // The bottom types (none, nofunc, noextern, noexn) hold null only.
    default: return false;
  }
}
