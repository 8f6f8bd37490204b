/**
 * Exception handling in the interpreter: raising (`throw`, `throw_ref`) and
 * unwinding to a `try_table` handler. Nothing here runs unless an exception
 * is raised: the dispatch loop only notes where an exception left it (as it
 * does for traps), and {@link unwind} then searches the handler tables of
 * the frames from that one outward.
 *
 * A `try_table` lowers to its body plus an entry in its function's handler
 * table ({@link Handler}): the code range it covers and its catch clauses,
 * each with a landing pad (code after the function's end that moves the
 * caught values to the clause's label and branches there) and the slots the
 * payload and exnref go to.
 * @see https://webassembly.github.io/spec/core/exec/instructions.html#xref-syntax-instructions-syntax-instr-control-mathsf-try-table-xref-syntax-types-syntax-blocktype-mathit-blocktype-xref-syntax-instructions-syntax-catch-mathit-catch-ast-xref-syntax-instructions-syntax-instr-mathit-instr-ast-xref-syntax-instructions-syntax-instr-control-mathsf-end
 * @module
 */
import { CatchKind } from "../../base/opcodes.js";
import { Trap, TrapMessage } from "../../base/errors.js";
import { ValType } from "../../base/types.js";
import { ExceptionInstance, WasmException } from "../../runtime/exception.js";
import type { ModuleInstance } from "../../runtime/instances.js";
import type { RawValue } from "../../runtime/values.js";
import { readSlot, spaceOf, writeSlot, type Machine } from "./machine.js";

/** One catch clause of a `try_table`, as the unwinder uses it. */
export interface CatchClause {
  readonly kind: CatchKind;
  /** Tag index in the module's tag index space; -1 for `catch_all` and `catch_all_ref`. */
  readonly tag: number;
  /** Code space position of the clause's landing pad. */
  landing: number;
  /** Words from the frame base of the first slot the caught values go to (payload, then the exnref). */
  readonly slot: number;
  /** Types of the payload values written there (none for the `catch_all` kinds). */
  readonly types: readonly ValType[];
}

/** The handler of one `try_table`: the code it covers and its clauses in order. */
export interface Handler {
  /** First code space position the handler covers. */
  readonly start: number;
  /** Position just past the last one it covers. */
  end: number;
  readonly clauses: readonly CatchClause[];
}

/** `throw`: raises an exception of tag `tagIndex` with the payload in the slots from word `at`. */
export function throwTag(m: Machine, inst: ModuleInstance, tagIndex: number, at: number): never {
  const tag = inst.tags[tagIndex]!;
  const params = tag.type.type.params;
  const payload: RawValue[] = new Array<RawValue>(params.length);
  for (let i = 0; i < params.length; i++) payload[i] = readSlot(m, params[i]!, at + 2 * i);
  throw new WasmException(new ExceptionInstance(tag, payload));
}

/** `throw_ref`: raises the exception an exnref refers to again (the same instance); null traps. */
export function throwRef(ref: unknown): never {
  if (ref === null) throw new Trap(TrapMessage.NullReference, "throw_ref of a null exnref");
  throw new WasmException(ref as ExceptionInstance);
}

/**
 * Catches `e` if a handler of this run's frames (those above `baseDepth`)
 * matches it: searches from where the exception left the dispatch loop (the
 * machine's `trap*` fields) outward through the frame stack, innermost
 * handler first, clauses in order; a tag matches by identity. On a match,
 * writes the caught values, drops the frames above the handler's, sets the
 * machine's `resume*` fields to the landing pad and returns true. Traps are
 * never caught.
 */
export function unwind(m: Machine, e: unknown, baseDepth: number): boolean {
  if (!(e instanceof WasmException)) return false;
  let inst = m.trapInst;
  if (inst === null) return false;
  const exn = e.exception;
  const depth = m.trapDepth;
  let pc = m.trapPc, fp = m.trapFp;
  // The current frame's position is past the call when the exception left a call instruction.
  let returning = m.atCall;
  for (let d = depth; d > baseDepth; d--) {
    if (d < depth) {
      // Frame d called frame d + 1 (see ./trace.ts for the frame stack's layout).
      const ret = m.frames[2 * d]!;
      if (ret < 0) { pc = ~ret; inst = m.retInst[d]!; } else pc = ret;
      fp = m.frames[2 * d + 1]!;
      returning = true;
    }
    const at = returning ? pc - 1 : pc;
    const cf = spaceOf(inst).funcAt(at);
    if (cf === null) continue;
    for (const h of cf.handlers) {
      if (at < h.start || at >= h.end) continue;
      for (const c of h.clauses) {
        if (c.tag >= 0 && inst.tags[c.tag] !== exn.tag) continue;
        const types = c.types;
        for (let j = 0; j < types.length; j++) writeSlot(m, types[j]!, fp + c.slot + 2 * j, exn.payload[j]);
        if (c.kind === CatchKind.CatchRef || c.kind === CatchKind.CatchAllRef) {
          writeSlot(m, ValType.ExnRef, fp + c.slot + 2 * types.length, exn);
        }
        for (let k = d; k < depth; k++) m.retInst[k] = null;
        m.resumePc = c.landing; m.resumeFp = fp; m.resumeDepth = d; m.resumeInst = inst;
        m.trapInst = null;
        m.atCall = false;
        return true;
      }
    }
  }
  return false;
}
