/**
 * The shared memory a wasi-threads program imports (`(import "env" "memory"
 * (memory N M shared))`, as wasi-sdk's `wasm32-wasi-threads` target emits
 * it): `run` makes it, with the limits the import declares, and defines it
 * in the linker under the import's own names, since no registry provides a
 * program's memory. Only shared memory imports are made: an unshared one
 * is a module's own business and stays unresolved (a link error naming it).
 * C API calls only, like the rest of `run`.
 * @module
 */
import {
  WASM_EMPTY_VEC, WASM_EXTERN_MEMORY, wasm_externtype_as_memorytype_const, wasm_externtype_kind, wasm_importtype_module,
  wasm_importtype_name, wasm_importtype_type, wasm_importtype_vec_delete, wasm_memory_as_extern, wasm_memory_delete,
  wasm_memory_new, wasm_memorytype_delete, wasm_memorytype_limits, wasm_module_imports, wasmts_byte_vec_to_string,
  wasmts_linker_define, wasmts_memorytype_isshared, wasmts_memorytype_new,
  type wasm_importtype_vec_t, type wasm_memory_t, type wasm_module_t, type wasm_store_t, type wasmts_linker_t,
} from "../capi/index.js";
import { CliError, EXIT_FAILURE } from "./exit-codes.js";

/** `wasm_limits_max_default`: no maximum. */
const NO_MAX = 0xffffffff;

/**
 * Makes and defines in `linker` every shared memory `module` imports.
 * Returns the memories, which the caller deletes once the instance holds
 * them; a memory the host cannot allocate is a failure naming the import.
 */
export function defineImportedSharedMemories(store: wasm_store_t, linker: wasmts_linker_t, module: wasm_module_t, file: string): wasm_memory_t[] {
  const imports: wasm_importtype_vec_t = WASM_EMPTY_VEC();
  wasm_module_imports(module, imports);
  const made: wasm_memory_t[] = [];
  try {
    for (let i = 0; i < imports.size; i++) {
      const imp = imports.data[i]!;
      const type = wasm_importtype_type(imp);
      if (wasm_externtype_kind(type) !== WASM_EXTERN_MEMORY) continue;
      const mt = wasm_externtype_as_memorytype_const(type)!;
      if (!wasmts_memorytype_isshared(mt)) continue;
      const limits = wasm_memorytype_limits(mt);
      const where = `${wasmts_byte_vec_to_string(wasm_importtype_module(imp))}.${wasmts_byte_vec_to_string(wasm_importtype_name(imp))}`;
      // A valid shared memory type has a maximum; the type made here is the import's own.
      const own = wasmts_memorytype_new(limits.min, limits.max !== NO_MAX, limits.max, false, true);
      const memory = own === null ? null : wasm_memory_new(store, own);
      if (own !== null) wasm_memorytype_delete(own);
      if (memory === null) {
        throw new CliError(`${file}: cannot make the shared memory the module imports as ${where} (${limits.min} to ${limits.max} pages)`, EXIT_FAILURE);
      }
      made.push(memory);
      wasmts_linker_define(linker, wasm_importtype_module(imp), wasm_importtype_name(imp), wasm_memory_as_extern(memory));
    }
  } catch (e) {
    for (const m of made) wasm_memory_delete(m);
    throw e;
  } finally {
    wasm_importtype_vec_delete(imports);
  }
  return made;
}
