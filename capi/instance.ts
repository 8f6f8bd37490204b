/**
 * Module instances (`wasm_instance_t`).
 * @module
 */
import {
  buildImportList, instantiate, LinkError, ModuleInstance, unknownImport, type Extern, type Module,
} from "../impl/index.js";
import type { wasm_extern_vec_t } from "./extern.js";
import { handleAs, handleFor, live, liveStore, misuse } from "./internal/handles.js";
import { wasm_extern_t, wasm_instance_t, wasm_module_t, wasm_ref_t, wasm_store_t, wasm_trap_t } from "./internal/objects.js";
import { keepAlive, recordOf, type ModuleObject } from "./internal/records.js";
import { refFunctions } from "./internal/refs.js";
import { newTrap, trapObjectOf } from "./internal/traps.js";
import { importEntries } from "./internal/imports.js";
import { outVec } from "./internal/vec.js";
import { defaultRegistryFor } from "./ext/link/policy.js";

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
  return instanceRef.as_ref(h, "wasm_instance_as_ref_const");
}

/**
 * A const reference as a const instance, or null when it designates something else.
 * @category Runtime Objects
 */
export function wasm_ref_as_instance_const(r: wasm_ref_t | null): wasm_instance_t | null {
  return instanceRef.ref_as(r, "wasm_ref_as_instance_const");
}
/**
 * Instantiates a module with `imports` matched to its imports by position.
 * A null entry is filled by the engine's default linking policy: from the
 * engine's registry (`wasmts_engine_registry`: its registrations, then its
 * built-in modules: `spectest`, and `wasi_snapshot_preview1` when the store
 * has WASI attached with `wasmts_store_set_wasi`), unless the engine links strictly
 * (`wasmts_engine_set_strict_linking`), in which case it is an unknown
 * import. A vector without null entries never consults the registry. The
 * vector must hold one entry per import, as in C: missing entries past its
 * end are unknown imports, never filled. On failure returns null and, when
 * `trap` is not null, sets `trap.value` to a trap that says why: a link error
 * (every failing import with its index, names and both types) or a trap of
 * the start function or of segment initialisation (with its frames). The
 * instance keeps its module and imports alive.
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
  const all = importEntries(imports, s, fn);
  const given = all.length;
  const entries = all.slice(0, m.imports.length);
  let externs: Extern[] = [];
  let instance: ModuleInstance;
  try {
    externs = completeImports(m, entries, given, store!, fn);
    instance = instantiate(s.runtime, m, externs);
  } catch (e) {
    const obj = trapObjectOf(e);
    if (obj === null) throw e;
    if (trap) trap.value = newTrap(s, obj);
    return null;
  }
  const rec = recordOf(s, instance);
  keepAlive(rec, mh._rec);
  for (const ext of externs) keepAlive(rec, recordOf(s, ext));
  return handleAs(rec, wasm_instance_t);
}

/**
 * The complete extern list for `module` from the vector's entries (`given`
 * of them; a null entry left to the engine's policy). Throws the link error
 * when entries are missing past the vector's end, or when a null entry is
 * not filled (strict engine, or nothing registered under its names).
 */
function completeImports(module: Module, entries: (Extern | null)[], given: number, store: wasm_store_t, fn: string): Extern[] {
  const imports = module.imports;
  if (given < imports.length) {
    const missing: LinkError[] = [];
    for (let i = given; i < imports.length; i++) {
      missing.push(unknownImport(module, i, `the vector holds ${given} externs; only null entries are filled`));
    }
    throw LinkError.aggregate(missing);
  }
  if (!entries.includes(null)) return entries as Extern[];
  const registry = defaultRegistryFor(store, fn);
  if (registry === null) {
    throw LinkError.aggregate(entries.flatMap((e, i) => e === null ? [unknownImport(module, i, "the entry is null and linking is strict")] : []));
  }
  return buildImportList(module, { externs: entries, registry, store: store._state.runtime });
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
