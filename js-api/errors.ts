/**
 * `CompileError`, `LinkError` and `RuntimeError`, and what each engine error
 * becomes when it reaches JavaScript: a decode or validation error a
 * `CompileError`, a link error a `LinkError`, a trap a `RuntimeError`, an
 * uncaught wasm exception a `WebAssembly.Exception` (or, for the
 * JavaScript tag, the JavaScript value that was thrown).
 * @see https://webassembly.github.io/spec/js-api/#error-objects
 * @module
 */
import {
  DecodeError, LinkError as EngineLinkError, Trap, TrapMessage, ValidationError, WasmException,
} from "../impl/index.js";
import type { Context } from "./context.js";
import { exceptionObject } from "./exception.js";
import { refToJS } from "./values.js";

type ErrorClass = new (message?: string, options?: { cause?: unknown }) => Error;

/**
 * Makes one of the three error classes: a subclass of `Error` whose
 * prototype names it (and has no `Symbol.toStringTag`, as NativeError
 * prototypes have none).
 */
function errorClass(name: "CompileError" | "LinkError" | "RuntimeError"): ErrorClass {
  // Each class in its own object literal so that its `name` is the interface's name.
  const classes = {
    // An explicit constructor so that `length` is 1, as a NativeError constructor's is.
    CompileError: class CompileError extends Error { constructor(message?: string, ...rest: [{ cause?: unknown }?]) { super(message, ...rest); } },
    LinkError: class LinkError extends Error { constructor(message?: string, ...rest: [{ cause?: unknown }?]) { super(message, ...rest); } },
    RuntimeError: class RuntimeError extends Error { constructor(message?: string, ...rest: [{ cause?: unknown }?]) { super(message, ...rest); } },
  };
  const cls = classes[name];
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(cls.prototype, "message", { value: "", writable: true, enumerable: false, configurable: true });
  return cls;
}

/** Defines the three error classes on `ctx`. */
export function defineErrors(ctx: Context): void {
  ctx.CompileError = errorClass("CompileError");
  ctx.LinkError = errorClass("LinkError");
  ctx.RuntimeError = errorClass("RuntimeError");
}

/**
 * What an exception from the engine becomes in JavaScript. Engine errors
 * become the namespace's errors (the engine's error as `cause`); an
 * exception leaving wasm becomes its `WebAssembly.Exception`, or the
 * JavaScript value it carries when its tag is `JSTag`; a trap that was a
 * "host error" gives back the JavaScript exception it wraps; anything
 * else passes through unchanged.
 */
export function toJSError(ctx: Context, e: unknown): unknown {
  if (e instanceof WasmException) {
    if (e.tag === ctx.jsTag) return refToJS(ctx, e.payload[0]);
    return exceptionObject(ctx, e.exception);
  }
  if (e instanceof Trap) {
    if (e.reason === TrapMessage.HostError && e.cause !== undefined) return e.cause;
    const known = ctx.trapErrors.get(e);
    if (known !== undefined) return known;
    const err = new ctx.RuntimeError(e.message, { cause: e });
    ctx.trapErrors.set(e, err);
    ctx.errorTraps.set(err, e);
    return err;
  }
  if (e instanceof DecodeError || e instanceof ValidationError) return new ctx.CompileError(e.message, { cause: e });
  if (e instanceof EngineLinkError) return new ctx.LinkError(e.message, { cause: e });
  return e;
}
