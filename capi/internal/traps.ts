/**
 * Errors at the engine boundary becoming `wasm_trap_t` objects, and host
 * traps becoming engine traps. The engine throws; only this boundary catches.
 * @module
 */
import { LinkError, ProcExit, Trap, TrapMessage, WasmException, type TrapFrame } from "../../impl/index.js";
import { handleAs } from "./handles.js";
import { wasm_trap_t } from "./objects.js";
import { recordOf, TrapObject, type StoreState } from "./records.js";

/** True for the JavaScript engine's own stack overflow. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/**
 * The trap object for an error thrown by the engine: a {@link Trap} (its
 * frames kept; a trap that a host callback returned keeps that trap's
 * message), a {@link LinkError}, an uncaught {@link WasmException} (the trap
 * names its tag; the exception is its cause), a WASI `proc_exit` (the
 * {@link ProcExit} is its cause, so its status reaches
 * `wasmts_trap_exit_status`), or a JavaScript stack overflow.
 * Anything else is not a trap (an engine bug, or misuse) and yields null.
 */
export function trapObjectOf(e: unknown): TrapObject | null {
  if (e instanceof WasmException) return new TrapObject(e.message, [], e);
  if (e instanceof Trap) {
    const frames: readonly TrapFrame[] = Array.isArray(e.frames) ? e.frames : [];
    if (e.cause instanceof TrapObject) return new TrapObject(e.cause.message, frames, e.cause.cause);
    if (e instanceof ProcExit) return new TrapObject(e.message, frames, e);
    return new TrapObject(e.message, frames, e.cause ?? null);
  }
  if (e instanceof LinkError) return new TrapObject(e.message, [], e);
  if (isStackOverflow(e)) return new TrapObject(TrapMessage.CallStackExhausted, [], e);
  return null;
}

/** A new trap handle (the caller owns it). */
export function newTrap(store: StoreState, obj: TrapObject): wasm_trap_t {
  return handleAs(recordOf(store, obj), wasm_trap_t);
}

/** The trap handle for an engine error, or the error rethrown when it is not a trap. */
export function trapOrThrow(store: StoreState, e: unknown): wasm_trap_t {
  const obj = trapObjectOf(e);
  if (obj === null) throw e;
  return newTrap(store, obj);
}

/**
 * The engine trap that a host function throws for a trap its callback
 * returned: its message is the host trap's, and the host trap object rides
 * along as the cause so the boundary can keep its message exactly. It starts
 * with the host trap's frames (those of a nested call that trapped), to which
 * the engine appends the frames of the wasm code that called the host.
 */
export function engineTrapOf(obj: TrapObject): Trap {
  const trap = new Trap(obj.message, "", { cause: obj });
  trap.frames = [...obj.frames];
  return trap;
}

/** The engine trap for a JavaScript exception thrown by a host callback: "host error", the original as its cause. */
export function hostErrorTrap(e: unknown): Trap {
  if (isStackOverflow(e)) return new Trap(TrapMessage.CallStackExhausted, "in a host function", { cause: e });
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : `the callback threw ${String(e)}`;
  return new Trap(TrapMessage.HostError, detail, { cause: e });
}
