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
export interface MemoryObject { readonly buffer: ArrayBuffer; grow(delta: number): number }
/** `WebAssembly.Table`. */
export interface TableObject { readonly length: number; get(index: number): unknown; set(index: number, value?: unknown): void; grow(delta: number, value?: unknown): number }
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
  readonly Memory: new (descriptor: { initial: number; maximum?: number }) => MemoryObject;
  readonly Table: new (descriptor: { element: string; initial: number; maximum?: number }, value?: unknown) => TableObject;
  readonly Global: new (descriptor: { value: string; mutable?: boolean }, value?: unknown) => GlobalObject;
  readonly Tag: new (descriptor: { parameters: string[] }) => TagObject;
  readonly Exception: new (tag: TagObject, payload: unknown[], options?: { traceStack?: boolean }) => ExceptionObject;
  readonly JSTag: TagObject;
  readonly CompileError: ErrorConstructor;
  readonly LinkError: ErrorConstructor;
  readonly RuntimeError: ErrorConstructor;
}
