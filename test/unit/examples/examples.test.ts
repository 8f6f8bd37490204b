import test from "ava";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const distExamples = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "examples");
const srcExamples = resolve(distExamples, "..", "..", "examples");

// An example whose lines come out in varying order (threads) has a `NAME.multiset` marker beside its
// `NAME.out`: its lines are then compared as a multiset (sorted), not in sequence.
function sortedLines(text: string): string[] {
  return text.split("\n").sort();
}

for (const out of readdirSync(srcExamples).filter((f) => f.endsWith(".out"))) {
  const name = out.slice(0, -4);
  const multiset = existsSync(resolve(srcExamples, `${name}.multiset`));
  test(`example ${name} prints exactly its expected ${multiset ? "lines, in any order" : "output"}`, (t) => {
    const stdout = execFileSync(process.execPath, [resolve(distExamples, "run.js"), name], { encoding: "utf8" });
    const expected = readFileSync(resolve(srcExamples, out), "utf8");
    if (multiset) t.deepEqual(sortedLines(stdout), sortedLines(expected));
    else t.is(stdout, expected);
  });
}

// Helpers that are not programs: the runner and the file reader the examples share.
const NOT_EXAMPLES = new Set(["run", "files"]);

test("every example program has its expected output beside it", (t) => {
  const programs = readdirSync(srcExamples).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3))
    .filter((name) => !NOT_EXAMPLES.has(name));
  t.true(programs.length >= 19, `only ${programs.length} example programs found in ${srcExamples}`);
  t.deepEqual(programs.filter((name) => !existsSync(resolve(srcExamples, `${name}.out`))), []);
});
