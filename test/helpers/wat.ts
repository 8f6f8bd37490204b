/**
 * Test helper: WebAssembly text to binary through `wabt`, with the Wasm 2.0
 * features enabled (fixed-width SIMD included).
 * @module
 */
import initWabt from "wabt";

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
    return mod.toBinary({ write_debug_names: true }).buffer;
  } finally {
    mod.destroy();
  }
}
