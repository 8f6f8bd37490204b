/**
 * Frames of a trap's trace (`wasm_frame_t`) and their vectors.
 * @module
 */
import { ModuleInstance } from "../impl/index.js";
import { deleteOwned, handleAs, owned, releaseHandle } from "./internal/handles.js";
import { wasm_frame_t, wasm_instance_t } from "./internal/objects.js";
import { recordOf } from "./internal/records.js";
import { vecFunctions } from "./internal/vec.js";

export { wasm_frame_t };

/**
 * Deletes a frame.
 * @category Runtime Objects
 */
export function wasm_frame_delete(frame: wasm_frame_t | null): void {
  const f = deleteOwned(frame, wasm_frame_t, "wasm_frame_delete");
  if (f?._instance && !f._instance._deleted && !f._instance._rec.dead) releaseHandle(f._instance);
}

/**
 * A vector of frames (`wasm_frame_vec_t`), as {@link wasm_trap_trace} fills it.
 * @category Runtime Objects
 */
export interface wasm_frame_vec_t {
  size: number;
  data: Array<wasm_frame_t | null>;
}

const vec = vecFunctions<wasm_frame_t>("frame", (f) => wasm_frame_copy(f), (f) => wasm_frame_delete(f),
  (e, fn) => owned(e, wasm_frame_t, fn));

/** Makes an empty frame vector in `out`. @category Runtime Objects */
export function wasm_frame_vec_new_empty(out: wasm_frame_vec_t): void {
  vec.new_empty(out);
}
/** Makes a frame vector of `size` null entries in `out`. @category Runtime Objects */
export function wasm_frame_vec_new_uninitialized(out: wasm_frame_vec_t, size: number): void {
  vec.new_uninitialized(out, size);
}
/** Makes a frame vector in `out` that takes the first `size` frames of `data`. @category Runtime Objects */
export function wasm_frame_vec_new(out: wasm_frame_vec_t, size: number, data: ArrayLike<wasm_frame_t | null>): void {
  vec.make(out, size, data);
}
/** Copies a frame vector (and its frames) into `out`. @category Runtime Objects */
export function wasm_frame_vec_copy(out: wasm_frame_vec_t, src: wasm_frame_vec_t): void {
  vec.copy(out, src);
}
/** Deletes a frame vector and its frames. @category Runtime Objects */
export function wasm_frame_vec_delete(v: wasm_frame_vec_t): void {
  vec.delete(v);
}

/**
 * Copies a frame.
 * @category Runtime Objects
 */
export function wasm_frame_copy(frame: wasm_frame_t | null): wasm_frame_t {
  const f = owned(frame, wasm_frame_t, "wasm_frame_copy");
  return new wasm_frame_t(f._store, f._frame);
}

/**
 * The instance of the frame's function (the frame keeps this handle; do not
 * delete it), or null when unknown or when its store was deleted.
 * @category Runtime Objects
 */
export function wasm_frame_instance(frame: wasm_frame_t | null): wasm_instance_t | null {
  const f = owned(frame, wasm_frame_t, "wasm_frame_instance");
  const inst = f._frame.instance;
  if (!(inst instanceof ModuleInstance) || f._store.deleted) return null;
  if (f._instance === null || f._instance._rec.dead) f._instance = handleAs(recordOf(f._store, inst), wasm_instance_t);
  return f._instance;
}

/**
 * The index of the frame's function in its module's function index space.
 * @category Runtime Objects
 */
export function wasm_frame_func_index(frame: wasm_frame_t | null): number {
  return owned(frame, wasm_frame_t, "wasm_frame_func_index")._frame.funcIndex;
}

/**
 * The offset of the frame's instruction from the start of its function's
 * body (where the local declarations begin).
 * @category Runtime Objects
 */
export function wasm_frame_func_offset(frame: wasm_frame_t | null): number {
  return owned(frame, wasm_frame_t, "wasm_frame_func_offset")._frame.funcOffset;
}

/**
 * The offset of the frame's instruction in the module binary.
 * @category Runtime Objects
 */
export function wasm_frame_module_offset(frame: wasm_frame_t | null): number {
  return owned(frame, wasm_frame_t, "wasm_frame_module_offset")._frame.moduleOffset;
}
