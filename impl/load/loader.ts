/**
 * Loading linking: a namespace of live instances by module name, and the
 * loader that fills it, finding a module's dependencies by name, compiling
 * and instantiating each (recursively) and linking the importer to them.
 * Built only on the instantiation-linking API (`../link/api.ts`).
 * @module
 */
import {
  buildImportList, instantiate, LinkError, NamedExterns, WasmError, type Extern, type Features, type ModuleInstance, type ValidatedModule,
  type NativeRegistry, type Store,
} from "../link/api.js";
import { LoadError } from "./load-error.js";
import { ModuleSources, type ModuleReader, type ModuleRelease, type ModuleSource } from "./module-sources.js";

/** Options of a {@link Loader}; every one is optional. */
export interface LoaderOptions {
  /**
   * The native registry: it provides the imports the namespace does not,
   * and a module name it serves (a registration under that name, or a
   * built-in module such as `spectest`) is never loaded. Default: none.
   */
  readonly registry?: NativeRegistry | null;
  /** Directories searched for `<dir>/<name>.wasm`, in order, after the reader. */
  readonly searchPath?: readonly string[];
  /** Asked first for a module by name (at most once per name). */
  readonly reader?: ModuleReader | null;
  /** Gets back what the reader gave, once each, at {@link Loader.close}. */
  readonly release?: ModuleRelease | null;
  /**
   * False (the default): each dependency is loaded and instantiated once per
   * loader and registered under its name, so importers share its state (a
   * diamond shares one instance). True: each importer gets instances of its
   * own (compiled once all the same); loaded modules are not registered.
   */
  readonly isolation?: boolean;
  /** Whether {@link Loader.register} may replace a registered name (default false: it is an error). */
  readonly shadowing?: boolean;
  /** The features modules are decoded with (default: the engine's). */
  readonly features?: Features;
  /** Called after each instance the loader makes, for embedders that track the objects they hand out. */
  readonly onInstantiate?: ((made: LoadedInstance) => void) | null;
}

/** An instance the loader made. */
export interface LoadedInstance {
  /** The module name it was loaded as (the root's label for {@link Loader.instantiate}). */
  readonly name: string;
  readonly module: ValidatedModule;
  readonly instance: ModuleInstance;
  /** The externs it was instantiated with, one per import. */
  readonly imports: readonly Extern[];
}

/** Options of {@link Loader.instantiate}. */
export interface InstantiateOptions {
  /** The name the module goes by in error chains (default `<root>`); it is not registered. */
  readonly name?: string;
  /** Externs by position that win over everything else; a null entry is resolved by name. */
  readonly externs?: readonly (Extern | null | undefined)[];
}

/**
 * A namespace of live instances by module name, and a loader for the names
 * it lacks. An import is resolved, field by field, from: an explicit extern,
 * the instance registered under its module name, the native registry; a
 * module name that neither the namespace nor the registry has is loaded:
 * from the reader, else from the search path; compiled; its own imports
 * resolved the same way (recursively); instantiated; and, unless isolation
 * is on, registered under its name. Registered instances are bound live,
 * exactly as the spec runner's `register` binds them.
 *
 * Errors are {@link LoadError}s: a missing module names the module and its
 * importer, a cycle gives its path (`a -> b -> a`), a module that fails to
 * compile, link or instantiate gives the whole chain and the engine's error.
 *
 * @example
 * ```ts
 * const loader = new Loader(store, { registry, searchPath: ["./lib"] });
 * const app = loader.load("app"); // loads lib/app.wasm, and lib/libm.wasm if app imports "libm"
 * loader.lookup("libm");          // the instance app is linked to
 * loader.close();                 // release callbacks run now
 * ```
 */
export class Loader {
  private readonly registry: NativeRegistry | null;
  /** Whether each importer gets instances of its own (see {@link LoaderOptions.isolation}); affects later loads. */
  isolation: boolean;
  /** Whether {@link Loader.register} may replace a registered name. */
  shadowing: boolean;
  private readonly onInstantiate: ((made: LoadedInstance) => void) | null;
  private readonly sources: ModuleSources;
  private readonly namespace = new Map<string, ModuleInstance>();
  /** Modules being loaded, root first: the chain errors report and cycles are found in. */
  private readonly loading: string[] = [];
  private closed = false;

  constructor(readonly store: Store, options: LoaderOptions = {}) {
    this.registry = options.registry ?? null;
    this.isolation = options.isolation ?? false;
    this.shadowing = options.shadowing ?? false;
    this.onInstantiate = options.onInstantiate ?? null;
    this.sources = new ModuleSources(options.reader ?? null, options.release ?? null, [...options.searchPath ?? []], options.features);
  }

  /**
   * Registers `instance` under `name`, bound live: importers of `name` link to
   * its exports. Throws {@link LinkError} "duplicate definition" when the name
   * is registered already, unless shadowing is on (then it is replaced as a
   * whole, as the spec runner's `register` does).
   */
  register(name: string, instance: ModuleInstance): this {
    this.open();
    if (this.namespace.has(name) && !this.shadowing) {
      throw new LinkError("duplicate definition", -1, name, "", null, null,
        "a module is registered under this name already, and shadowing is off");
    }
    this.namespace.set(name, instance);
    return this;
  }

  /** Removes the instance registered under `name`; true when there was one. */
  unregister(name: string): boolean {
    this.open();
    return this.namespace.delete(name);
  }

  /** The instance registered (or loaded and shared) under `name`, or undefined. */
  lookup(name: string): ModuleInstance | undefined {
    return this.namespace.get(name);
  }

  /** The registered names, in the order registered. */
  names(): string[] {
    return [...this.namespace.keys()];
  }

  /** Adds a directory to the end of the search path. */
  addSearchPath(dir: string): this {
    this.open();
    this.sources.addSearchPath(dir);
    return this;
  }

  /**
   * The instance of module `name`: the registered one, or the module loaded
   * by name with all its dependencies (registered under `name` unless
   * isolation is on, in which case each call makes a new one).
   */
  load(name: string): ModuleInstance {
    this.open();
    return this.dependency(name, null);
  }

  /**
   * Instantiates a module the host compiled, loading its dependencies by
   * name; `externs` given by position win over names. The instance is not
   * registered. A failure of the module's own linking is the plain
   * {@link LinkError}; a failure in a dependency is a {@link LoadError}.
   */
  instantiate(module: ValidatedModule, options: InstantiateOptions = {}): ModuleInstance {
    this.open();
    const name = options.name ?? "<root>";
    this.loading.push(name);
    try {
      return this.link(name, module, options.externs ?? []);
    } finally {
      this.loading.pop();
    }
  }

  /**
   * Teardown: the release callback gets back everything the reader gave,
   * once each; the namespace is emptied and the loader cannot be used again.
   * Instances already made live on.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.namespace.clear();
    this.sources.releaseAll();
  }

  /** Whether {@link Loader.close} was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  private open(): void {
    if (this.closed) throw new Error("the loader was closed");
  }

  /** The instance module `name` resolves to for `importer` (null for the root), loading it if needed. */
  private dependency(name: string, imp: { index: number; name: string } | null): ModuleInstance {
    const registered = this.namespace.get(name);
    if (registered !== undefined) return registered;
    const chain = [...this.loading, name];
    if (this.loading.includes(name)) throw LoadError.cycle(chain);
    if (this.registry?.hasModule(name)) {
      throw LoadError.unknownModule(chain, imp, ["the native registry, which has host externs under this name, not a module"]);
    }
    let found: ReturnType<ModuleSources["get"]>;
    try {
      found = this.sources.get(name);
    } catch (e) {
      // A compile error is the module's failure; anything else (a reader that threw) is the host's own.
      throw e instanceof WasmError ? LoadError.failed(chain, e) : e;
    }
    if (!("module" in found)) throw LoadError.unknownModule(chain, imp, found.searched);
    this.loading.push(name);
    let instance: ModuleInstance;
    try {
      instance = this.link(name, found.module, []);
    } catch (e) {
      throw e instanceof LoadError || !(e instanceof WasmError) ? e : LoadError.failed(chain, e);
    } finally {
      this.loading.pop();
    }
    if (!this.isolation) this.namespace.set(name, instance);
    return instance;
  }

  /**
   * Links `module` (loaded as `name`): loads the modules its imports name
   * that neither the namespace nor the registry has, then builds its import
   * list and instantiates it.
   */
  private link(name: string, module: ValidatedModule, explicit: readonly (Extern | null | undefined)[]): ModuleInstance {
    const named = new NamedExterns();
    module.imports.forEach((imp, index) => {
      const given = explicit[index];
      if (given !== null && given !== undefined) return;
      if (named.hasModule(imp.module)) return;
      if (!this.namespace.has(imp.module) && this.registry?.hasModule(imp.module)) return;
      named.defineInstance(imp.module, this.dependency(imp.module, { index, name: imp.name }));
    });
    const imports = buildImportList(module, { externs: explicit, named, registry: this.registry, store: this.store });
    const instance = instantiate(this.store, module, imports);
    this.onInstantiate?.({ name, module, instance, imports });
    return instance;
  }
}
