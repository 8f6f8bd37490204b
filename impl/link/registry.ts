/**
 * The native registry, the default linking policy: host functions, globals,
 * tables, memories and tags registered with the engine by module and field
 * name, each with a real type, over built-in modules such as `spectest`.
 * @module
 */
import type { FuncType } from "../base/types.js";
import type { Store } from "../runtime/store.js";
import { FuncInstance, type Extern, type HostFunc, type ModuleInstance } from "../runtime/instances.js";
import type { BuiltinModule } from "./builtins/builtin-module.js";
import { spectest } from "./builtins/spectest.js";
import { NamedExterns, type NamedExternsOptions } from "./named-externs.js";

/** Where the registry found an extern: a user registration, or a built-in module. */
export type RegistrySource = "registry" | "builtin";

/** An extern the registry resolved, with where it came from. */
export interface RegistryEntry {
  readonly extern: Extern;
  readonly source: RegistrySource;
}

/** Options of a {@link NativeRegistry}. */
export interface NativeRegistryOptions extends NamedExternsOptions {
  /**
   * The built-in modules, consulted after the user's registrations (default:
   * `spectest`, printing to standard output). Pass `[]` for none.
   */
  readonly builtins?: readonly BuiltinModule[];
}

/**
 * An engine-level registry of natives. Resolution is lazy: the registry is
 * read when a module is linked, not when it is compiled, so natives
 * registered after compiling are found. Precedence: the user's registrations
 * before the built-in modules, field by field, so registering one function
 * under `spectest` overrides that function only and the rest of `spectest`
 * stays. Redefining a registered name is a {@link LinkError} unless
 * {@link NativeRegistry.shadowing} is on. A built-in module's externs are
 * created on the first lookup that names the module, once per registry.
 *
 * @example
 * ```ts
 * const registry = new NativeRegistry();
 * registry.defineFunc("env", "log", { params: [ValType.I32], results: [] }, ([x]) => {
 *   console.log(x);
 *   return [];
 * });
 * const instance = instantiateFrom(store, module, { registry }); // "env" "log" and "spectest" come from the registry
 * ```
 */
export class NativeRegistry {
  private readonly user: NamedExterns;
  private readonly builtins = new Map<string, BuiltinModule>();
  private readonly created = new Map<string, ReadonlyMap<string, Extern>>();

  constructor(options: NativeRegistryOptions = {}) {
    this.user = new NamedExterns(options);
    for (const b of options.builtins ?? [spectest()]) {
      if (this.builtins.has(b.name)) throw new RangeError(`two built-in modules named ${JSON.stringify(b.name)}`);
      this.builtins.set(b.name, b);
    }
  }

  /** Whether redefining a registered name replaces it (true) or fails (false, the default). */
  get shadowing(): boolean {
    return this.user.shadowing;
  }
  set shadowing(on: boolean) {
    this.user.shadowing = on;
  }

  /**
   * Registers `extern` as `module` `name`. Throws {@link LinkError} "duplicate
   * definition" when the name is registered already and shadowing is off
   * (a built-in of the same name is not a duplicate: the registration overrides it).
   */
  define(module: string, name: string, extern: Extern): this {
    this.user.define(module, name, extern);
    return this;
  }

  /** Registers a host function of type `type` as `module` `name`, and returns it. */
  defineFunc(module: string, name: string, type: FuncType, host: HostFunc): FuncInstance {
    const func = new FuncInstance(type, null, -1, host);
    this.user.define(module, name, func);
    return func;
  }

  /** Registers every export of `instance` under `module`, bound live (see {@link NamedExterns.defineInstance}). */
  defineInstance(module: string, instance: ModuleInstance): this {
    this.user.defineInstance(module, instance);
    return this;
  }

  /** Removes the user's registrations under `module` (built-ins stay); true when there were some. */
  removeModule(module: string): boolean {
    return this.user.removeModule(module);
  }

  /**
   * True when the registry serves the module name `module`: something is
   * registered under it, or it is a built-in module. A loader never asks its
   * module sources for such a name.
   */
  hasModule(module: string): boolean {
    return this.user.hasModule(module) || this.builtins.has(module);
  }

  /**
   * Resolves `module` `name`: the user's registration, else the built-in's
   * extern (when the built-in serves `store`), else undefined.
   */
  lookup(module: string, name: string, store: Store | null = null): RegistryEntry | undefined {
    const registered = this.user.get(module, name);
    if (registered !== undefined) return { extern: registered, source: "registry" };
    if (this.builtins.get(module)?.serves?.(store) === false) return undefined;
    const builtin = this.builtinExterns(module)?.get(name);
    return builtin === undefined ? undefined : { extern: builtin, source: "builtin" };
  }

  /**
   * Why an import from `module` that {@link NativeRegistry.lookup} did not
   * resolve may be missing: `module` is a built-in that does not serve
   * `store` (its {@link BuiltinModule.notServed}, or a generic note). Empty
   * when that is not the reason.
   */
  notServedReason(module: string, store: Store | null): string {
    const b = this.builtins.get(module);
    if (b === undefined || b.serves?.(store) !== false) return "";
    return b.notServed ?? `the built-in module ${JSON.stringify(module)} is not configured for this store`;
  }

  /** The extern {@link NativeRegistry.lookup} resolves, or undefined. */
  get(module: string, name: string): Extern | undefined {
    return this.lookup(module, name)?.extern;
  }

  /**
   * The externs of the built-in module `module` in this registry (created now
   * if no import named it yet), or undefined when there is no such built-in.
   */
  builtinExterns(module: string): ReadonlyMap<string, Extern> | undefined {
    let externs = this.created.get(module);
    if (externs === undefined) {
      const b = this.builtins.get(module);
      if (b === undefined) return undefined;
      this.created.set(module, externs = b.create());
    }
    return externs;
  }
}
