import test from "ava";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The layer rule (README, Layout): a layer imports only layers to its left.
const ORDER = ["base", "decode", "validate", "runtime", "exec", "link", "wasi", "load"];
const implDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "impl");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

function layerOf(path: string): number {
  return ORDER.indexOf(relative(implDir, path).split(/[\\/]/)[0]!);
}

test("every impl file imports only its own layer or layers to its left", (t) => {
  const files = sources(implDir).filter((f) => layerOf(f) >= 0);
  t.true(files.length > 5);
  const violations: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/from\s+"(\.[^"]+)"/g)) {
      const target = resolve(dirname(file), m[1]!);
      const targetLayer = layerOf(target);
      // Type-only imports of runtime objects are allowed from any layer above base.
      const typeOnly = /import\s+type\b/.test(text.slice(text.lastIndexOf("import", m.index), m.index));
      if (targetLayer > layerOf(file) && !(typeOnly && ORDER[targetLayer] === "runtime")) {
        violations.push(`${relative(implDir, file)} imports ${relative(implDir, target)}`);
      }
    }
  }
  t.deepEqual(violations, []);
});

/**
 * The source files a `#...` import of the package can resolve to: the
 * targets of every condition in package.json's `imports`, mapped from
 * `dist/...js` (or `.d.ts`) back to the `.ts` source. None for an unknown name.
 */
function packageImportSources(spec: string): string[] {
  const root = resolve(implDir, "..");
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { imports?: Record<string, Record<string, string>> };
  const targets = Object.values(pkg.imports?.[spec] ?? {});
  return [...new Set(targets.map((t) => resolve(root, t.replace(/^\.\/dist\//, "./").replace(/(\.d)?\.ts$|\.js$/, ".ts"))))];
}

// Issue 5: loading linking is a thin layer over instantiation linking with no back door. Every import
// that leaves impl/load/ goes to the one public linking module, impl/link/api.ts (or to Node's built-ins).
test("the loader imports nothing of the engine but the instantiation-linking API", (t) => {
  const loadDir = join(implDir, "load");
  const api = join(implDir, "link", "api.ts");
  const files = sources(loadDir);
  t.true(files.length >= 3);
  const outside: string[] = [];
  let viaApi = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
      const spec = m[1]!;
      if (spec.startsWith("node:")) continue;
      if (spec.startsWith("#")) {
        // A package import: every file it can resolve to (one per condition) must be in impl/load/ too.
        for (const target of packageImportSources(spec)) if (!target.startsWith(loadDir)) outside.push(`${relative(implDir, file)} imports ${spec} (${target})`);
        continue;
      }
      const target = spec.startsWith(".") ? resolve(dirname(file), spec).replace(/\.js$/, ".ts") : spec;
      if (target.startsWith(loadDir)) continue;
      if (target === api) viaApi++;
      else outside.push(`${relative(implDir, file)} imports ${spec}`);
    }
  }
  t.deepEqual(outside, []);
  t.true(viaApi > 0, "the loader uses the linking API");
});

test("the linking API exports only linking: compile, link, instantiate, names, registry, errors and types", async (t) => {
  const api = await import("../../../impl/link/api.js");
  t.deepEqual(Object.keys(api).sort(), [
    "DecodeError", "LinkError", "NamedExterns", "NativeRegistry", "Trap", "ValidationError", "WasmError",
    "buildImportList", "compileModule", "externTypeText", "importExternType", "instantiate", "instantiateFrom",
    "resolveImports",
  ]);
});

// Issue 11: the package bundles for browsers with no stubs, so Node's modules are reached in two files only,
// which the package's `#module-files` and `#wasi-system` imports pick under the `node` condition
// (module-files-none.ts and wasi/system-none.ts elsewhere). Issue 13 added the WASI pair.
test("only the two platform files import Node's modules; #module-files and #wasi-system resolve to both variants", (t) => {
  const capiDir = resolve(implDir, "..", "capi");
  const nodeUsers: string[] = [];
  for (const file of [...sources(implDir), ...sources(capiDir)]) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
      if (m[1]!.startsWith("node:") || /^(fs|path|os|url|module|child_process|worker_threads)$/.test(m[1]!)) nodeUsers.push(relative(implDir, file));
    }
  }
  t.deepEqual([...new Set(nodeUsers)].sort(), [join("load", "module-files-node.ts"), join("wasi", "system-node.ts")]);
  t.deepEqual(packageImportSources("#module-files").map((f) => relative(implDir, f)).sort(),
    [join("load", "module-files-node.ts"), join("load", "module-files-none.ts")]);
  t.deepEqual(packageImportSources("#wasi-system").map((f) => relative(implDir, f)).sort(),
    [join("wasi", "system-node.ts"), join("wasi", "system-none.ts")]);
});

// Issue 13: WASI reaches the host only through `#wasi-system`; no other WASI file may name Node or a
// platform module, and both variants export the same `system`.
test("impl/wasi reaches the host only through #wasi-system, whose two variants have the same shape", async (t) => {
  const wasiDir = join(implDir, "wasi");
  const platform = packageImportSources("#wasi-system");
  const stray: string[] = [];
  let users = 0;
  for (const file of sources(wasiDir)) {
    if (platform.includes(file)) continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
      if (m[1] === "#wasi-system") users++;
      else if (!m[1]!.startsWith(".")) stray.push(`${relative(implDir, file)} imports ${m[1]}`);
    }
  }
  t.deepEqual(stray, []);
  t.true(users > 0);
  const node = await import("../../../impl/wasi/system-node.js");
  const none = await import("../../../impl/wasi/system-none.js");
  t.deepEqual(Object.keys(none.system).sort(), Object.keys(node.system).sort());
  t.true(node.system.hasFileSystem);
  t.false(none.system.hasFileSystem);
});
