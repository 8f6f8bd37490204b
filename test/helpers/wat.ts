/**
 * Test helper: WebAssembly text to binary through `wabt`, with the Wasm 2.0
 * features enabled (fixed-width SIMD included).
 * @module
 */
import initWabt from "wabt";
import { repairDataMemoryIndices } from "./wat-data-memidx.js";

/** The Wasm 2.0 feature set for wabt. */
export const WASM2_FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
  simd: true,
} as const;

/**
 * The features of the 3.0 suite's files that the spec runner runs: 2.0 plus
 * exception handling (`try_table`, `throw_ref`, `exnref`, tags) and tail
 * calls (`return_call` appears in `try_table.wast`), as the engine's
 * `DEFAULT_FEATURES`. One wabt 1.0.39 quirk: a `try_table` with inline
 * `(param ...)` is encoded with that function type's index only when the
 * module declares the type (it does not add it as it does for `block`), and
 * `try_table (type $t)` loses its type: declare the type, write params inline.
 */
export const WASM3_EH_FEATURES = { ...WASM2_FEATURES, exceptions: true, tail_call: true } as const;

/**
 * The wabt features of the 3.0 suite's files the spec runner runs: those of
 * {@link WASM3_EH_FEATURES} plus relaxed SIMD, extended constant expressions,
 * multiple memories and memory64 (which also gives table64).
 */
export const WASM3_FEATURES = { ...WASM3_EH_FEATURES, relaxed_simd: true, extended_const: true, multi_memory: true, memory64: true } as const;

/** wabt features for the threads proposal's scripts and tests: the 3.0 set plus shared memories and atomics. */
export const WASM_THREADS_FEATURES = { ...WASM3_EH_FEATURES, threads: true } as const;

type Wabt = Awaited<ReturnType<typeof initWabt>>;
let wabtPromise: Promise<Wabt> | null = null;

/** The wabt instance (loaded once). */
export function loadWabt(): Promise<Wabt> {
  wabtPromise ??= initWabt();
  return wabtPromise;
}

/**
 * Compiles module text to binary. Text is handed to wabt as UTF-8 bytes:
 * given a JS string, wabt garbles non-ASCII characters.
 */
export async function wat(text: string, features: Record<string, boolean> = WASM2_FEATURES): Promise<Uint8Array> {
  const wabt = await loadWabt();
  const mod = wabt.parseWat("test.wat", new TextEncoder().encode(text), features);
  try {
    const binary = mod.toBinary({ write_debug_names: true }).buffer;
    return features["multi_memory"] === true ? repairDataMemoryIndices(text, binary) : binary;
  } finally {
    mod.destroy();
  }
}
