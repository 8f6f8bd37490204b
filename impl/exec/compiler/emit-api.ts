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
  /** Notes that the function reads memory (it then holds the memory's `DataView` in `V`). */
  useMemory(): void;
  /** The statement that reads the memory's view again after a call (empty when the module has no memory). */
  readonly refresh: string;
  /** The expression of the event meter calls out of compiled code pass: `CT` in metered code, else `null`. */
  readonly meter: string;
}
