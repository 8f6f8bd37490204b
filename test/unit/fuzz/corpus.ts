/**
 * The fuzz corpus: valid modules of the Wasm 2.0 spec test suite, taken from
 * the top-level `(module ...)` forms of a few `.wast` scripts (those outside
 * any `assert_*` form are valid by the script's own rules).
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { wat } from "../../helpers/wat.js";

/** A seed module: where it comes from and its binary. */
export interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * The directory of the Wasm 2.0 suite: `$WASM_TESTSUITE_DIR/testsuite-2.0`,
 * with `../shared` (relative to the repository root) as the default; null
 * when it does not exist.
 */
export function suiteDir(): string | null {
  // This file runs from dist/test/unit/fuzz/, four levels below the repository root.
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
  const base = process.env["WASM_TESTSUITE_DIR"] ?? join(root, "..", "shared");
  const dir = join(resolve(root, base), "testsuite-2.0");
  return existsSync(dir) ? dir : null;
}

/** Index just past the form that opens at `start` (which must be `(`), skipping strings and comments. */
function formEnd(s: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === "\\") i++;
      i++;
    } else if (c === ";" && s[i + 1] === ";") {
      const nl = s.indexOf("\n", i);
      i = nl < 0 ? s.length : nl + 1;
    } else if (c === "(" && s[i + 1] === ";") {
      i = blockCommentEnd(s, i);
    } else if (c === "(") {
      depth++;
      i++;
    } else if (c === ")") {
      depth--;
      i++;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return s.length;
}

// Block comments nest.
function blockCommentEnd(s: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < s.length) {
    if (s.startsWith("(;", i)) { depth++; i += 2; }
    else if (s.startsWith(";)", i)) { depth--; i += 2; if (depth === 0) return i; }
    else i++;
  }
  return s.length;
}

/** The top-level forms of a script, as source text. */
function topLevelForms(s: string): string[] {
  const forms: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ";" && s[i + 1] === ";") {
      const nl = s.indexOf("\n", i);
      i = nl < 0 ? s.length : nl + 1;
    } else if (c === "(" && s[i + 1] === ";") {
      i = blockCommentEnd(s, i);
    } else if (c === "(") {
      const end = formEnd(s, i);
      forms.push(s.slice(i, end));
      i = end;
    } else {
      i++;
    }
  }
  return forms;
}

/** The bytes of a script string literal's contents (escapes `\hh`, `\n`, `\t`, `\\`, `\'`, `\"`, `\u{...}`). */
function stringBytes(lit: string): number[] {
  const out: number[] = [];
  const utf8 = new TextEncoder();
  for (let i = 0; i < lit.length; i++) {
    const c = lit[i]!;
    if (c !== "\\") {
      out.push(...utf8.encode(c));
      continue;
    }
    const n = lit[i + 1]!;
    if (/[0-9a-fA-F]/.test(n)) {
      out.push(parseInt(lit.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (n === "u") {
      const close = lit.indexOf("}", i);
      out.push(...utf8.encode(String.fromCodePoint(parseInt(lit.slice(i + 3, close), 16))));
      i = close;
    } else {
      out.push(({ n: 10, t: 9, r: 13 } as Record<string, number>)[n] ?? n.charCodeAt(0));
      i++;
    }
  }
  return out;
}

/** The binary of a `(module binary "..." ...)` form: its strings, concatenated. */
function binaryModule(form: string): Uint8Array {
  const bytes: number[] = [];
  // Comments may sit between the strings; drop them before collecting literals.
  const text = form.replace(/;;[^\n]*/g, "");
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"/g)) bytes.push(...stringBytes(m[1]!));
  return new Uint8Array(bytes);
}

/**
 * Loads the valid modules of the given scripts of the suite. Text modules go
 * through wabt; modules wabt cannot read and `module quote` forms are skipped.
 */
export async function loadSeeds(dir: string, files: readonly string[]): Promise<Seed[]> {
  const seeds: Seed[] = [];
  for (const file of files) {
    const script = readFileSync(join(dir, file), "utf8");
    let n = 0;
    for (const form of topLevelForms(script)) {
      const head = /^\(module(?:\s+\$[^\s()]+)?\s+(binary|quote)?/.exec(form);
      if (head === null) continue;
      n++;
      if (head[1] === "quote") continue;
      try {
        const bytes = head[1] === "binary" ? binaryModule(form) : await wat(form);
        seeds.push({ name: `${file} module ${n}`, bytes });
      } catch {
        // wabt cannot read a few text modules (e.g. unusual comments); they are not needed here.
      }
    }
  }
  return seeds;
}
