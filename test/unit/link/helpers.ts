/**
 * Shared helpers of the linking tests: compile text, call exports, make host
 * externs.
 * @module
 */
import type { ExecutionContext } from "ava";
import { LinkError } from "../../../impl/base/errors.js";
import { ValType, type RefType } from "../../../impl/base/types.js";
import { invoke } from "../../../impl/exec/interpreter/invoke.js";
import { compileModule, type ValidatedModule } from "../../../impl/index.js";
import {
  FuncInstance, GlobalInstance, MemoryInstance, TableInstance, type ModuleInstance,
} from "../../../impl/runtime/instances.js";
import type { RawValue } from "../../../impl/runtime/values.js";
import { wat } from "../../helpers/wat.js";

/** Text to a decoded, validated module. */
export const compile = async (text: string): Promise<ValidatedModule> => compileModule(await wat(text));

/** Calls the export `name` of `inst` with raw arguments. */
export function call(inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  const f = inst.export(name);
  if (!(f instanceof FuncInstance)) throw new Error(`no function export ${name}`);
  return invoke(f, args);
}

/** A host function of the given type returning zeros (or what `impl` returns). */
export const hostFunc = (params: ValType[] = [], results: ValType[] = [], impl?: (args: RawValue[]) => RawValue[]) =>
  new FuncInstance({ params, results }, null, -1, impl ?? (() => results.map(() => 0)));
export const memory = (min: number, max: number | null = null) => new MemoryInstance({ limits: { min, max } });
export const table = (min: number, max: number | null = null, elemType: RefType = ValType.FuncRef) =>
  new TableInstance({ elemType, limits: { min, max } });
export const global = (valType: ValType, mutable: boolean, value: RawValue) => new GlobalInstance({ valType, mutable }, value);

/** Asserts that `f` throws a {@link LinkError} and returns it. */
export function linkError(t: ExecutionContext, f: () => unknown): LinkError {
  return t.throws(f, { instanceOf: LinkError }) as LinkError;
}
