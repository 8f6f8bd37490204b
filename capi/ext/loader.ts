/**
 * Extension: the loader, loading linking in the C API. A namespace of live
 * instances by module name in one store, and the modules it loads by name
 * for the imports it lacks: from a reader callback, then from search-path
 * directories (`<dir>/<name>.wasm`). An adapter over the engine's
 * {@link Loader} (`impl/load/`), which links through the instantiation-linking
 * API only.
 * @module
 */
import {
  LinkError, Loader, type LoadedInstance, type ModuleInstance, type ModuleSource, type ValidatedModule,
} from "../../impl/index.js";
import type { wasm_byte_vec_t, wasm_message_t, wasm_name_t } from "../byte_vec.js";
import type { wasm_extern_vec_t } from "../extern.js";
import { bytesOf, frozenName } from "../internal/bytes.js";
import { handleAs, handleFor, live, liveStore, misuse, owned, releaseQuietly, sameStore } from "../internal/handles.js";
import { born, died } from "../internal/live.js";
import {
  wasm_instance_t, wasm_module_t, wasm_store_t, type wasm_ref_t, type wasm_trap_t,
} from "../internal/objects.js";
import { keepAlive, recordOf, type ModuleObject, type StoreState } from "../internal/records.js";
import { newTrap, trapObjectOf } from "../internal/traps.js";
import { importEntries } from "../internal/imports.js";
import { engineRegistry } from "./link/policy.js";
import { fillLastError, nameText } from "./link/support.js";
import { wasmts_registry_t } from "./registry.js";

/**
 * A reader callback (extension): the module called `name` (a name lent for
 * the call), as a byte vector or a compiled module, or null when the reader
 * does not have it. What it returns stays the reader's: the loader reads it
 * (a binary is copied when compiled) and gives it back to the release
 * callback when the loader is deleted. The loader asks at most once per name.
 * @category Extensions
 */
export type wasmts_loader_reader_t = (env: unknown, name: wasm_name_t) => wasm_byte_vec_t | wasm_module_t | null;

/**
 * A release callback (extension): gets back, once, what the reader returned
 * for `name`, when the loader is deleted (for instance to delete the vector
 * or the module).
 * @category Extensions
 */
export type wasmts_loader_release_t = (env: unknown, name: wasm_name_t, source: wasm_byte_vec_t | wasm_module_t) => void;

/** One answer of a reader, kept for its release. */
interface Read {
  readonly name: string;
  readonly source: wasm_byte_vec_t | wasm_module_t;
  readonly release: (() => void) | null;
}

/**
 * A loader (extension): a namespace of live instances by module name in one
 * store, over a native registry, that loads the modules it lacks by name.
 * @category Extensions
 */
export class wasmts_loader_t {
  /** @internal */ _deleted = false;
  /** @internal */ _lastError: LinkError | null = null;
  /** @internal Handles that keep every instance the loader made or was given alive. */ readonly _held: wasm_ref_t[] = [];
  /** @internal The reader in effect, bound to its environment. */ _reader: ((name: string) => ModuleSource | null) | null = null;
  /** @internal Everything readers returned, released at deletion. */ readonly _reads: Read[] = [];
  /** @internal Module records of compiled modules a reader gave, by module. */ readonly _moduleRecs = new Map<ValidatedModule, wasm_module_t>();
  /** @internal */ readonly _loader: Loader;
  /** @internal */
  constructor(
    /** @internal */ readonly _store: wasm_store_t,
    /** @internal */ readonly _registry: wasmts_registry_t | null,
  ) {
    born();
    const s = _store._state;
    this._loader = new Loader(s.runtime, {
      registry: _registry?._core.viewFor(s) ?? null,
      reader: (name) => this._reader?.(name) ?? null,
      onInstantiate: (made) => this._track(s, made),
    });
  }

  /** @internal An instance the engine loader made: kept alive by the loader, keeping its imports and module alive. */
  _track(s: StoreState, made: LoadedInstance): void {
    const rec = recordOf(s, made.instance);
    const moduleHandle = this._moduleRecs.get(made.module);
    if (moduleHandle) keepAlive(rec, moduleHandle._rec);
    for (const ext of made.imports) keepAlive(rec, recordOf(s, ext));
    this._held.push(handleFor(rec));
  }
}

/**
 * The engine module of a module handle; the loader keeps the module alive
 * while it lives, and every instance made from it keeps it alive after, as
 * `wasm_instance_new`'s instances do.
 */
function moduleOf(l: wasmts_loader_t, mh: wasm_module_t): ValidatedModule {
  const module = (mh._rec.obj as ModuleObject).module;
  if (!l._moduleRecs.has(module)) {
    const h = handleAs(mh._rec, wasm_module_t);
    l._moduleRecs.set(module, h);
    l._held.push(h);
  }
  return module;
}

/**
 * Makes a loader for `store` (extension) over `registry`, or, when
 * `registry` is null, over the engine's own registry
 * (`wasmts_engine_registry`). Names the registry serves (its registrations'
 * module names and its built-in modules, such as `spectest`) are never
 * loaded. Dependencies are shared (each loaded once and registered under its
 * name) and registering a taken name fails, until switched otherwise.
 *
 * @example
 * ```ts
 * const loader = wasmts_loader_new(store, null);
 * wasmts_loader_add_search_path(loader, dirName);          // looks for <dir>/<name>.wasm
 * const c = wasmts_loader_load(loader, cName, trap);       // loads c, and b and a that it imports
 * wasmts_loader_delete(loader);
 * ```
 * @category Extensions
 */
export function wasmts_loader_new(store: wasm_store_t | null, registry: wasmts_registry_t | null): wasmts_loader_t {
  const fn = "wasmts_loader_new";
  liveStore(store, fn);
  let r: wasmts_registry_t | null = null;
  if (registry !== null && registry !== undefined) r = owned(registry, wasmts_registry_t, fn);
  else if (store!._engine !== null) {
    if (store!._engine._deleted) misuse(fn, "the store's engine was deleted");
    r = engineRegistry(store!._engine);
  }
  return new wasmts_loader_t(store!, r);
}

/**
 * Deletes a loader (extension): gives every module the reader returned back
 * to its release callback, once each, in the order read; and lets go of the
 * instances it holds (those the host holds handles to live on, with what
 * they import).
 * @category Extensions
 */
export function wasmts_loader_delete(loader: wasmts_loader_t | null): void {
  if (loader === null || loader === undefined) return;
  const l = owned(loader, wasmts_loader_t, "wasmts_loader_delete");
  l._deleted = true;
  died();
  l._loader.close();
  for (const h of l._held.splice(0)) releaseQuietly(h);
  l._moduleRecs.clear();
  let error: { e: unknown } | null = null;
  for (const read of l._reads.splice(0)) {
    try {
      read.release?.();
    } catch (e) {
      error ??= { e };
    }
  }
  if (error) throw error.e;
}

/** Checks the loader, its store and its registry, and brings the registry's view up to date. */
function liveLoader(loader: wasmts_loader_t | null, fn: string): { l: wasmts_loader_t; s: StoreState } {
  const l = owned(loader, wasmts_loader_t, fn);
  const s = liveStore(l._store, fn);
  if (l._registry?._deleted) misuse(fn, "the loader's registry was deleted");
  // Natives registered since the last call reach the engine loader's registry view now.
  l._registry?._core.viewFor(s);
  return { l, s };
}

/**
 * Sets the reader (extension): `reader(env, name)` is asked for a module by
 * name before the search path, at most once per name; `release(env, name,
 * source)` (or null) gets each answer back when the loader is deleted.
 * Setting another reader keeps the earlier answers and their release.
 *
 * @example
 * ```ts
 * wasmts_loader_set_reader(loader, (env, name) => {
 *   const file = (env as Map<string, wasm_byte_vec_t>).get(wasmts_byte_vec_to_string(name));
 *   return file ?? null;
 * }, files, (env, name, binary) => wasm_byte_vec_delete(binary as wasm_byte_vec_t));
 * ```
 * @category Extensions
 */
export function wasmts_loader_set_reader(
  loader: wasmts_loader_t | null, reader: wasmts_loader_reader_t | null, env: unknown, release: wasmts_loader_release_t | null,
): void {
  const fn = "wasmts_loader_set_reader";
  const { l } = liveLoader(loader, fn);
  if (reader !== null && reader !== undefined && typeof reader !== "function") misuse(fn, "the reader is not a function");
  if (release !== null && release !== undefined && typeof release !== "function") misuse(fn, "the release callback is not a function");
  if (reader === null || reader === undefined) {
    l._reader = null;
    return;
  }
  l._reader = (name) => {
    const nameVec = frozenName(name);
    const source = reader(env, nameVec);
    if (source === null || source === undefined) return null;
    l._reads.push({ name, source, release: release ? () => release(env, nameVec, source) : null });
    if (source instanceof wasm_module_t) return moduleOf(l, live(source, wasm_module_t, fn));
    // The engine loader copies the bytes before compiling them.
    return bytesOf(source, fn);
  };
}

/**
 * Adds a directory to the end of the search path (extension): a module
 * called `name` is looked for as `<dir>/<name>.wasm` (after the reader).
 * Names that are not plain file names (with a `/`, `\`, NUL, or `.`, `..`)
 * are never looked for on the file system.
 *
 * @example
 * ```ts
 * const dir: wasm_name_t = WASM_EMPTY_VEC();
 * wasm_name_new_from_string(dir, "./modules");
 * wasmts_loader_add_search_path(loader, dir);
 * wasm_name_delete(dir);
 * ```
 * @category Extensions
 */
export function wasmts_loader_add_search_path(loader: wasmts_loader_t | null, dir: wasm_name_t | null): void {
  const fn = "wasmts_loader_add_search_path";
  const { l } = liveLoader(loader, fn);
  l._loader.addSearchPath(nameText(dir, "directory", fn));
}

/**
 * Switches isolation on or off (extension; off by default). Off, each
 * dependency is loaded and instantiated once per loader and registered under
 * its name, so its importers share its state. On, each importer gets
 * instances of its own (each module is still read and compiled once), and
 * loaded modules are not registered. Affects later loads.
 * @category Extensions
 */
export function wasmts_loader_set_isolation(loader: wasmts_loader_t | null, on: boolean): void {
  liveLoader(loader, "wasmts_loader_set_isolation").l._loader.isolation = on === true;
}

/**
 * Switches shadowing on or off (extension; off by default): with it on,
 * registering a taken name replaces the instance registered under it.
 * @category Extensions
 */
export function wasmts_loader_allow_shadowing(loader: wasmts_loader_t | null, on: boolean): void {
  liveLoader(loader, "wasmts_loader_allow_shadowing").l._loader.shadowing = on === true;
}

/**
 * Registers an instance of the loader's store under `name` (extension),
 * bound live: modules that import from `name` link to its exports, and the
 * loader never loads `name`. This is what a spec script's `register` does.
 * Returns false, with the reason in {@link wasmts_loader_last_error}, when
 * the name is taken and shadowing is off.
 *
 * @example
 * ```ts
 * const a = wasm_instance_new(store, aModule, imports, null)!; // linked by hand
 * wasmts_loader_register(loader, aName, a);                     // loaded modules importing "a" get this one
 * ```
 * @category Extensions
 */
export function wasmts_loader_register(loader: wasmts_loader_t | null, name: wasm_name_t | null, instance: wasm_instance_t | null): boolean {
  const fn = "wasmts_loader_register";
  const { l, s } = liveLoader(loader, fn);
  const n = nameText(name, "module", fn);
  const h = live(instance, wasm_instance_t, fn);
  sameStore(h, s, fn);
  try {
    l._loader.register(n, h._rec.obj as ModuleInstance);
  } catch (e) {
    if (!(e instanceof LinkError)) throw e;
    l._lastError = e;
    return false;
  }
  l._lastError = null;
  l._held.push(handleFor(h._rec));
  return true;
}

/**
 * The instance registered (or loaded and shared) under `name` (extension): a
 * new handle the caller deletes, or null when there is none.
 * @category Extensions
 */
export function wasmts_loader_lookup(loader: wasmts_loader_t | null, name: wasm_name_t | null): wasm_instance_t | null {
  const fn = "wasmts_loader_lookup";
  const { l, s } = liveLoader(loader, fn);
  const inst = l._loader.lookup(nameText(name, "module", fn));
  return inst === undefined ? null : handleAs(recordOf(s, inst), wasm_instance_t);
}

/** Runs an engine loader operation; an error that is a trap (a load or link error) becomes `trap`. */
function attempt(
  s: StoreState, trap: { value: wasm_trap_t | null } | null, fn: string, op: () => ModuleInstance,
): wasm_instance_t | null {
  if (trap !== null && trap !== undefined) {
    if (typeof trap !== "object") misuse(fn, "the trap out-parameter is not an object { value }");
    trap.value = null;
  }
  let inst: ModuleInstance;
  try {
    inst = op();
  } catch (e) {
    const obj = trapObjectOf(e);
    if (obj === null) throw e;
    if (trap) trap.value = newTrap(s, obj);
    return null;
  }
  return handleAs(recordOf(s, inst), wasm_instance_t);
}

/**
 * Loads the module called `name` with everything it imports (extension):
 * the registered instance if there is one; else the module from the reader
 * or the search path, its dependencies loaded the same way (recursively,
 * each once), instantiated and registered under `name` (unless isolation is
 * on). Returns a new handle the caller deletes, or null with `trap` (when
 * not null) set to why: a missing module (naming it and its importer), a
 * cycle (`module cycle: a -> b -> a`), or a module that failed to compile,
 * link or instantiate, with the whole chain (`[loading c -> b -> a]`).
 *
 * @example
 * ```ts
 * const trap = { value: null as wasm_trap_t | null };
 * const c = wasmts_loader_load(loader, cName, trap);
 * if (!c) { const m: wasm_message_t = WASM_EMPTY_VEC(); wasm_trap_message(trap.value, m); }
 * ```
 * @category Extensions
 */
export function wasmts_loader_load(
  loader: wasmts_loader_t | null, name: wasm_name_t | null, trap: { value: wasm_trap_t | null } | null,
): wasm_instance_t | null {
  const fn = "wasmts_loader_load";
  const { l, s } = liveLoader(loader, fn);
  const n = nameText(name, "module", fn);
  return attempt(s, trap, fn, () => l._loader.load(n));
}

/**
 * Instantiates a module the host compiled (extension), loading what its
 * imports name: a non-null entry of `imports` (which may be null, or shorter
 * than the imports) is used at its position; every other import is resolved
 * by its module name as {@link wasmts_loader_load} resolves dependencies.
 * The instance is not registered. Returns a new handle, or null with `trap`
 * set to why (the module's own link error, or a dependency's load error).
 *
 * @example
 * ```ts
 * // Import 0 given by hand; the others from the namespace, loaded modules and the registry.
 * const app = wasmts_loader_instantiate(loader, appModule, WASM_ARRAY_VEC([wasm_func_as_extern(log), null]), trap);
 * ```
 * @category Extensions
 */
export function wasmts_loader_instantiate(
  loader: wasmts_loader_t | null, module: wasm_module_t | null, imports: wasm_extern_vec_t | null,
  trap: { value: wasm_trap_t | null } | null,
): wasm_instance_t | null {
  const fn = "wasmts_loader_instantiate";
  const { l, s } = liveLoader(loader, fn);
  const m = moduleOf(l, live(module, wasm_module_t, fn));
  const externs = importEntries(imports, s, fn);
  return attempt(s, trap, fn, () => l._loader.instantiate(m, { externs }));
}

/**
 * Fills `out` with the message of the loader's last failed registration
 * (extension; NUL-terminated). Returns false (and an empty `out`) when the
 * last registration succeeded.
 * @category Extensions
 */
export function wasmts_loader_last_error(loader: wasmts_loader_t | null, out: wasm_message_t): boolean {
  const fn = "wasmts_loader_last_error";
  return fillLastError(owned(loader, wasmts_loader_t, fn)._lastError, out, fn);
}
