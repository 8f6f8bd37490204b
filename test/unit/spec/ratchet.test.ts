import test from "ava";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkRatchet, formatLines, formatRatchet, loadRatchet, saveRatchet, updateRatchet } from "../../spec/ratchet.js";

test("a failure the ratchet does not list is a regression", (t) => {
  const r = checkRatchet({ "a.wast": [3] }, [{ file: "a.wast", failing: [3, 5, 5], range: null }, { file: "b.wast", failing: [1], range: null }]);
  t.deepEqual([...r.regressions], [["a.wast", [5]], ["b.wast", [1]]]);
  t.is(r.fixed.size, 0);
});

test("a listed line that passes now must be removed", (t) => {
  const r = checkRatchet({ "a.wast": [3, 4, 9] }, [{ file: "a.wast", failing: [4], range: null }]);
  t.deepEqual([...r.fixed], [["a.wast", [3, 9]]]);
  t.is(r.regressions.size, 0);
});

test("files and line ranges that were not run are not judged", (t) => {
  const r = checkRatchet({ "a.wast": [3, 40], "other.wast": [1] }, [{ file: "a.wast", failing: [], range: [1, 10] }]);
  t.deepEqual([...r.fixed], [["a.wast", [3]]]);
});

test("an exact match of failures and ratchet passes", (t) => {
  const r = checkRatchet({ "a.wast": [3, 4] }, [{ file: "a.wast", failing: [4, 3], range: null }]);
  t.is(r.regressions.size + r.fixed.size, 0);
});

test("updating replaces what was run and keeps the rest", (t) => {
  const next = updateRatchet({ "a.wast": [3, 40], "b.wast": [2], "c.wast": [7] },
    [{ file: "a.wast", failing: [5], range: [1, 10] }, { file: "b.wast", failing: [], range: null }]);
  t.deepEqual(next, { "a.wast": [5, 40], "c.wast": [7] });
});

test("the ratchet file round-trips, sorted, one file per line", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "ratchet-"));
  const path = join(dir, "ratchet.json");
  t.deepEqual(loadRatchet(path), {});
  saveRatchet(path, { "z.wast": [9, 1], "a.wast": [2] });
  t.deepEqual(loadRatchet(path), { "a.wast": [2], "z.wast": [1, 9] });
  t.is(formatRatchet({ "b.wast": [1, 2], "a.wast": [3] }), '{\n  "a.wast": [3],\n  "b.wast": [1, 2]\n}\n');
  t.is(formatRatchet({}), "{}\n");
  writeFileSync(path, '{"a.wast": ["x"]}');
  t.throws(() => loadRatchet(path));
});

test("lines print as compact ranges", (t) => {
  t.is(formatLines([1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8");
  t.is(formatLines([]), "");
});
