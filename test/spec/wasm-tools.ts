/**
 * The second text front end of the 3.0 run: wasm-tools' parser (the `wat`
 * crate compiled to wasm, shipped in `@bytecodealliance/jco-transpile`) for
 * the module texts wabt 1.0.39 cannot read. wabt has no typed function
 * references (`(ref null $t)`, `call_ref`, `br_on_null`, table initialiser
 * expressions), so those modules are assembled here: the texts that use
 * their syntax (wabt reads some of it, wrongly: `(global (ref $f) ...)`
 * came out with a malformed global type), and the texts wabt refuses.
 * Everything else stays wabt's, so the earlier results do not move.
 *
 * wasm-tools' `parse` is asynchronous while the runner assembles
 * synchronously, so a script's refused texts are all assembled before its
 * first command runs. Nothing is validated (an `assert_invalid` module must
 * reach our validator).
 * @module
 */
import { parse } from "@bytecodealliance/jco-transpile/wasm-tools";
import { AssembleError, withDataCount, type Assembler } from "./assemble.js";
import type { Command, ModuleDef } from "./script.js";

const utf8 = new TextDecoder();

/** Typed function references' text syntax: `(ref ...)` types, their instructions, the bottom types' short names. */
const TYPED_REF_SYNTAX = /\(ref\s|\bcall_ref\b|\bbr_on_(?:null|non_null)\b|\bref\.as_non_null\b|\bnull(?:func|extern|exn)?ref\b/;

/** The module forms of a command that hold module text (quoted or not). */
function textModules(cmd: Command): ModuleDef[] {
  if (!("module" in cmd) || typeof cmd.module !== "object" || cmd.module === null) return [];
  return cmd.module.source.kind === "binary" ? [] : [cmd.module];
}

/**
 * Wraps `wabt` so that the texts of `commands` with typed-reference syntax,
 * and those wabt refuses, are assembled by wasm-tools instead, when
 * wasm-tools can; when it cannot, wabt's result (or error) stands.
 */
export async function withWasmToolsFallback(wabt: Assembler, commands: readonly Command[]): Promise<Assembler> {
  const fallback = new Map<string, Uint8Array>();
  for (const def of commands.flatMap(textModules)) {
    const text = utf8.decode(def.source.bytes);
    if (!TYPED_REF_SYNTAX.test(text)) {
      try {
        wabt(def.source.bytes);
        continue;
      } catch (e) {
        if (!(e instanceof AssembleError)) throw e;
      }
    }
    if (fallback.has(text)) continue;
    try {
      fallback.set(text, withDataCount(await parse(text)));
    } catch {
      // Neither front end reads it: wabt's error stands.
    }
  }
  if (fallback.size === 0) return wabt;
  return (bytes) => fallback.get(utf8.decode(bytes)) ?? wabt(bytes);
}
