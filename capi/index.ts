/**
 * wasm-c-api-ts: the WebAssembly C API (`wasm.h`) in TypeScript.
 * The `wasm.h` mirror lands with its own issue; for now this re-exports the engine.
 * @module
 */
export * from "../impl/index.js";
