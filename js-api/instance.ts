/**
 * `WebAssembly.Instance`: reading the import object (the spec's "read the
 * imports", in its order and with its errors), instantiating, and the
 * frozen, null-prototype exports object.
 * @see https://webassembly.github.io/spec/js-api/#instances
 * @see https://webassembly.github.io/spec/js-api/#read-the-imports
 * @module
 */
import {
  ExternKind, GlobalInstance, importExternType, instantiate, Trap, TrapMessage, ValType,
  type Extern, type ModuleInstance, type ValidatedModule,
} from "../impl/index.js";
import type { Context } from "./context.js";
import { toJSError } from "./errors.js";
import { exportedFunction, importedFunction } from "./functions.js";
import { globalObject } from "./global.js";
import { memoryObject } from "./memory.js";
import { moduleOf } from "./module.js";
import { tableObject } from "./table.js";
import { tagObject } from "./tag.js";
import { toWebAssemblyValue, valueTypeName } from "./values.js";
import { enumerableMembers, isObject, toStringTag } from "./webidl.js";

/** The exports object of each instance object (made when the instance is). */
const exportsOf = new WeakMap<object, object>();

/** A `LinkError` about import `i` of `module`. */
function linkError(ctx: Context, module: ValidatedModule, i: number, what: string): Error {
  const imp = module.imports[i]!;
  return new ctx.LinkError(`import ${i} ${JSON.stringify(imp.module)} ${JSON.stringify(imp.name)}: ${what}`);
}

/**
 * Reads the imports of `module` from `importObject`: for each import in
 * order, `importObject[module]` (a `TypeError` when it is not an object),
 * then its field, checked against the import's kind (a `LinkError` when it
 * is not a function, a `Memory`, ...). Numbers become new immutable globals.
 * @see https://webassembly.github.io/spec/js-api/#read-the-imports
 */
export function readImports(ctx: Context, module: ValidatedModule, importObject: unknown): Extern[] {
  if (module.imports.length > 0 && importObject === undefined) throw new TypeError("the module has imports but no import object was given");
  if (importObject !== undefined && !isObject(importObject)) throw new TypeError("the import object must be an object");
  const externs: Extern[] = [];
  for (let i = 0; i < module.imports.length; i++) {
    const imp = module.imports[i]!;
    const o = (importObject as Record<string, unknown>)[imp.module];
    if (!isObject(o)) throw new TypeError(`import ${i}: the import object's ${JSON.stringify(imp.module)} is not an object`);
    const v = (o as Record<string, unknown>)[imp.name];
    const type = importExternType(module, imp);
    switch (type.kind) {
      case ExternKind.Func:
        if (typeof v !== "function") throw linkError(ctx, module, i, "a function import must be callable");
        externs.push(importedFunction(ctx, v as (...args: unknown[]) => unknown, type.type));
        break;
      case ExternKind.Global: {
        const g = isObject(v) ? ctx.globals.get(v) : undefined;
        if (g !== undefined) {
          externs.push(g);
          break;
        }
        const t = type.type.valType;
        const context = type.type.context;
        if (t === ValType.I64 && typeof v !== "bigint") throw linkError(ctx, module, i, "an i64 global import must be a BigInt or a WebAssembly.Global");
        if ((t === ValType.I32 || t === ValType.F32 || t === ValType.F64) && typeof v !== "number") {
          throw linkError(ctx, module, i, `an ${valueTypeName(t)} global import must be a Number or a WebAssembly.Global`);
        }
        if (t === ValType.V128 || t === ValType.ExnRef) throw linkError(ctx, module, i, `a ${valueTypeName(t)} global import must be a WebAssembly.Global`);
        let value: unknown;
        try {
          value = toWebAssemblyValue(ctx, v, t, context);
        } catch (e) {
          if (e instanceof TypeError) throw linkError(ctx, module, i, e.message);
          throw e;
        }
        if (type.type.mutable) throw linkError(ctx, module, i, "a mutable global import must be a WebAssembly.Global");
        externs.push(new GlobalInstance(context === undefined ? { valType: t, mutable: false } : { valType: t, context, mutable: false }, value));
        break;
      }
      case ExternKind.Memory: {
        const mem = isObject(v) ? ctx.memories.get(v) : undefined;
        if (mem === undefined) throw linkError(ctx, module, i, "a memory import must be a WebAssembly.Memory");
        externs.push(mem);
        break;
      }
      case ExternKind.Table: {
        const table = isObject(v) ? ctx.tables.get(v) : undefined;
        if (table === undefined) throw linkError(ctx, module, i, "a table import must be a WebAssembly.Table");
        externs.push(table);
        break;
      }
      case ExternKind.Tag: {
        const tag = isObject(v) ? ctx.tags.get(v) : undefined;
        if (tag === undefined) throw linkError(ctx, module, i, "a tag import must be a WebAssembly.Tag");
        externs.push(tag);
        break;
      }
      default: {
        const never: never = type;
        return never;
      }
    }
  }
  return externs;
}

/**
 * Instantiates the core of a module: a `LinkError` when the imports do not
 * match, a `RuntimeError` when the start function or a segment traps (or
 * the exception the start function throws), a `RangeError` when a table or
 * memory cannot be allocated.
 * @see https://webassembly.github.io/spec/js-api/#instantiate-the-core-of-a-webassembly-module
 */
export function instantiateCore(ctx: Context, module: ValidatedModule, externs: Extern[]): ModuleInstance {
  try {
    return instantiate(ctx.store, module, externs);
  } catch (e) {
    if (e instanceof Trap && e.reason === TrapMessage.OutOfMemory) throw new RangeError(e.message, { cause: e });
    throw toJSError(ctx, e);
  }
}

/**
 * The exports object: null prototype, one property per export in order
 * (not writable, enumerable, not configurable), frozen.
 * @see https://webassembly.github.io/spec/js-api/#create-an-exports-object
 */
function exportsObject(ctx: Context, inst: ModuleInstance): object {
  const obj = Object.create(null) as Record<string, unknown>;
  for (const { name, value } of inst.exports) {
    let v: unknown;
    switch (value.kind) {
      case ExternKind.Func: v = exportedFunction(ctx, value, inst.funcs.indexOf(value)); break;
      case ExternKind.Global: v = globalObject(ctx, value); break;
      case ExternKind.Memory: v = memoryObject(ctx, value); break;
      case ExternKind.Table: v = tableObject(ctx, value); break;
      case ExternKind.Tag: v = tagObject(ctx, value); break;
      default: {
        const never: never = value;
        return never;
      }
    }
    Object.defineProperty(obj, name, { value: v, writable: false, enumerable: true, configurable: false });
  }
  return Object.freeze(obj);
}

/** Makes `target` the instance object of `inst` (its brand and its exports object). */
export function initInstanceObject(ctx: Context, target: object, inst: ModuleInstance): object {
  ctx.instances.set(target, inst);
  exportsOf.set(target, exportsObject(ctx, inst));
  return target;
}

/** A new `Instance` object (no constructor run) for an instance made by the asynchronous entry points. */
export function instanceObject(ctx: Context, inst: ModuleInstance): object {
  return initInstanceObject(ctx, Object.create(ctx.Instance.prototype as object) as object, inst);
}

/** Defines `WebAssembly.Instance` on `ctx`. */
export function defineInstance(ctx: Context): void {
  class Instance {
    /** Instantiates `module` with the imports read from `importObject`, synchronously. */
    constructor(module: unknown, ...rest: unknown[]) {
      const m = moduleOf(ctx, module);
      const externs = readImports(ctx, m, rest[0]);
      initInstanceObject(ctx, this, instantiateCore(ctx, m, externs));
    }

    /** The exports object (the same object every time). */
    get exports(): object {
      const e = isObject(this) ? exportsOf.get(this) : undefined;
      if (e === undefined || !ctx.instances.has(this)) throw new TypeError("not a WebAssembly.Instance");
      return e;
    }
  }
  enumerableMembers(Instance.prototype, ["exports"]);
  toStringTag(Instance.prototype, "WebAssembly.Instance");
  ctx.Instance = Instance;
}
