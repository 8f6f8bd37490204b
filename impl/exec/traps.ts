/**
 * Traps both tiers raise with the same message, made in one place.
 * @module
 */
import { Trap } from "../base/errors.js";

/**
 * The trap of a `call_indirect` (or `return_call_indirect`) whose table
 * entry `i` (unsigned) is missing or null: the message names the entry, as
 * the reference interpreter's does.
 */
export function elementTrap(reason: string, i: number): never {
  const e = new Trap(reason);
  e.message = `${reason} ${i}`;
  throw e;
}
