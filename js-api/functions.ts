/**
 * Functions across the boundary: a wasm function as JavaScript sees it (an
 * "exported function", one per function instance) and a JavaScript function
 * as wasm sees it (a host function made when it is imported).
 * @see https://webassembly.github.io/spec/js-api/#exported-function-exotic-objects
 * @see https://webassembly.github.io/spec/js-api/#create-a-host-function
 * @module
 */
import { FuncInstance, invoke, Trap, ValType, WasmException, type FuncType, type RawValue } from "../impl/index.js";
import type { Context } from "./context.js";
import { toJSError } from "./errors.js";
import { signature, toJSValue, toWebAssemblyValue, type Signature } from "./values.js";

/**
 * The exported function of `func`: the same JavaScript function every time
 * for one namespace. It is not a constructor; its `name` is the function's
 * index as a string and its `length` the number of parameters. A call
 * converts the arguments (missing ones are undefined), runs the function and
 * gives undefined, the one result, or an array of the results. `index`
 * names a host function (which has no index of its own) by its place in
 * the instance that exports it.
 * @see https://webassembly.github.io/spec/js-api/#a-new-exported-function
 */
export function exportedFunction(ctx: Context, func: FuncInstance, index = func.index): (...args: unknown[]) => unknown {
  const known = ctx.functionObjects.get(func);
  if (known !== undefined) return known as (...args: unknown[]) => unknown;
  const type = signature(func.type);
  // An arrow function: callable, not constructible, no `prototype`, as a built-in function.
  const fn = (...args: unknown[]): unknown => callExported(ctx, func, type, args);
  Object.defineProperty(fn, "length", { value: type.params.length, writable: false, enumerable: false, configurable: true });
  Object.defineProperty(fn, "name", { value: String(Math.max(index, 0)), writable: false, enumerable: false, configurable: true });
  ctx.functionObjects.set(func, fn);
  ctx.funcOf.set(fn, func);
  return fn;
}

/** Calls an exported function: the spec's "call an exported function". */
function callExported(ctx: Context, func: FuncInstance, type: Signature, args: unknown[]): unknown {
  const params = type.params;
  const raw: RawValue[] = new Array<RawValue>(params.length);
  for (let i = 0; i < params.length; i++) raw[i] = toWebAssemblyValue(ctx, args[i], params[i]!, type.types);
  let out: RawValue[];
  try {
    out = invoke(func, raw);
  } catch (e) {
    throw toJSError(ctx, e);
  }
  const results = type.results;
  if (results.length === 0) return undefined;
  if (results.length === 1) return toJSValue(ctx, out[0], results[0]!);
  return results.map((t, i) => toJSValue(ctx, out[i], t));
}

/**
 * The function instance a JavaScript value stands for when imported as a
 * function of type `type`: an exported function's own instance (its type is
 * then checked by instantiation), else a new host function that calls `fn`.
 * @see https://webassembly.github.io/spec/js-api/#create-a-host-function
 */
export function importedFunction(ctx: Context, fn: (...args: unknown[]) => unknown, type: FuncType): FuncInstance {
  const own = ctx.funcOf.get(fn);
  if (own !== undefined) return own;
  const sig = signature(type);
  return new FuncInstance(type, null, -1, (raw) => callHost(ctx, fn, sig, raw));
}

/** Runs a host function: converts the arguments, calls with `this` undefined, converts what it returns. */
function callHost(ctx: Context, fn: (...args: unknown[]) => unknown, type: Signature, raw: RawValue[]): RawValue[] {
  try {
    const params = type.params;
    const args: unknown[] = new Array<unknown>(params.length);
    for (let i = 0; i < params.length; i++) args[i] = toJSValue(ctx, raw[i], params[i]!);
    const ret = Reflect.apply(fn, undefined, args);
    const results = type.results;
    if (results.length === 0) return [];
    if (results.length === 1) return [toWebAssemblyValue(ctx, ret, results[0]!, type.types)];
    // Several results: any iterable of exactly that many values.
    if (ret === null || (typeof ret !== "object" && typeof ret !== "function")) {
      throw new TypeError("a host function with several results must return an iterable object");
    }
    const values = [...(ret as Iterable<unknown>)];
    if (values.length !== results.length) {
      throw new TypeError(`a host function must return ${results.length} values, got ${values.length}`);
    }
    return results.map((t, i) => toWebAssemblyValue(ctx, values[i], t, type.types));
  } catch (e) {
    throw intoWasm(ctx, e);
  }
}

/**
 * What a JavaScript exception becomes inside wasm: a `WebAssembly.Exception`
 * its own exception, a `RuntimeError` that came from a trap that trap again
 * (traps stay uncatchable), an engine error itself, anything else an
 * exception of the JavaScript tag carrying the value.
 */
export function intoWasm(ctx: Context, e: unknown): unknown {
  if (e instanceof WasmException || e instanceof Trap) return e;
  if (e !== null && typeof e === "object") {
    const exn = ctx.exceptions.get(e);
    if (exn !== undefined) return new WasmException(exn);
    const trap = ctx.errorTraps.get(e);
    if (trap !== undefined) return trap;
  }
  // The payload as ToWebAssemblyValue(e, externref) makes it (an i31-range Number externalized).
  return new WasmException(ctx.jsTag, [toWebAssemblyValue(ctx, e, ValType.ExternRef)]);
}
