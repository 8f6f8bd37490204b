/**
 * Writes the interpreter's generated code from its one definition,
 * impl/exec/interpreter/isa.ts: the `Code` enum of ./codes.ts and the
 * cases of ./loop.ts whose codes have a template in the table, each region
 * between markers in the hand-written file.
 * `npm run gen:interpreter` writes them; `--check` only says whether they
 * are up to date (the unit tests check it too).
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ISA, type Instr } from "../impl/exec/interpreter/isa.js";

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

/** The loop's text for placeholder `$${kind}${j}` of `ins`'s template (see ../impl/exec/interpreter/isa.ts). */
function operand(ins: Instr, kind: string, j: number): string {
  const letter = ins.layout![j - 1];
  if (letter === undefined) throw new Error(`${ins.name}: operand ${j} is past its layout "${ins.layout!}"`);
  const w = `code[pc + ${j}]`;
  if (kind === "w") return w;
  if (kind === "f" || kind === "p") {
    if (letter !== "i" && letter !== "I") throw new Error(`${ins.name}: $${kind}${j} names a 32-bit slot, but its letter is "${letter}"`);
    return kind === "f" ? `F[fp + ${w}]` : `fp + ${w}`;
  }
  switch (letter) {
    case "i": case "I": return `I[fp + ${w}]`;
    case "d": case "D": return `D[fd + ${w}]`;
    case "r": case "R": return `R[fd + ${w}]`;
    default: return w;
  }
}

/** `ins`'s template with its placeholders replaced by the loop's expressions. */
export function expand(ins: Instr): string {
  return ins.run!.replace(/\$(?:next|([fpw]?)(\d))/g, (all, kind: string | undefined, j: string | undefined) =>
    j === undefined ? `pc + ${ins.layout!.length + 1}` : operand(ins, kind ?? "", Number(j)));
}

/** Whether a case's statements declare a name (and so need a block of their own). */
function declares(lines: readonly string[]): boolean {
  return lines.some((l) => /^(const|let) /.test(l));
}

/** The loop's case for `ins` (and the codes that share it), indented for the loop's switch. */
function renderCase(ins: Instr, sharers: readonly Instr[]): string {
  const pad = " ".repeat(18);
  const labels = [ins, ...sharers].map((i) => `case Code.${i.name}:`).join(" ");
  const lines = expand(ins).split("\n");
  const tail = lines[lines.length - 1]!.endsWith("continue;") ? [] : [`pc += ${ins.layout!.length + 1}; continue;`];
  if (lines.length === 1 && !declares(lines)) {
    const one = `${pad}${labels} ${[lines[0]!, ...tail].join(" ")}`;
    if (one.length <= 160) return one;
  }
  if (!declares(lines)) return [`${pad}${labels}`, ...[...lines, ...tail].map((l) => `${pad}  ${l}`)].join("\n");
  return [`${pad}${labels} {`, ...[...lines, ...tail].map((l) => `${pad}  ${l}`), `${pad}}`].join("\n");
}

/** The names of the `@generated` regions of ./loop.ts, in the table's order. */
export function regions(): string[] {
  return [...new Set(ISA.filter((i) => i.region !== undefined).map((i) => i.region!))];
}

/** The cases of region `region`, in the order of their codes, each section of the table as a comment. */
export function renderRegion(region: string): string {
  const out: string[] = [];
  const inRegion = ISA.filter((i) => i.region === region);
  for (let k = 0; k < inRegion.length; k++) {
    const ins = inRegion[k]!;
    if (ins.sharesCase === true) throw new Error(`${ins.name} shares the case of a code that has none`);
    if (ins.run === undefined) continue;
    const sharers: Instr[] = [];
    while (inRegion[k + 1]?.sharesCase === true) sharers.push(inRegion[++k]!);
    if (ins.section !== undefined) {
      if (out.length > 0) out.push("");
      for (const s of ins.section) out.push(`${" ".repeat(18)}// ${s}`);
    }
    out.push(renderCase(ins, sharers));
  }
  return `${out.join("\n")}\n`;
}

/** Fails when a generated code also has a hand-written case in `loop`, or a code has no case. */
export function checkHandWritten(loop: string): void {
  const hand = loop.replace(/\/\/ @generated begin[^]*?\/\/ @generated end/g, "");
  for (const ins of ISA.slice(0, -1)) {
    const has = hand.includes(`case Code.${ins.name}:`);
    const generated = ins.run !== undefined || ins.sharesCase === true;
    if (has && generated) throw new Error(`loop.ts: ${ins.name} has a generated case and one written by hand`);
    if (!has && !generated) throw new Error(`loop.ts: ${ins.name} has no case`);
  }
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
  for (const r of regions()) {
    loopText = replaceBetween(loopText, `// @generated begin ${r} `, `// @generated end ${r}\n`, renderRegion(r), loop);
  }
  checkHandWritten(loopText);
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
