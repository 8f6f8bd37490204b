/**
 * A `.wast` script as a list of typed commands, read from its S-expressions.
 * A command this runner cannot read becomes an `unsupported` command (a
 * failure of that command alone, never of the whole script).
 * @see https://github.com/WebAssembly/spec/tree/main/interpreter#scripts
 * @module
 */
import { headOf, parseSExprs, stringText, withoutAnnotations, type SExpr, type SList } from "./sexpr.js";
import { parseConst, parseExpected, ScriptValueError, type Expected } from "./values.js";

/** Where a module's bytes come from. */
export type ModuleSource =
  /** `(module ...)`: the exact source bytes of the whole form (annotations blanked out), for wabt. */
  | { readonly kind: "text"; readonly bytes: Uint8Array }
  /** `(module binary "...")`: the binary itself. */
  | { readonly kind: "binary"; readonly bytes: Uint8Array }
  /** `(module quote "...")`: module text given as strings (annotations blanked out), for wabt. */
  | { readonly kind: "quote"; readonly bytes: Uint8Array };

/** A module form, optionally named `$id`. */
export interface ModuleDef {
  readonly name: string | null;
  readonly source: ModuleSource;
  /** `(module definition $id? ...)`: the module is compiled and named, not instantiated. */
  readonly definitionOnly?: boolean;
}

/** `(invoke $m? "name" const*)` or `(get $m? "name")`. */
export type Action =
  | { readonly kind: "invoke"; readonly module: string | null; readonly name: string; readonly args: readonly unknown[] }
  | { readonly kind: "get"; readonly module: string | null; readonly name: string };

/** Assertions whose subject is a module that must fail at a given stage. */
export type ModuleAssertionKind = "assert_malformed" | "assert_invalid" | "assert_unlinkable" | "assert_uninstantiable";

/** One command of a script, with the 1-based line it starts on. */
export type Command = { readonly line: number } & (
  | { readonly kind: "module"; readonly module: ModuleDef }
  | { readonly kind: "register"; readonly as: string; readonly module: string | null }
  /** `(module instance $instance? $definition?)`: instantiates a module defined before (the last one without a name). */
  | { readonly kind: "module_instance"; readonly instance: string | null; readonly definition: string | null }
  | { readonly kind: "action"; readonly action: Action }
  | { readonly kind: "assert_return"; readonly action: Action; readonly expected: readonly Expected[] }
  | { readonly kind: "assert_trap"; readonly action: Action; readonly message: string }
  | { readonly kind: "assert_trap_module"; readonly module: ModuleDef; readonly message: string }
  | { readonly kind: "assert_exhaustion"; readonly action: Action; readonly message: string }
  /** The action must end in an uncaught wasm exception (exception handling). */
  | { readonly kind: "assert_exception"; readonly action: Action }
  | { readonly kind: ModuleAssertionKind; readonly module: ModuleDef; readonly message: string }
  | { readonly kind: "unsupported"; readonly head: string; readonly reason: string }
);

/** Any command kind. */
export type CommandKind = Command["kind"];

/** A script's form is not what this runner understands. */
class ScriptFormError extends Error {}

function concatStrings(items: readonly SExpr[], what: string): Uint8Array {
  const parts = items.map((x) => {
    if (x.kind !== "string") throw new ScriptFormError(`${what} expects strings`);
    return x.bytes;
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function optionalId(items: readonly SExpr[], i: number): string | null {
  const x = items[i];
  return x?.kind === "atom" && x.text.startsWith("$") ? x.text : null;
}

function stringAt(items: readonly SExpr[], i: number, what: string): string {
  const x = items[i];
  if (x?.kind !== "string") throw new ScriptFormError(`${what} expects a string`);
  return stringText(x);
}

function readModule(e: SExpr, src: Uint8Array): ModuleDef {
  if (e.kind !== "list" || headOf(e) !== "module") throw new ScriptFormError("expected a module");
  const name = optionalId(e.items, 1);
  let i = name === null ? 1 : 2;
  const mode = e.items[i];
  if (mode?.kind === "atom" && (mode.text === "binary" || mode.text === "quote")) {
    i++;
    const bytes = concatStrings(e.items.slice(i), `module ${mode.text}`);
    return { name, source: { kind: mode.text, bytes: mode.text === "quote" ? withoutAnnotations(bytes) : bytes } };
  }
  if (name === null && mode?.kind === "atom" && mode.text === "definition") {
    // `(module definition $id? binary|quote|fields)`: read as a module of its own, then marked.
    const rest = readModule({ ...e, items: [e.items[0]!, ...e.items.slice(2)] }, src);
    const text = rest.source.kind === "text" ? { kind: "text" as const, bytes: withoutWord(moduleText(e, src), "definition") } : rest.source;
    return { name: rest.name, source: text, definitionOnly: true };
  }
  if (mode?.kind === "atom" && mode.text === "instance") {
    throw new ScriptFormError("module instance is a command, not a module form");
  }
  return { name, source: { kind: "text", bytes: moduleText(e, src) } };
}

/** The source bytes of a module form, its annotations blanked out (wabt reads none of them). */
function moduleText(e: SList, src: Uint8Array): Uint8Array {
  return withoutAnnotations(src.slice(e.start, e.end));
}

/** `text` with the first occurrence of `word` blanked out (same length, so wabt's line and column numbers hold). */
function withoutWord(text: Uint8Array, word: string): Uint8Array {
  const at = new TextDecoder().decode(text).indexOf(word);
  // A copy, never a view: the text may be a Node Buffer's `slice`, which shares the script's bytes.
  const out = new Uint8Array(text);
  // The head `(module definition` is ASCII: character and byte offsets agree up to it.
  if (at >= 0) out.fill(0x20, at, at + word.length);
  return out;
}

function readAction(e: SExpr | undefined): Action {
  if (e === undefined) throw new ScriptFormError("expected an action");
  const head = headOf(e);
  const items = (e as SList).items;
  if (head === "invoke" || head === "get") {
    const module = optionalId(items, 1);
    const at = module === null ? 1 : 2;
    const name = stringAt(items, at, head);
    if (head === "get") return { kind: "get", module, name };
    return { kind: "invoke", module, name, args: items.slice(at + 1).map(parseConst) };
  }
  throw new ScriptFormError(`expected invoke or get, got ${head ?? "a non-list"}`);
}

function readCommand(e: SList, src: Uint8Array): Command {
  const head = headOf(e) ?? "";
  const line = e.line;
  const items = e.items;
  switch (head) {
    case "module": {
      const mode = items[1];
      if (mode?.kind === "atom" && mode.text === "instance") {
        return { line, kind: "module_instance", instance: optionalId(items, 2), definition: optionalId(items, 3) };
      }
      return { line, kind: "module", module: readModule(e, src) };
    }
    case "register":
      return { line, kind: "register", as: stringAt(items, 1, head), module: optionalId(items, 2) };
    case "invoke":
    case "get":
      return { line, kind: "action", action: readAction(e) };
    case "assert_return":
      return { line, kind: "assert_return", action: readAction(items[1]), expected: items.slice(2).map(parseExpected) };
    case "assert_trap": {
      const subject = items[1];
      const message = stringAt(items, 2, head);
      if (subject !== undefined && headOf(subject) === "module") {
        return { line, kind: "assert_trap_module", module: readModule(subject, src), message };
      }
      return { line, kind: "assert_trap", action: readAction(subject), message };
    }
    case "assert_exception":
      return { line, kind: "assert_exception", action: readAction(items[1]) };
    case "assert_exhaustion":
      return { line, kind: "assert_exhaustion", action: readAction(items[1]), message: stringAt(items, 2, head) };
    case "assert_malformed":
    case "assert_invalid":
    case "assert_unlinkable":
    case "assert_uninstantiable": {
      const subject = items[1];
      if (subject === undefined) throw new ScriptFormError(`${head} expects a module`);
      return { line, kind: head, module: readModule(subject, src), message: stringAt(items, 2, head) };
    }
    default:
      throw new ScriptFormError(`unknown command ${head || "(non-keyword)"}`);
  }
}

/** Keywords that start a module field. */
const MODULE_FIELDS = new Set(["type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data"]);

/**
 * Reads a script into commands. Throws only when the text is not
 * S-expressions at all ({@link ScriptSyntaxError}); a command that cannot be
 * read becomes `unsupported`.
 */
export function parseScript(src: Uint8Array): Command[] {
  const forms = parseSExprs(src);
  // An "inline module": a script of module fields only is one module.
  if (forms.length && forms.every((e) => MODULE_FIELDS.has(headOf(e) ?? ""))) {
    const text = withoutAnnotations(new Uint8Array([...new TextEncoder().encode("(module "), ...src, 0x0a, 0x29]));
    return [{ line: forms[0]!.line, kind: "module", module: { name: null, source: { kind: "text", bytes: text } } }];
  }
  return forms.map((e): Command => {
    const line = e.line;
    if (e.kind !== "list") return { line, kind: "unsupported", head: "", reason: "a top-level token outside any command" };
    try {
      return readCommand(e, src);
    } catch (err) {
      if (err instanceof ScriptFormError || err instanceof ScriptValueError) {
        return { line, kind: "unsupported", head: headOf(e) ?? "", reason: err.message };
      }
      throw err;
    }
  });
}
