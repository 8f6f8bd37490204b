import test from "ava";
import { countTap } from "../../run-all.js";

test("TAP totals win over counted lines; skips and todos count as neither", (t) => {
  t.deepEqual(countTap(["ok 1 - a", "not ok 2 - b", "ok 3 - c # SKIP", "ok 4 - d # TODO later"]), { passed: 1, failed: 1 });
  t.deepEqual(countTap(["ok 1 - a", "# pass 7", "# fail 2"]), { passed: 7, failed: 2 });
  t.deepEqual(countTap([]), { passed: 0, failed: 0 });
  // ava counts a todo in its `# fail` total; it is not a failure.
  t.deepEqual(countTap(["ok 1 - a", "not ok 2 - b # TODO waits", "# pass 1", "# fail 1"]), { passed: 1, failed: 0 });
});
