/**
 * Extension: the linker, the import-list builder of the C API. From externs
 * given by position, externs and instances named for the linker, and a
 * native registry, it builds the complete positional extern vector that
 * {@link wasm_instance_new} takes, reporting every unresolved or mismatched
 * import in one trap; and it instantiates with it.
 * @module
 */
import {
  LinkError, NamedExterns, resolveImports,
  type Extern, type Module, type ModuleInstance, type NativeRegistry,
} from "../../impl/index.js";
import type { wasm_message_t, wasm_name_t } from "../byte_vec.js";
import type { wasm_extern_vec_t } from "../extern.js";
import { handleFor, live, liveStore, misuse, owned, releaseQuietly, sameStore } from "../internal/handles.js";
import { born, died } from "../internal/live.js";
import {
  wasm_extern_t, wasm_instance_t, wasm_module_t, wasm_store_t, type wasm_ref_t, type wasm_trap_t,
} from "../internal/objects.js";
import { recordOf, type ModuleObject, type StoreState } from "../internal/records.js";
import { newTrap, trapObjectOf } from "../internal/traps.js";
import { importEntries } from "../internal/imports.js";
import { outVec } from "../internal/vec.js";
import { wasm_instance_new } from "../instance.js";
import { fillLastError, nameText } from "./link/support.js";
import { wasmts_registry_t } from "./registry.js";

/**
 * A linker (extension): externs and instances named for linking in one
 * store, over an optional native registry. Shadowing off and stubs off by default.
 * @category Extensions
 */
export class wasmts_linker_t {
  /** @internal */ _deleted = false;
  /** @internal */ readonly _names = new NamedExterns();
  /** @internal */ _stubs = false;
  /** @internal */ _lastError: LinkError | null = null;
  /** @internal Handles that keep defined externs and instances alive. */ readonly _held: wasm_ref_t[] = [];
  /** @internal */
  constructor(/** @internal */ readonly _store: wasm_store_t, /** @internal */ readonly _registry: wasmts_registry_t | null) {
    born();
  }
}

/**
 * Makes a linker for `store` over `registry` (extension; null for none, so
 * that only the linker's own names and explicit externs count). The registry
 * must outlive the linker.
 *
 * @example
 * ```ts
 * const linker = wasmts_linker_new(store, registry);
 * wasmts_linker_define_instance(linker, libName, libInstance);
 * const app = wasmts_linker_instantiate(linker, appModule, null, trap);
 * wasmts_linker_delete(linker);
 * ```
 * @category Extensions
 */
export function wasmts_linker_new(store: wasm_store_t | null, registry: wasmts_registry_t | null): wasmts_linker_t {
  const fn = "wasmts_linker_new";
  liveStore(store, fn);
  if (registry !== null && registry !== undefined) owned(registry, wasmts_registry_t, fn);
  return new wasmts_linker_t(store!, registry ?? null);
}

/**
 * Deletes a linker (extension), releasing the externs and instances it holds.
 * @category Extensions
 */
export function wasmts_linker_delete(linker: wasmts_linker_t | null): void {
  if (linker === null || linker === undefined) return;
  const l = owned(linker, wasmts_linker_t, "wasmts_linker_delete");
  l._deleted = true;
  died();
  for (const h of l._held.splice(0)) releaseQuietly(h);
}

/**
 * Switches shadowing on or off (extension; off by default): with it on,
 * defining a name again replaces the earlier definition instead of failing.
 * @category Extensions
 */
export function wasmts_linker_allow_shadowing(linker: wasmts_linker_t | null, on: boolean): void {
  owned(linker, wasmts_linker_t, "wasmts_linker_allow_shadowing")._names.shadowing = on === true;
}

/**
 * Switches stubs on or off (extension; off by default): with them on, a
 * function import that nothing provides gets a function that traps when
 * called, with the message `unknown import: module::field was called, ...`;
 * other unresolved imports stay errors.
 *
 * @example
 * ```ts
 * wasmts_linker_stub_unresolved(linker, true);
 * const inst = wasmts_linker_instantiate(linker, module, null, trap); // links even without "wasi" "fd_write"
 * ```
 * @category Extensions
 */
export function wasmts_linker_stub_unresolved(linker: wasmts_linker_t | null, on: boolean): void {
  owned(linker, wasmts_linker_t, "wasmts_linker_stub_unresolved")._stubs = on === true;
}

function liveLinker(linker: wasmts_linker_t | null, fn: string): { l: wasmts_linker_t; s: StoreState } {
  const l = owned(linker, wasmts_linker_t, fn);
  const s = liveStore(l._store, fn);
  if (l._registry?._deleted) misuse(fn, "the linker's registry was deleted");
  return { l, s };
}

function attempt(l: wasmts_linker_t, define: () => void): boolean {
  try {
    define();
    l._lastError = null;
    return true;
  } catch (e) {
    if (!(e instanceof LinkError)) throw e;
    l._lastError = e;
    return false;
  }
}

/**
 * Defines `module` `name` as an extern of the linker's store (extension).
 * Returns false, with the reason in {@link wasmts_linker_last_error}, when
 * the name is taken and shadowing is off.
 *
 * @example
 * ```ts
 * wasmts_linker_define(linker, envName, memName, wasm_memory_as_extern(memory));
 * ```
 * @category Extensions
 */
export function wasmts_linker_define(
  linker: wasmts_linker_t | null, module: wasm_name_t | null, name: wasm_name_t | null, extern: wasm_extern_t | null,
): boolean {
  const fn = "wasmts_linker_define";
  const { l, s } = liveLinker(linker, fn);
  const m = nameText(module, "module", fn), n = nameText(name, "field", fn);
  const h = live(extern, wasm_extern_t, fn);
  sameStore(h, s, fn);
  return attempt(l, () => {
    l._names.define(m, n, h._rec.obj as Extern);
    l._held.push(handleFor(h._rec));
  });
}

/**
 * Defines every export of an instance of the linker's store under `module`
 * (extension), bound live. Returns false when one of its export names is
 * taken and shadowing is off (then nothing is defined).
 *
 * @example
 * ```ts
 * wasmts_linker_define_instance(linker, libName, lib); // app's (import "lib" "add" ...) now resolve
 * ```
 * @category Extensions
 */
export function wasmts_linker_define_instance(
  linker: wasmts_linker_t | null, module: wasm_name_t | null, instance: wasm_instance_t | null,
): boolean {
  const fn = "wasmts_linker_define_instance";
  const { l, s } = liveLinker(linker, fn);
  const m = nameText(module, "module", fn);
  const h = live(instance, wasm_instance_t, fn);
  sameStore(h, s, fn);
  return attempt(l, () => {
    l._names.defineInstance(m, h._rec.obj as ModuleInstance);
    l._held.push(handleFor(h._rec));
  });
}

/**
 * Fills `out` with the message of the linker's last failed definition
 * (extension; NUL-terminated). Returns false (and an empty `out`) when the
 * last definition succeeded.
 * @category Extensions
 */
export function wasmts_linker_last_error(linker: wasmts_linker_t | null, out: wasm_message_t): boolean {
  const fn = "wasmts_linker_last_error";
  return fillLastError(owned(linker, wasmts_linker_t, fn)._lastError, out, fn);
}

function setTrap(trap: { value: wasm_trap_t | null } | null, fn: string): void {
  if (trap === null || trap === undefined) return;
  if (typeof trap !== "object") misuse(fn, "the trap out-parameter is not an object { value }");
  trap.value = null;
}

/**
 * Resolves a module's imports; on failure sets `trap` to the aggregated link
 * error and returns null.
 */
function resolve(
  store: StoreState, module: wasm_module_t | null, imports: wasm_extern_vec_t | null,
  names: NamedExterns | null, registry: NativeRegistry | null, stubs: boolean,
  trap: { value: wasm_trap_t | null } | null, fn: string,
): Extern[] | null {
  setTrap(trap, fn);
  const mh = live(module, wasm_module_t, fn);
  const m: Module = (mh._rec.obj as ModuleObject).module;
  const externs = importEntries(imports, store, fn);
  try {
    return resolveImports(m, { externs, named: names, registry, stubUnresolved: stubs, store: store.runtime }).map((r) => r.extern);
  } catch (e) {
    const obj = trapObjectOf(e);
    if (obj === null) throw e;
    if (trap) trap.value = newTrap(store, obj);
    return null;
  }
}

/** Instantiates with resolved externs through {@link wasm_instance_new}, handles lent for the call. */
function instantiateWith(
  store: wasm_store_t, s: StoreState, module: wasm_module_t | null, externs: readonly Extern[],
  trap: { value: wasm_trap_t | null } | null,
): wasm_instance_t | null {
  const handles = externs.map((e) => handleFor(recordOf(s, e)) as wasm_extern_t);
  try {
    return wasm_instance_new(store, module, { size: handles.length, data: handles }, trap);
  } finally {
    // The instance keeps what it imported; these handles were only for the call.
    for (const h of handles) releaseQuietly(h);
  }
}

/**
 * Builds the complete positional import vector of `module` in `out`
 * (extension): each import from the first source that has it (an extern at
 * its position in `imports`, which may be null or shorter than the imports;
 * then the linker's names; then the registry's registrations; then its
 * built-in modules; then, if stubs are on, a trapping stub for a function).
 * Returns true and fills `out` with new handles the caller deletes
 * (`wasm_extern_vec_delete`); or returns false, leaves `out` empty, and sets
 * `trap` (when not null) to one trap naming every unresolved or mismatched
 * import with both types.
 *
 * @example
 * ```ts
 * const full: wasm_extern_vec_t = WASM_EMPTY_VEC();
 * const trap = { value: null as wasm_trap_t | null };
 * if (wasmts_linker_imports(linker, module, null, full, trap)) {
 *   const instance = wasm_instance_new(store, module, full, trap);
 *   wasm_extern_vec_delete(full);
 * }
 * ```
 * @category Extensions
 */
export function wasmts_linker_imports(
  linker: wasmts_linker_t | null, module: wasm_module_t | null, imports: wasm_extern_vec_t | null,
  out: wasm_extern_vec_t, trap: { value: wasm_trap_t | null } | null,
): boolean {
  const fn = "wasmts_linker_imports";
  const { l, s } = liveLinker(linker, fn);
  const v = outVec(out, fn);
  const externs = resolve(s, module, imports, l._names, l._registry?._core.viewFor(s) ?? null, l._stubs, trap, fn);
  const data = externs?.map((e) => handleFor(recordOf(s, e)) as wasm_extern_t) ?? [];
  v.size = data.length;
  v.data = data;
  return externs !== null;
}

/**
 * Builds the import vector as {@link wasmts_linker_imports} does and
 * instantiates `module` with it (extension). Returns the instance, or null
 * with `trap` set to why: every unresolved or mismatched import at once, or
 * a trap of segment initialisation or of the start function.
 *
 * @example
 * ```ts
 * const trap = { value: null as wasm_trap_t | null };
 * const instance = wasmts_linker_instantiate(linker, module, null, trap);
 * if (!instance) { const m: wasm_message_t = WASM_EMPTY_VEC(); wasm_trap_message(trap.value, m); }
 * ```
 * @category Extensions
 */
export function wasmts_linker_instantiate(
  linker: wasmts_linker_t | null, module: wasm_module_t | null, imports: wasm_extern_vec_t | null,
  trap: { value: wasm_trap_t | null } | null,
): wasm_instance_t | null {
  const fn = "wasmts_linker_instantiate";
  const { l, s } = liveLinker(linker, fn);
  const externs = resolve(s, module, imports, l._names, l._registry?._core.viewFor(s) ?? null, l._stubs, trap, fn);
  return externs === null ? null : instantiateWith(l._store, s, module, externs, trap);
}

/**
 * {@link wasm_instance_new} with the registry as the default linking policy
 * (extension): a null entry in `imports` (or an entry past its end) is
 * filled from `registry` (its registrations, then its built-in modules);
 * non-null entries are used as given. Without null entries this is exactly
 * `wasm_instance_new`, strict. On failure returns null and sets `trap` to
 * one trap naming every import that could not be linked.
 *
 * @example
 * ```ts
 * // Import 0 given, imports 1 and 2 ("spectest" "print_i32", "env" "log") from the registry.
 * const imports = WASM_ARRAY_VEC([wasm_memory_as_extern(memory), null, null]);
 * const instance = wasmts_instance_new_with_registry(store, module, imports, registry, trap);
 * ```
 * @category Extensions
 */
export function wasmts_instance_new_with_registry(
  store: wasm_store_t | null, module: wasm_module_t | null, imports: wasm_extern_vec_t | null,
  registry: wasmts_registry_t | null, trap: { value: wasm_trap_t | null } | null,
): wasm_instance_t | null {
  const fn = "wasmts_instance_new_with_registry";
  const s = liveStore(store, fn);
  const r = owned(registry, wasmts_registry_t, fn);
  const externs = resolve(s, module, imports, null, r._core.viewFor(s), false, trap, fn);
  return externs === null ? null : instantiateWith(store!, s, module, externs, trap);
}
