/**
 * Feature sets: which proposals beyond Wasm 2.0 the decoder accepts. Only the
 * decoder consults them; a decoded module is judged by the validator and run
 * by the tiers alike whatever the features were.
 * @module
 */

/** The post-2.0 features the engine can switch on or off. */
export interface Features {
  /**
   * Exception handling (Wasm 3.0): the tag section, tag imports and exports,
   * `throw`, `throw_ref`, `try_table` and the `exnref` type.
   * @see https://webassembly.github.io/spec/core/syntax/instructions.html#control-instructions
   */
  readonly exceptions: boolean;
  /**
   * Tail calls (Wasm 3.0): `return_call` and `return_call_indirect`.
   * @see https://webassembly.github.io/spec/core/syntax/instructions.html#control-instructions
   */
  readonly tailCalls: boolean;
  /**
   * Relaxed SIMD (Wasm 3.0): the twenty `0xFD 0x100`..`0xFD 0x113` instructions.
   * @see https://webassembly.github.io/spec/core/syntax/instructions.html#vector-instructions
   */
  readonly relaxedSimd: boolean;
  /**
   * Wasm 3.0's constant expressions: `i32/i64.add`, `sub`, `mul`, and
   * `global.get` of any earlier immutable global (not only imported ones).
   * Without it they are invalid, as in Wasm 2.0 (the decoder marks the
   * module, the validator reads the mark).
   * @see https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions
   */
  readonly extendedConst: boolean;
  /**
   * Threads: shared memories (limits flags 2 and 3) and the atomic
   * instructions of the `0xFE` prefix.
   * @see https://github.com/WebAssembly/threads/blob/main/proposals/threads/Overview.md
   */
  readonly threads: boolean;
  /**
   * memory64 and table64 (Wasm 3.0): limits flags with bit 2 set (`0x04`..`0x07`)
   * declare a memory or table addressed by i64, with 64-bit bounds.
   * @see https://webassembly.github.io/spec/core/binary/types.html#limits
   */
  readonly memory64: boolean;
  /**
   * Multiple memories (Wasm 3.0): more than one memory, and a memory index in
   * every memory instruction. Without it a second memory is invalid, as in
   * Wasm 2.0 (the decoder marks the module, the validator reads the mark).
   * @see https://webassembly.github.io/spec/core/binary/instructions.html#memory-instructions
   */
  readonly multiMemory: boolean;
  /**
   * Typed function references (Wasm 3.0): the value types `(ref null? ht)`
   * (`0x63`/`0x64` and a heap type), `call_ref`, `return_call_ref`,
   * `ref.as_non_null`, `br_on_null`, `br_on_non_null`, `ref.null` of a heap
   * type, and tables with an initialiser expression (`0x40 0x00`).
   * @see https://webassembly.github.io/spec/core/binary/types.html#reference-types
   */
  readonly functionReferences: boolean;
  /**
   * Garbage collection (Wasm 3.0): recursive type groups, subtype
   * declarations, struct and array types, the `any` hierarchy's heap types
   * (any, eq, i31, struct, array, none) and the GC instructions (`0xFB`).
   * @see https://webassembly.github.io/spec/core/binary/types.html#recursive-types
   */
  readonly gc: boolean;
}

/**
 * Exactly Wasm 2.0: everything a later feature adds is malformed (an import
 * of kind 4 is "malformed import kind", section 13 "malformed section id"), as
 * the 2.0 spec test suite expects.
 */
export const WASM_2_0: Features = Object.freeze({
  exceptions: false, tailCalls: false, relaxedSimd: false, extendedConst: false, threads: false, memory64: false, multiMemory: false, functionReferences: false, gc: false,
});

/**
 * What the engine accepts unless told otherwise: Wasm 2.0 plus exception
 * handling, tail calls, relaxed SIMD, extended constant expressions, threads,
 * memory64/table64, multiple memories, typed function references and GC.
 */
export const DEFAULT_FEATURES: Features = Object.freeze({
  exceptions: true, tailCalls: true, relaxedSimd: true, extendedConst: true, threads: true, memory64: true, multiMemory: true, functionReferences: true, gc: true,
});
