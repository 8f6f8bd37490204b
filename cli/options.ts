/**
 * Option parsing for the commands: `--name value` or `--name=value`, flags,
 * repeatable options, and `--` to end the options. Parsing stops at the
 * first word that is not an option, so that what follows a module's file
 * name goes to the program untouched.
 * @module
 */
import { usageError } from "./exit-codes.js";

/** One option a command accepts. */
export interface OptionSpec {
  /** The long name, without the dashes. */
  readonly name: string;
  /** The placeholder of its value in the help (`N`, `HOST[::GUEST]`); absent for a flag. */
  readonly value?: string;
  /** Whether it may be given more than once (its values are kept in order). */
  readonly repeatable?: boolean;
  /** One line of help. */
  readonly help: string;
}

/** What a command line held: its options, and the words after them. */
export interface ParsedOptions {
  /** The values of each option given, in order (a flag has one empty string per use). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  /** The first word that is not an option, and every word after it. */
  readonly rest: readonly string[];
}

/** The `--help` flag every command has (also `-h`). */
export const HELP_OPTION: OptionSpec = { name: "help", help: "print this help and exit" };

/**
 * Parses the options at the start of `args` for `command`. Throws a usage
 * error for an unknown option, a missing value, a value given to a flag, or
 * an option given twice that is not repeatable.
 */
export function parseOptions(command: string, args: readonly string[], specs: readonly OptionSpec[]): ParsedOptions {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values = new Map<string, string[]>();
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i]!;
    if (word === "--") {
      i++;
      break;
    }
    if (word === "-h") {
      add(values, HELP_OPTION, "", command);
      continue;
    }
    if (!word.startsWith("-") || word === "-") break;
    if (!word.startsWith("--")) throw usageError(`${command}: unknown option '${word}'`);
    const eq = word.indexOf("=");
    const name = word.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (spec === undefined) throw usageError(`${command}: unknown option '--${name}'`);
    let value = "";
    if (spec.value === undefined) {
      if (eq >= 0) throw usageError(`${command}: option '--${name}' takes no value`);
    } else if (eq >= 0) {
      value = word.slice(eq + 1);
    } else {
      if (i + 1 >= args.length) throw usageError(`${command}: option '--${name}' needs a value (${spec.value})`);
      value = args[++i]!;
    }
    add(values, spec, value, command);
  }
  return { values, rest: args.slice(i) };
}

function add(values: Map<string, string[]>, spec: OptionSpec, value: string, command: string): void {
  const list = values.get(spec.name);
  if (list === undefined) values.set(spec.name, [value]);
  else if (spec.repeatable || spec.value === undefined) list.push(value);
  else throw usageError(`${command}: option '--${spec.name}' given twice`);
}

/** The option's single value, or undefined when it was not given. */
export function single(parsed: ParsedOptions, name: string): string | undefined {
  return parsed.values.get(name)?.[0];
}

/** Whether a flag was given. */
export function flag(parsed: ParsedOptions, name: string): boolean {
  return parsed.values.has(name);
}

/** The help lines of a list of options, aligned. */
export function optionHelp(specs: readonly OptionSpec[]): string {
  const heads = specs.map((s) => `  --${s.name}${s.value === undefined ? "" : ` ${s.value}`}`);
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  return specs.map((s, i) => heads[i]!.padEnd(width) + s.help + (s.repeatable ? " (repeatable)" : "")).join("\n");
}
