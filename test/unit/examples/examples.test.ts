import test from "ava";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const distExamples = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "examples");
const srcExamples = resolve(distExamples, "..", "..", "examples");

for (const out of readdirSync(srcExamples).filter((f) => f.endsWith(".out"))) {
  const name = out.slice(0, -4);
  test(`example ${name} prints exactly its expected output`, (t) => {
    const stdout = execFileSync(process.execPath, [resolve(distExamples, "run.js"), name], { encoding: "utf8" });
    t.is(stdout, readFileSync(resolve(srcExamples, out), "utf8"));
  });
}
