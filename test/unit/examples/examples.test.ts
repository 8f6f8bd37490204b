import test from "ava";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const distExamples = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "examples");
const srcExamples = resolve(distExamples, "..", "..", "examples");

// An example whose lines come out in varying order (threads) has a `NAME.multiset` marker beside its
// `NAME.out`: its lines are then compared as a multiset (sorted), not in sequence. An example whose
// expected output waits for an engine feature has a `NAME.pending` file saying which: its test is a todo.
function sortedLines(text: string): string[] {
  return text.split("\n").sort();
}

for (const out of readdirSync(srcExamples).filter((f) => f.endsWith(".out"))) {
  const name = out.slice(0, -4);
  const multiset = existsSync(resolve(srcExamples, `${name}.multiset`));
  const pending = resolve(srcExamples, `${name}.pending`);
  if (existsSync(pending)) {
    test.todo(`example ${name}: ${readFileSync(pending, "utf8").trim()}`);
    continue;
  }
  test(`example ${name} prints exactly its expected ${multiset ? "lines, in any order" : "output"}`, (t) => {
    const stdout = execFileSync(process.execPath, [resolve(distExamples, "run.js"), name], { encoding: "utf8" });
    const expected = readFileSync(resolve(srcExamples, out), "utf8");
    if (multiset) t.deepEqual(sortedLines(stdout), sortedLines(expected));
    else t.is(stdout, expected);
  });
}
