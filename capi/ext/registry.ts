/**
 * Extension: the native registry, the default linking policy. Host
 * functions, globals, tables, memories and tags registered by module and
 * field name, each with a real type, over built-in modules (`spectest`, and
 * `wasi_snapshot_preview1` for the stores that have WASI attached). {@link wasmts_instance_new_with_registry} and the linker
 * ({@link wasmts_linker_new}) fill the imports the host leaves out from it.
 * @module
 */
import { LinkError, type Extern, type ModuleInstance } from "../../impl/index.js";
import type { wasm_message_t, wasm_name_t } from "../byte_vec.js";
import type { wasm_func_callback_t, wasm_func_callback_with_env_t } from "../func.js";
import { callbackArg, deleteOwned, live, owned, handleFor } from "../internal/handles.js";
import { born } from "../internal/live.js";
import { wasm_engine_t, wasm_extern_t, wasm_functype_t, wasm_instance_t, type wasm_ref_t } from "../internal/objects.js";
import type { Invoker } from "../internal/hostfunc.js";
import { functypeToImpl } from "../internal/types.js";
import { fillLastError, nameText, RegistryCore, teardownRegistry } from "./link/support.js";

/**
 * A native registry (extension): natives by module and field name for every
 * store of an engine. Resolution is lazy (a module compiled before a native
 * was registered still finds it); precedence, import by import, is an
 * explicit extern, then the linker's names, then this registry's
 * registrations, then its built-in modules, so registering one `spectest`
 * function overrides that one and keeps the rest. A host function
 * registered here is made anew for each store that links against it; an
 * extern or instance registered here belongs to its store and is seen only
 * by linking in that store. Redefining a name fails unless shadowing is on.
 * @category Extensions
 */
export class wasmts_registry_t {
  /** @internal */ _deleted = false;
  /** @internal */ readonly _core = new RegistryCore();
  /** @internal */ _lastError: LinkError | null = null;
  /** @internal Handles that keep registered externs and instances alive. */ readonly _held: wasm_ref_t[] = [];
  /** @internal Environment finalizers, run once at deletion. */ readonly _finalizers: (() => void)[] = [];
  /**
   * @internal "wasm_engine_t" for an engine's own registry: the engine deletes
   * it, and it is part of the engine, not a live object of its own.
   */
  _owner: string | null;
  /** @internal */
  constructor(/** @internal */ readonly _engine: wasm_engine_t, owner: string | null = null) {
    this._owner = owner;
    if (owner === null) born();
  }
}

/**
 * Makes an empty registry for the stores of `engine` (extension), with
 * `spectest` as a built-in module (its print functions write to standard
 * output) and `wasi_snapshot_preview1` as another, which serves only the
 * stores that have WASI attached (`wasmts_store_set_wasi`).
 *
 * @example
 * ```ts
 * const registry = wasmts_registry_new(engine);
 * // ... register natives, link modules with wasmts_instance_new_with_registry ...
 * wasmts_registry_delete(registry);
 * ```
 * @category Extensions
 */
export function wasmts_registry_new(engine: wasm_engine_t | null): wasmts_registry_t {
  const e = owned(engine, wasm_engine_t, "wasmts_registry_new");
  return new wasmts_registry_t(e);
}

/**
 * Deletes a registry (extension): releases the externs and instances it
 * holds and runs the environment finalizers of its host functions, once.
 * Instances already linked keep what they imported. An engine's own registry
 * ({@link wasmts_engine_registry}) is deleted with its engine: deleting it
 * here is misuse.
 * @category Extensions
 */
export function wasmts_registry_delete(registry: wasmts_registry_t | null): void {
  const r = deleteOwned(registry, wasmts_registry_t, "wasmts_registry_delete");
  if (r !== null) teardownRegistry(r);
}

/**
 * Switches shadowing on or off (extension; off by default): with it on,
 * registering a name again replaces the earlier registration instead of failing.
 * @category Extensions
 */
export function wasmts_registry_set_shadowing(registry: wasmts_registry_t | null, on: boolean): void {
  owned(registry, wasmts_registry_t, "wasmts_registry_set_shadowing")._core.shadowing = on === true;
}

/** Runs a definition; a link error becomes the registry's last error and `false`. */
function attempt(r: wasmts_registry_t, define: () => void): boolean {
  try {
    define();
    r._lastError = null;
    return true;
  } catch (e) {
    if (!(e instanceof LinkError)) throw e;
    r._lastError = e;
    return false;
  }
}

/**
 * Registers a host function as `module` `name` for every store (extension):
 * `type` is copied (the caller keeps it), and `callback` runs as a
 * {@link wasm_func_new} callback does. Returns false, with the reason in
 * {@link wasmts_registry_last_error}, when the name is taken and shadowing is off.
 *
 * @example
 * ```ts
 * const type = wasm_functype_new_1_0(wasm_valtype_new_i32());
 * const ok = wasmts_registry_define_func(registry, module, name, type, (args) => {
 *   console.log(`log: ${args.data[0]!.of.i32}`);
 *   return null;
 * });
 * wasm_functype_delete(type);
 * ```
 * @category Extensions
 */
export function wasmts_registry_define_func(
  registry: wasmts_registry_t | null, module: wasm_name_t | null, name: wasm_name_t | null,
  type: wasm_functype_t | null, callback: wasm_func_callback_t,
): boolean {
  const fn = "wasmts_registry_define_func";
  return defineFunc(registry, module, name, type, callback, fn, (args, results) => callback(args, results), null);
}

/**
 * Registers a host function with an environment as `module` `name` for
 * every store (extension), as {@link wasm_func_new_with_env} makes one:
 * `callback(env, args, results)`; `finalizer(env)` runs once, when the
 * registry is deleted. Returns false when the name is taken and shadowing is
 * off (the finalizer then does not run: the caller keeps `env`).
 *
 * @example
 * ```ts
 * const counter = { calls: 0 };
 * wasmts_registry_define_func_with_env(registry, module, name, type,
 *   (env) => { (env as typeof counter).calls++; return null; }, counter, null);
 * ```
 * @category Extensions
 */
export function wasmts_registry_define_func_with_env(
  registry: wasmts_registry_t | null, module: wasm_name_t | null, name: wasm_name_t | null,
  type: wasm_functype_t | null, callback: wasm_func_callback_with_env_t, env: unknown, finalizer: ((env: unknown) => void) | null,
): boolean {
  const fn = "wasmts_registry_define_func_with_env";
  callbackArg(finalizer, true, fn, "finalizer");
  return defineFunc(registry, module, name, type, callback, fn, (args, results) => callback(env, args, results),
    finalizer ? () => finalizer(env) : null);
}

function defineFunc(
  registry: wasmts_registry_t | null, module: wasm_name_t | null, name: wasm_name_t | null, type: wasm_functype_t | null,
  callback: unknown, fn: string, invoke: Invoker, finalizer: (() => void) | null,
): boolean {
  const r = owned(registry, wasmts_registry_t, fn);
  const m = nameText(module, "module", fn), n = nameText(name, "field", fn);
  const ft = functypeToImpl(owned(type, wasm_functype_t, fn), fn);
  callbackArg(callback as ((...args: never[]) => unknown) | null, false, fn, "callback");
  return attempt(r, () => {
    r._core.checkFree(m, n);
    r._core.add({ kind: "func", module: m, name: n, type: ft, invoke, perStore: new WeakMap() }, [n]);
    if (finalizer) r._finalizers.push(finalizer);
  });
}

/**
 * Registers an extern (a function, global, table, memory or tag of a store)
 * as `module` `name` (extension), for linking in that extern's store; the
 * registry keeps it alive. Returns false when the name is taken and
 * shadowing is off.
 *
 * @example
 * ```ts
 * const memory = wasm_memory_new(store, memorytype)!;
 * wasmts_registry_define(registry, envName, memName, wasm_memory_as_extern(memory));
 * ```
 * @category Extensions
 */
export function wasmts_registry_define(
  registry: wasmts_registry_t | null, module: wasm_name_t | null, name: wasm_name_t | null, extern: wasm_extern_t | null,
): boolean {
  const fn = "wasmts_registry_define";
  const r = owned(registry, wasmts_registry_t, fn);
  const m = nameText(module, "module", fn), n = nameText(name, "field", fn);
  const h = live(extern, wasm_extern_t, fn);
  return attempt(r, () => {
    r._core.checkFree(m, n);
    r._core.add({ kind: "extern", module: m, name: n, store: h._rec.store, extern: h._rec.obj as Extern }, [n]);
    r._held.push(handleFor(h._rec));
  });
}

/**
 * Registers every export of an instance under `module` (extension), bound
 * live (the instance, not copies of its exports), for linking in the
 * instance's store. Returns false when one of the export names is taken
 * and shadowing is off (then nothing is registered).
 *
 * @example
 * ```ts
 * const lib = wasm_instance_new(store, libModule, imports, null)!;
 * wasmts_registry_define_instance(registry, libName, lib); // "lib" "add", "lib" "mem", ...
 * ```
 * @category Extensions
 */
export function wasmts_registry_define_instance(
  registry: wasmts_registry_t | null, module: wasm_name_t | null, instance: wasm_instance_t | null,
): boolean {
  const fn = "wasmts_registry_define_instance";
  const r = owned(registry, wasmts_registry_t, fn);
  const m = nameText(module, "module", fn);
  const h = live(instance, wasm_instance_t, fn);
  const inst = h._rec.obj as ModuleInstance;
  const names = inst.exports.map((e) => e.name);
  return attempt(r, () => {
    for (const n of names) r._core.checkFree(m, n);
    r._core.add({ kind: "instance", module: m, store: h._rec.store, instance: inst }, names);
    r._held.push(handleFor(h._rec));
  });
}

/**
 * Fills `out` with the message of the registry's last failed definition
 * (extension; NUL-terminated), e.g. `duplicate definition for "env" "f" [...]`.
 * Returns false (and an empty `out`) when the last definition succeeded.
 * @category Extensions
 */
export function wasmts_registry_last_error(registry: wasmts_registry_t | null, out: wasm_message_t): boolean {
  const fn = "wasmts_registry_last_error";
  return fillLastError(owned(registry, wasmts_registry_t, fn)._lastError, out, fn);
}
