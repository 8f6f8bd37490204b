/**
 * Shared helpers of the interpreter tests: module text to a running instance,
 * calls by export name, host functions.
 * @module
 */
import type { ExecutionContext } from "ava";
import { Trap } from "../../../impl/base/errors.js";
import type { FuncType } from "../../../impl/base/types.js";
import { invoke } from "../../../impl/exec/interpreter/invoke.js";
import { compiledFunction } from "../../../impl/exec/interpreter/codespace.js";
import { listInstructions, type Listed } from "../../../impl/exec/interpreter/disassemble.js";
import { compileModule, type ValidatedModule } from "../../../impl/index.js";
import { instantiate } from "../../../impl/link/instantiate.js";
import { FuncInstance, Store, type Extern, type ModuleInstance } from "../../../impl/runtime/instances.js";
import type { HostFunc } from "../../../impl/runtime/instances.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { wat } from "../../helpers/wat.js";

/** Text to a decoded, validated module. */
export const compile = async (text: string): Promise<ValidatedModule> => compileModule(await wat(text));

/** Text to an instance (imports matched by position). */
export async function instance(text: string, imports: readonly Extern[] = []): Promise<ModuleInstance> {
  return instantiate(new Store(), await compile(text), imports);
}

/** The function export `name` of `inst`. */
export function func(inst: ModuleInstance, name: string): FuncInstance {
  const f = inst.export(name);
  if (!(f instanceof FuncInstance)) throw new Error(`no function export ${name}`);
  return f;
}

/** Calls the export `name` of `inst` with raw arguments. */
export function call(inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  return invoke(func(inst, name), args);
}

/** A host function of type `type`. */
export const host = (type: FuncType, impl: HostFunc): FuncInstance => new FuncInstance(type, null, -1, impl);

/** Asserts that `f` traps with the spec's message `reason` and returns the trap. */
export function traps(t: ExecutionContext, f: () => unknown, reason: string): Trap {
  const e = t.throws(f, { instanceOf: Trap }) as Trap;
  t.is(e.reason, reason);
  return e;
}

/** The lowered instructions of function `index` (function index space) of `text`. */
export async function lowered(text: string, index = 0): Promise<Listed[]> {
  return listInstructions(compiledFunction(await compile(text), index));
}
