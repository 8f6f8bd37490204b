/**
 * Externs by module name and field name: what name-based linking resolves an
 * import's two names against. Used for the externs a host names for one
 * instantiation and, inside {@link NativeRegistry}, for the user's registered
 * natives.
 * @module
 */
import { LinkError } from "../base/errors.js";
import { externTypeText } from "../base/types.js";
import type { Extern, ModuleInstance } from "../runtime/instances.js";

/** Options of a {@link NamedExterns}. */
export interface NamedExternsOptions {
  /**
   * Whether defining a name that is already defined replaces it (true) or is a
   * {@link LinkError} "duplicate definition" (false, the default).
   */
  readonly shadowing?: boolean;
}

/** One way of providing fields under a module name: single entries, or a live instance's exports. */
type Provider =
  | { readonly kind: "fields"; readonly fields: Map<string, Extern> }
  | { readonly kind: "instance"; readonly instance: ModuleInstance };

function provide(p: Provider, name: string): Extern | undefined {
  return p.kind === "fields" ? p.fields.get(name) : p.instance.export(name);
}

/**
 * A two-level name space of externs: module name, then field name. Entries
 * are the externs themselves, never copies, so whatever an importer does to a
 * table, memory or global is seen by everyone holding it. An instance defined
 * under a module name is bound live: its exports are looked up when an import
 * is resolved.
 *
 * @example
 * ```ts
 * const names = new NamedExterns();
 * names.define("env", "memory", new MemoryInstance({ limits: { min: 1, max: null } }));
 * names.defineInstance("lib", libInstance); // every export of libInstance under "lib"
 * names.get("lib", "add"); // libInstance's export "add", or undefined
 * ```
 */
export class NamedExterns {
  /** Per module name, its providers, newest last (a later one shadows an earlier one). */
  private readonly modules = new Map<string, Provider[]>();
  /** Whether redefining a name replaces it instead of failing. */
  shadowing: boolean;

  constructor(options: NamedExternsOptions = {}) {
    this.shadowing = options.shadowing ?? false;
  }

  /** The extern defined as `module` `name`, or undefined. */
  get(module: string, name: string): Extern | undefined {
    const providers = this.modules.get(module);
    if (providers === undefined) return undefined;
    for (let i = providers.length - 1; i >= 0; i--) {
      const ext = provide(providers[i]!, name);
      if (ext !== undefined) return ext;
    }
    return undefined;
  }

  /** True when `module` `name` is defined. */
  has(module: string, name: string): boolean {
    return this.get(module, name) !== undefined;
  }

  /** True when anything is defined under `module`. */
  hasModule(module: string): boolean {
    return this.modules.has(module);
  }

  /**
   * Defines `module` `name` as `extern`. Throws {@link LinkError} "duplicate
   * definition" when the name is taken and shadowing is off.
   */
  define(module: string, name: string, extern: Extern): this {
    this.checkFree(module, name, extern);
    const providers = this.providersOf(module);
    const top = providers[providers.length - 1];
    if (top?.kind === "fields") top.fields.set(name, extern);
    else providers.push({ kind: "fields", fields: new Map([[name, extern]]) });
    return this;
  }

  /**
   * Defines every export of `instance` under `module`, bound live (the
   * instance, not a snapshot of its exports). Throws {@link LinkError}
   * "duplicate definition" when one of its export names is taken and
   * shadowing is off; then nothing is defined.
   */
  defineInstance(module: string, instance: ModuleInstance): this {
    for (const e of instance.exports) this.checkFree(module, e.name, e.value);
    this.providersOf(module).push({ kind: "instance", instance });
    return this;
  }

  /** Removes everything defined under `module`; true when there was something. */
  removeModule(module: string): boolean {
    return this.modules.delete(module);
  }

  /** Every module name with a definition. */
  moduleNames(): string[] {
    return [...this.modules.keys()];
  }

  private providersOf(module: string): Provider[] {
    let providers = this.modules.get(module);
    if (providers === undefined) this.modules.set(module, providers = []);
    return providers;
  }

  private checkFree(module: string, name: string, extern: Extern): void {
    if (this.shadowing) return;
    const old = this.get(module, name);
    if (old === undefined) return;
    throw new LinkError("duplicate definition", -1, module, name, null, null,
      `already defined as ${externTypeText(old.externType())}, now as ${externTypeText(extern.externType())}, and shadowing is off`);
  }
}
