import test from "ava";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_FEATURES } from "../../../impl/index.js";
import { WASM3_FEATURES } from "../../helpers/wat.js";
import { createAssembler } from "../../spec/assemble.js";
import { ScriptRunner } from "../../spec/execute.js";
import { suiteDir } from "../../spec/run.js";
import { parseScript, type Command } from "../../spec/script.js";
import { parseSExprs, ScriptSyntaxError } from "../../spec/sexpr.js";

// The 3.0 suite's own annotation tests (a missing suite fails here, it is not skipped).
const script = readFileSync(join(suiteDir("3.0"), "annotations.wast"));
const commands = parseScript(script);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** The expected messages of `annotations.wast` that a lexer reports; the others ("unknown operator", "empty identifier") are a parser's. */
const LEXICAL = ["illegal character", "malformed UTF-8", "empty annotation id", "unclosed annotation", "unexpected token", "unclosed string"];

type Malformed = Command & { kind: "assert_malformed" };
const malformed = commands.filter((c): c is Malformed => c.kind === "assert_malformed" && c.module.source.kind === "quote");

test("reading the script leaves its bytes as they were (module texts are blanked in copies)", (t) => {
  t.deepEqual([...script], [...readFileSync(join(suiteDir("3.0"), "annotations.wast"))]);
});

test("every command of annotations.wast is read, none unsupported", (t) => {
  t.is(commands.length, 74);
  t.deepEqual(commands.filter((c) => c.kind === "unsupported"), []);
  t.is(malformed.length, 64);
});

test("the reader refuses each quoted text the suite calls lexically malformed, and reads the rest", (t) => {
  let lexical = 0;
  for (const c of malformed) {
    const text = c.module.source.bytes;
    if (LEXICAL.some((m) => c.message.startsWith(m))) {
      lexical++;
      t.throws(() => parseSExprs(text), { instanceOf: ScriptSyntaxError }, `line ${c.line}: ${dec(text)}`);
    } else {
      // Well-formed tokens in a wrong place: the module parser's business, not the reader's.
      t.notThrows(() => parseSExprs(text), `line ${c.line}: ${dec(text)}`);
    }
  }
  t.is(lexical, 60);
});

test("annotated modules assemble to the same binary as the module written without them", async (t) => {
  const wabt = await createAssembler(WASM3_FEATURES);
  const named = commands.filter((c): c is Command & { kind: "module" } => c.kind === "module" && c.module.name !== null);
  t.deepEqual(named.map((c) => c.module.name), ["$m", "$m1", "$m2"]);
  for (const c of named) {
    const original = dec(c.module.source.bytes);
    t.false(original.includes("(@"), `${c.module.name} still holds an annotation`);
    // An independent oracle: these three modules' annotations are all exactly `(@a)`.
    const start = script.indexOf(new TextEncoder().encode(`((@a) module (@a) ${c.module.name} `));
    t.true(start >= 0, `${c.module.name} not found in the script as written`);
    const end = start + c.module.source.bytes.length;
    const plain = new TextEncoder().encode(dec(script.subarray(start, end)).replaceAll("(@a)", ""));
    t.deepEqual([...wabt(c.module.source.bytes)], [...wabt(plain)], c.module.name!);
  }
});

test("annotations.wast runs: every command passes but the module-quote malformed texts, skipped by policy", async (t) => {
  const runner = new ScriptRunner(await createAssembler(WASM3_FEATURES), null, DEFAULT_FEATURES);
  const outcomes = commands.map((c, i) => runner.run(c, i));
  t.deepEqual(outcomes.filter((o) => o.status === "fail").map((o) => `${o.line}: ${o.detail}`), []);
  t.is(outcomes.filter((o) => o.status === "pass").length, 10);
  t.true(outcomes.filter((o) => o.status === "skip").every((o) => o.skip === "text-malformed"));
});
