/**
 * Subtyping of value types (Wasm 3.0 with typed function references):
 * `(ref null? ht1) <: (ref null? ht2)` when nullability narrows and the heap
 * types are ordered. The abstract hierarchies, GC's included so that part 2
 * only adds declared supertypes:
 *
 *     func  > nofunc          extern > noextern       exn > noexn
 *     any > eq > i31 | struct | array > none
 *
 * A concrete type is below the top of its kind (every type is a function type
 * until GC adds structs and arrays) and above that kind's bottom; two concrete
 * types are ordered when they are equivalent (GC adds declared subtypes).
 * `bot` (the type of unreachable code's missing operands) is below everything.
 * @see https://webassembly.github.io/spec/core/valid/matching.html
 * @module
 */
import {
  HeapType, ValType, funcTypeEquals, heapType, isConcrete, isNullable, isRefType, typeIndex,
  type FuncType,
} from "./types.js";

/** What subtyping needs of a module: its types, which concrete heap types index. */
export interface TypeContext {
  readonly types: readonly FuncType[];
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
export function isSubtypeAcross(typesA: readonly FuncType[] | undefined, a: number, typesB: readonly FuncType[] | undefined, b: number): boolean {
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

function isHeapSubtypeAcross(typesA: readonly FuncType[] | undefined, a: number, typesB: readonly FuncType[] | undefined, b: number): boolean {
  if (a === HeapType.Bot) return true;
  if (isConcrete(a)) {
    if (isConcrete(b)) return typesEquivalent(typesA, typeIndex(a), typesB, typeIndex(b));
    // Without GC every defined type is a function type.
    return b === HeapType.Func;
  }
  if (isConcrete(b)) return a === HeapType.NoFunc;
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

/** Equivalence of type `i` of `typesA` and type `j` of `typesB`: the same type, or the same structure. */
function typesEquivalent(typesA: readonly FuncType[] | undefined, i: number, typesB: readonly FuncType[] | undefined, j: number): boolean {
  if (typesA === typesB && i === j) return true;
  const ta = typesA?.[i], tb = typesB?.[j];
  if (ta === undefined || tb === undefined) return typesA === undefined && typesB === undefined && i === j;
  return funcTypeEquals(ta, tb);
}
