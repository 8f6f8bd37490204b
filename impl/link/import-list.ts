/**
 * The import-list builder: from externs the host supplies by position or by
 * name and from the native registry, the complete positional extern list that
 * {@link instantiate} takes, with every failure reported at once.
 * @module
 */
import { LinkError } from "../base/errors.js";
import { ExternKind } from "../base/types.js";
import type { Module } from "../decode/module.js";
import type { ValidatedModule } from "../validate/validated.js";
import type { Extern, ModuleInstance, Store } from "../runtime/instances.js";
import { importExternType, matchImport, unknownImport } from "./imports.js";
import { instantiate } from "./instantiate.js";
import type { NamedExterns } from "./named-externs.js";
import type { NativeRegistry, RegistrySource } from "./registry.js";
import { unresolvedStub } from "./stubs.js";

/** Where the builder found an import's extern, in order of precedence. */
export type ImportSource = "explicit" | "named" | RegistrySource | "stub";

/** What the builder draws externs from; every part is optional. */
export interface ImportSources {
  /**
   * Externs by position, one per import. A `null` or `undefined` entry (or a
   * list shorter than the imports) leaves that import to the other sources.
   */
  readonly externs?: readonly (Extern | null | undefined)[];
  /** Externs by module and field name, for this instantiation. */
  readonly named?: NamedExterns | null;
  /** The native registry (its user registrations, then its built-in modules). */
  readonly registry?: NativeRegistry | null;
  /**
   * Supply a function import that nothing provides with a stub that traps
   * when called, naming `module::field` (other kinds stay errors).
   */
  readonly stubUnresolved?: boolean;
  /** The store the module will be instantiated in: built-in modules such as WASI serve only some stores. */
  readonly store?: Store | null;
}

/** An import's extern and where it came from. */
export interface ResolvedImport {
  readonly extern: Extern;
  readonly source: ImportSource;
}

const SOURCE_DETAIL: Record<ImportSource, string> = {
  explicit: "",
  named: "from the named externs",
  registry: "from the native registry",
  builtin: "from a built-in module",
  stub: "",
};

/**
 * Resolves every import of `module`, each from the first source that has its
 * names: an explicit extern at its position, then the named externs, then the
 * registry's user registrations, then its built-in modules. The first source
 * that has an extern decides: if its type does not match, that is an
 * "incompatible import type" error naming both types and the source, never a
 * silent fall-through to a later source. Throws one {@link LinkError} listing
 * every failing import, the unknown ones first (as the spec's reference
 * interpreter resolves all names before it checks any type), each group in
 * import order.
 */
export function resolveImports(module: Module, sources: ImportSources): ResolvedImport[] {
  const { externs = [], named = null, registry = null, stubUnresolved = false, store = null } = sources;
  const imports = module.imports;
  if (externs.length > imports.length) {
    throw new LinkError("import count mismatch", -1, "", "", null, null,
      `the module has ${imports.length} imports, ${externs.length} externs were supplied`);
  }
  const resolved: ResolvedImport[] = [];
  const unknown: LinkError[] = [];
  const mismatched: LinkError[] = [];
  for (let i = 0; i < imports.length; i++) {
    const imp = imports[i]!;
    const found = find(externs[i], named, registry, store, imp.module, imp.name);
    if (found === undefined) {
      const type = importExternType(module, imp);
      if (stubUnresolved && type.kind === ExternKind.Func) {
        resolved.push({ extern: unresolvedStub(imp.module, imp.name, type.type), source: "stub" });
      } else {
        unknown.push(unknownImport(module, i, registry?.notServedReason(imp.module, store) ?? ""));
      }
      continue;
    }
    const problem = matchImport(module, i, found.extern, SOURCE_DETAIL[found.source]);
    if (problem !== null) mismatched.push(problem);
    else resolved.push(found);
  }
  const problems = [...unknown, ...mismatched];
  if (problems.length) throw LinkError.aggregate(problems);
  return resolved;
}

function find(explicit: Extern | null | undefined, named: NamedExterns | null, registry: NativeRegistry | null,
  store: Store | null, module: string, name: string): ResolvedImport | undefined {
  if (explicit !== null && explicit !== undefined) return { extern: explicit, source: "explicit" };
  const byName = named?.get(module, name);
  if (byName !== undefined) return { extern: byName, source: "named" };
  return registry?.lookup(module, name, store);
}

/**
 * Builds the complete positional extern list for `module` (see
 * {@link resolveImports} for the precedence and the errors).
 *
 * @example
 * ```ts
 * const named = new NamedExterns().defineInstance("lib", libInstance);
 * const externs = buildImportList(appModule, { named, registry });
 * const app = instantiate(store, appModule, externs);
 * ```
 */
export function buildImportList(module: Module, sources: ImportSources): Extern[] {
  return resolveImports(module, sources).map((r) => r.extern);
}

/**
 * Builds the import list (see {@link resolveImports}) and instantiates
 * `module` with it. A link failure throws before anything is allocated or
 * any extern is touched.
 *
 * @example
 * ```ts
 * // Import 0 given explicitly; the rest filled from the registry.
 * const inst = instantiateFrom(store, module, { externs: [myMemory, null, null], registry });
 * ```
 */
export function instantiateFrom(store: Store, module: ValidatedModule, sources: ImportSources): ModuleInstance {
  return instantiate(store, module, buildImportList(module, { ...sources, store }));
}
