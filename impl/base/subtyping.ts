/**
 * Subtyping of value types (Wasm 3.0): `(ref null? ht1) <: (ref null? ht2)`
 * when nullability narrows and the heap types are ordered. The abstract
 * hierarchies:
 *
 *     func  > nofunc          extern > noextern       exn > noexn
 *     any > eq > i31 | struct | array > none
 *
 * A concrete type sits below the abstract type of its kind (func, struct or
 * array) and above that hierarchy's bottom; two concrete types are ordered
 * by their canonical types' declared supertype chains (`base/rtt.ts`), which
 * also makes equivalent types of different modules equal.
 * `bot` (the type of unreachable code's missing operands) is below everything.
 * @see https://webassembly.github.io/spec/core/valid/matching.html
 * @module
 */
import { HeapType, ValType, heapType, isConcrete, isFuncType, isNullable, isRefType, typeIndex, type DefType } from "./types.js";
import { RttKind, isRttSubtype, rttOf, type Rtt } from "./rtt.js";

/** What subtyping needs of a module: its types, which concrete heap types index. */
export interface TypeContext {
  readonly types: readonly DefType[];
}

/** True when value type `a` matches (is a subtype of) `b`, both of the module of `ctx`. */
export function isSubtype(ctx: TypeContext, a: number, b: number): boolean {
  if (a === b) return true;
  return isSubtypeAcross(ctx.types, a, ctx.types, b);
}

/**
 * True when value type `a`, whose type indices are those of `typesA`, matches
 * `b`, whose type indices are those of `typesB` (import matching compares
 * types of two modules). A missing list means the type has no index in it.
 */
export function isSubtypeAcross(typesA: readonly DefType[] | undefined, a: number, typesB: readonly DefType[] | undefined, b: number): boolean {
  if (a === b && typesA === typesB) return true;
  if (a === ValType.Bot) return true;
  if (!isRefType(a) || !isRefType(b)) return a === b;
  if (isNullable(a) && !isNullable(b)) return false;
  return isHeapSubtypeAcross(typesA, heapType(a), typesB, heapType(b));
}

/** True when heap type `a` is below heap type `b` (both of the module of `ctx`). */
export function isHeapSubtype(ctx: TypeContext, a: number, b: number): boolean {
  return isHeapSubtypeAcross(ctx.types, a, ctx.types, b);
}

function isHeapSubtypeAcross(typesA: readonly DefType[] | undefined, a: number, typesB: readonly DefType[] | undefined, b: number): boolean {
  if (a === HeapType.Bot) return true;
  if (isConcrete(a)) {
    const ra = rttAt(typesA, typeIndex(a));
    if (isConcrete(b)) {
      const rb = rttAt(typesB, typeIndex(b));
      if (ra === undefined || rb === undefined) return typesA === typesB && a === b;
      return isRttSubtype(ra, rb);
    }
    switch (ra?.kind ?? RttKind.Func) {
      case RttKind.Func: return b === HeapType.Func;
      case RttKind.Struct: return b === HeapType.Struct || b === HeapType.Eq || b === HeapType.Any;
      default: return b === HeapType.Array || b === HeapType.Eq || b === HeapType.Any;
    }
  }
  if (isConcrete(b)) {
    const kind = rttAt(typesB, typeIndex(b))?.kind ?? RttKind.Func;
    return a === (kind === RttKind.Func ? HeapType.NoFunc : HeapType.None);
  }
  if (a === b) return true;
  switch (a) {
    case HeapType.NoFunc: return b === HeapType.Func;
    case HeapType.NoExtern: return b === HeapType.Extern;
    case HeapType.NoExn: return b === HeapType.Exn;
    case HeapType.None: return b === HeapType.Any || b === HeapType.Eq || b === HeapType.I31 || b === HeapType.Struct || b === HeapType.Array;
    case HeapType.I31:
    case HeapType.Struct:
    case HeapType.Array: return b === HeapType.Eq || b === HeapType.Any;
    case HeapType.Eq: return b === HeapType.Any;
    default: return false;
  }
}

/**
 * The canonical type of type `i` of `types`: the decoder's, or for a
 * function type a host or test made without one, that of its own final group.
 */
function rttAt(types: readonly DefType[] | undefined, i: number): Rtt | undefined {
  const t = types?.[i];
  if (t === undefined) return undefined;
  return t.rtt ?? (isFuncType(t) ? rttOf(t) : undefined);
}
