/**
 * Writes the interpreter's generated code from its one definition,
 * impl/exec/interpreter/isa.ts: the `Code` enum of ./codes.ts and the
 * family cases of ./loop.ts, each between markers in the hand-written file.
 * `npm run gen:interpreter` writes them; `--check` only says whether they
 * are up to date (the unit tests check it too).
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ISA, type Comparison, type Family, type Instr } from "../impl/exec/interpreter/isa.js";

/** The folder of the interpreter's sources (from dist/tools or tools). */
export function interpreterDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = here.includes(`${join("dist", "tools")}`) ? resolve(here, "..", "..") : resolve(here, "..");
  return join(root, "impl", "exec", "interpreter");
}

/** Splits a documentation text into comment lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** The body of `export const enum Code { ... }`. */
export function renderEnum(): string {
  const out: string[] = [];
  let line: string[] = [];
  const flush = (): void => {
    if (line.length > 0) out.push(`  ${line.join(", ")},`);
    line = [];
  };
  ISA.forEach((ins: Instr, i) => {
    if (!ins.sameLine || ins.section !== undefined || ins.doc !== undefined) flush();
    if (ins.section !== undefined) {
      if (i > 0) out.push("");
      for (const s of ins.section) out.push(`  // ${s}`);
    }
    if (ins.doc !== undefined) {
      const lines = wrap(ins.doc, 100);
      if (ins.doc.length <= 110) out.push(`  /** ${ins.doc} */`);
      else out.push("  /**", ...lines.map((l) => `   * ${l}`), "   */");
    }
    line.push(ins.name);
  });
  flush();
  return `${out.join("\n")}\n`;
}

/** The loop's expression reading operand word `j` (1-based) of layout letter `kind`. */
function operand(kind: string, j: number): string {
  const w = `code[pc + ${j}]`;
  switch (kind) {
    case "i": case "I": return `I[fp + ${w}]`;
    case "d": case "D": return `D[fd + ${w}]`;
    default: return w;
  }
}

/** `a op b` for comparison `c`, unsigned sides read with `>>> 0`. */
function compare(c: Comparison, a: string, b: string): string {
  return c.unsigned ? `${a} >>> 0 ${c.op} ${b} >>> 0` : `${a} ${c.op} ${b}`;
}

/** The loop's case for a code of a generated family (indented for the loop's switch). */
function renderCase(ins: Instr): string {
  const c = ins.comparison!, lay = ins.layout!;
  const a = (j: number): string => operand(lay[j - 1]!, j);
  const next = `pc + ${lay.length + 1}`;
  const pad = " ".repeat(18);
  switch (ins.family as Family) {
    case "br":
      return `${pad}case Code.${ins.name}: pc = ${compare(c, a(1), a(2))} ? ${a(3)} : ${next}; if (pc < 0) break backward; continue;`;
    case "cmp32":
      return `${pad}case Code.${ins.name}: ${a(1)} = ${compare(c, a(2), a(3))} ? 1 : 0; pc += ${lay.length + 1}; continue;`;
    case "brAddI": case "brAdd":
      return [
        `${pad}case Code.${ins.name}: {`,
        `${pad}  const v = (${a(2)} + ${a(3)}) | 0;`,
        `${pad}  ${a(1)} = v;`,
        `${pad}  pc = ${compare(c, "v", a(4))} ? ${a(5)} : ${next};`,
        `${pad}  if (pc < 0) break backward; continue;`,
        `${pad}}`,
      ].join("\n");
  }
}

/** The cases of one family, in the order of their codes. */
export function renderFamily(family: Family): string {
  return `${ISA.filter((i) => i.family === family).map(renderCase).join("\n")}\n`;
}

/** `text` with the part between the line holding `begin` and the line holding `end` replaced by `body`. */
function replaceBetween(text: string, begin: string, end: string, body: string, file: string): string {
  const b = text.indexOf(begin);
  const e = b < 0 ? -1 : text.indexOf(end, b + begin.length);
  if (b < 0 || e < 0) throw new Error(`${file}: markers ${begin} ... ${end} not found`);
  const from = text.indexOf("\n", b) + 1;
  const to = text.lastIndexOf("\n", e) + 1;
  return text.slice(0, from) + body + text.slice(to);
}

/** Every generated file: its path, and its text as the table gives it. */
export function generatedFiles(dir = interpreterDir()): { path: string; text: string }[] {
  const codes = join(dir, "codes.ts");
  const loop = join(dir, "loop.ts");
  let loopText = readFileSync(loop, "utf8");
  for (const f of ["br", "brAddI", "brAdd", "cmp32"] as const) {
    loopText = replaceBetween(loopText, `// @generated begin ${f} `, `// @generated end ${f}`, renderFamily(f), loop);
  }
  return [
    { path: codes, text: replaceBetween(readFileSync(codes, "utf8"), "export const enum Code {", "\n}\n", renderEnum(), codes) },
    { path: loop, text: loopText },
  ];
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const { path, text } of generatedFiles()) {
    if (readFileSync(path, "utf8") === text) continue;
    stale++;
    if (check) console.error(`${path} is not what impl/exec/interpreter/isa.ts gives: run npm run gen:interpreter`);
    else writeFileSync(path, text);
  }
  process.exitCode = check && stale > 0 ? 1 : 0;
}
