import test from "ava";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { format, parse, ROOT, tableFile, type PrototypeEntry } from "../../helpers/prototype-table.js";

const TABLE = tableFile.readTable();
const byName = (name: string): PrototypeEntry => {
  const e = TABLE.find((x) => x.name === name);
  if (!e) throw new Error(`${name} is not in the table`);
  return e;
};
const ownerships = (name: string) => [...byName(name).params.map((p) => p.ownership), byName(name).result.ownership];

test("the committed table is exactly what docs/wasm-h/generate.mjs makes from ../shared/wasm-h-api.md", (t) => {
  if (!existsSync(tableFile.LIST_PATH)) {
    t.fail(`${tableFile.LIST_PATH} is missing: the table cannot be checked against wasm.h's function list`);
    return;
  }
  t.is(readFileSync(tableFile.TABLE_PATH, "utf8"), tableFile.generateTableText());
});

test("the generator's --check passes on the committed table and fails clearly on a missing list", (t) => {
  if (!existsSync(tableFile.LIST_PATH)) {
    t.fail(`${tableFile.LIST_PATH} is missing`);
    return;
  }
  const script = resolve(ROOT, "docs", "wasm-h", "generate.mjs");
  const ok = spawnSync(process.execPath, [script, "--check"], { encoding: "utf8" });
  t.is(ok.status, 0, ok.stderr);
  const missing = spawnSync(process.execPath, [script, "--check", "--input", resolve(ROOT, "no-such-list.md")], { encoding: "utf8" });
  t.is(missing.status, 1);
  t.regex(missing.stderr, /cannot generate the prototype table: .*no-such-list\.md/);
});

test("ownership follows wasm.h's markings: own passes, own T* out and own T** are out-parameters, pointers are borrowed", (t) => {
  t.deepEqual(ownerships("wasm_instance_new"), ["borrowed", "borrowed", "borrowed", "out", "own"]);
  t.deepEqual(ownerships("wasm_func_call"), ["borrowed", "borrowed", "borrowed", "own"]);
  t.deepEqual(ownerships("wasm_functype_new"), ["own", "own", "own"]);
  t.deepEqual(ownerships("wasm_byte_vec_new"), ["out", "value", "own", "none"]);
  t.deepEqual(ownerships("wasm_module_exports"), ["borrowed", "out", "none"]);
  t.deepEqual(ownerships("wasm_functype_params"), ["borrowed", "borrowed"]);
  t.deepEqual(ownerships("wasm_memory_data"), ["borrowed", "borrowed"]);
  t.deepEqual(ownerships("wasm_memory_grow"), ["borrowed", "value", "value"]);
  t.deepEqual(ownerships("wasm_func_new_with_env"), ["borrowed", "borrowed", "value", "borrowed", "value", "own"]);
  t.deepEqual(ownerships("wasm_engine_new"), ["own"]);
  t.deepEqual(ownerships("wasm_tagtype_new"), ["own", "own"]);
  t.deepEqual(ownerships("wasm_externtype_as_tagtype_const"), ["borrowed", "borrowed"]);
});

test("prototypes read as wasm.h writes them, parameter names included", (t) => {
  t.is(byName("wasm_func_call").prototype, "own wasm_trap_t* wasm_func_call(const wasm_func_t*, const wasm_val_vec_t* args, wasm_val_vec_t* results);");
  t.is(byName("wasm_instance_new").prototype,
    "own wasm_instance_t* wasm_instance_new(wasm_store_t*, const wasm_module_t*, const wasm_extern_vec_t* imports, own wasm_trap_t**);");
  t.is(byName("wasm_engine_new").prototype, "own wasm_engine_t* wasm_engine_new(void);");
  t.is(byName("wasm_tagtype_vec_new").prototype, "void wasm_tagtype_vec_new(own wasm_tagtype_vec_t* out, size_t, own wasm_tagtype_t* const[]);");
  t.deepEqual(byName("wasm_func_new_with_env").params.map((p) => p.name), [null, "type", null, "env", "finalizer"]);
  t.is(byName("wasm_func_call").group, "`wasm_func_t` (REF)");
  t.is(byName("wasm_tagtype_new").group, parse.TAGTYPE_GROUP);
});

test("a list the parser does not understand is refused, never half read", (t) => {
  if (!existsSync(tableFile.LIST_PATH)) {
    t.fail(`${tableFile.LIST_PATH} is missing`);
    return;
  }
  const good = readFileSync(tableFile.LIST_PATH, "utf8");
  t.throws(() => parse.parseApiList(good.replace("`wasm_config_t` — 2 functions", "`wasm_config_t` — 3 functions")), { message: /announces 3 functions and lists 2/ });
  t.throws(() => parse.parseApiList(good.replace(/^\| 2 \| `wasm_config_new`.*$/m, "")), { message: /announces 2 functions and lists 1/ });
  t.throws(() => parse.parseApiList(good.replace(/\*\*Total exported.*$/m, "")), { message: /total line: null/ });
  t.throws(() => parse.parseApiList(good.replace("293 in all", "many")), { message: /tag-type functions/ });
  t.throws(() => parse.parseApiList(good.replace("| `wasm_engine_delete` |", "| wasm_engine_delete |")), { message: /expected a `code` cell/ });
});

test("the plugin's formatting renders every entry: a C code block of its prototype and one ownership line per parameter and result", (t) => {
  const words = new Set(["own", "borrowed", "out", "value"]);
  for (const e of TABLE) {
    t.is(format.formatPrototype(e), "```c\n" + e.prototype + "\n```", e.name);
    t.regex(e.prototype, new RegExp(`^[^(]*\\b${e.name}\\(.*\\);$`), e.name);
    const lines = format.formatOwnership(e).split("\n");
    t.is(lines.length, Math.max(e.params.length, 1) + 1, e.name);
    e.params.forEach((p, i) => {
      t.true(lines[i]!.startsWith(`- parameter ${i + 1} (C \`${p.c}\`): **${p.ownership}**, `), `${e.name}: ${lines[i]}`);
      t.true(words.has(p.ownership), `${e.name} parameter ${i + 1}: ${p.ownership}`);
    });
    const last = lines[lines.length - 1]!;
    t.true(e.result.ownership === "none" ? last === "- result (C `void`): none" : last.startsWith(`- result (C \`${e.result.c}\`): **${e.result.ownership}**, `),
      `${e.name}: ${last}`);
    const section = format.formatSection(e);
    t.true(section.includes(format.formatPrototype(e)) && section.includes(format.formatOwnership(e)), e.name);
  }
});

test("ownership lines take the TypeScript parameter names when they are as many as C's, and say how out-parameters read", (t) => {
  const e = byName("wasm_instance_new");
  const lines = format.formatOwnership(e, ["store", "module", "imports", "trap"]).split("\n");
  t.is(lines[0], "- `store` (C `wasm_store_t*`): **borrowed**, ownership stays with the caller");
  t.regex(lines[3]!, /^- `trap` \(C `own wasm_trap_t\*\*`\): \*\*out\*\*, .*`\{ value \}`.*porting guide, rule 4\)$/);
  t.is(lines[4], "- result (C `own wasm_instance_t*`): **own**, the caller owns the result and deletes it");
  t.regex(format.formatOwnership(byName("wasm_module_exports"), ["module", "out"]), /`out` .*\*\*out\*\*.*porting guide, rule 3\)/);
  // A count that does not match C's labels by position rather than pairing the wrong names.
  t.true(format.formatOwnership(e, ["store", "module"]).startsWith("- parameter 1 (C `wasm_store_t*`)"));
});

test("the typedoc configuration loads the plugin and includes the porting guide", (t) => {
  const config = JSON.parse(readFileSync(resolve(ROOT, "typedoc.json"), "utf8")) as { plugin?: string[]; projectDocuments?: string[] };
  t.deepEqual(config.plugin, ["./docs/typedoc-plugin.mjs"]);
  t.deepEqual(config.projectDocuments, ["docs/porting-guide.md"]);
  t.true(existsSync(resolve(ROOT, "docs", "typedoc-plugin.mjs")));
  t.true(existsSync(resolve(ROOT, "docs", "porting-guide.md")));
});
