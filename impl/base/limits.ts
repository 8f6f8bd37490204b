/**
 * The implementation limits the engine enforces: those of the WebAssembly
 * JavaScript API specification ("Implementation-defined Limits"), which V8
 * and the other web engines share, so that a module is accepted or rejected
 * here as it is there. The core specification lets an implementation reject
 * a module beyond its limits; without these, a tiny module such as
 * `(module (table 0xffffffff funcref))` could exhaust the host.
 * @see https://webassembly.github.io/spec/js-api/#limits
 * @module
 */

/** Static limits, checked while decoding (a {@link DecodeError} naming the limit). */
export const Limit = {
  /** Bytes in a module binary (1 GiB). */
  ModuleSize: 1_073_741_824,
  /** Types in the type section (recursive groups' members counted one by one). */
  Types: 1_000_000,
  /** Fields of a struct type (GC). */
  StructFields: 10_000,
  /** Declared supertypes of a type (GC): at most one. */
  Supertypes: 1,
  /** Functions defined (the function section). */
  Functions: 1_000_000,
  /** Imports (1,000,000 since the 2024 revision; V8 of Node 20 still has 100,000). */
  Imports: 1_000_000,
  /** Exports (as imports). */
  Exports: 1_000_000,
  /** Globals defined (the global section). */
  Globals: 1_000_000,
  /** Data segments. */
  DataSegments: 100_000,
  /** Element segments. */
  ElementSegments: 10_000_000,
  /** Tables, imported and defined. */
  Tables: 100_000,
  /** Memories, imported and defined (100 since multiple memories; 1 before). */
  Memories: 100,
  /** Parameters of a function type. */
  Params: 1_000,
  /** Results of a function type (so of any function or block). */
  Results: 1_000,
  /** Bytes of a function body, local declarations included. */
  FunctionBodySize: 7_654_321,
  /** Locals of a function, its parameters included. */
  Locals: 50_000,
} as const;

/**
 * Elements of a table (a dynamic limit): a table whose minimum is larger
 * cannot be made (instantiation fails, `wasm_table_new` returns null), and
 * `table.grow` past it fails with -1. A larger declared maximum is fine.
 */
export const TABLE_SIZE_LIMIT = 10_000_000;
