import test from "ava";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScripts, type FileRun, type Watchdog } from "../../spec/pool.js";

const dir = mkdtempSync(join(tmpdir(), "pool-"));
function script(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const opts = { jobs: 2, timeoutMs: 20_000, lastLine: null, verbose: false, skipsFor: () => ({}) };

test("scripts run on workers and are reported in the given order", async (t) => {
  const files = [
    script("a.wast", '(module (global (export "g") i32 (i32.const 1)))\n(assert_return (get "g") (i32.const 1))'),
    script("b.wast", '(assert_return (get "g") (i32.const 1))'),
    script("c.wast", "(module)"),
  ];
  const seen: string[] = [];
  const runs = await runScripts(files, opts, (r) => seen.push(r.file));
  t.deepEqual(seen, files);
  t.deepEqual(runs.map((r: FileRun) => r.outcomes.map((o) => o.status)), [["pass", "pass"], ["fail"], ["pass"]]);
});

test("an unreadable script is an error of that file only", async (t) => {
  const files = [script("bad.wast", "(module"), script("good.wast", "(module)")];
  const runs = await runScripts(files, opts, () => {});
  t.regex(runs[0]!.error ?? "", /cannot read the script: line 1: unclosed/);
  t.is(runs[1]!.error, null);
});

test("the line limit stops the script and skip lists skip with their reason", async (t) => {
  const f = script("lines.wast", "(module)\n(module)\n(module)\n(module)");
  const [run] = await runScripts([f], { ...opts, lastLine: 3, skipsFor: () => ({ 2: "a reason" }) }, () => {});
  t.deepEqual(run!.outcomes.map((o) => [o.line, o.status, o.detail]), [[1, "pass", undefined], [2, "skip", "a reason"], [3, "pass", undefined]]);
});

test("a command whose watchdog expires fails alone; the worker is replaced and the script re-run without it", async (t) => {
  const f = script("hang.wast",
    '(module (func (export "spin") (loop (br 0))) (global (export "g") i32 (i32.const 5)))\n' +
    '(invoke "spin")\n(assert_return (get "g") (i32.const 5))\n');
  // No clock: the injected watchdog expires exactly the command on line 2, once the worker has begun it.
  const watched: number[] = [];
  const watchdog: Watchdog = (command, expire) => {
    watched.push(command.line);
    if (command.line === 2) setImmediate(() => expire("stopped by the test's watchdog"));
    return () => {};
  };
  const [run] = await runScripts([f], { ...opts, watchdog }, () => {});
  t.deepEqual(run!.outcomes.map((o) => [o.line, o.status]), [[1, "pass"], [2, "fail"], [3, "pass"]]);
  t.is(run!.outcomes[1]!.detail, "stopped by the test's watchdog (the script was re-run without this command)");
  // Start-up (line 0) and every command are watched; the re-run starts up again and skips line 2.
  t.deepEqual(watched, [0, 1, 2, 0, 1, 3]);
});

