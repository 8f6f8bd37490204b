/**
 * The `WebAssembly` namespace object: its interfaces, `validate`, `compile`,
 * `instantiate` (both overloads), and `compileStreaming` and
 * `instantiateStreaming` where the realm has `Response`.
 * @see https://webassembly.github.io/spec/js-api/#webassembly-namespace
 * @see https://webassembly.github.io/spec/web-api/#streaming-modules
 * @module
 */
import { DecodeError, ValidationError, compileModule } from "../impl/index.js";
import { Context, type WebAssemblyOptions } from "./context.js";
import { defineErrors } from "./errors.js";
import { defineException } from "./exception.js";
import { defineGlobal } from "./global.js";
import { defineInstance, instanceObject, instantiateCore, readImports } from "./instance.js";
import { defineMemory } from "./memory.js";
import { bufferSource, compileBytes, defineModule, moduleObject } from "./module.js";
import { defineTable } from "./table.js";
import { defineTag, tagObject } from "./tag.js";
import { defineValue, isObject, toStringTag } from "./webidl.js";

/**
 * Makes a new `WebAssembly` namespace over the engine, with its own store,
 * interfaces and caches (objects of one namespace are not accepted by
 * another's). Everything it makes belongs to the realm this code runs in.
 */
export function createWebAssembly(options: WebAssemblyOptions = {}): Record<string, unknown> {
  const ctx = new Context(options);
  defineErrors(ctx);
  defineModule(ctx);
  defineInstance(ctx);
  defineMemory(ctx);
  defineTable(ctx);
  defineGlobal(ctx);
  defineTag(ctx);
  defineException(ctx);

  /** A promise settled by `work` run in a later job: what it returns, or what it throws. */
  const later = <T>(work: () => T): Promise<T> => Promise.resolve().then(work);

  /** Compiles in a later job (the copy of the bytes is made now, as the spec says). */
  const compileLater = (bytes: Uint8Array): Promise<object> => later(() => moduleObject(ctx, compileBytes(ctx, bytes)));

  /** Instantiates a module object in a later job, its imports read now (the spec's "asynchronously instantiate"). */
  const instantiateModule = (moduleObj: object, importObject: unknown): Promise<object> => {
    const module = ctx.modules.get(moduleObj)!;
    let externs;
    try {
      externs = readImports(ctx, module, importObject);
    } catch (e) {
      return Promise.reject(e);
    }
    return later(() => instanceObject(ctx, instantiateCore(ctx, module, externs)));
  };

  /** Compiles then instantiates, giving `{ module, instance }`. */
  const instantiateBytes = (compiled: Promise<object>, importObject: unknown): Promise<{ module: object; instance: object }> =>
    compiled.then((module) => instantiateModule(module, importObject).then((instance) => ({ module, instance })));

  const ns = {
    /** Whether `bytes` are a valid module (a `TypeError` when they are not a BufferSource). */
    validate(bytes: unknown): boolean {
      const b = bufferSource(bytes);
      try {
        compileModule(b, ctx.features);
        return true;
      } catch (e) {
        if (e instanceof DecodeError || e instanceof ValidationError) return false;
        throw e;
      }
    },
    /** A promise of the `Module` compiled from `bytes`. */
    compile(bytes: unknown): Promise<object> {
      let b: Uint8Array;
      try {
        b = bufferSource(bytes);
      } catch (e) {
        return Promise.reject(e);
      }
      return compileLater(b);
    },
    /**
     * With a `Module`, a promise of its `Instance`; with bytes, a promise of
     * `{ module, instance }`.
     */
    instantiate(source: unknown, ...rest: unknown[]): Promise<unknown> {
      const importObject = rest[0];
      if (isObject(source) && ctx.modules.has(source)) return instantiateModule(source, importObject);
      let b: Uint8Array;
      try {
        b = bufferSource(source);
      } catch (e) {
        return Promise.reject(e);
      }
      return instantiateBytes(compileLater(b), importObject);
    },
  };

  const namespace: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(ns)) defineValue(namespace, name, fn, true);

  // Whether the realm has `Response`, asked without reading it: on Node, reading it loads the fetch
  // implementation, which then instantiates a module of its own through whatever `WebAssembly` is global.
  if (Object.getOwnPropertyDescriptor(globalThis, "Response") !== undefined) {
    /** The bytes of a `Response` (or a promise of one) served as `application/wasm` with an ok status. */
    const responseBytes = async (source: unknown): Promise<Uint8Array> => {
      const response = await source;
      const Response = (globalThis as { Response?: new (...args: never[]) => ResponseLike }).Response;
      if (typeof Response !== "function" || !(response instanceof Response)) throw new TypeError("the source must be a Response or a promise of one");
      const mime = response.headers.get("Content-Type");
      if (mime === null || mime.split(";")[0]!.trim().toLowerCase() !== "application/wasm") {
        throw new TypeError(`a streamed module must be served as application/wasm, got ${String(mime)}`);
      }
      if (!response.ok) throw new TypeError(`the response's status is ${response.status}`);
      if (response.bodyUsed) throw new TypeError("the response's body was already used");
      return new Uint8Array(await response.arrayBuffer());
    };
    const streaming = {
      /** A promise of the `Module` compiled from a `Response`'s body. */
      compileStreaming(source: unknown): Promise<object> {
        return responseBytes(source).then((b) => compileLater(b));
      },
      /** A promise of `{ module, instance }` from a `Response`'s body. */
      instantiateStreaming(source: unknown, ...rest: unknown[]): Promise<{ module: object; instance: object }> {
        return instantiateBytes(responseBytes(source).then((b) => compileLater(b)), rest[0]);
      },
    };
    for (const [name, fn] of Object.entries(streaming)) defineValue(namespace, name, fn, true);
  }

  const interfaces: [string, unknown][] = [
    ["Module", ctx.Module], ["Instance", ctx.Instance], ["Memory", ctx.Memory], ["Table", ctx.Table],
    ["Global", ctx.Global], ["Tag", ctx.Tag], ["Exception", ctx.Exception],
    ["CompileError", ctx.CompileError], ["LinkError", ctx.LinkError], ["RuntimeError", ctx.RuntimeError],
  ];
  for (const [name, value] of interfaces) defineValue(namespace, name, value, false);
  // The JavaScript exception tag (exception handling's JS API), a namespace attribute.
  const jsTag = tagObject(ctx, ctx.jsTag);
  Object.defineProperty(namespace, "JSTag", { get: Object.defineProperty(function () { return jsTag; }, "name", { value: "get JSTag" }), enumerable: true, configurable: true });
  toStringTag(namespace, "WebAssembly");
  return namespace;
}

/** What the streaming functions use of a `Response`. */
interface ResponseLike {
  readonly headers: { get(name: string): string | null };
  readonly ok: boolean;
  readonly status: number;
  readonly bodyUsed: boolean;
  arrayBuffer(): Promise<ArrayBuffer>;
}
