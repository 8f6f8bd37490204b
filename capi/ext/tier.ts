/**
 * Extension: the execution tier of an engine's stores (issue 14). The
 * compiler tier turns each module instance's functions into JavaScript
 * functions on their first call (V8 then compiles them to machine code);
 * the tiered mode does so at the first call for a module of
 * up to 256 KiB of code, and starts a larger one on the interpreter,
 * compiling it once it has run long enough and moving running frames (a
 * loop that runs long included) to compiled code, and is the default (see
 * DECISIONS.md for why); the interpreter runs everything itself. Where the platform
 * forbids making code from text (`new Function` under a Content Security
 * Policy), every tier runs everything on the interpreter.
 * @module
 */
import { canCompile, isTierName } from "../../impl/index.js";
import { misuse, owned } from "../internal/handles.js";
import { wasm_config_t } from "../internal/objects.js";
import { configSettings } from "../internal/settings.js";

/**
 * Sets the execution tier of the stores of engines made from `config`
 * (extension): `"interpreter"`, `"compiler"` or `"tiered"` (the default).
 * Any other value is misuse. Results, traps and their messages are the same
 * on every tier (the spec suite runs on each).
 *
 * @example
 * ```ts
 * const config = wasm_config_new();
 * wasmts_config_set_tier(config, "compiler");
 * const engine = wasm_engine_new_with_config(config);
 * ```
 * @category Extensions
 */
export function wasmts_config_set_tier(config: wasm_config_t | null, tier: string): void {
  const fn = "wasmts_config_set_tier";
  const c = owned(config, wasm_config_t, fn);
  if (!isTierName(tier)) misuse(fn, `the tier must be "interpreter", "compiler" or "tiered", got ${typeof tier === "string" ? JSON.stringify(tier) : String(tier)}`);
  configSettings(c).tier = tier;
}

/**
 * Whether the compiler tier can make code on this platform (extension):
 * false where `new Function` is forbidden, and stores set to the compiler
 * tier then run everything on the interpreter.
 * @category Extensions
 */
export function wasmts_compiler_available(): boolean {
  return canCompile();
}
