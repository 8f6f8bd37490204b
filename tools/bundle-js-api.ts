/**
 * Writes `dist/js-api/webassembly-script.js`: the `js-api` entry and the
 * engine as one classic script (an IIFE assigning `wasmCApiTsJsApi`, which
 * `js-api/vm.ts` keeps local), for evaluation inside a `vm` context or any
 * realm without a module loader. Run by `npm run build` after `tsc`.
 * @module
 */
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { SCRIPT_GLOBAL_NAME } from "../js-api/vm.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const result = await build({
  entryPoints: [`${ROOT}dist/js-api/index.js`],
  outfile: `${ROOT}dist/js-api/webassembly-script.js`,
  bundle: true,
  // The browser conditions: the engine's Node-only files stay out, as in a browser.
  platform: "browser",
  format: "iife",
  globalName: SCRIPT_GLOBAL_NAME,
  target: "es2022",
  logLevel: "silent",
});
if (result.errors.length > 0 || result.warnings.length > 0) {
  console.error([...result.errors, ...result.warnings].map((m) => m.text).join("\n"));
  process.exitCode = 1;
}
