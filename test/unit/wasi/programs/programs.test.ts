/**
 * The differential test of issue 13: our own C programs
 * (`test/wasi/programs/`) run on our engine and on `node:wasi`, each in a
 * fresh tree with the same initial files, and stdout, stderr, the exit
 * status and the files left in the preopen must be identical byte for byte
 * (stdout up to the few lines listed as known differences in
 * `test/wasi/cases.ts`, each with its reason).
 *
 * `escape` is compared differently: `node:wasi` is not a sandbox (its
 * documentation says so), so ours must refuse every escape and leave the
 * outside untouched, and where `node:wasi` refuses too both must say the same
 * (with one documented naming difference, see {@link SANDBOX_REFUSAL}).
 */
import test, { type ExecutionContext } from "ava";
import { readdirSync } from "node:fs";
import { CASES, ESCAPE_CASE, ESCAPE_SANDBOX, type KnownDifference } from "../../../wasi/cases.js";
import { PROGRAMS_DIR, runOnNode, runOnOurs, type RunResult } from "../../../wasi/harness.js";

/**
 * node:wasi's stdout with each known difference's line replaced by ours,
 * after checking that the difference still occurs on both sides.
 */
function expectedStdout(t: ExecutionContext, node: Buffer, ours: Buffer, known: readonly KnownDifference[]): Buffer {
  if (!known.length) return node;
  const nodeLines = node.toString("utf8").split("\n");
  const ourLines = new Set(ours.toString("utf8").split("\n"));
  for (const k of known) {
    const at = nodeLines.indexOf(k.node);
    t.true(at >= 0 && ourLines.has(k.ours), `known difference no longer seen: ${k.node} / ${k.ours}`);
    if (at >= 0) nodeLines[at] = k.ours;
  }
  return Buffer.from(nodeLines.join("\n"), "utf8");
}

for (const c of CASES) {
  test(`${c.title}: our engine and node:wasi agree byte for byte`, async (t) => {
    const ours = runOnOurs(c);
    const node = await runOnNode(c);
    // The expected status first, so that two runtimes failing alike do not pass.
    t.is(node.status, c.status, "node:wasi's exit status");
    t.is(ours.status, c.status, "our exit status");
    t.deepEqual(ours.stdout, expectedStdout(t, node.stdout, ours.stdout, c.known ?? []), "stdout");
    t.deepEqual(ours.stderr, node.stderr, "stderr");
    t.deepEqual(ours.sandbox, node.sandbox, "the preopen's files afterwards");
    t.deepEqual(ours.outside, node.outside, "the files outside the preopen afterwards");
    t.true(ours.stdout.length + ours.stderr.length > 0 || c.program === "cat", "the program printed something");
  });
}

test("our engine gives the same results with stdin from bytes and stdout/stderr captured in memory", (t) => {
  for (const c of CASES.filter((c) => c.program === "cat" || c.program === "exit3" || c.program === "echo")) {
    const files = runOnOurs(c, "files");
    const memory = runOnOurs(c, "memory");
    t.is(memory.status, c.status, c.title);
    t.deepEqual(memory.stdout, files.stdout, `${c.title}: stdout`);
    t.deepEqual(memory.stderr, files.stderr, `${c.title}: stderr`);
    t.true(memory.stdout.length + memory.stderr.length > 0, `${c.title}: printed something`);
  }
});

test("every program source has its committed .wasm and a case", (t) => {
  const files = readdirSync(PROGRAMS_DIR);
  const sources = files.filter((f) => f.endsWith(".c")).map((f) => f.slice(0, -2));
  t.true(sources.length >= 9, `only ${sources.length} programs in ${PROGRAMS_DIR}`);
  t.deepEqual(sources.filter((p) => !files.includes(`${p}.wasm`)), [], "programs without their .wasm");
  const covered = new Set([...CASES.map((c) => c.program), ESCAPE_CASE.program]);
  t.deepEqual(sources.filter((p) => !covered.has(p)), [], "programs no case runs");
});

/** Escape's output lines, `LABEL: OUTCOME`, as a map from label to outcome. */
function lines(r: RunResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of r.stdout.toString("utf8").split("\n")) {
    // Labels hold ": " themselves: the outcome is what follows the first ": " that starts one.
    const m = /^(.*?): (refused E\w+|ESCAPED.*|ok .*|FAILED .*|made|E\w+|\/sandbox)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

/**
 * How each runtime names "the sandbox refuses this path": ours says EPERM
 * (as Wasmtime does), `node:wasi` ENOTCAPABLE. Every other errno must match.
 */
const SANDBOX_REFUSAL: Readonly<Record<string, string>> = { "refused EPERM": "refused ENOTCAPABLE" };

test("escape: our engine refuses every way out of the preopen and changes nothing outside it", (t) => {
  const ours = runOnOurs(ESCAPE_CASE);
  t.is(ours.status, 0);
  t.deepEqual(ours.stderr, Buffer.alloc(0));
  const got = lines(ours);
  t.is(got.get("preopen fd 3"), "/sandbox");
  const attempts = [...got].filter(([label]) => label !== "preopen fd 3" && !label.startsWith("control:") && label !== "symlink: make made_out -> ../outside/secret.txt");
  t.true(attempts.length >= 35, `only ${attempts.length} escape attempts in the output`);
  t.deepEqual(attempts.filter(([, what]) => !what.startsWith("refused E")), [], "attempts that were not refused");
  t.deepEqual([...got].filter(([label]) => label.startsWith("control:")).map(([, what]) => what), Array(3).fill('ok (read "inside")'));
  // Nothing outside changed, and the preopen holds what it started with (plus,
  // at most, the symlink the program made, which only names a path outside).
  t.deepEqual(ours.outside, [{ path: "secret.txt", kind: "file", content: Buffer.from("secret\n").toString("hex") }]);
  const made = got.get("symlink: make made_out -> ../outside/secret.txt");
  const expected = ESCAPE_SANDBOX.map((e) => e.path.split("/")[0]!);
  if (made === "made") expected.push("made_out");
  t.deepEqual([...new Set(ours.sandbox.map((e) => e.path.split("/")[0]!))].sort(), [...new Set(expected)].sort());
  t.is(ours.sandbox.find((e) => e.path === "file.txt")?.content, Buffer.from("inside\n").toString("hex"));
});

test("escape: where node:wasi refuses too, both refuse alike; what node:wasi lets out is logged", async (t) => {
  const ours = lines(runOnOurs(ESCAPE_CASE));
  const node = await runOnNode(ESCAPE_CASE);
  t.is(node.status, 0);
  const theirs = lines(node);
  t.deepEqual([...theirs.keys()].filter((label) => !ours.has(label) && !label.startsWith("symlink made:")), [], "attempts only node:wasi reported");
  let compared = 0;
  for (const [label, what] of theirs) {
    if (label === "symlink: make made_out -> ../outside/secret.txt") continue; // making it is allowed or not: a policy, logged below
    if (what.startsWith("ESCAPED")) {
      t.log(`node:wasi lets out: ${label}: ${what}`);
      continue;
    }
    const mine = ours.get(label)!;
    t.is(SANDBOX_REFUSAL[mine] ?? mine, what, label);
    compared++;
  }
  t.true(compared >= 20, `only ${compared} attempts compared`);
  t.log(`making a symlink that points out: ours ${ours.get("symlink: make made_out -> ../outside/secret.txt")}, node:wasi ${theirs.get("symlink: make made_out -> ../outside/secret.txt")}`);
});
