import test from "ava";
import { ExternKind, funcTypeText, ValType, type FuncType } from "../../../impl/base/types.js";
import { compileModule, type ValidatedModule } from "../../../impl/link/api.js";
import { buildImportList } from "../../../impl/link/import-list.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { NativeRegistry } from "../../../impl/link/registry.js";
import { Store } from "../../../impl/runtime/instances.js";
import { TagInstance } from "../../../impl/runtime/tag.js";
import { wat, WASM3_EH_FEATURES } from "../../helpers/wat.js";
import { linkError, memory } from "./helpers.js";

const payload = (...params: ValType[]): FuncType => ({ params, results: [] });

/** A module that imports tags of the given payload types (by type index) and re-exports them under their names. */
async function tagModule(types: FuncType[], imports: [string, string, number][]): Promise<ValidatedModule> {
  const typeText = types.map((ft) => `(type ${funcTypeText(ft)})`).join(" ");
  const importText = imports.map(([module, name, typeIndex]) => `(import "${module}" "${name}" (tag (type ${typeIndex})))`).join(" ");
  const exportText = imports.map(([, name], index) => `(export "${name}" (tag ${index}))`).join(" ");
  return compileModule(await wat(`(module ${typeText} ${importText} ${exportText})`, WASM3_EH_FEATURES));
}

test("a tag's type is a function type without results", (t) => {
  const tag = new TagInstance({ type: payload(ValType.I32) });
  t.deepEqual(tag.externType(), { kind: ExternKind.Tag, type: { type: payload(ValType.I32) } });
  t.throws(() => new TagInstance({ type: { params: [], results: [ValType.I32] } }), {
    instanceOf: TypeError, message: /no results, got \(func \(result i32\)\)/,
  });
});

test("tags are imported as the very objects supplied and re-exported as such", async (t) => {
  const m = await tagModule([payload(ValType.I32), payload()], [["env", "e1", 0], ["env", "e2", 1]]);
  const e1 = new TagInstance({ type: payload(ValType.I32) }), e2 = new TagInstance({ type: payload() });
  const inst = instantiate(new Store(), m, [e1, e2]);
  t.deepEqual(inst.tags, [e1, e2]);
  t.is(inst.export("e1"), e1);
  t.is(inst.export("e2"), e2);
});

test("tag imports match their type exactly, and a non-tag is the wrong kind", async (t) => {
  const m = await tagModule([payload(ValType.I32)], [["env", "e", 0]]);
  const e = linkError(t, () => instantiate(new Store(), m, [new TagInstance({ type: payload(ValType.I64) })]));
  t.is(e.message, `incompatible import type for "env" "e": expected (tag (param i32)), got (tag (param i64)) [import 0]`);
  const k = linkError(t, () => instantiate(new Store(), m, [memory(1)]));
  t.is(k.actual, "(memory 1)");
});

test("two tags of the same type are different tags: identity survives linking", async (t) => {
  const m = await tagModule([payload(ValType.F64)], [["env", "e", 0]]);
  const a = new TagInstance({ type: payload(ValType.F64) }), b = new TagInstance({ type: payload(ValType.F64) });
  const ia = instantiate(new Store(), m, [a]), ib = instantiate(new Store(), m, [b]);
  t.not(ia.export("e"), ib.export("e"));
  t.is(ia.export("e"), a);
  // A second module importing the first's export gets the same tag, not an equal one.
  const again = instantiate(new Store(), m, [ia.export("e")!]);
  t.is(again.export("e"), a);
});

test("the registry holds tags like any other extern", async (t) => {
  const m = await tagModule([payload(ValType.I32)], [["env", "e", 0]]);
  const registry = new NativeRegistry({ builtins: [] });
  const tag = new TagInstance({ type: payload(ValType.I32) });
  registry.define("env", "e", tag);
  t.deepEqual(buildImportList(m, { registry }), [tag]);
});
