// Issue 11: the packed package works for its users. The tarball is installed offline (its one runtime
// dependency comes from the npm cache, which packInto fills) into a fresh CommonJS project and a fresh ES module project; each type-checks and
// compiles the consumer program with the repository's own TypeScript (`module: nodenext`) and runs it.
// In the CommonJS project the compiled program loads the package with `require` (Node 20.19+ runs
// require(esm) unflagged), so it proves the `default` export condition and the types together.
import test from "ava";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { consumerSource, expectedOutput, npm, packInto, run, tempDir, TSC } from "./consumer.js";

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    // console.log without @types/node: the program is meant for browsers too.
    lib: ["ES2022", "DOM"],
    types: [],
    strict: true,
    outDir: "out",
    rootDir: "src",
  },
  include: ["src"],
};

let tarball: Promise<{ dir: string; file: string }> | null = null;

/** Packs once for both projects. */
function packed(): Promise<{ dir: string; file: string }> {
  tarball ??= (async () => {
    const dir = tempDir("pack");
    return { dir, file: await packInto(dir) };
  })();
  return tarball;
}

test.after.always(async () => {
  if (tarball) rmSync((await tarball).dir, { recursive: true, force: true });
});

for (const kind of ["commonjs", "module"] as const) {
  test.serial(`the packed package installs offline into ${kind === "module" ? "an ES module" : "a CommonJS"} project, type-checks and runs hello`, async (t) => {
    const { file } = await packed();
    const project = tempDir(kind);
    try {
      writeFileSync(join(project, "package.json"), JSON.stringify({ name: `consumer-${kind}`, version: "1.0.0", private: true, type: kind }, null, 2));
      const install = await npm(["install", "--offline", "--no-audit", "--no-fund", file], project);
      t.is(install.code, 0, `npm install failed: ${install.stderr}`);
      // The install recorded the package as a dependency and brought no other package.
      const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
      t.deepEqual(Object.keys(manifest.dependencies ?? {}), ["wasm-c-api-ts"]);
      // The one runtime dependency, @assemblyscript/loader (for wasm-c-api-ts/js-api/assemblyscript, issue 16),
      // comes from the npm cache (packInto makes sure it is there).
      t.deepEqual(readdirSync(join(project, "node_modules")).filter((f) => !f.startsWith(".")).sort(), ["@assemblyscript", "wasm-c-api-ts"]);

      writeFileSync(join(project, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
      mkdirSync(join(project, "src"));
      writeFileSync(join(project, "src", "main.ts"), consumerSource(true));
      const tsc = await run(process.execPath, [TSC, "-p", "."], project);
      t.is(tsc.code, 0, `tsc failed:\n${tsc.stdout}${tsc.stderr}`);

      const compiled = readFileSync(join(project, "out", "main.js"), "utf8");
      if (kind === "commonjs") t.regex(compiled, /require\("wasm-c-api-ts"\)/, "the CommonJS build loads the package with require");
      else t.regex(compiled, /from "wasm-c-api-ts"/);

      const ran = await run(process.execPath, [join("out", "main.js")], project);
      t.is(ran.code, 0, `the program failed: ${ran.stderr}`);
      t.is(ran.stdout, expectedOutput());
      // A plain CommonJS require of both entries, as a JavaScript user writes it.
      if (kind === "commonjs") {
        const plain = await run(process.execPath, ["-e",
          `const c = require("wasm-c-api-ts"), i = require("wasm-c-api-ts/impl");
           console.log(typeof c.wasm_engine_new, typeof i.compileModule, c.wasm_engine_new === require("wasm-c-api-ts").wasm_engine_new)`], project);
        t.is(plain.code, 0, plain.stderr);
        t.is(plain.stdout, "function function true\n");
      }
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
}
