/**
 * wasm-c-api-ts: the WebAssembly C API (`wasm.h`) in TypeScript.
 *
 * Every function, constant and type of `wasm.h` under its C name, one module
 * per object in the header's order, plus the extensions (prefixed `wasmts_`,
 * and `WASM_V128`) listed in the README. The rules of the translation (how C
 * pointers, out-parameters, vectors, values and callbacks read in TypeScript)
 * are the porting guide (docs/porting-guide.md), which code comments cite by
 * rule number.
 * @module
 */
export * from "./byte_vec.js";
export * from "./config.js";
export * from "./engine.js";
export * from "./store.js";
export * from "./limits.js";
export * from "./valtype.js";
export * from "./functype.js";
export * from "./globaltype.js";
export * from "./tabletype.js";
export * from "./memorytype.js";
export * from "./externtype.js";
export * from "./importtype.js";
export * from "./exporttype.js";
export * from "./tagtype.js";
export * from "./val.js";
export * from "./ref.js";
export * from "./frame.js";
export * from "./trap.js";
export * from "./foreign.js";
export * from "./module.js";
export * from "./func.js";
export * from "./global.js";
export * from "./table.js";
export * from "./memory.js";
export * from "./extern.js";
export * from "./instance.js";
export * from "./macros.js";
export * from "./ext/error.js";
export * from "./ext/debug.js";
export * from "./ext/compile_error.js";
export * from "./ext/names.js";
export * from "./ext/trap_cause.js";
export * from "./ext/tag.js";
export * from "./ext/exception.js";
export * from "./ext/registry.js";
export * from "./ext/linker.js";
export * from "./ext/engine.js";
export * from "./ext/loader.js";
export * from "./ext/interrupt.js";
export * from "./ext/limits.js";
export * from "./ext/tier.js";
export * from "./ext/wasi.js";
export * from "./ext/threads.js";
export * from "./ext/types64.js";
export * from "./ext/reftypes.js";
export * from "./ext/gc.js";
