/**
 * `npm run example NAME`: runs one example program (`examples/NAME.ts`).
 * Without a name, lists the examples.
 * @module
 */
import { readdirSync } from "node:fs";
import { examplesDir } from "./files.js";

const names = readdirSync(examplesDir).filter((f) => f.endsWith(".out")).map((f) => f.slice(0, -4)).sort();
const name = process.argv[2];
if (!name || !names.includes(name)) {
  console.error(name ? `no example named ${name}` : "usage: npm run example NAME");
  console.error(`examples: ${names.join(", ")}`);
  process.exitCode = 2;
} else {
  await import(`./${name}.js`);
}
