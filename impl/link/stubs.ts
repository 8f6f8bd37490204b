/**
 * Stand-ins for function imports nobody provides: they let a module
 * instantiate and trap only if the missing function is actually called.
 * @module
 */
import { Trap } from "../base/errors.js";
import type { FuncType } from "../base/types.js";
import { FuncInstance } from "../runtime/instances.js";

/**
 * A host function of type `type` that traps when called, with the message
 * `unknown import: "module::name" was called, but no function was supplied for it`.
 */
export function unresolvedStub(module: string, name: string, type: FuncType): FuncInstance {
  return new FuncInstance(type, null, -1, () => {
    throw new Trap("unknown import", `${module}::${name} was called, but no function was supplied for it`);
  });
}
