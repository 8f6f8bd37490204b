/**
 * Where a loader finds modules by name: a reader callback, then the search
 * path. Each name is asked for once: the result (a compiled module, a
 * failure, or nothing) is kept until teardown, when the release callback
 * gets back everything the reader gave.
 * @module
 */
import { compileModule, type Features, type ValidatedModule } from "../link/api.js";
import { isFileName, modulePath, readFromSearchPath } from "./search-path.js";

/** What a source gives for a name: a module binary, or a module compiled (validated) already. */
export type ModuleSource = Uint8Array | ValidatedModule;

/**
 * A reader callback: the module called `name`, as a binary or a compiled
 * module, or null (or undefined) when it does not have it. The loader calls
 * it at most once per name.
 */
export type ModuleReader = (name: string) => ModuleSource | null | undefined;

/**
 * A release callback: gets back what the reader gave for `name`, once, at
 * the loader's teardown (not before: a binary may be read again by the
 * engine while the loader lives).
 */
export type ModuleRelease = (name: string, source: ModuleSource) => void;

/** The outcome of looking a name up, kept for the loader's lifetime. */
type Found =
  | { readonly kind: "module"; readonly module: ValidatedModule; readonly origin: string }
  | { readonly kind: "error"; readonly error: unknown }
  | { readonly kind: "none"; readonly searched: readonly string[] };

/** A module the sources found, and where. */
export interface SourcedModule {
  readonly module: ValidatedModule;
  /** `reader` or the file's path. */
  readonly origin: string;
}

/** The module sources of one loader. */
export class ModuleSources {
  private readonly found = new Map<string, Found>();
  /** Names the reader was asked for (it is never asked twice, even after a search-path change). */
  private readonly asked = new Set<string>();
  /** What the reader gave, in the order given, for the release callback. */
  private readonly read: [string, ModuleSource][] = [];

  constructor(
    private readonly reader: ModuleReader | null,
    private readonly release: ModuleRelease | null,
    private readonly searchPath: string[],
    private readonly features: Features | undefined,
  ) {}

  /**
   * Adds a directory to the end of the search path: names not found so far
   * are looked for again (on the search path only: the reader said no already).
   */
  addSearchPath(dir: string): void {
    this.searchPath.push(dir);
    for (const [name, f] of this.found) if (f.kind === "none") this.found.delete(name);
  }

  /** The directories searched, in order. */
  directories(): readonly string[] {
    return this.searchPath;
  }

  /**
   * The module called `name`: from the reader, else from the search path,
   * compiled. Null (with where it looked) when no source has it; throws the
   * compile error when the binary is not a valid module. Asks each source at
   * most once per name (a repeated question gets the first answer).
   */
  get(name: string): SourcedModule | { readonly searched: readonly string[] } {
    let f = this.found.get(name);
    if (f === undefined) this.found.set(name, f = this.look(name));
    switch (f.kind) {
      case "module": return { module: f.module, origin: f.origin };
      case "error": throw f.error;
      case "none": return { searched: f.searched };
      default: {
        const never: never = f;
        return never;
      }
    }
  }

  private look(name: string): Found {
    const searched: string[] = [];
    if (this.reader !== null) {
      searched.push("the reader");
    }
    if (this.reader !== null && !this.asked.has(name)) {
      this.asked.add(name);
      const source = this.reader(name);
      if (source !== null && source !== undefined) {
        this.read.push([name, source]);
        return this.compiled(source, "reader");
      }
    }
    const file = readFromSearchPath(this.searchPath, name);
    if (file !== null) return this.compiled(file.bytes, file.path);
    if (isFileName(name)) searched.push(...this.searchPath.map((dir) => modulePath(dir, name)));
    if (searched.length === 0) searched.push("nothing (no reader, no search path)");
    return { kind: "none", searched };
  }

  private compiled(source: ModuleSource, origin: string): Found {
    if (!(source instanceof Uint8Array)) return { kind: "module", module: source, origin };
    try {
      // A copy: the engine reads function bodies from the module's bytes for as long as an instance
      // lives, and the reader may reuse its buffer once it is released.
      return { kind: "module", module: compileModule(source.slice(), this.features), origin };
    } catch (error) {
      return { kind: "error", error };
    }
  }

  /**
   * Teardown: gives the reader's results back to the release callback, in
   * the order read, each once. Every release runs even if one throws; the
   * first error is thrown after.
   */
  releaseAll(): void {
    const read = this.read.splice(0);
    this.found.clear();
    if (this.release === null) return;
    let error: { e: unknown } | null = null;
    for (const [name, source] of read) {
      try {
        this.release(name, source);
      } catch (e) {
        error ??= { e };
      }
    }
    if (error) throw error.e;
  }
}
