/**
 * A readable listing of lowered code, for tests and for looking at what the
 * lowering produced (`node -e` in a debugging session). Not used when running.
 * @module
 */
import { simdLength } from "../simd/step.js";
import { ATOMIC_WORDS } from "./atomics.js";
import { MEM_WORDS } from "./memory.js";
import { GC_AGG_WORDS } from "./gc-aggregates.js";
import { Code } from "./codes.js";
import { ISA } from "./isa.js";
import type { CompiledFunc } from "./codespace.js";

/**
 * Name and operand layout of every code, in {@link Code} order (from the
 * instruction set's one definition, ./isa.ts, which documents the layout letters).
 */
export const CODE_INFO: readonly (readonly [string, string])[] = ISA.filter((i) => i.layout !== undefined)
  .map((i) => [i.name, i.layout!] as const);

/** Length in words of the instruction at `pc` (its code and operands). */
export function instructionLength(code: Int32Array, pc: number): number {
  const c = code[pc]!;
  if (c === Code.BrTable) return 4 + code[pc + 2]!;
  if (c === Code.RetN) return 2 + 2 * code[pc + 1]!;
  if (c === Code.Simd) return simdLength(code[pc + 2]!);
  if (c === Code.Atomic) return ATOMIC_WORDS;
  if (c === Code.Mem) return MEM_WORDS;
  if (c === Code.RefTest) return 5;
  if (c === Code.RefCast) return 4;
  if (c === Code.GcAggregate) return GC_AGG_WORDS;
  return 1 + CODE_INFO[c]![1].length;
}

/** One decoded instruction: its position, code, name and operands. */
export interface Listed {
  readonly pc: number;
  readonly code: Code;
  readonly name: string;
  readonly operands: readonly number[];
}

/** Decodes a lowered function into its instructions. */
export function listInstructions(cf: CompiledFunc): Listed[] {
  const out: Listed[] = [];
  const code = cf.code;
  for (let pc = 0; pc < code.length;) {
    const c = code[pc]! as Code;
    const len = instructionLength(code, pc);
    out.push({ pc, code: c, name: CODE_INFO[c]?.[0] ?? `?${c}`, operands: [...code.subarray(pc + 1, pc + len)] });
    pc += len;
  }
  return out;
}

/** The listing as text, one instruction a line. */
export function disassemble(cf: CompiledFunc): string {
  return listInstructions(cf).map((l) => `${String(l.pc).padStart(5)}  ${l.name} ${l.operands.join(" ")}`).join("\n");
}
