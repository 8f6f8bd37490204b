/**
 * Type objects: moving owned parts into a parent, deleting a type with its
 * parts, and converting between `wasm.h` types and the engine's.
 * @module
 */
import {
  ExternKind, isConcrete, isRefType, valTypeName, type DefType, type ExternType, type FuncType, type GlobalType, type Limits,
  type MemoryType, type TableType, type ValType,
} from "../../impl/index.js";
import { WASM_CONST, WASM_VAR } from "../globaltype.js";
import { wasm_limits_max_default, type wasm_limits_t } from "../limits.js";
import type { wasm_valtype_vec_t } from "../valtype.js";
import { adopt, dropOwned, misuse, owned, type Class } from "./handles.js";
import { kindOfValType } from "./kinds.js";
import {
  wasm_externtype_t, wasm_functype_t, wasm_globaltype_t, wasm_memorytype_t, wasm_tabletype_t, wasm_tagtype_t,
  wasm_valtype_t,
} from "./objects.js";
import { freezeVec, inVec, outVec } from "./vec.js";

/** Checks the value types of a vector that is about to be moved into another object. */
export function checkValtypes(v: wasm_valtype_vec_t, fn: string): wasm_valtype_t[] {
  const n = inVec(v, fn);
  const data: wasm_valtype_t[] = [];
  for (let i = 0; i < n; i++) {
    const t = owned(v.data[i], wasm_valtype_t, fn);
    if (t._owner) misuse(fn, `entry ${i} already belongs to a ${t._owner}`);
    if (data.includes(t)) misuse(fn, `the vector holds the same wasm_valtype_t twice (entries ${data.indexOf(t)} and ${i})`);
    data.push(t);
  }
  return data;
}

/** Moves checked value types into a new frozen vector owned by `owner`; empties the caller's vector. */
export function adoptValtypes(v: wasm_valtype_vec_t, data: wasm_valtype_t[], owner: string, fn: string): wasm_valtype_vec_t {
  for (const t of data) adopt(t, owner, fn);
  const out = outVec(v, fn);
  out.size = 0;
  out.data = [];
  return freezeVec({ size: data.length, data });
}

/** Checks that a part passed as `own` is live and free, and takes it for `owner`. */
export function adoptPart<T extends { _deleted: boolean; _owner: string | null }>(
  x: T | null | undefined, cls: Class<T>, owner: string, fn: string,
): T {
  return adopt(owned(x, cls, fn), owner, fn);
}

/** Marks an extern type and all its parts deleted. */
export function dropExterntype(t: wasm_externtype_t): void {
  if (t instanceof wasm_functype_t) {
    for (const v of t._params.data) if (v) dropOwned(v);
    for (const v of t._results.data) if (v) dropOwned(v);
  } else if (t instanceof wasm_globaltype_t) {
    dropOwned(t._content);
  } else if (t instanceof wasm_tabletype_t) {
    dropOwned(t._element);
  } else if (t instanceof wasm_tagtype_t) {
    dropExterntype(t._functype);
  }
  dropOwned(t);
}

/** The `_delete` of every extern type: checks that the caller owns it, then deletes it with its parts. */
export function deleteType<T extends wasm_externtype_t>(t: T | null, cls: Class<T>, fn: string): void {
  if (t === null || t === undefined) return;
  const x = owned(t, cls, fn);
  if (x._owner) misuse(fn, `the ${x.constructor.name} belongs to a ${x._owner}, which deletes it`);
  dropExterntype(x);
}

/**
 * A new value type for an engine value type; `context` is the module types
 * that a concrete type indexes (kept only when `t` is concrete).
 */
export function valtypeFromImpl(t: ValType, context?: readonly DefType[] | null): wasm_valtype_t {
  const ctx = isRefType(t) && isConcrete(t) ? context ?? null : null;
  return new wasm_valtype_t(kindOfValType(t, ctx), t, ctx);
}

function valtypesFromImpl(ts: readonly ValType[], owner: string, context: readonly DefType[] | undefined): wasm_valtype_vec_t {
  const data = ts.map((t) => {
    const v = valtypeFromImpl(t, context);
    v._owner = owner;
    return v;
  });
  return freezeVec({ size: data.length, data });
}

/** Limits in `wasm.h` form (no maximum is `wasm_limits_max_default`), frozen as a type's part. */
export function limitsFromImpl(l: Limits): wasm_limits_t {
  return Object.freeze({ min: l.min, max: l.max ?? wasm_limits_max_default });
}

/** Limits in the engine's form. */
export function limitsToImpl(l: wasm_limits_t): Limits {
  return { min: l.min, max: l.max === wasm_limits_max_default ? null : l.max };
}

/**
 * `wasm.h`'s 32-bit view of 64-bit limits (memory64, table64): each bound
 * saturates at 0xffffffff, so a maximum beyond 32 bits reads as
 * `wasm_limits_max_default` ("none expressible"); the exact bounds are the
 * extensions' (`wasmts_memorytype_minimum`/`maximum`, `wasmts_tabletype_*`).
 */
export function limitsFromWide(l: Limits): wasm_limits_t {
  return Object.freeze({ min: Math.min(l.min, wasm_limits_max_default), max: Math.min(l.max ?? wasm_limits_max_default, wasm_limits_max_default) });
}

/** A new function type for an engine function type. */
export function functypeFromImpl(t: FuncType): wasm_functype_t {
  const context = t.rtt?.context;
  return new wasm_functype_t(valtypesFromImpl(t.params, "wasm_functype_t", context), valtypesFromImpl(t.results, "wasm_functype_t", context));
}

function part<T extends { _owner: string | null }>(x: T, owner: string): T {
  x._owner = owner;
  return x;
}

/** A new extern type for an engine extern type. */
export function externtypeFromImpl(t: ExternType): wasm_externtype_t {
  switch (t.kind) {
    case ExternKind.Func:
      return functypeFromImpl(t.type);
    case ExternKind.Global:
      return new wasm_globaltype_t(part(valtypeFromImpl(t.type.valType, t.type.context), "wasm_globaltype_t"), t.type.mutable ? WASM_VAR : WASM_CONST);
    case ExternKind.Table: {
      const is64 = t.type.address64 === true;
      return new wasm_tabletype_t(part(valtypeFromImpl(t.type.elemType, t.type.context), "wasm_tabletype_t"),
        is64 ? limitsFromWide(t.type.limits) : limitsFromImpl(t.type.limits), is64, Object.freeze({ ...t.type.limits }));
    }
    case ExternKind.Memory: {
      const is64 = t.type.address64 === true;
      return new wasm_memorytype_t(is64 ? limitsFromWide(t.type.limits) : limitsFromImpl(t.type.limits), t.type.shared === true,
        is64, Object.freeze({ ...t.type.limits }));
    }
    case ExternKind.Tag:
      return new wasm_tagtype_t(part(functypeFromImpl(t.type.type), "wasm_tagtype_t"));
    default: {
      const never: never = t;
      return never;
    }
  }
}

/**
 * The engine's form of a function type. A host-made function type stands for
 * `(rec (sub final (func ...)))` of its own and has no module types, so a
 * concrete reference type (`(ref $t)`, which only a module's type index
 * gives) cannot appear in it: misuse, named by `fn`.
 */
export function functypeToImpl(ft: wasm_functype_t, fn = "wasm_func_new"): FuncType {
  const engineType = (v: wasm_valtype_t): ValType => {
    if (v._context !== null) misuse(fn, `a host function type cannot use the module type ${valTypeName(v._type)}: use an abstract heap type`);
    return v._type;
  };
  return {
    params: ft._params.data.map((v) => engineType(v!)),
    results: ft._results.data.map((v) => engineType(v!)),
  };
}

/** The engine's form of a global type (a concrete type keeps the module types it indexes). */
export function globaltypeToImpl(gt: wasm_globaltype_t): GlobalType {
  const c = gt._content;
  const base = { valType: c._type, mutable: gt._mutability === WASM_VAR };
  return c._context === null ? base : { ...base, context: c._context };
}

/** The engine's form of a table type (the element type is a reference type: checked at creation). */
export function tabletypeToImpl(tt: wasm_tabletype_t): TableType {
  const e = tt._element;
  const elemType = e._type as TableType["elemType"];
  const limits = { min: tt._bounds.min, max: tt._bounds.max };
  const base: TableType = tt._is64 ? { elemType, limits, address64: true } : { elemType, limits };
  return e._context === null ? base : { ...base, context: e._context };
}

/** The engine's form of a memory type. */
export function memorytypeToImpl(mt: wasm_memorytype_t): MemoryType {
  const limits = { min: mt._bounds.min, max: mt._bounds.max };
  return { limits, ...(mt._shared ? { shared: true } : {}), ...(mt._is64 ? { address64: true } : {}) };
}
