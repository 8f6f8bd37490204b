/**
 * The compiled tier really compiles the spec suite's SIMD, exception-handling
 * and tail-call modules: passing those files on `--tier compiler` proves
 * little if their functions quietly fell back to the interpreter. Each file
 * runs through the spec runner on the compiler tier; then every module an
 * instance of which ran compiled code is asked, through `compiledFlags`,
 * which of its functions were compiled. Every one must be.
 */
import test from "ava";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_FEATURES, WASM_2_0 } from "../../../impl/index.js";
import { compiledFlags } from "../../../impl/exec/compiler/module.js";
import { WASM3_EH_FEATURES } from "../../helpers/wat.js";
import { createAssembler } from "../../spec/assemble.js";
import { ScriptRunner } from "../../spec/execute.js";
import { suiteDir } from "../../spec/run.js";
import { parseScript } from "../../spec/script.js";

interface Count {
  compiled: number;
  fellBack: number;
  commandsPassed: number;
  commands: number;
}

/** Runs `file` on the compiler tier; counts the functions of the modules that ran compiled. */
async function countFile(file: string, suite: "2.0" | "3.0"): Promise<Count> {
  const assembler = await createAssembler(suite === "3.0" ? WASM3_EH_FEATURES : undefined);
  const runner = new ScriptRunner(assembler, null, suite === "3.0" ? DEFAULT_FEATURES : WASM_2_0, "compiler");
  const commands = parseScript(readFileSync(file));
  let passed = 0;
  commands.forEach((c, i) => { if (runner.run(c, i).status === "pass") passed++; });
  const count: Count = { compiled: 0, fellBack: 0, commandsPassed: passed, commands: commands.length };
  for (const m of new Set(runner.modules)) {
    for (const f of compiledFlags(m) ?? []) f ? count.compiled++ : count.fellBack++;
  }
  return count;
}

const SIMD_DIR = join(suiteDir("2.0"), "simd");
const SIMD_FILES = existsSync(SIMD_DIR) ? readdirSync(SIMD_DIR).filter((f) => f.endsWith(".wast")).sort() : [];
const V3_FILES = ["tag.wast", "throw.wast", "throw_ref.wast", "try_table.wast", "return_call.wast", "return_call_indirect.wast"];

test("the suite's SIMD files are there (a missing fixture fails)", (t) => {
  t.true(SIMD_FILES.length >= 50, `SIMD scripts in ${SIMD_DIR}`);
  for (const f of V3_FILES) t.true(existsSync(join(suiteDir("3.0"), f)), f);
});

test("every function of the 3.0 exception-handling and tail-call modules that ran is compiled", async (t) => {
  let total = 0;
  for (const f of V3_FILES) {
    const c = await countFile(join(suiteDir("3.0"), f), "3.0");
    t.is(c.fellBack, 0, `${f}: ${c.fellBack} function(s) left to the interpreter`);
    t.log(`${f}: ${c.compiled} compiled, ${c.commandsPassed}/${c.commands} commands passed`);
    total += c.compiled;
  }
  t.true(total > 100);
});

test("every function of the SIMD modules that ran is compiled", async (t) => {
  let total = 0;
  for (const f of SIMD_FILES) {
    const c = await countFile(join(SIMD_DIR, f), "2.0");
    t.is(c.fellBack, 0, `${f}: ${c.fellBack} function(s) left to the interpreter`);
    total += c.compiled;
  }
  t.true(total > 1000);
  t.log(`SIMD files: ${total} functions compiled, none left to the interpreter`);
});
