/**
 * Traps (`wasm_trap_t`, `wasm_message_t`).
 * @module
 */
import type { wasm_message_t } from "./byte_vec.js";
import { bytesOf, cText, fillBytes, utf8nt } from "./internal/bytes.js";
import { live, liveStore } from "./internal/handles.js";
import { wasm_frame_t, wasm_ref_t, wasm_store_t, wasm_trap_t } from "./internal/objects.js";
import { TrapObject } from "./internal/records.js";
import { refFunctions } from "./internal/refs.js";
import { newTrap } from "./internal/traps.js";
import { outVec } from "./internal/vec.js";
import type { wasm_frame_vec_t } from "./frame.js";

export { wasm_trap_t };

const trapRef = refFunctions("trap", wasm_trap_t);

/**
 * Deletes a trap handle; the trap lives on while other handles or users remain.
 * @category Runtime Objects
 */
export function wasm_trap_delete(h: wasm_trap_t | null): void {
  trapRef.delete(h);
}

/**
 * Makes another handle to the same trap.
 * @category Runtime Objects
 */
export function wasm_trap_copy(h: wasm_trap_t | null): wasm_trap_t {
  return trapRef.copy(h);
}

/**
 * True when two handles designate the same trap.
 * @category Runtime Objects
 */
export function wasm_trap_same(a: wasm_trap_t | null, b: wasm_trap_t | null): boolean {
  return trapRef.same(a, b);
}

/**
 * The host info of the trap (null when none was set).
 * @category Runtime Objects
 */
export function wasm_trap_get_host_info(h: wasm_trap_t | null): unknown {
  return trapRef.get_host_info(h);
}

/**
 * Sets the host info of the trap.
 * @category Runtime Objects
 */
export function wasm_trap_set_host_info(h: wasm_trap_t | null, info: unknown): void {
  trapRef.set_host_info(h, info);
}

/**
 * Sets the host info of the trap with a finalizer that runs once when the
 * trap dies (its last handle deleted, or its store deleted).
 * @category Runtime Objects
 */
export function wasm_trap_set_host_info_with_finalizer(h: wasm_trap_t | null, info: unknown, finalizer: ((info: unknown) => void) | null): void {
  trapRef.set_host_info_with_finalizer(h, info, finalizer);
}

/**
 * The trap as a reference (the same handle; null stays null).
 * @category Runtime Objects
 */
export function wasm_trap_as_ref(h: wasm_trap_t | null): wasm_ref_t | null {
  return trapRef.as_ref(h);
}

/**
 * A reference as a trap, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_trap(r: wasm_ref_t | null): wasm_trap_t | null {
  return trapRef.ref_as(r);
}

/**
 * A const trap as a const reference (the same handle).
 * @category Runtime Objects
 */
export function wasm_trap_as_ref_const(h: wasm_trap_t | null): wasm_ref_t | null {
  return trapRef.as_ref(h, "wasm_trap_as_ref_const");
}

/**
 * A const reference as a const trap, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_trap_const(r: wasm_ref_t | null): wasm_trap_t | null {
  return trapRef.ref_as(r, "wasm_ref_as_trap_const");
}
/**
 * Makes a trap with a message (a `wasm_message_t`, normally NUL-terminated:
 * the text is read up to the first NUL). Its origin and trace are empty.
 * @category Runtime Objects
 */
export function wasm_trap_new(store: wasm_store_t | null, message: wasm_message_t): wasm_trap_t {
  const s = liveStore(store, "wasm_trap_new");
  return newTrap(s, new TrapObject(cText(bytesOf(message, "wasm_trap_new")), [], null));
}

function trapObject(t: wasm_trap_t | null, fn: string): TrapObject {
  return live(t, wasm_trap_t, fn)._rec.obj as TrapObject;
}

/**
 * The trap's message, NUL-terminated with the NUL counted in its size (porting guide (docs/porting-guide.md), rule 11).
 * @category Runtime Objects
 */
export function wasm_trap_message(t: wasm_trap_t | null, out: wasm_message_t): void {
  fillBytes(out, utf8nt(trapObject(t, "wasm_trap_message").message), "wasm_trap_message");
}

/**
 * The frame where the trap happened (innermost wasm frame; for a trap a host
 * callback returned, the wasm function that called the host), or null.
 * @category Runtime Objects
 */
export function wasm_trap_origin(t: wasm_trap_t | null): wasm_frame_t | null {
  const h = live(t, wasm_trap_t, "wasm_trap_origin");
  const frame = (h._rec.obj as TrapObject).frames[0];
  return frame ? new wasm_frame_t(h._rec.store, frame) : null;
}

/**
 * The wasm frames at the trap, innermost first (host frames are not listed).
 * @category Runtime Objects
 */
export function wasm_trap_trace(t: wasm_trap_t | null, out: wasm_frame_vec_t): void {
  const h = live(t, wasm_trap_t, "wasm_trap_trace");
  const frames = (h._rec.obj as TrapObject).frames.map((f) => new wasm_frame_t(h._rec.store, f));
  const v = outVec(out, "wasm_trap_trace");
  v.size = frames.length;
  v.data = frames;
}
