/**
 * What the emitter of one function (emit.ts) lends the emitters of the
 * instruction families kept in their own files (SIMD, exception handling,
 * tail calls): its operand stack of typed slots and the few operations on
 * it. Everything they write goes through {@link FunctionEmitter.emit}, and
 * like the rest of the emitter they splice no byte of the module into the
 * text: only counter-made names, numeric literals and constant-pool names.
 * @module
 */
import type { ValType } from "../../base/types.js";
import type { EmitContext } from "./emit.js";

/** The state of the function being emitted, as the family emitters use it. */
export interface FunctionEmitter {
  readonly cx: EmitContext;
  /** The types of the operand stack's slots (slot k's variables are named by its type and k). */
  readonly ts: ValType[];
  /** Pushes a slot of type `t`; returns its (first) variable's name. */
  push(t: ValType): string;
  /** Pops the top slot; returns its (first) variable's name. */
  pop(): string;
  /** Pops an index of table `t` (a table64's i64 as the u32 the table helpers read); returns its expression. */
  popIndex(t: number): string;
  /** The variables of slot `k`: one, two for an i64 (low, high), four for a v128 (words 0 to 3). */
  parts(k: number): string[];
  /** Appends statements to the function's text. */
  emit(s: string): void;
  /** Statements that move the branch values and jump to the label `depth` levels out (a `return` for the function's). */
  branch(depth: number): string;
  /** Statements that return the top values as the function's results. */
  returnStmt(): string;
  /**
   * Memory `k` as the function's code reaches it (see {@link MemoryRef}),
   * noting that the function uses it (it then holds the memory's `DataView`).
   */
  memory(k: number): MemoryRef;
  /**
   * Pops an address operand of memory `k`: the expression of its value as an
   * exact number (unsigned; an i64 from its halves, see {@link MemoryRef}).
   */
  popAddress(k: number): string;
  /**
   * The variable holding memory `k`'s typed views for `Atomics` (an
   * `AtomicViews` of ../interpreter/atomics.ts), read again with its
   * `DataView` (see {@link MemoryRef}); `k` has i32 addresses.
   */
  atomicViews(k: number): string;
  /** The statement that reads the memories' views again after a call (empty when the module has no memory). */
  readonly refresh: string;
  /** The expression of the event meter calls out of compiled code pass: `CT` in metered code, else `null`. */
  readonly meter: string;
}

/**
 * How generated code reaches one memory. Memory 0 is `MEM` with its view in
 * `V` (the names of every module before multiple memories, so its code did
 * not change); memory k > 0 is `MS[k]` with its view in `V<k>`. Each view is
 * read again after every call and grow (the refresh), so a grow by any code
 * shows at once. For an i64-addressed memory (memory64) an address is the
 * i64's halves read as `(hi>>>0)*2^32+(lo>>>0)`: exact below 2^53, and from
 * 2^53 on (a high half of 2^21 or more) at least 2^53 after rounding, as is
 * every sum with an offset or a length, so still beyond every memory a
 * host can make; the `DataView` then refuses the access as it refuses any
 * index past its end. No bigint is made.
 */
export interface MemoryRef {
  /** The variable holding the memory's `DataView`. */
  readonly view: string;
  /** The expression of the `MemoryInstance`. */
  readonly obj: string;
  /** Whether the memory is addressed by i64 (memory64). */
  readonly wide: boolean;
  /** The literal of a memarg offset `offset` (a u32, or for memory64 a u64 read as a double). */
  offset(offset: number): string;
}
