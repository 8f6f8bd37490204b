/**
 * What a command of the tool is: its name, its help, its options, and the
 * function that runs it and returns the process's exit code.
 * @module
 */
import { HELP_OPTION, optionHelp, type OptionSpec } from "./options.js";

/** The name the tool is installed under (package.json `bin`). */
export const TOOL = "wasm-c-api-ts";

/** One command (`run`, `validate`, `inspect`). */
export interface Command {
  readonly name: string;
  /** One line for the tool's help. */
  readonly summary: string;
  /** The synopsis after the tool's and the command's name: `[OPTIONS] FILE`. */
  readonly synopsis: string;
  /** Paragraphs after the synopsis. */
  readonly description: string;
  /** Its options, `--help` excepted (every command has it). */
  readonly options: readonly OptionSpec[];
  /** Runs the command with the words after its name; resolves with the exit code. */
  run(args: readonly string[]): Promise<number>;
}

/** A command's options with `--help`. */
export function optionsOf(command: Command): OptionSpec[] {
  return [...command.options, HELP_OPTION];
}

/** The full help of a command. */
export function commandHelp(command: Command): string {
  return `Usage: ${TOOL} ${command.name} ${command.synopsis}\n\n${command.summary}\n\n${command.description}\n\nOptions:\n${optionHelp(optionsOf(command))}\n`;
}
