/**
 * Example (loading linking): three modules on a search path, where `c`
 * imports from `b` and `a`, and `b` imports from `a`. The host names `c`
 * alone; the loader finds `b.wasm` and `a.wasm` in `examples/multi-module/`,
 * instantiates `a` once, links `b` to it, then `c` to both, so a counter in
 * `a` bumped through `b` is the one `c` reads. `c`'s prints come from the
 * built-in `spectest` module, which the engine's registry serves (never
 * looked for on the search path).
 * @module
 */
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_I32_VAL, WASM_INIT_VAL, wasm_byte_vec_delete, wasm_engine_delete, wasm_engine_new,
  wasm_extern_as_func, wasm_extern_vec_delete, wasm_func_call, wasm_instance_delete, wasm_instance_exports,
  wasm_name_delete, wasm_name_new_from_string, wasm_store_delete, wasm_store_new, wasm_trap_delete, wasm_trap_message,
  wasmts_byte_vec_to_string, wasmts_loader_add_search_path, wasmts_loader_delete, wasmts_loader_load,
  wasmts_loader_lookup, wasmts_loader_new,
  type wasm_extern_vec_t, type wasm_instance_t, type wasm_message_t, type wasm_name_t, type wasm_trap_t,
  type wasm_val_t, type wasmts_loader_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

class CheckFailed extends Error {}

function name(s: string): wasm_name_t {
  const n: wasm_name_t = WASM_EMPTY_VEC();
  wasm_name_new_from_string(n, s);
  return n;
}

function load(loader: wasmts_loader_t, module: string): wasm_instance_t {
  const n = name(module);
  const trap: { value: wasm_trap_t | null } = { value: null };
  const instance = wasmts_loader_load(loader, n, trap);
  wasm_name_delete(n);
  if (!instance) {
    const message: wasm_message_t = WASM_EMPTY_VEC();
    if (trap.value) wasm_trap_message(trap.value, message);
    console.log(`> Error loading ${module}: ${wasmts_byte_vec_to_string(message)}`);
    wasm_trap_delete(trap.value);
    throw new CheckFailed();
  }
  return instance;
}

/** Calls export `index` of `instance` with i32 arguments; its i32 result, if it has one. */
function call(instance: wasm_instance_t, index: number, args: number[], results: 0 | 1): number | null {
  const exports: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(instance, exports);
  const func = exports.size > index ? wasm_extern_as_func(exports.data[index]!) : null;
  if (!func) {
    console.log("> Error accessing export!");
    throw new CheckFailed();
  }
  const out: wasm_val_t[] = results ? [WASM_INIT_VAL()] : [];
  const trap = wasm_func_call(func, WASM_ARRAY_VEC(args.map((a) => WASM_I32_VAL(a))), WASM_ARRAY_VEC(out));
  wasm_extern_vec_delete(exports);
  if (trap) {
    wasm_trap_delete(trap);
    console.log("> Error calling function!");
    throw new CheckFailed();
  }
  return results ? out[0]!.of.i32 as number : null;
}

function main(): number {
  console.log("Initializing...");
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);

  console.log("Making a loader over the engine's registry, searching multi-module/...");
  const loader = wasmts_loader_new(store, null);
  const dir = name(exampleFile("multi-module"));
  wasmts_loader_add_search_path(loader, dir);
  wasm_byte_vec_delete(dir);

  console.log("Loading c by name (it imports b and a; b imports a)...");
  const c = load(loader, "c");

  // c's exports: 0 compute, 1 bump_via_b, 2 count_via_a.
  console.log("Calling c.compute(5) = a.add(b.add100(5), 1)...");
  console.log(`> ${call(c, 0, [5], 1)}`);

  console.log("Bumping a's counter through b, twice (c prints what b returns)...");
  call(c, 1, [], 0);
  call(c, 1, [], 0);

  console.log("Reading a's counter through c's own import of a...");
  call(c, 2, [], 0);

  console.log("Reading it from the a the loader registered...");
  const aName = name("a");
  const a = wasmts_loader_lookup(loader, aName);
  wasm_name_delete(aName);
  if (!a) {
    console.log("> Error: a was not registered!");
    return 1;
  }
  // a's exports: 0 inc, 1 count, 2 add.
  console.log(`> ${call(a, 1, [], 1)}`);

  console.log("Shutting down...");
  wasm_instance_delete(a);
  wasm_instance_delete(c);
  wasmts_loader_delete(loader);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  console.log("Done.");
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  if (!(e instanceof CheckFailed)) throw e;
  process.exitCode = 1;
}
