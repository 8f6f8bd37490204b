/**
 * Random valid modules from binaryen's translate-to-fuzz (`wasm-opt -ttf`):
 * it reads any bytes as a stream of decisions and builds a valid module from
 * them, with functions that compute, branch, call each other and tables,
 * load and store, and log values through imported functions. The bytes come
 * from a seeded PRNG, so module `i` of seed `s` is the same module on every
 * machine and in every run (binaryen's version is pinned).
 * @module
 */
import { Rng } from "../../unit/fuzz/mutate.js";
import { runOnBytes, type WasmOpt } from "./wasm-opt.js";

/**
 * The features binaryen may use: the ones our engine has and V8 of Node 20
 * has too (2.0's sign extension, non-trapping float-to-int, bulk memory,
 * reference types, multi-value and SIMD, and tail calls from 3.0). The list
 * starts from `--mvp-features`, which switches every feature off, so a feature
 * a newer binaryen adds stays off until it is named here: GC, typed function
 * references, memory64, multiple memories, extended constants, relaxed SIMD,
 * threads, strings, stack switching, fp16, custom page sizes and the rest are
 * what our engine does not have (issues 15, 17 and 18).
 */
export const TTF_FEATURES: readonly string[] = [
  "--mvp-features",
  "--enable-mutable-globals",
  "--enable-sign-ext",
  "--enable-nontrapping-float-to-int",
  "--enable-bulk-memory",
  "--enable-bulk-memory-opt",
  "--enable-call-indirect-overlong",
  "--enable-reference-types",
  "--enable-multivalue",
  "--enable-simd",
  "--enable-tail-call",
];

/**
 * Exception handling on top, written in its standard form (`--emit-exnref`:
 * `try_table`, `throw`, `throw_ref`, `exnref`; binaryen would otherwise write
 * the legacy `try`, which we do not have). V8 of Node 20 has only the legacy
 * form, so such modules compare our two tiers only.
 */
export const TTF_EH_FEATURES: readonly string[] = [...TTF_FEATURES, "--enable-exception-handling", "--emit-exnref"];

/** How a module was made: enough to make it again. */
export interface TtfModule {
  /** The run's seed and the module's index in it. */
  readonly seed: number;
  readonly index: number;
  /** Whether exception handling was on. */
  readonly eh: boolean;
  readonly bytes: Uint8Array;
}

/** The random input of module `index` of seed `seed`: 256 to 8,192 bytes. */
export function ttfInput(seed: number, index: number): Uint8Array {
  const rng = new Rng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const input = new Uint8Array(256 + rng.below(8192 - 256 + 1));
  for (let i = 0; i < input.length; i++) input[i] = rng.u32() & 0xff;
  return input;
}

/**
 * Makes module `index` of seed `seed`. With `eh`, exception handling is on for
 * every fourth module (the rest are V8-comparable).
 */
export function generateTtf(opt: WasmOpt, seed: number, index: number, eh = false): TtfModule {
  const withEh = eh && index % 4 === 3;
  const bytes = runOnBytes(opt, ttfInput(seed, index), ["-ttf", "--quiet", ...(withEh ? TTF_EH_FEATURES : TTF_FEATURES)]);
  return { seed, index, eh: withEh, bytes };
}
