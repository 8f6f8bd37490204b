/**
 * The type section's rules (GC): every type index a type names is defined
 * by the end of its recursive group; a type declares at most one supertype,
 * defined before it, not final, and of a structure it refines (function
 * types contravariant in parameters and covariant in results; structs
 * extend their supertype's fields; mutable fields and elements stay
 * invariant, immutable ones covariant).
 * @see https://webassembly.github.io/spec/core/valid/types.html#defined-types
 * @module
 */
import { ValidationError } from "../base/errors.js";
import { Limit } from "../base/limits.js";
import { isSubtype } from "../base/subtyping.js";
import {
  Packed, isArrayType, isFuncType, isStructType,
  type DefType, type FieldType, type FuncType, type StorageType,
} from "../base/types.js";
import type { Context } from "./context.js";
import { Invalid } from "./reasons.js";
import { checkValType } from "./segments.js";

/** Checks every type of the section and its declared supertype. */
export function checkTypeSection(ctx: Context): void {
  const decls = ctx.module.typeDecls;
  ctx.types.forEach((t, i) => {
    const d = decls[i]!;
    const limit = d.groupStart + d.groupSize;
    if (isFuncType(t)) {
      for (const v of t.params) checkValType(ctx, v, -1, limit);
      for (const v of t.results) checkValType(ctx, v, -1, limit);
    } else if (isStructType(t)) {
      for (const f of t.fields) checkStorage(ctx, f.storage, limit);
    } else if (isArrayType(t)) {
      checkStorage(ctx, t.element.storage, limit);
    }
    if (d.supers.length > Limit.Supertypes) {
      throw new ValidationError(Invalid.SubType, -1, -1, `type ${i} declares ${d.supers.length} supertypes; at most ${Limit.Supertypes} is allowed`);
    }
    if (d.supers.length === 0) return;
    const s = d.supers[0]!;
    if (s >= i) throw new ValidationError(`${Invalid.UnknownType} ${s}`, -1, -1, `supertype of type ${i} must be defined before it`);
    if (decls[s]!.final) throw new ValidationError(Invalid.SubType, -1, -1, `type ${i} declares final type ${s} as its supertype`);
    if (!refines(ctx, t, ctx.types[s]!)) throw new ValidationError(Invalid.SubType, -1, -1, `type ${i} does not match its supertype ${s}`);
  });
}

function checkStorage(ctx: Context, t: StorageType, limit: number): void {
  if (t !== Packed.I8 && t !== Packed.I16) checkValType(ctx, t, -1, limit);
}

/** Whether composite type `sub` matches `sup` (the same kind, refined as the module documentation says). */
function refines(ctx: Context, sub: DefType, sup: DefType): boolean {
  if (isFuncType(sub)) return isFuncType(sup) && funcRefines(ctx, sub, sup);
  if (isStructType(sub)) {
    if (!isStructType(sup) || sub.fields.length < sup.fields.length) return false;
    return sup.fields.every((f, k) => fieldRefines(ctx, sub.fields[k]!, f));
  }
  return isArrayType(sub) && isArrayType(sup) && fieldRefines(ctx, sub.element, sup.element);
}

function funcRefines(ctx: Context, sub: FuncType, sup: FuncType): boolean {
  if (sub.params.length !== sup.params.length || sub.results.length !== sup.results.length) return false;
  for (let k = 0; k < sub.params.length; k++) if (!isSubtype(ctx, sup.params[k]!, sub.params[k]!)) return false;
  for (let k = 0; k < sub.results.length; k++) if (!isSubtype(ctx, sub.results[k]!, sup.results[k]!)) return false;
  return true;
}

function fieldRefines(ctx: Context, sub: FieldType, sup: FieldType): boolean {
  if (sub.mutable !== sup.mutable) return false;
  if (!storageSubtype(ctx, sub.storage, sup.storage)) return false;
  return !sub.mutable || storageSubtype(ctx, sup.storage, sub.storage);
}

function storageSubtype(ctx: Context, a: StorageType, b: StorageType): boolean {
  const packedA = a === Packed.I8 || a === Packed.I16, packedB = b === Packed.I8 || b === Packed.I16;
  if (packedA || packedB) return a === b;
  return isSubtype(ctx, a, b);
}
