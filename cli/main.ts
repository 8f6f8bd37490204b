#!/usr/bin/env node
/**
 * The command line, `wasm-c-api-ts` (package.json `bin`): runs, validates
 * and inspects WebAssembly modules. It is written on the public C API only
 * (`../capi/index.js`, its `wasmts_` extensions included, and Node's
 * built-ins; a test checks the imports), so it is itself an embedder ported
 * to this engine, and shows that the API is enough to build one.
 *
 * `wasm-c-api-ts FILE ...` (a first word that is no command but an existing
 * file) means `wasm-c-api-ts run FILE ...`.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { commandHelp, TOOL, type Command } from "./command.js";
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, usageError } from "./exit-codes.js";
import { inspectCommand } from "./inspect.js";
import { runCommand } from "./run.js";
import { validateCommand } from "./validate.js";

const COMMANDS: readonly Command[] = [runCommand, validateCommand, inspectCommand];

/** The package's version, from its package.json (two levels above dist/cli/main.js). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}

/** The tool's help. */
function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    `Usage: ${TOOL} COMMAND [OPTIONS] [ARGS...]`,
    "",
    "A WebAssembly engine in TypeScript, behind the WebAssembly C API (wasm.h).",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    `  ${"help".padEnd(width)}Print the help of a command (${TOOL} help run).`,
    "",
    "Options:",
    "  --help, -h      print this help and exit",
    "  --version, -V   print the version and exit",
    "",
    `'${TOOL} FILE [ARGS...]' is short for '${TOOL} run FILE [ARGS...]'.`,
    `Run '${TOOL} COMMAND --help' for a command's options.`,
    "",
  ].join("\n");
}

function commandNamed(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Runs the tool with its arguments; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  let command: Command | undefined;
  try {
    if (first === undefined) {
      process.stderr.write(toolHelp());
      return EXIT_USAGE;
    }
    if (first === "--help" || first === "-h") {
      process.stdout.write(toolHelp());
      return EXIT_OK;
    }
    if (first === "--version" || first === "-V") {
      process.stdout.write(`${TOOL} ${version()}\n`);
      return EXIT_OK;
    }
    if (first === "help") {
      if (rest.length === 0) {
        process.stdout.write(toolHelp());
        return EXIT_OK;
      }
      const about = commandNamed(rest[0]!);
      if (about === undefined) throw usageError(`help: unknown command '${rest[0]}'`);
      process.stdout.write(commandHelp(about));
      return EXIT_OK;
    }
    command = commandNamed(first);
    if (command !== undefined) return await command.run(rest);
    if (!first.startsWith("-") && existsSync(first)) {
      command = runCommand;
      return await runCommand.run(argv);
    }
    throw usageError(first.startsWith("-") ? `unknown option '${first}'` : `unknown command '${first}'`);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`${TOOL}: ${e.message}\n`);
      if (e.code === EXIT_USAGE) {
        process.stderr.write(`Run '${TOOL} ${command === undefined ? "" : `${command.name} `}--help' for usage.\n`);
      }
      return e.code;
    }
    // Anything else is a bug of the tool or the engine: say so, with the stack, and fail.
    process.stderr.write(`${TOOL}: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return EXIT_FAILURE;
  }
}

process.exitCode = await main(process.argv.slice(2));
