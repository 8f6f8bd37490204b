/**
 * Compiled modules (`wasm_module_t`) and shared modules (`wasm_shared_module_t`).
 * @module
 */
import {
  canCompile, compiledForm, compileModule, DecodeError, installCompiledForm, ValidationError, type CompiledForm, type ValidatedModule,
} from "../impl/index.js";
import type { wasm_byte_vec_t } from "./byte_vec.js";
import type { wasm_exporttype_vec_t } from "./exporttype.js";
import type { wasm_importtype_vec_t } from "./importtype.js";
import { bytesOf, fillBytes, frozenName } from "./internal/bytes.js";
import { handleAs, live, liveStore, misuse } from "./internal/handles.js";
import { born, died } from "./internal/live.js";
import { exportTypes, importTypes } from "./internal/moduletypes.js";
import { wasm_exporttype_t, wasm_importtype_t, wasm_module_t, wasm_ref_t, wasm_store_t } from "./internal/objects.js";
import { ModuleObject, recordOf, type StoreState } from "./internal/records.js";
import { refFunctions } from "./internal/refs.js";
import { deserialize, serialize } from "./internal/serialize.js";
import { externtypeFromImpl } from "./internal/types.js";
import { outVec } from "./internal/vec.js";

export { wasm_module_t };

const moduleRef = refFunctions("module", wasm_module_t);

/**
 * Deletes a module handle; the module lives on while other handles or users remain.
 * @category Runtime Objects
 */
export function wasm_module_delete(h: wasm_module_t | null): void {
  moduleRef.delete(h);
}

/**
 * Makes another handle to the same module.
 * @category Runtime Objects
 */
export function wasm_module_copy(h: wasm_module_t | null): wasm_module_t {
  return moduleRef.copy(h);
}

/**
 * True when two handles designate the same module.
 * @category Runtime Objects
 */
export function wasm_module_same(a: wasm_module_t | null, b: wasm_module_t | null): boolean {
  return moduleRef.same(a, b);
}

/**
 * The host info of the module (null when none was set).
 * @category Runtime Objects
 */
export function wasm_module_get_host_info(h: wasm_module_t | null): unknown {
  return moduleRef.get_host_info(h);
}

/**
 * Sets the host info of the module.
 * @category Runtime Objects
 */
export function wasm_module_set_host_info(h: wasm_module_t | null, info: unknown): void {
  moduleRef.set_host_info(h, info);
}

/**
 * Sets the host info of the module with a finalizer that runs once when the
 * module dies (its last handle deleted, or its store deleted).
 * @category Runtime Objects
 */
export function wasm_module_set_host_info_with_finalizer(h: wasm_module_t | null, info: unknown, finalizer: ((info: unknown) => void) | null): void {
  moduleRef.set_host_info_with_finalizer(h, info, finalizer);
}

/**
 * The module as a reference (the same handle; null stays null).
 * @category Runtime Objects
 */
export function wasm_module_as_ref(h: wasm_module_t | null): wasm_ref_t | null {
  return moduleRef.as_ref(h);
}

/**
 * A reference as a module, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_module(r: wasm_ref_t | null): wasm_module_t | null {
  return moduleRef.ref_as(r);
}

/**
 * A const module as a const reference (the same handle).
 * @category Runtime Objects
 */
export function wasm_module_as_ref_const(h: wasm_module_t | null): wasm_ref_t | null {
  return moduleRef.as_ref(h, "wasm_module_as_ref_const");
}

/**
 * A const reference as a const module, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_module_const(r: wasm_ref_t | null): wasm_module_t | null {
  return moduleRef.ref_as(r, "wasm_ref_as_module_const");
}
/**
 * A module prepared to cross threads (`wasm_shared_module_t`): plain data
 * that survives structured cloning, so it can be sent to a `worker_threads`
 * worker in `workerData` or with `postMessage`, where
 * {@link wasm_module_obtain} makes a module of it in that worker's store
 * (porting guide (docs/porting-guide.md), rule 14).
 * @category Runtime Objects
 */
export interface wasm_shared_module_t {
  /** Marks the object as a shared module. */
  readonly wasmts_shared_module: 1;
  /** The module's binary. */
  readonly binary: Uint8Array;
  /** Set by {@link wasm_shared_module_delete}. */
  deleted: boolean;
}

/** Shared modules made in this thread (a clone received from another thread is not counted here). */
const madeHere = new WeakSet<object>();

function isShared(x: unknown): x is wasm_shared_module_t {
  return typeof x === "object" && x !== null && (x as wasm_shared_module_t).wasmts_shared_module === 1 &&
    (x as wasm_shared_module_t).binary instanceof Uint8Array;
}

/**
 * Deletes a shared module.
 * @category Runtime Objects
 */
export function wasm_shared_module_delete(shared: wasm_shared_module_t | null): void {
  if (shared === null || shared === undefined) return;
  const fn = "wasm_shared_module_delete";
  if (!isShared(shared)) misuse(fn, "not a wasm_shared_module_t");
  if (shared.deleted) misuse(fn, "the wasm_shared_module_t was already deleted");
  shared.deleted = true;
  if (madeHere.has(shared)) {
    madeHere.delete(shared);
    died();
  }
}

/**
 * Makes a shared module of a module, to send to another thread.
 * @category Runtime Objects
 */
export function wasm_module_share(module: wasm_module_t | null): wasm_shared_module_t {
  const m = moduleObject(module, "wasm_module_share");
  const shared: wasm_shared_module_t = { wasmts_shared_module: 1, binary: m.bytes.slice(), deleted: false };
  madeHere.add(shared);
  born();
  return shared;
}

/**
 * Makes a module in `store` from a shared module (made in this thread or
 * received from another), or null if it cannot be compiled here.
 * @category Runtime Objects
 */
export function wasm_module_obtain(store: wasm_store_t | null, shared: wasm_shared_module_t | null): wasm_module_t | null {
  const fn = "wasm_module_obtain";
  const s = liveStore(store, fn);
  if (!isShared(shared)) misuse(fn, "not a wasm_shared_module_t");
  if (shared.deleted) misuse(fn, "the wasm_shared_module_t was deleted");
  return newModule(s, shared.binary.slice());
}

function moduleObject(module: wasm_module_t | null, fn: string): ModuleObject {
  return live(module, wasm_module_t, fn)._rec.obj as ModuleObject;
}

/** Compiles bytes, recording the store's last compile error; null when they are not a valid module. */
function compile(s: StoreState, bytes: Uint8Array): ValidatedModule | null {
  try {
    const module = compileModule(bytes);
    s.lastError = null;
    return module;
  } catch (e) {
    const offset = e instanceof DecodeError || e instanceof ValidationError ? e.offset : -1;
    s.lastError = { message: e instanceof Error ? e.message : String(e), offset };
    return null;
  }
}

function newModule(s: StoreState, bytes: Uint8Array): wasm_module_t | null {
  const module = compile(s, bytes);
  return module === null ? null : handleAs(recordOf(s, new ModuleObject(module, bytes)), wasm_module_t);
}

/**
 * Compiles a binary module, or returns null when the bytes are malformed or
 * invalid ({@link wasmts_module_last_error} tells why).
 * @category Runtime Objects
 */
export function wasm_module_new(store: wasm_store_t | null, binary: wasm_byte_vec_t): wasm_module_t | null {
  const s = liveStore(store, "wasm_module_new");
  return newModule(s, bytesOf(binary, "wasm_module_new").slice());
}

/**
 * True when a binary is a well-formed, valid module ({@link wasmts_module_last_error} tells why not).
 * @category Runtime Objects
 */
export function wasm_module_validate(store: wasm_store_t | null, binary: wasm_byte_vec_t): boolean {
  const s = liveStore(store, "wasm_module_validate");
  return compile(s, bytesOf(binary, "wasm_module_validate")) !== null;
}

/**
 * Fills `out` with the module's imports, in section order, with full types.
 * @category Runtime Objects
 */
export function wasm_module_imports(module: wasm_module_t | null, out: wasm_importtype_vec_t): void {
  const m = moduleObject(module, "wasm_module_imports").module;
  const types = importTypes(m);
  const data = m.imports.map((imp, i) => {
    const type = externtypeFromImpl(types[i]!);
    type._owner = "wasm_importtype_t";
    return new wasm_importtype_t(frozenName(imp.module), frozenName(imp.name), type);
  });
  const v = outVec(out, "wasm_module_imports");
  v.size = data.length;
  v.data = data;
}

/**
 * Fills `out` with the module's exports, in section order, with full types.
 * @category Runtime Objects
 */
export function wasm_module_exports(module: wasm_module_t | null, out: wasm_exporttype_vec_t): void {
  const m = moduleObject(module, "wasm_module_exports").module;
  const types = exportTypes(m);
  const data = m.exports.map((exp, i) => {
    const type = externtypeFromImpl(types[i]!);
    type._owner = "wasm_exporttype_t";
    return new wasm_exporttype_t(frozenName(exp.name), type);
  });
  const v = outVec(out, "wasm_module_exports");
  v.size = data.length;
  v.data = data;
}

/**
 * The compiled form to serialize with a module: in a store that compiles,
 * the module's (compiled now if it was not yet); else the one the module
 * was deserialized with, if any.
 */
function formToSerialize(s: StoreState, m: ModuleObject): CompiledForm | null {
  if (s.runtime.tier !== "interpreter" && canCompile()) return compiledForm(m.module) ?? m.carried;
  return m.carried;
}

/**
 * Serializes a module into `out`, in our format (the "AOT" artifact,
 * documented in the README's porting guide: a header with magic, format
 * version, length and CRC-32, then the engine's identity, the binary and,
 * when the module's store compiles to JavaScript, the compiled form, which
 * this compiles now if no call has yet).
 * @category Runtime Objects
 */
export function wasm_module_serialize(module: wasm_module_t | null, out: wasm_byte_vec_t): void {
  const fn = "wasm_module_serialize";
  const h = live(module, wasm_module_t, fn);
  const m = h._rec.obj as ModuleObject;
  fillBytes(out, serialize(m.bytes, formToSerialize(h._rec.store, m)), fn);
}

/**
 * Makes a module from bytes that {@link wasm_module_serialize} produced, or
 * returns null ({@link wasmts_module_last_error} tells why) for bytes that
 * are not ours, are damaged (the checksum), are of another format version,
 * or were made by another build of the engine. The binary is validated
 * again (cheap beside compiling); in a store that compiles, the artifact's
 * compiled form is installed, so no function is emitted again. Its source
 * is trusted code: deserialize only artifacts you made (see DECISIONS.md).
 * @category Runtime Objects
 */
export function wasm_module_deserialize(store: wasm_store_t | null, bytes: wasm_byte_vec_t): wasm_module_t | null {
  const fn = "wasm_module_deserialize";
  const s = liveStore(store, fn);
  const result = deserialize(bytesOf(bytes, fn));
  if ("error" in result) {
    s.lastError = { message: result.error, offset: -1 };
    return null;
  }
  const module = compile(s, result.binary);
  if (module === null) return null;
  // A store on the interpreter ignores the compiled form (but keeps it for serializing again).
  if (result.compiled !== null && s.runtime.tier !== "interpreter") installCompiledForm(module, result.compiled);
  return handleAs(recordOf(s, new ModuleObject(module, result.binary, result.compiled)), wasm_module_t);
}
