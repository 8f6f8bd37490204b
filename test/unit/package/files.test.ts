// Issue 11: what `npm pack` puts in the tarball. No tests; LICENSE and README; every target of `exports`
// and `imports`; every source map carries its sources (the `.ts` files are not shipped) and every
// `sourceMappingURL` names a shipped map; no install-time script for consumers.
import test from "ava";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { npm, ROOT } from "./consumer.js";

interface Manifest {
  bin: Record<string, string>;
  exports: Record<string, Record<string, string>>;
  imports: Record<string, Record<string, string>>;
  scripts: Record<string, string>;
  license: string;
}

const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Manifest;

/** The packed file list, from `npm pack --dry-run --json` (as built: `--ignore-scripts`). */
const packed = (async () => {
  const r = await npm(["pack", "--dry-run", "--ignore-scripts", "--json"], ROOT);
  if (r.code !== 0) throw new Error(`npm pack --dry-run failed (${r.code}): ${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
  if (!info) throw new Error("npm pack printed nothing");
  return new Set(info.files.map((f) => f.path));
})();

test("the tarball holds no test, no TypeScript source, and LICENSE, README and package.json", async (t) => {
  const files = [...await packed];
  t.true(files.length > 100, `${files.length} files`);
  t.deepEqual(files.filter((f) => /(^|\/)(test|tests|__tests__)\//.test(f) || /\.test\.(js|d\.ts)$/.test(f)), []);
  t.deepEqual(files.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f)), []);
  t.deepEqual(files.filter((f) => !f.startsWith("dist/")).sort(), ["LICENSE", "README.md", "package.json"]);
  t.true(files.every((f) => !f.startsWith("dist/") || f.startsWith("dist/capi/") || f.startsWith("dist/impl/") || f.startsWith("dist/cli/") || f.startsWith("dist/js-api/")));
});

test("LICENSE is the Apache-2.0 text the manifest declares", (t) => {
  t.is(manifest.license, "Apache-2.0");
  const text = readFileSync(join(ROOT, "LICENSE"), "utf8");
  t.regex(text, /^\s*Apache License\s+Version 2\.0, January 2004/);
  t.regex(text, /END OF TERMS AND CONDITIONS/);
});

test("every exports and imports target is packed", async (t) => {
  const files = await packed;
  const targets = [...Object.values(manifest.exports), ...Object.values(manifest.imports)].flatMap((conds) => Object.values(conds));
  t.true(targets.length >= 7);
  t.deepEqual(targets.map((p) => p.replace(/^\.\//, "")).filter((p) => !files.has(p)), []);
  // The `.` entry works for import and require alike (one module instance: no CommonJS copy to diverge).
  for (const entry of [".", "./impl"]) t.deepEqual(Object.keys(manifest.exports[entry] ?? {}), ["types", "default"]);
});

// Issue 13: the command line is the package's one bin, packed, and a script node runs through its shebang.
test("the bin wasm-c-api-ts is packed and starts with a node shebang", async (t) => {
  const files = await packed;
  t.deepEqual(Object.keys(manifest.bin), ["wasm-c-api-ts"]);
  const target = manifest.bin["wasm-c-api-ts"]!.replace(/^\.\//, "");
  t.true(files.has(target), `${target} is not packed`);
  t.regex(readFileSync(join(ROOT, target), "utf8"), /^#!\/usr\/bin\/env node\n/);
});

test("every packed source map carries its sources, and every map a script names is packed", async (t) => {
  const files = await packed;
  const maps = [...files].filter((f) => f.endsWith(".map"));
  t.true(maps.length > 0);
  const dangling: string[] = [];
  for (const map of maps) {
    const m = JSON.parse(readFileSync(join(ROOT, map), "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
    m.sources.forEach((source, i) => {
      if (typeof m.sourcesContent?.[i] !== "string") dangling.push(`${map}: ${source} has no inlined content`);
    });
  }
  for (const script of [...files].filter((f) => f.endsWith(".js"))) {
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(ROOT, script), "utf8"))?.[1];
    if (url !== undefined && !files.has(join(script, "..", url))) dangling.push(`${script} names ${url}, not packed`);
  }
  t.deepEqual(dangling, []);
});

test("no install-time script runs for consumers; packing builds first", (t) => {
  for (const hook of ["preinstall", "install", "postinstall", "prepare"]) t.false(hook in manifest.scripts, hook);
  t.regex(manifest.scripts.prepack ?? "", /npm run build/);
});
