/**
 * Example (linking): a memory and a table made by the host, with no module
 * instance behind them, imported by two instances of different modules.
 * Stores, element segments, `memory.grow`, `table.grow` and the host's own
 * writes and grows are seen by all three holders at once: an imported
 * memory or table is the same object as its source, for life.
 * @module
 */
import { readFileSync } from "node:fs";
import {
  WASM_ARRAY_VEC, WASM_EMPTY_VEC, WASM_FUNCREF, WASM_I32_VAL, WASM_INIT_VAL, wasm_byte_vec_delete, wasm_byte_vec_new,
  wasm_engine_delete, wasm_engine_new, wasm_extern_as_func, wasm_extern_vec_delete, wasm_func_call, wasm_instance_delete,
  wasm_instance_exports, wasm_instance_new, wasm_memory_as_extern, wasm_memory_data, wasm_memory_delete,
  wasm_memory_grow, wasm_memory_new, wasm_memory_size, wasm_memorytype_delete, wasm_memorytype_new,
  wasm_module_delete, wasm_module_new, wasm_ref_delete, wasm_store_delete, wasm_store_new, wasm_table_as_extern, wasm_table_delete,
  wasm_table_get, wasm_table_new, wasm_table_set, wasm_table_size, wasm_tabletype_delete, wasm_tabletype_new,
  wasm_trap_delete, wasm_trap_message, wasm_valtype_new, wasmts_byte_vec_to_string,
  type wasm_extern_vec_t, type wasm_func_t, type wasm_message_t, type wasm_instance_t, type wasm_module_t, type wasm_ref_t,
  type wasm_store_t, type wasm_trap_t,
} from "../capi/index.js";
import { exampleFile } from "./files.js";

class CheckFailed extends Error {}

function load(store: wasm_store_t, name: string): wasm_module_t {
  const file = readFileSync(exampleFile(`${name}.wasm`));
  const binary = WASM_EMPTY_VEC();
  wasm_byte_vec_new(binary, file.length, file);
  const module = wasm_module_new(store, binary);
  wasm_byte_vec_delete(binary);
  if (!module) {
    console.log(`> Error compiling ${name}!`);
    throw new CheckFailed();
  }
  return module;
}

function instantiate(store: wasm_store_t, module: wasm_module_t, imports: wasm_extern_vec_t): wasm_instance_t {
  const trap: { value: wasm_trap_t | null } = { value: null };
  const instance = wasm_instance_new(store, module, imports, trap);
  if (!instance) {
    const message: wasm_message_t = WASM_EMPTY_VEC();
    if (trap.value) wasm_trap_message(trap.value, message);
    console.log(`> Error instantiating module: ${wasmts_byte_vec_to_string(message)}`);
    wasm_byte_vec_delete(message);
    throw new CheckFailed();
  }
  return instance;
}

/** Calls an export (by index) with i32 arguments; its i32 result, if any. */
function call(exports: wasm_extern_vec_t, index: number, ...args: number[]): number {
  const func: wasm_func_t | null = wasm_extern_as_func(exports.data[index] ?? null);
  if (!func) {
    console.log(`> Error accessing export ${index}!`);
    throw new CheckFailed();
  }
  const results = [WASM_INIT_VAL()];
  const trap = wasm_func_call(func, WASM_ARRAY_VEC(args.map((a) => WASM_I32_VAL(a))), WASM_ARRAY_VEC(results));
  if (trap) {
    wasm_trap_delete(trap);
    console.log(`> Error calling export ${index}!`);
    throw new CheckFailed();
  }
  return results[0]!.of.i32 as number;
}

function main(): number {
  console.log("Initializing...");
  const engine = wasm_engine_new();
  const store = wasm_store_new(engine);

  console.log("Creating host memory (1..4 pages) and table (2..10 funcref)...");
  const memorytype = wasm_memorytype_new({ min: 1, max: 4 });
  const memory = wasm_memory_new(store, memorytype)!;
  wasm_memorytype_delete(memorytype);
  const tabletype = wasm_tabletype_new(wasm_valtype_new(WASM_FUNCREF), { min: 2, max: 10 });
  const table = wasm_table_new(store, tabletype, null)!;
  wasm_tabletype_delete(tabletype);

  console.log("Loading and compiling the writer and reader modules...");
  const writerModule = load(store, "sharing_writer");
  const readerModule = load(store, "sharing_reader");

  console.log("Instantiating both with the same memory and table...");
  const imports = WASM_ARRAY_VEC([wasm_memory_as_extern(memory), wasm_table_as_extern(table)]);
  const writer = instantiate(store, writerModule, imports);
  const reader = instantiate(store, readerModule, imports);
  const w: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(writer, w);
  const r: wasm_extern_vec_t = WASM_EMPTY_VEC();
  wasm_instance_exports(reader, r);
  // Writer exports: 0 store, 1 grow_memory, 2 call. Reader: 0 load, 1 memory_size, 2 table_size, 3 grow_table, 4 call.

  call(w, 0, 0x1000, 42);
  console.log(`Writer stores 42 at 0x1000; reader loads ${call(r, 0, 0x1000)}.`);
  wasm_memory_data(memory)[0x2000] = 7;
  console.log(`Host writes 7 at 0x2000 through wasm_memory_data; reader loads ${call(r, 0, 0x2000)}.`);

  const old = call(w, 1, 1);
  console.log(`Writer grows the memory from ${old} page: reader sees ${call(r, 1)} pages, host sees ${wasm_memory_size(memory)}.`);
  wasm_memory_grow(memory, 1);
  console.log(`Host grows it again: reader sees ${call(r, 1)} pages; the byte at 0x1000 is still ${call(r, 0, 0x1000)}.`);

  console.log(`Writer's element segment filled slot 0: reader calls it and gets ${call(r, 4, 0)}.`);
  const before = call(r, 3, 3);
  console.log(`Reader grows the table from ${before} entries: host sees ${wasm_table_size(table)}; writer calls new slot 4 and gets ${call(w, 2, 4)}.`);
  const answer: wasm_ref_t | null = wasm_table_get(table, 0);
  wasm_table_set(table, 1, answer);
  wasm_ref_delete(answer);
  console.log(`Host copies slot 0 to slot 1: reader calls slot 1 and gets ${call(r, 4, 1)}.`);

  console.log("Shutting down...");
  wasm_extern_vec_delete(w);
  wasm_extern_vec_delete(r);
  wasm_instance_delete(writer);
  wasm_instance_delete(reader);
  wasm_module_delete(writerModule);
  wasm_module_delete(readerModule);
  wasm_table_delete(table);
  wasm_memory_delete(memory);
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
