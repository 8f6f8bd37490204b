/**
 * Module text to binary for the Wasm 3.0 suite, through wasm-tools' text
 * parser (the `wat` crate compiled to wasm, as shipped in
 * `@bytecodealliance/jco-transpile`). wabt, the 2.0 front end, does not know
 * 3.0 syntax such as `try_table`, `exnref` or `(tag ...)` imports.
 *
 * Its `parse` is asynchronous while the runner assembles synchronously, so a
 * script's module texts are all assembled before its first command runs
 * ({@link preassemble}); nothing is validated (an `assert_invalid` module must
 * reach our validator).
 * @module
 */
import { parse } from "@bytecodealliance/jco-transpile/wasm-tools";
import { AssembleError, withDataCount, type Assembler } from "./assemble.js";
import type { Command, ModuleDef } from "./script.js";

const utf8 = new TextDecoder();

/** The module forms of a command that hold module text (quoted or not). */
function textModules(cmd: Command): ModuleDef[] {
  if (!("module" in cmd) || typeof cmd.module !== "object" || cmd.module === null) return [];
  return cmd.module.source.kind === "binary" ? [] : [cmd.module];
}

/**
 * The first line of wasm-tools' error: its `Debug` rendering names the error
 * kind and the message, e.g. `kind: Custom("expected a i32")`.
 */
function shortMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const custom = /kind: Custom\("((?:[^"\\]|\\.)*)"\)/.exec(text);
  const offset = /span: Span \{ offset: (\d+) \}/.exec(text);
  if (custom) return `${custom[1]}${offset ? ` (at text offset ${offset[1]})` : ""}`;
  return text.split("\n")[0] ?? text;
}

/**
 * Assembles the text of every module in `commands` and returns an assembler
 * that hands out the results: a binary, or {@link AssembleError} with
 * wasm-tools' message. Text it was not given is an error of the runner.
 */
export async function preassemble(commands: readonly Command[]): Promise<Assembler> {
  const results = new Map<string, Uint8Array | AssembleError>();
  for (const def of commands.flatMap(textModules)) {
    const text = utf8.decode(def.source.bytes);
    if (results.has(text)) continue;
    try {
      results.set(text, withDataCount(await parse(text)));
    } catch (e) {
      results.set(text, new AssembleError(`wasm-tools: ${shortMessage(e)}`));
    }
  }
  return (bytes) => {
    const result = results.get(utf8.decode(bytes));
    if (result === undefined) throw new Error("internal: module text that was not assembled before the script ran");
    if (result instanceof AssembleError) throw result;
    return result;
  };
}
