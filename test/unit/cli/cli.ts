/**
 * Helpers of the command-line tests: run `node dist/cli/main.js ...` as a
 * child process, and write small modules (from text, through wabt) to a
 * temporary directory.
 * @module
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { wat, WASM3_EH_FEATURES } from "../../helpers/wat.js";

/** The repository root (this file is `dist/test/unit/cli/cli.js`). */
export const ROOT = resolve(fileURLToPath(new URL("../../../../", import.meta.url)));

/** The built command line. */
export const MAIN = join(ROOT, "dist", "cli", "main.js");

/** How a run of the command line ended. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of a run: working directory, environment, and what stdin holds. */
export interface CliOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdin?: string;
}

/**
 * Runs the command line with `args`. The ten-minute limit is only a guard
 * against a hang (a loaded machine may be slow); no test asserts a time.
 * A run killed by that guard rejects, so the test fails saying so.
 */
export function cli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = execFile(process.execPath, [MAIN, ...args], {
      cwd: options.cwd ?? ROOT, env: options.env ?? process.env, timeout: 600_000, maxBuffer: 64 * 1024 * 1024, encoding: "utf8",
    }, (error, stdout, stderr) => {
      if (error && (error.killed || typeof error.code !== "number")) {
        fail(new Error(`the command line did not finish (${error.signal ?? error.message}): ${stderr}`));
        return;
      }
      done({ code: error ? error.code as number : 0, stdout, stderr });
    });
    child.stdin?.end(options.stdin ?? "");
  });
}

/** A temporary directory for one test file's modules, removed by {@link Scratch.remove}. */
export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), "wasm-c-api-ts-cli-"));

  /** Writes module text as a binary (with a name section) named `name`; returns its path. */
  async module(name: string, text: string): Promise<string> {
    return this.file(name, await wat(text, WASM3_EH_FEATURES));
  }

  /** Writes bytes or text as a file named `name`; returns its path. */
  file(name: string, content: Uint8Array | string): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
