/**
 * Runs one file of the spec's JS API tests (`*.any.js`, written for
 * `testharness.js`) in a fresh `node:vm` context, against our namespace or
 * against Node's own `WebAssembly`, and gives back each subtest's verdict.
 * The context gets what a JavaScript shell has (the language's built-ins),
 * `self`, timers and the Encoding API; the harness runs in its shell mode.
 * @module
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import vm from "node:vm";
import { installInContext } from "../../js-api/vm.js";

/** Which `WebAssembly` a file runs against. */
export type Implementation = "ours" | "node";

/** One subtest's verdict, as testharness.js reports it. */
export interface SubtestResult {
  readonly name: string;
  readonly passed: boolean;
  readonly message: string;
}

/** A file's verdicts; `error` is set when the file itself failed (a harness error, a load failure). */
export interface FileResult {
  readonly tests: SubtestResult[];
  readonly error: string | null;
}

/** testharness.js's status code of a passing test. */
const PASS = 0;

/**
 * The helper scripts a test file names in its `// META: script=` lines, as
 * paths: `/wasm/jsapi/...` is the suite's `js-api/` folder (the web-platform-tests
 * layout), anything else is relative to the test file.
 */
export function metaScripts(file: string, jsApiDir: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^\/\/ META: script=(.+)$/.exec(line.trim());
    if (!m) continue;
    const src = m[1]!.trim();
    out.push(src.startsWith("/wasm/jsapi/") ? join(jsApiDir, src.slice("/wasm/jsapi/".length)) : resolve(dirname(file), src));
  }
  return out;
}

const sources = new Map<string, string>();
function source(path: string): string {
  let s = sources.get(path);
  if (s === undefined) {
    s = readFileSync(path, "utf8");
    sources.set(path, s);
  }
  return s;
}

/**
 * Runs `file` (with its META scripts) against `impl`; resolves when the
 * harness reports completion, or after `timeoutMs` (a file error then).
 */
export function runFile(file: string, suiteDir: string, impl: Implementation, timeoutMs: number): Promise<FileResult> {
  const jsApiDir = join(suiteDir, "js-api");
  const context = vm.createContext({ setTimeout, clearTimeout, TextEncoder, TextDecoder });
  vm.runInContext("globalThis.self = globalThis; delete globalThis.console;", context);
  if (impl === "ours") {
    vm.runInContext("delete globalThis.WebAssembly", context);
    installInContext(context);
  }
  return new Promise<FileResult>((resolvePromise) => {
    let settled = false;
    const finish = (r: FileResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise(r);
    };
    const timer = setTimeout(() => finish({ tests: [], error: `no completion after ${timeoutMs / 1000} s` }), timeoutMs);
    (context as { __report?: unknown }).__report = (tests: { name: string; status: number; message: string | null }[], status: { status: number; message: string | null }) => {
      finish({
        tests: tests.map((t) => ({ name: t.name, passed: t.status === PASS, message: t.message ?? "" })),
        error: status.status === 0 ? null : `harness status ${status.status}: ${status.message ?? ""}`,
      });
    };
    try {
      vm.runInContext(source(join(suiteDir, "harness", "testharness.js")), context, { filename: "testharness.js" });
      vm.runInContext(
        "add_completion_callback((tests, status) => __report(tests.map((t) => ({ name: t.name, status: t.status, message: t.message })), { status: status.status, message: status.message }));",
        context,
      );
      for (const script of [...metaScripts(file, jsApiDir), file]) vm.runInContext(source(script), context, { filename: script });
    } catch (e) {
      finish({ tests: [], error: `the file did not load: ${e instanceof Error ? e.message : String(e)}` });
    }
  });
}
