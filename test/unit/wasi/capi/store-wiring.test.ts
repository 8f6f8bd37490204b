/**
 * Import resolution knows the store it links for: a built-in module that
 * serves only some stores (as WASI serves the stores it is configured for)
 * fills imports in those stores, through every path that resolves imports
 * (the import-list builder, the loader), and elsewhere its imports are
 * unknown with the built-in's reason in the error.
 * @module
 */
import test from "ava";
import {
  FuncInstance, NativeRegistry, Store, ValType, type BuiltinModule, type Extern,
} from "../../../../impl/index.js";
import { buildImportList, instantiateFrom } from "../../../../impl/link/import-list.js";
import { Loader } from "../../../../impl/load/index.js";
import { call, compile, linkError } from "../../link/helpers.js";

/** A built-in "only" with one function returning 42, serving `store` alone. */
function servingOnly(store: Store): BuiltinModule {
  return {
    name: "only",
    create: () => new Map<string, Extern>([["answer", new FuncInstance({ params: [], results: [ValType.I32] }, null, -1, () => [42])]]),
    serves: (s) => s === store,
    notServed: "the answer is not configured for this store",
  };
}

const importer = `(module (import "only" "answer" (func $a (result i32))) (func (export "run") (result i32) call $a))`;

test("the import-list builder fills from a built-in only in the store it serves, and names its reason elsewhere", async (t) => {
  const m = await compile(importer);
  const mine = new Store(), other = new Store();
  const registry = new NativeRegistry({ builtins: [servingOnly(mine)] });
  t.deepEqual(call(instantiateFrom(mine, m, { registry }), "run"), [42]);
  const e = linkError(t, () => instantiateFrom(other, m, { registry }));
  t.regex(e.message, /unknown import for "only" "answer"/);
  t.regex(e.message, /the answer is not configured for this store/);
  const noStore = linkError(t, () => buildImportList(m, { registry }));
  t.regex(noStore.message, /not configured/, "no store known: the built-in serves nothing");
});

test("without its own reason, a built-in that does not serve the store gets a generic note", async (t) => {
  const m = await compile(importer);
  const { notServed: _, ...plain } = servingOnly(new Store());
  const e = linkError(t, () => buildImportList(m, { registry: new NativeRegistry({ builtins: [plain] }), store: new Store() }));
  t.regex(e.message, /the built-in module "only" is not configured for this store/);
});

test("the loader resolves with its store: the built-in fills imports in the store it serves only", async (t) => {
  const m = await compile(importer);
  const mine = new Store(), other = new Store();
  const registry = new NativeRegistry({ builtins: [servingOnly(mine)] });
  t.deepEqual(call(new Loader(mine, { registry }).instantiate(m), "run"), [42]);
  const e = t.throws(() => new Loader(other, { registry }).instantiate(m));
  t.regex(String(e?.message), /not configured for this store/);
});
