/**
 * `WebAssembly.Module`: a compiled module, with its imports, exports and
 * custom sections, and the byte conversion every entry point shares.
 * @see https://webassembly.github.io/spec/js-api/#modules
 * @module
 */
import { compileModule, ExternKind, type ValidatedModule } from "../impl/index.js";
import type { Context } from "./context.js";
import { toJSError } from "./errors.js";
import { domString, enumerableMembers, isObject, toStringTag } from "./webidl.js";

/**
 * The `byteLength` getters of `ArrayBuffer.prototype` and (where the realm
 * has one) `SharedArrayBuffer.prototype`: brand checks that work across realms.
 */
const byteLengthGetters: (() => number)[] = [];
for (const c of [ArrayBuffer as unknown, (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer]) {
  if (typeof c === "function") byteLengthGetters.push(Object.getOwnPropertyDescriptor((c as { prototype: object }).prototype, "byteLength")!.get!);
}

/** Whether `v` is an `ArrayBuffer` or a `SharedArrayBuffer` (of any realm). */
function isBuffer(v: object): boolean {
  for (const get of byteLengthGetters) {
    try {
      get.call(v);
      return true;
    } catch {
      // not this kind
    }
  }
  return false;
}

/**
 * Web IDL's `[AllowShared] BufferSource`, copied (the spec's "get a copy
 * of the buffer source"): an `ArrayBuffer`, a `SharedArrayBuffer` or a view
 * of either; a `TypeError` for anything else.
 */
export function bufferSource(v: unknown): Uint8Array {
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice();
  if (isObject(v) && isBuffer(v)) return new Uint8Array(v as ArrayBuffer).slice();
  throw new TypeError("the argument must be an ArrayBuffer, a SharedArrayBuffer or a view of one");
}

/** Compiles bytes with the namespace's features; a `CompileError` when they do not decode or validate. */
export function compileBytes(ctx: Context, bytes: Uint8Array): ValidatedModule {
  try {
    return compileModule(bytes, ctx.features);
  } catch (e) {
    throw toJSError(ctx, e);
  }
}

/** A new `Module` object of `module` with prototype `proto`. */
export function moduleObject(ctx: Context, module: ValidatedModule): object {
  const obj = Object.create(ctx.Module.prototype as object) as object;
  ctx.modules.set(obj, module);
  return obj;
}

/** The module of `obj`, or a `TypeError` (the interface's brand check). */
export function moduleOf(ctx: Context, obj: unknown): ValidatedModule {
  const m = isObject(obj) ? ctx.modules.get(obj) : undefined;
  if (m === undefined) throw new TypeError("not a WebAssembly.Module");
  return m;
}

/** The JS API's name of an extern kind: "function", "table", "memory", "global", "tag". */
export function kindName(kind: ExternKind): string {
  switch (kind) {
    case ExternKind.Func: return "function";
    case ExternKind.Table: return "table";
    case ExternKind.Memory: return "memory";
    case ExternKind.Global: return "global";
    case ExternKind.Tag: return "tag";
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** Defines `WebAssembly.Module` on `ctx`. */
export function defineModule(ctx: Context): void {
  class Module {
    /** Compiles `bytes` (a `CompileError` when they are not a valid module). */
    constructor(bytes: unknown) {
      const module = compileBytes(ctx, bufferSource(bytes));
      ctx.modules.set(this, module);
    }

    /** The module's exports in order: `{ name, kind }`. */
    static exports(moduleObject: unknown): { name: string; kind: string }[] {
      const m = moduleOf(ctx, moduleObject);
      return m.exports.map((e) => ({ name: e.name, kind: kindName(e.kind) }));
    }

    /** The module's imports in order: `{ module, name, kind }`. */
    static imports(moduleObject: unknown): { module: string; name: string; kind: string }[] {
      const m = moduleOf(ctx, moduleObject);
      return m.imports.map((i) => ({ module: i.module, name: i.name, kind: kindName(i.desc.kind) }));
    }

    /** Copies of the contents of the custom sections named `sectionName`, in order. */
    static customSections(moduleObject: unknown, sectionName: unknown): ArrayBuffer[] {
      const m = moduleOf(ctx, moduleObject);
      if (arguments.length < 2) throw new TypeError("customSections needs a section name");
      const name = domString(sectionName);
      return m.customs.filter((c) => c.name === name).map((c) => c.bytes.slice().buffer);
    }
  }
  enumerableMembers(Module, ["exports", "imports", "customSections"]);
  toStringTag(Module.prototype, "WebAssembly.Module");
  ctx.Module = Module;
}
