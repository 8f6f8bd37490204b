/**
 * binaryen's `wasm-opt`, loaded once into this process and run as often as
 * needed. The npm package ships each tool as a Node script built with
 * Emscripten (the C++ compiled to wasm, its file system the real one);
 * spawning it costs a second or more of start-up per module, while running
 * its `main` again in a loaded copy costs what the work costs (50-150 ms for
 * a translate-to-fuzz), which is what makes thousands of modules a run
 * possible. The script is evaluated with its initial run switched off and its
 * exit kept from ending the runtime, and its `callMain` handed back; the
 * output is the same bytes as a spawned `wasm-opt` gives (checked in the
 * unit tests).
 * @module
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A loaded `wasm-opt`: runs it with arguments, as its command line would. */
export interface WasmOpt {
  /** Runs `wasm-opt args...`; its exit status, and what it printed to stderr. */
  run(args: readonly string[]): { status: number; stderr: string };
  /**
   * Makes a fresh copy of the tool, for after it crashed (a C++ abort or a
   * wasm trap inside it leaves its runtime in no state to run again).
   */
  reload(): Promise<void>;
  /** A folder of this process's own for input and output files. */
  readonly workDir: string;
  /** Removes the work folder. */
  close(): void;
}

/** Where the installed `wasm-opt` script is, or null when binaryen is not installed. */
export function wasmOptPath(): string | null {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve("binaryen/package.json")), "bin", "wasm-opt");
  } catch {
    return null;
  }
}

/** The Emscripten module settings the script reads (its `Module` object). */
interface EmscriptenSettings {
  noInitialRun: boolean;
  noExitRuntime: boolean;
  arguments: string[];
  thisProgram: string;
  onRuntimeInitialized: () => void;
  print: (s: string) => void;
  printErr: (s: string) => void;
}

/** Evaluates the tool's script with its initial run off; its `callMain` once its runtime is ready. */
async function instantiateTool(path: string, source: string, printErr: (s: string) => void): Promise<(args: string[]) => number> {
  let callMain: (args: string[]) => number = () => 0;
  await new Promise<void>((resolve) => {
    const settings: EmscriptenSettings = {
      noInitialRun: true,
      // Keeps the runtime alive after main returns, so main can run again.
      noExitRuntime: true,
      arguments: [],
      thisProgram: "wasm-opt",
      onRuntimeInitialized: resolve,
      print: () => undefined,
      printErr,
    };
    // The script declares `callMain` at its top level; returning it from the
    // function that wraps the script is the one way to reach it.
    const load = new Function("Module", "require", "__filename", "__dirname", "module", `${source}\n;return callMain;`) as (
      m: EmscriptenSettings, r: NodeJS.Require, f: string, d: string, mod: { exports: unknown },
    ) => (args: string[]) => number;
    callMain = load(settings, createRequire(path), path, dirname(path), { exports: {} });
  });
  return callMain;
}

/**
 * Loads `wasm-opt` (a few seconds: the script is 11 MB). Text the tool writes
 * to stderr through the file system (its warnings) still reaches this
 * process's stderr; pass `--quiet` to silence it.
 */
export async function loadWasmOpt(): Promise<WasmOpt> {
  const path = wasmOptPath();
  if (path === null) throw new Error("binaryen is not installed (a devDependency: run npm ci)");
  let source = readFileSync(path, "utf8");
  if (source.startsWith("#!")) source = `//${source}`; // the shebang line is not JavaScript
  let stderr = "";
  const printErr = (s: string): void => { stderr += `${s}\n`; };
  let callMain = await instantiateTool(path, source, printErr);
  const workDir = mkdtempSync(join(tmpdir(), "wasmts-ttf-"));
  return {
    workDir,
    run(args) {
      stderr = "";
      const saved = process.exitCode;
      try {
        const status = callMain([...args]);
        return { status, stderr };
      } finally {
        // The script records its exit status as the process's: this process's own stays.
        process.exitCode = saved;
      }
    },
    async reload() {
      callMain = await instantiateTool(path, source, printErr);
    },
    close() {
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Runs `wasm-opt` on bytes: writes them to a file, runs it with `args` around `-o`, returns the output. */
export function runOnBytes(opt: WasmOpt, input: Uint8Array, args: readonly string[]): Uint8Array {
  const inFile = join(opt.workDir, "in.bin");
  const outFile = join(opt.workDir, "out.wasm");
  writeFileSync(inFile, input);
  rmSync(outFile, { force: true });
  const { status, stderr } = opt.run([inFile, ...args, "-o", outFile]);
  if (status !== 0) throw new Error(`wasm-opt exited with ${status}: ${stderr}`);
  return new Uint8Array(readFileSync(outFile));
}
