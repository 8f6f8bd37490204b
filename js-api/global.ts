/**
 * `WebAssembly.Global`: a global of a value type, mutable or not.
 * @see https://webassembly.github.io/spec/js-api/#globals
 * @module
 */
import { GlobalInstance, ValType } from "../impl/index.js";
import type { Context } from "./context.js";
import { defaultValue, toJSValue, toWebAssemblyValue, valueType } from "./values.js";
import { enumerableMembers, toStringTag } from "./webidl.js";

/** The `Global` object of an engine global: the same object every time (the spec's global object cache). */
export function globalObject(ctx: Context, g: GlobalInstance): object {
  const known = ctx.globalObjects.get(g);
  if (known !== undefined) return known;
  const obj = Object.create(ctx.Global.prototype as object) as object;
  ctx.globals.set(obj, g);
  ctx.globalObjects.set(g, obj);
  return obj;
}

function globalOf(ctx: Context, obj: unknown): GlobalInstance {
  const g = typeof obj === "object" && obj !== null ? ctx.globals.get(obj) : undefined;
  if (g === undefined) throw new TypeError("not a WebAssembly.Global");
  return g;
}

/** Defines `WebAssembly.Global` on `ctx`. */
export function defineGlobal(ctx: Context): void {
  class Global {
    /** A new global of the descriptor's `value` type, `mutable` or not, holding `v` (or the type's default). */
    constructor(descriptor: unknown, ...rest: unknown[]) {
      if (typeof descriptor !== "object" || descriptor === null) throw new TypeError("a global descriptor must be an object");
      const d = descriptor as Record<string, unknown>;
      // Dictionary members in the order Web IDL reads them: "mutable", then "value".
      const mutable = Boolean(d["mutable"]);
      const typeV = d["value"];
      if (typeV === undefined) throw new TypeError("a global descriptor needs 'value'");
      const type = valueType(typeV);
      const v = rest.length > 0 ? rest[0] : undefined;
      const value = v === undefined ? defaultValue(type) : toWebAssemblyValue(ctx, v, type);
      const g = new GlobalInstance({ valType: type, mutable }, value);
      ctx.globals.set(this, g);
      ctx.globalObjects.set(g, this);
    }

    /** The global's value (ToJSValue). */
    valueOf(): unknown {
      const g = globalOf(ctx, this);
      return toJSValue(ctx, g.get(), g.type.valType);
    }

    get value(): unknown {
      const g = globalOf(ctx, this);
      return toJSValue(ctx, g.get(), g.type.valType);
    }

    /** Sets a mutable global's value (a `TypeError` for an immutable one). */
    set value(v: unknown) {
      const g = globalOf(ctx, this);
      if (!g.type.mutable) throw new TypeError("the global is immutable");
      if (g.type.valType === ValType.V128) throw new TypeError("a v128 global cannot be set from JavaScript");
      g.set(toWebAssemblyValue(ctx, v, g.type.valType, g.type.context));
    }
  }
  enumerableMembers(Global.prototype, ["valueOf", "value"]);
  toStringTag(Global.prototype, "WebAssembly.Global");
  ctx.Global = Global;
}
