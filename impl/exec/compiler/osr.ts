/**
 * On-stack replacement: the compiled variant of a function that starts at
 * one of its loops, for a frame the interpreter has been running in that
 * loop for a long time (see ../tiered.ts).
 *
 * JavaScript cannot jump into the middle of a function, so the variant is
 * the whole function with a flag `$o`, set on entry: the code that comes
 * before the loop on the way down to it (inside each enclosing block) is
 * guarded by `if($o===0)`, an enclosing `if` takes the arm that holds the
 * loop, and the flag is cleared as the loop is entered. A branch back to an
 * enclosing loop then runs that loop's code normally. The interpreter only
 * offers loops entered with an empty operand stack and no parameters
 * (../interpreter/lower.ts, `osrLoops`), so the locals are the frame's whole
 * state: the variant takes them in one array.
 * @module
 */
import { Op } from "../../base/opcodes.js";
import { CodeReader } from "../../decode/code.js";
import type { Module } from "../../decode/module.js";

/** Where a function's loop sits: the blocks around it, outermost first. */
export interface OsrPlan {
  /** Wasm offsets of the enclosing `block`/`loop`/`if` instructions, outermost first, then the loop's own. */
  readonly path: readonly number[];
  /** Per entry of {@link OsrPlan.path}: true for an `if` whose `else` arm holds the loop. */
  readonly inElse: readonly boolean[];
}

/** The blocks around the loop at wasm offset `loopOffset` of defined function `funcIndex`, or null if there is no loop there. */
export function osrPlan(m: Module, funcIndex: number, loopOffset: number): OsrPlan | null {
  const body = m.codes[funcIndex - m.importedFuncs];
  if (body === undefined) return null;
  const r = new CodeReader(m.bytes, body.codeStart, body.codeEnd);
  const open: { at: number; inElse: boolean }[] = [];
  while (r.pos < body.codeEnd) {
    const code = r.next();
    const at = r.opOffset;
    switch (code) {
      case Op.Block: case Op.If: case Op.TryTable: open.push({ at, inElse: false }); break;
      case Op.Loop:
        if (at === loopOffset) return { path: [...open.map((o) => o.at), at], inElse: [...open.map((o) => o.inElse), false] };
        open.push({ at, inElse: false });
        break;
      case Op.Else: open[open.length - 1]!.inElse = true; break;
      case Op.End: open.pop(); break;
      default: break;
    }
  }
  return null;
}

/**
 * The emitter's side of a plan: told about every instruction it is about
 * to emit (at the nesting depth it is at), it says what to emit first.
 */
export class OsrGuards {
  /** Entries of the path entered so far (the function's own frame counts as the first level). */
  #entered = 0;
  #guardOpen = false;
  #done = false;

  constructor(private readonly plan: OsrPlan) {}

  /**
   * Text to emit before the instruction `code` at wasm offset `at`, when
   * the emitter has `depth` frames open (the function's included).
   */
  before(code: number, at: number, depth: number): string {
    if (this.#done || depth !== this.#entered + 1) return "";
    const next = this.plan.path[this.#entered]!;
    if (at === next) {
      const close = this.#close();
      this.#entered++;
      if (this.#entered === this.plan.path.length) {
        this.#done = true;
        return `${close}$o=0;`;
      }
      return close;
    }
    if (code === Op.Else || code === Op.End) return this.#close();
    if (this.#guardOpen) return "";
    this.#guardOpen = true;
    return "if($o===0){";
  }

  /**
   * The condition of the `if` at wasm offset `at` given its operand's test
   * `test`: forced toward the arm that holds the loop while `$o` is set.
   */
  ifCondition(at: number, test: string): string {
    const k = this.plan.path.indexOf(at);
    if (this.#done || k < 0 || k >= this.plan.path.length - 1) return test;
    return this.plan.inElse[k] ? `($o===0&&${test})` : `($o!==0||${test})`;
  }

  #close(): string {
    if (!this.#guardOpen) return "";
    this.#guardOpen = false;
    return "}";
  }
}
