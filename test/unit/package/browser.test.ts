// Issue 11: the package bundles for browsers with no stubs (its one Node-only file sits behind the `node`
// condition of its `#module-files` import). The consumer program is bundled through the package's public
// entry for the browser platform with esbuild, then run in headless Chromium (the page's output is read
// back from its DOM) and in a `node:vm` context that has no `WebAssembly` global at all.
import test from "ava";
import { build } from "esbuild";
import { accessSync, constants, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import { consumerSource, expectedOutput, ROOT, run, tempDir } from "./consumer.js";

/** Runs the program and shows what it printed (or the error it threw), in the page and on `globalThis`. */
const BOOTSTRAP = `
const lines: string[] = [];
let text: string;
try {
  runHello((line) => lines.push(line));
  text = lines.map((l) => l + "\\n").join("");
} catch (e) {
  text = "threw: " + String(e instanceof Error ? e.stack : e);
}
(globalThis as { helloOutput?: string }).helloOutput = text;
declare const document: any;
if (typeof document !== "undefined") {
  const pre = document.createElement("pre");
  pre.id = "out";
  pre.textContent = text;
  document.body.appendChild(pre);
}
`;

const work = tempDir("browser");

/**
 * The bundle: the consumer program in a project whose `node_modules/wasm-c-api-ts` is this repository
 * (as built), bundled and minified for the browser platform as an IIFE.
 */
const bundled = (async () => {
  mkdirSync(join(work, "node_modules"));
  symlinkSync(ROOT, join(work, "node_modules", "wasm-c-api-ts"), "dir");
  writeFileSync(join(work, "entry.ts"), consumerSource(false) + BOOTSTRAP);
  const result = await build({
    entryPoints: [join(work, "entry.ts")],
    absWorkingDir: work,
    bundle: true,
    platform: "browser",
    format: "iife",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error("esbuild wrote no bundle");
  return { code: file.text, warnings: result.warnings };
})();

test.after.always(() => {
  rmSync(work, { recursive: true, force: true });
});

test("esbuild bundles the package for the browser with no stub and no warning", async (t) => {
  const { code, warnings } = await bundled;
  t.deepEqual(warnings.map((w) => w.text), []);
  t.notRegex(code, /node:(fs|path)/, "no Node module is reached");
  t.log(`bundle (hello through the public entry, minified): ${code.length} bytes`);
});

/** Chromium's path: `chromium` on the PATH, else Debian's `/usr/bin/chromium`; null when neither is there. */
function findChromium(): string | null {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const path of [...dirs.map((d) => join(d, "chromium")), "/usr/bin/chromium"]) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return null;
}

/** Undoes the HTML escaping of text content as Chromium serialises it. */
function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&nbsp;/g, "\u00a0").replace(/&amp;/g, "&");
}

test("the bundle runs hello in headless Chromium", async (t) => {
  const chromium = findChromium();
  if (chromium === null) {
    t.fail("chromium is not installed: this test needs Debian's chromium package (apt-get install -y chromium; .ci/run installs it)");
    return;
  }
  const { code } = await bundled;
  const page = join(work, "page");
  mkdirSync(page, { recursive: true });
  writeFileSync(join(page, "bundle.js"), code);
  writeFileSync(join(page, "index.html"), `<!doctype html><html><head><meta charset="utf-8"><title>hello</title></head><body><script src="bundle.js"></script></body></html>`);
  const profile = join(work, "profile");
  const ran = await run(chromium, [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`, "--dump-dom", pathToFileURL(join(page, "index.html")).href,
  ], work);
  t.is(ran.code, 0, `chromium failed: ${ran.stderr}`);
  const out = /<pre id="out">([\s\S]*?)<\/pre>/.exec(ran.stdout);
  t.truthy(out, `the page shows no output; chromium printed:\n${ran.stdout}\n${ran.stderr}`);
  t.is(unescapeHtml(out?.[1] ?? ""), expectedOutput());
});

// The context has the JavaScript built-ins (less WebAssembly) and, of the web platform, only the Encoding
// API's TextEncoder and TextDecoder (every browser has them; the engine decodes names with them): no
// console, no process, no module loader.
test("the bundle runs hello in a vm context that has no WebAssembly global", async (t) => {
  const { code } = await bundled;
  const context = vm.createContext({ TextEncoder, TextDecoder });
  // V8 gives every context WebAssembly and an inspector-only console: take both away.
  vm.runInContext("delete globalThis.WebAssembly; delete globalThis.console", context);
  t.deepEqual(vm.runInContext("[typeof WebAssembly, typeof console, typeof process, typeof require]", context),
    ["undefined", "undefined", "undefined", "undefined"]);
  vm.runInContext(code, context);
  t.is((context as { helloOutput?: string }).helloOutput, expectedOutput());
});
