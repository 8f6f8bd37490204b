/**
 * `WebAssembly.Tag` (exception handling): an exception tag with the types of
 * its payload.
 * @see https://webassembly.github.io/exception-handling/js-api/#tags
 * @module
 */
import { TagInstance, type ValType } from "../impl/index.js";
import type { Context } from "./context.js";
import { valueType } from "./values.js";
import { isObject, toStringTag } from "./webidl.js";

/** The `Tag` object of an engine tag: the same object every time (the spec's tag object cache). */
export function tagObject(ctx: Context, tag: TagInstance): object {
  const known = ctx.tagObjects.get(tag);
  if (known !== undefined) return known;
  const obj = Object.create(ctx.Tag.prototype as object) as object;
  ctx.tags.set(obj, tag);
  ctx.tagObjects.set(tag, obj);
  return obj;
}

/** The engine tag of `obj`, or a `TypeError` (the interface's brand check). */
export function tagOf(ctx: Context, obj: unknown): TagInstance {
  const t = isObject(obj) ? ctx.tags.get(obj) : undefined;
  if (t === undefined) throw new TypeError("not a WebAssembly.Tag");
  return t;
}

/** Web IDL's `sequence<T>` conversion: an iterable object, its values in order. */
export function sequence(v: unknown, what: string): unknown[] {
  if (!isObject(v)) throw new TypeError(`${what} must be an iterable object`);
  const iter = (v as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof iter !== "function") throw new TypeError(`${what} must be iterable`);
  return [...(v as Iterable<unknown>)];
}

/** Defines `WebAssembly.Tag` on `ctx`. */
export function defineTag(ctx: Context): void {
  class Tag {
    /** A new tag whose payload has the descriptor's `parameters` types. */
    constructor(descriptor: unknown) {
      if (!isObject(descriptor)) throw new TypeError("a tag descriptor must be an object");
      const paramsV = (descriptor as Record<string, unknown>)["parameters"];
      if (paramsV === undefined) throw new TypeError("a tag descriptor needs 'parameters'");
      const params: ValType[] = sequence(paramsV, "parameters").map((p) => valueType(p, true));
      const tag = new TagInstance({ type: { params, results: [] } });
      ctx.tags.set(this, tag);
      ctx.tagObjects.set(tag, this);
    }
  }
  toStringTag(Tag.prototype, "WebAssembly.Tag");
  ctx.Tag = Tag;
}
