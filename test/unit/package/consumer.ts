/**
 * Helpers of the package tests: where the repository is, how to pack it, and
 * the consumer program they build against the package: the classic `hello`
 * example (a host function called back from wasm) written as a package user
 * would, printing through a callback so the same source runs on Node, in a
 * browser page and in a bare `vm` context.
 * @module
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is `dist/test/unit/package/consumer.js`). */
export const ROOT = resolve(fileURLToPath(new URL("../../../../", import.meta.url)));

/** The repository's own TypeScript compiler. */
export const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** The npm that runs this test (`npm_execpath` under `npm test`), else `npm` on the PATH. */
function npmCommand(args: readonly string[]): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli && /npm-cli\.js$/.test(cli) ? [process.execPath, [cli, ...args]] : ["npm", [...args]];
}

/** The result of a finished child process. */
export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command to completion with no time limit of its own (the test
 * runner's timeout is the only one: a loaded machine may be slow).
 */
export function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      done({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Runs npm with `args` in `cwd`. */
export function npm(args: readonly string[], cwd: string): Promise<Ran> {
  const [cmd, full] = npmCommand(args);
  // npm_config_* of an enclosing `npm test` (dry-run, json...) must not leak into the child.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
  return run(cmd, full, cwd, env);
}

/** A fresh temporary directory. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `wasm-c-api-ts-${label}-`));
}

/**
 * Makes sure the npm cache holds what an offline install of the packed
 * package needs besides the tarball: each runtime dependency at the version
 * installed here, with its registry metadata. `npm ci` caches the
 * dependencies' tarballs, but with a lockfile that records no registry URLs
 * (`.npmrc`) it need not fetch the metadata an install reads to resolve a
 * range, so a fresh machine's cache may lack it. `--prefer-offline`: the
 * registry is asked only for what the cache does not have.
 */
async function cacheRuntimeDependencies(): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const { version } = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string };
    const r = await npm(["cache", "add", "--prefer-offline", `${name}@${version}`], ROOT);
    if (r.code !== 0) throw new Error(`npm cache add ${name}@${version} failed (${r.code}): ${r.stderr}`);
  }
}

/**
 * Packs the repository into `dest` as it is built (`--ignore-scripts`: the
 * tests run from `dist/`, which a `prepack` rebuild would rewrite under
 * them) and returns the tarball's path; the npm cache then holds its
 * runtime dependencies for an offline install ({@link cacheRuntimeDependencies}).
 */
export async function packInto(dest: string): Promise<string> {
  await cacheRuntimeDependencies();
  const r = await npm(["pack", "--ignore-scripts", "--json", "--pack-destination", dest], ROOT);
  if (r.code !== 0) throw new Error(`npm pack failed (${r.code}): ${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as { filename: string }[];
  if (!info) throw new Error(`npm pack printed no file: ${r.stdout}`);
  return join(dest, info.filename);
}

/** The bytes of `examples/hello.wasm`, as a JavaScript array literal. */
export function helloBytesLiteral(): string {
  return `[${Array.from(readFileSync(join(ROOT, "examples", "hello.wasm"))).join(",")}]`;
}

/** What the consumer program prints: the hello example's output, then one line from `./impl`. */
export function expectedOutput(): string {
  return `${readFileSync(join(ROOT, "examples", "hello.out"), "utf8")}impl: the module exports run\n`;
}

/**
 * TypeScript source of the consumer program: imports from `wasm-c-api-ts`
 * and `wasm-c-api-ts/impl` with ES module syntax (compiled to `require` in a
 * CommonJS project), defines `runHello(print)` and, when `call` is set, calls
 * it with `console.log`. It uses no Node module, so a browser bundle is the
 * same program.
 */
export function consumerSource(call: boolean): string {
  return `import {
  WASM_EMPTY_VEC, wasm_byte_vec_delete, wasm_byte_vec_new, wasm_engine_delete, wasm_engine_new, wasm_extern_as_func,
  wasm_extern_vec_delete, wasm_func_as_extern, wasm_func_call, wasm_func_delete, wasm_func_new, wasm_functype_delete,
  wasm_functype_new_0_0, wasm_instance_delete, wasm_instance_exports, wasm_instance_new, wasm_module_delete,
  wasm_module_new, wasm_module_validate, wasm_store_delete, wasm_store_new,
  type wasm_byte_vec_t, type wasm_extern_vec_t, type wasm_val_vec_t,
} from "wasm-c-api-ts";
import { compileModule } from "wasm-c-api-ts/impl";

const HELLO_WASM = new Uint8Array(${helloBytesLiteral()});

export function runHello(print: (line: string) => void): number {
  print("Initializing...");
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);
  print("Loading binary...");
  const binary: wasm_byte_vec_t = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, HELLO_WASM.length, HELLO_WASM);
  print("Validating module...");
  if (!wasm_module_validate(store, binary)) { print("> Error validating module!"); return 1; }
  print("Compiling module...");
  const module = wasm_module_new(store, binary);
  if (!module) { print("> Error compiling module!"); return 1; }
  wasm_byte_vec_delete(binary);
  print("Creating callback...");
  const helloType = wasm_functype_new_0_0();
  const helloFunc = wasm_func_new(store, helloType, (_args: wasm_val_vec_t, _results: wasm_val_vec_t) => {
    print("Calling back...");
    print("> Hello World!");
    return null;
  });
  wasm_functype_delete(helloType);
  print("Instantiating module...");
  const imports: wasm_extern_vec_t = { size: 1, data: [wasm_func_as_extern(helloFunc)] };
  const instance = wasm_instance_new(store, module, imports, null);
  if (!instance) { print("> Error instantiating module!"); return 1; }
  wasm_func_delete(helloFunc);
  print("Extracting export...");
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  const run = exports.size > 0 ? wasm_extern_as_func(exports.data[0]) : null;
  if (run === null) { print("> Error accessing export!"); return 1; }
  wasm_module_delete(module);
  wasm_instance_delete(instance);
  print("Calling export...");
  const args: wasm_val_vec_t = WASM_EMPTY_VEC();
  const results: wasm_val_vec_t = WASM_EMPTY_VEC();
  if (wasm_func_call(run, args, results)) { print("> Error calling function!"); return 1; }
  wasm_extern_vec_delete(exports);
  print("Shutting down...");
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  print("Done.");
  print(\`impl: the module exports \${compileModule(HELLO_WASM).exports.map((e) => e.name).join(", ")}\`);
  return 0;
}
${call ? "\nrunHello((line) => console.log(line));\n" : ""}`;
}
