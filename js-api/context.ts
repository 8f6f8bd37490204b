/**
 * The state one `WebAssembly` namespace keeps: the store its objects live in,
 * the decoder's features, the brand maps that tie each JavaScript wrapper to
 * its engine object (Web IDL's internal slots, `[[Module]]`, `[[Memory]]`,
 * ...), and the caches that give one engine object one wrapper (the spec's
 * "exported function cache", "memory object cache", ...).
 * @see https://webassembly.github.io/spec/js-api/#cache
 * @module
 */
import {
  Store, TagInstance, ValType,
  type ExceptionInstance, type Features, type FuncInstance, type GlobalInstance, type MemoryInstance,
  type ModuleInstance, type TableInstance, type TierName, type ValidatedModule,
} from "../impl/index.js";

/** Options of a namespace made by {@link createWebAssembly}. */
export interface WebAssemblyOptions {
  /** The tier that runs code (default "interpreter", the engine's default). */
  readonly tier?: TierName;
  /** The decoder's features (default: the engine's, Wasm 2.0 plus exception handling and tail calls). */
  readonly features?: Features;
  /**
   * Detaches an `ArrayBuffer` (a memory's old buffer after a grow). The
   * default uses `ArrayBuffer.prototype.transfer` or `structuredClone`,
   * whichever the realm has; a `vm` context has neither, so the host that
   * installs the namespace there passes its own.
   */
  readonly detach?: (buffer: ArrayBuffer) => void;
}

/** A constructor the namespace defines, as the other parts see it. */
export type Interface = abstract new (...args: never[]) => object;

/** The per-namespace state shared by every interface of one namespace. */
export class Context {
  readonly store: Store;
  readonly features: Features | undefined;
  readonly detach: (buffer: ArrayBuffer) => void;

  // Brands: wrapper -> engine object (the interfaces' internal slots).
  readonly modules = new WeakMap<object, ValidatedModule>();
  readonly instances = new WeakMap<object, ModuleInstance>();
  readonly memories = new WeakMap<object, MemoryInstance>();
  readonly tables = new WeakMap<object, TableInstance>();
  readonly globals = new WeakMap<object, GlobalInstance>();
  readonly tags = new WeakMap<object, TagInstance>();
  readonly exceptions = new WeakMap<object, ExceptionInstance>();
  /** Exported functions -> their function instance (the spec's `[[FunctionAddress]]`). */
  readonly funcOf = new WeakMap<object, FuncInstance>();
  /** Exported GC objects -> the struct or array they stand for (the spec's `[[ObjectAddress]]`). */
  readonly gcObjectOf = new WeakMap<object, object>();

  // Caches: engine object -> its one wrapper.
  readonly memoryObjects = new WeakMap<MemoryInstance, object>();
  readonly tableObjects = new WeakMap<TableInstance, object>();
  readonly globalObjects = new WeakMap<GlobalInstance, object>();
  readonly tagObjects = new WeakMap<TagInstance, object>();
  readonly exceptionObjects = new WeakMap<ExceptionInstance, object>();
  readonly functionObjects = new WeakMap<FuncInstance, object>();
  /** A struct or array -> its Exported GC Object, so it crosses the boundary as one object. */
  readonly gcObjects = new WeakMap<object, object>();
  /** The `RuntimeError` a trap became, so the same trap crossing the boundary twice is the same error. */
  readonly trapErrors = new WeakMap<object, Error>();
  /** The trap a `RuntimeError` came from, so it stays uncatchable when it is thrown back into wasm. */
  readonly errorTraps = new WeakMap<object, Error>();

  /**
   * The JavaScript exception tag (`WebAssembly.JSTag`): a JavaScript value
   * thrown into wasm code travels as an exception of this tag with the value
   * as its one `externref` payload, so `catch_all` (and `catch` of this tag)
   * catches it and it leaves wasm as the same value.
   */
  readonly jsTag: TagInstance;

  // The interfaces, filled in as the namespace is built.
  Module!: Interface;
  Instance!: Interface;
  Memory!: Interface;
  Table!: Interface;
  Global!: Interface;
  Tag!: Interface;
  Exception!: Interface;
  CompileError!: new (message?: string, options?: { cause?: unknown }) => Error;
  LinkError!: new (message?: string, options?: { cause?: unknown }) => Error;
  RuntimeError!: new (message?: string, options?: { cause?: unknown }) => Error;

  constructor(options: WebAssemblyOptions) {
    this.store = new Store(options.tier === undefined ? {} : { tier: options.tier });
    this.features = options.features;
    this.detach = options.detach ?? defaultDetach;
    this.jsTag = new TagInstance({ type: { params: [ValType.ExternRef], results: [] } });
    this.jsTag.name = "JSTag";
  }
}

/** Detaches with what the realm offers; when it offers nothing the old buffer stays as it is. */
function defaultDetach(buffer: ArrayBuffer): void {
  const transfer = (ArrayBuffer.prototype as { transfer?: (this: ArrayBuffer) => ArrayBuffer }).transfer;
  if (typeof transfer === "function") {
    transfer.call(buffer);
    return;
  }
  const clone = (globalThis as { structuredClone?: (v: unknown, o: { transfer: ArrayBuffer[] }) => unknown }).structuredClone;
  if (typeof clone === "function") clone(buffer, { transfer: [buffer] });
}
