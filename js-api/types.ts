/**
 * The namespace's shape for TypeScript code (the project compiles without the
 * DOM library, which is where the platform's own `WebAssembly` declarations live).
 * @module
 */

/** Bytes a module is compiled from: an `ArrayBuffer` or a view of one. */
export type BufferSourceLike = ArrayBuffer | ArrayBufferView;

/** An import object: module name -> field name -> value. */
export type ImportObject = Record<string, Record<string, unknown>>;

/** `WebAssembly.Module`. */
export interface ModuleObject { readonly __brand?: "WebAssembly.Module" }
/** `WebAssembly.Instance`. */
export interface InstanceObject { readonly exports: Record<string, unknown> }
/** `WebAssembly.Memory`. */
export interface MemoryObject {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  /** Grows by `delta` pages; the old size in pages (a BigInt for a memory64 memory). */
  grow(delta: number): number;
  grow(delta: bigint): bigint;
}
/** `WebAssembly.Memory`'s descriptor: 32-bit addresses with numbers, or `address: "i64"` (memory64) with BigInts. */
export type MemoryDescriptor =
  | { initial: number; maximum?: number; shared?: boolean; address?: "i32" }
  | { initial: bigint; maximum?: bigint; shared?: boolean; address: "i64" };
/** `WebAssembly.Table`. */
export interface TableObject {
  /** The length: a number, or a BigInt for a table64 table. */
  readonly length: number | bigint;
  /** Indices and deltas are numbers, or BigInts for a table64 table. */
  get(index: number | bigint): unknown;
  set(index: number | bigint, value?: unknown): void;
  grow(delta: number, value?: unknown): number;
  grow(delta: bigint, value?: unknown): bigint;
}
/** `WebAssembly.Table`'s descriptor: 32-bit indices with numbers, or `address: "i64"` (table64) with BigInts. */
export type TableDescriptor =
  | { element: string; initial: number; maximum?: number; address?: "i32" }
  | { element: string; initial: bigint; maximum?: bigint; address: "i64" };
/** `WebAssembly.Global`. */
export interface GlobalObject { value: unknown; valueOf(): unknown }
/** `WebAssembly.Tag`. */
export interface TagObject { readonly __brand?: "WebAssembly.Tag" }
/** `WebAssembly.Exception`. */
export interface ExceptionObject { getArg(tag: TagObject, index: number): unknown; is(tag: TagObject): boolean; readonly stack?: string }

/** The `WebAssembly` namespace. */
export interface WebAssemblyNamespace {
  validate(bytes: BufferSourceLike): boolean;
  compile(bytes: BufferSourceLike): Promise<ModuleObject>;
  instantiate(bytes: BufferSourceLike, importObject?: ImportObject): Promise<{ module: ModuleObject; instance: InstanceObject }>;
  instantiate(module: ModuleObject, importObject?: ImportObject): Promise<InstanceObject>;
  compileStreaming?(source: unknown): Promise<ModuleObject>;
  instantiateStreaming?(source: unknown, importObject?: ImportObject): Promise<{ module: ModuleObject; instance: InstanceObject }>;
  readonly Module: {
    new (bytes: BufferSourceLike): ModuleObject;
    exports(module: ModuleObject): { name: string; kind: string }[];
    imports(module: ModuleObject): { module: string; name: string; kind: string }[];
    customSections(module: ModuleObject, name: string): ArrayBuffer[];
  };
  readonly Instance: new (module: ModuleObject, importObject?: ImportObject) => InstanceObject;
  readonly Memory: new (descriptor: MemoryDescriptor) => MemoryObject;
  readonly Table: new (descriptor: TableDescriptor, value?: unknown) => TableObject;
  readonly Global: new (descriptor: { value: string; mutable?: boolean }, value?: unknown) => GlobalObject;
  readonly Tag: new (descriptor: { parameters: string[] }) => TagObject;
  readonly Exception: new (tag: TagObject, payload: unknown[], options?: { traceStack?: boolean }) => ExceptionObject;
  readonly JSTag: TagObject;
  readonly CompileError: ErrorConstructor;
  readonly LinkError: ErrorConstructor;
  readonly RuntimeError: ErrorConstructor;
}
