// Issue 13: the command line is written on the public C API only. Every import of cli/*.ts is Node's
// built-ins, another file of cli/, the C API's one entry point (../capi/index.js), or the optional
// text assembler wabt loaded dynamically; nothing reaches impl/ or a file of capi/ other than its index.
import test from "ava";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ROOT } from "./cli.js";

const CLI_DIR = join(ROOT, "cli");

/**
 * Every module specifier in a source: static imports and re-exports (`import`/`export` at the start of
 * a line, up to `from "..."`), side-effect imports (`import "..."` at the start of a line), `import("...")`
 * and import types. Anchoring the static forms at a line start keeps text that merely looks like an
 * import (the help shows `(import "wasi_snapshot_preview1" ...)`) out.
 */
function specifiers(text: string): { spec: string; dynamic: boolean }[] {
  const found: { index: number; spec: string; dynamic: boolean }[] = [];
  for (const m of text.matchAll(/^[ \t]*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm)) found.push({ index: m.index, spec: m[1]!, dynamic: false });
  for (const m of text.matchAll(/^[ \t]*import\s*["']([^"']+)["']/gm)) found.push({ index: m.index, spec: m[1]!, dynamic: false });
  for (const m of text.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) found.push({ index: m.index, spec: m[1]!, dynamic: true });
  return found.sort((a, b) => a.index - b.index).map(({ spec, dynamic }) => ({ spec, dynamic }));
}

test("every cli/*.ts imports only node: built-ins, cli/ files, ../capi/index.js, and wabt dynamically", (t) => {
  const files = readdirSync(CLI_DIR).filter((f) => f.endsWith(".ts"));
  t.true(files.length >= 5, `${files.length} files in ${CLI_DIR}`);
  const violations: string[] = [];
  let capiImports = 0;
  for (const file of files) {
    const text = readFileSync(join(CLI_DIR, file), "utf8");
    t.false(/\brequire\s*\(/.test(text), `${file} uses require`);
    for (const { spec, dynamic } of specifiers(text)) {
      if (spec.startsWith("node:")) continue;
      if (spec === "../capi/index.js") {
        capiImports++;
        continue;
      }
      if (spec === "wabt" && dynamic) continue;
      if (spec.startsWith("./")) {
        const target = resolve(CLI_DIR, spec).replace(/\.js$/, ".ts");
        if (dirname(target) === CLI_DIR && existsSync(target)) continue;
      }
      violations.push(`${file} imports ${spec}${dynamic ? " (dynamically)" : ""}`);
    }
  }
  t.deepEqual(violations, []);
  t.true(capiImports >= 5, "the command line is built on the C API");
});

test("the rule's reader sees every kind of import it must police", (t) => {
  // The checker above is only as good as its reading of import syntax: it must see each form.
  const text = `import a from "x1";\nimport {\n  b,\n} from 'x2';\nimport type { c } from "x3";\nexport * from "x4";
    import "x5";\nconst d = await import("x6");\ntype E = typeof import("x7");\nconst help = "(import \\"m\\" \\"n\\" (func))";`;
  t.deepEqual(specifiers(text), [
    { spec: "x1", dynamic: false }, { spec: "x2", dynamic: false }, { spec: "x3", dynamic: false }, { spec: "x4", dynamic: false },
    { spec: "x5", dynamic: false }, { spec: "x6", dynamic: true }, { spec: "x7", dynamic: true },
  ]);
});
