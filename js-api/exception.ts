/**
 * `WebAssembly.Exception` (exception handling): a wasm exception as a
 * JavaScript object, made by JavaScript (to throw into wasm) or by an
 * exception leaving wasm (the same object each time for one exception).
 * @see https://webassembly.github.io/exception-handling/js-api/#runtime-exceptions
 * @module
 */
import { ExceptionInstance } from "../impl/index.js";
import type { Context } from "./context.js";
import { sequence, tagOf } from "./tag.js";
import { signature, toJSValue, toWebAssemblyValue } from "./values.js";
import { enforceRange, enumerableMembers, isObject, toStringTag } from "./webidl.js";

/** The `Exception` object of an engine exception: the same object every time (so identity survives wasm). */
export function exceptionObject(ctx: Context, exn: ExceptionInstance): object {
  const known = ctx.exceptionObjects.get(exn);
  if (known !== undefined) return known;
  const obj = Object.create(ctx.Exception.prototype as object) as object;
  ctx.exceptions.set(obj, exn);
  ctx.exceptionObjects.set(exn, obj);
  return obj;
}

function exceptionOf(ctx: Context, obj: unknown): ExceptionInstance {
  const e = isObject(obj) ? ctx.exceptions.get(obj) : undefined;
  if (e === undefined) throw new TypeError("not a WebAssembly.Exception");
  return e;
}

/** Defines `WebAssembly.Exception` on `ctx`. */
export function defineException(ctx: Context): void {
  class Exception {
    /**
     * A new exception of `tag` with `payload` (an iterable of one value per
     * parameter); with `{ traceStack: true }` it gets a `stack` property.
     */
    constructor(exceptionTag: unknown, payload: unknown, ...rest: unknown[]) {
      const tag = tagOf(ctx, exceptionTag);
      const values = sequence(payload, "the payload");
      const options = rest[0];
      if (options !== undefined && options !== null && !isObject(options)) throw new TypeError("options must be an object");
      const traceStack = isObject(options) ? Boolean((options as { traceStack?: unknown }).traceStack) : false;
      if (tag === ctx.jsTag) throw new TypeError("an exception of WebAssembly.JSTag cannot be made from JavaScript");
      const { params, types } = signature(tag.type.type);
      if (values.length !== params.length) throw new TypeError(`the tag's payload has ${params.length} values, got ${values.length}`);
      const raw = params.map((t, i) => toWebAssemblyValue(ctx, values[i], t, types));
      const exn = new ExceptionInstance(tag, raw);
      ctx.exceptions.set(this, exn);
      ctx.exceptionObjects.set(exn, this);
      if (traceStack) {
        const stack = new Error().stack ?? "";
        Object.defineProperty(this, "stack", { value: stack, writable: true, enumerable: false, configurable: true });
      }
    }

    /** Payload value `index`, if the exception's tag is `exceptionTag` (else a `TypeError`; a `RangeError` past the end). */
    getArg(exceptionTag: unknown, index: unknown): unknown {
      const exn = exceptionOf(ctx, this);
      const tag = tagOf(ctx, exceptionTag);
      const i = enforceRange(index, "index");
      if (exn.tag !== tag) throw new TypeError("the exception is not of this tag");
      const params = exn.tag.type.type.params;
      if (i >= params.length) throw new RangeError(`index ${i} is out of the payload's ${params.length} values`);
      return toJSValue(ctx, exn.payload[i], params[i]!);
    }

    /** Whether the exception's tag is `exceptionTag`. */
    is(exceptionTag: unknown): boolean {
      const exn = exceptionOf(ctx, this);
      return exn.tag === tagOf(ctx, exceptionTag);
    }
  }
  enumerableMembers(Exception.prototype, ["getArg", "is"]);
  toStringTag(Exception.prototype, "WebAssembly.Exception");
  ctx.Exception = Exception;
}

