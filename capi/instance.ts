/**
 * Module instances (`wasm_instance_t`).
 * @module
 */
import { instantiate, LinkError, ModuleInstance, unknownImport, type Extern } from "../impl/index.js";
import type { wasm_extern_vec_t } from "./extern.js";
import { handleAs, handleFor, live, liveStore, misuse, sameStore } from "./internal/handles.js";
import { wasm_extern_t, wasm_instance_t, wasm_module_t, wasm_ref_t, wasm_store_t, wasm_trap_t } from "./internal/objects.js";
import { keepAlive, recordOf, type ModuleObject, type ObjRecord } from "./internal/records.js";
import { refFunctions } from "./internal/refs.js";
import { newTrap, trapObjectOf } from "./internal/traps.js";
import { inVec, outVec } from "./internal/vec.js";

export { wasm_instance_t };

const instanceRef = refFunctions("instance", wasm_instance_t);

/**
 * Deletes a instance handle; the instance lives on while other handles or users remain.
 * @category Runtime Objects
 */
export function wasm_instance_delete(h: wasm_instance_t | null): void {
  instanceRef.delete(h);
}

/**
 * Makes another handle to the same instance.
 * @category Runtime Objects
 */
export function wasm_instance_copy(h: wasm_instance_t | null): wasm_instance_t {
  return instanceRef.copy(h);
}

/**
 * True when two handles designate the same instance.
 * @category Runtime Objects
 */
export function wasm_instance_same(a: wasm_instance_t | null, b: wasm_instance_t | null): boolean {
  return instanceRef.same(a, b);
}

/**
 * The host info of the instance (null when none was set).
 * @category Runtime Objects
 */
export function wasm_instance_get_host_info(h: wasm_instance_t | null): unknown {
  return instanceRef.get_host_info(h);
}

/**
 * Sets the host info of the instance.
 * @category Runtime Objects
 */
export function wasm_instance_set_host_info(h: wasm_instance_t | null, info: unknown): void {
  instanceRef.set_host_info(h, info);
}

/**
 * Sets the host info of the instance with a finalizer that runs once when the
 * instance dies (its last handle deleted, or its store deleted).
 * @category Runtime Objects
 */
export function wasm_instance_set_host_info_with_finalizer(h: wasm_instance_t | null, info: unknown, finalizer: ((info: unknown) => void) | null): void {
  instanceRef.set_host_info_with_finalizer(h, info, finalizer);
}

/**
 * The instance as a reference (the same handle; null stays null).
 * @category Runtime Objects
 */
export function wasm_instance_as_ref(h: wasm_instance_t | null): wasm_ref_t | null {
  return instanceRef.as_ref(h);
}

/**
 * A reference as an instance, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_instance(r: wasm_ref_t | null): wasm_instance_t | null {
  return instanceRef.ref_as(r);
}

/**
 * A const instance as a const reference (the same handle).
 * @category Runtime Objects
 */
export function wasm_instance_as_ref_const(h: wasm_instance_t | null): wasm_ref_t | null {
  return instanceRef.as_ref(h);
}

/**
 * A const reference as a const instance, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_instance_const(r: wasm_ref_t | null): wasm_instance_t | null {
  return instanceRef.ref_as(r);
}
/**
 * Instantiates a module with `imports` matched to its imports by position.
 * On failure returns null and, when `trap` is not null, sets `trap.value` to
 * a trap that says why: a link error (the import's index, names and both
 * types) or a trap of the start function or of segment initialisation (with
 * its frames). The instance keeps its module and imports alive.
 * @category Runtime Objects
 */
export function wasm_instance_new(
  store: wasm_store_t | null, module: wasm_module_t | null, imports: wasm_extern_vec_t | null,
  trap: { value: wasm_trap_t | null } | null,
): wasm_instance_t | null {
  const fn = "wasm_instance_new";
  const s = liveStore(store, fn);
  const mh = live(module, wasm_module_t, fn);
  const m = (mh._rec.obj as ModuleObject).module;
  if (trap !== null && trap !== undefined) {
    if (typeof trap !== "object") misuse(fn, "the trap out-parameter is not an object { value }");
    trap.value = null;
  }
  const given = imports === null || imports === undefined ? 0 : inVec(imports, fn);
  const externs: Extern[] = [];
  const recs: ObjRecord[] = [];
  const missing: LinkError[] = [];
  for (let i = 0; i < m.imports.length; i++) {
    const x = i < given ? imports!.data[i] : null;
    if (x === null || x === undefined) {
      missing.push(unknownImport(m, i, i < given ? "the entry is null" : `the vector holds ${given} externs`));
      continue;
    }
    const h = live(x, wasm_extern_t, fn);
    sameStore(h, s, fn);
    externs.push(h._rec.obj as Extern);
    recs.push(h._rec);
  }
  if (missing.length > 0) {
    if (trap) trap.value = newTrap(s, trapObjectOf(LinkError.aggregate(missing))!);
    return null;
  }
  let instance: ModuleInstance;
  try {
    instance = instantiate(s.runtime, m, externs);
  } catch (e) {
    const obj = trapObjectOf(e);
    if (obj === null) throw e;
    if (trap) trap.value = newTrap(s, obj);
    return null;
  }
  const rec = recordOf(s, instance);
  keepAlive(rec, mh._rec);
  for (const r of recs) keepAlive(rec, r);
  return handleAs(rec, wasm_instance_t);
}

/**
 * Fills `out` with handles to the instance's exports, in export order (each
 * handle keeps the instance alive).
 * @category Runtime Objects
 */
export function wasm_instance_exports(instance: wasm_instance_t | null, out: wasm_extern_vec_t): void {
  const fn = "wasm_instance_exports";
  const h = live(instance, wasm_instance_t, fn);
  const s = h._rec.store;
  const data = (h._rec.obj as ModuleInstance).exports.map((e) => {
    const rec = recordOf(s, e.value);
    // A re-exported import is kept alive by the instance already; the reverse link would be a cycle.
    if (!h._rec.keeps.includes(rec)) keepAlive(rec, h._rec);
    return handleFor(rec) as wasm_extern_t;
  });
  const v = outVec(out, fn);
  v.size = data.length;
  v.data = data;
}
