/**
 * Helpers of the compiler-tier tests: instances in a store of either tier,
 * calls through the tier dispatcher, and a check that a function really runs
 * compiled (its `jit` is set after a call).
 * @module
 */
import { compiledFlags } from "../../../impl/exec/compiler/module.js";
import { compileModule, invoke, Store, type StoreOptions } from "../../../impl/index.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import type { Extern, ModuleInstance } from "../../../impl/runtime/instances.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { wat } from "../../helpers/wat.js";
import { func } from "../exec/helpers.js";

/** The two tiers, for tests that compare them. */
export const TIERS = ["interpreter", "compiler"] as const;

/** Text to an instance in a new store of `tier` (imports by position). */
export async function instanceIn(tier: "interpreter" | "compiler" | "tiered", text: string, imports: readonly Extern[] = [],
  options: StoreOptions = {}): Promise<ModuleInstance> {
  return instantiate(new Store({ ...options, tier }), compileModule(await wat(text)), imports);
}

/** The function export `name` of `inst` (the interpreter tests' helper). */
export const fn = func;

/** Calls export `name` with raw arguments through the tier dispatcher. */
export function run(inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  return invoke(fn(inst, name), args);
}

/** Every defined function of the instance's module was compiled (asked after a call into it). */
export function allCompiled(inst: ModuleInstance): boolean {
  const flags = compiledFlags(inst.module);
  return flags !== null && flags.length > 0 && flags.every((f) => f);
}
