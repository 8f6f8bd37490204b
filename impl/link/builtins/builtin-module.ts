/**
 * The shape of a built-in module: a named set of host externs that a
 * {@link NativeRegistry} provides when neither the host nor the user
 * registered anything under that name (the `spectest` module; WASI later).
 * @module
 */
import type { Extern } from "../../runtime/instances.js";
import type { Store } from "../../runtime/store.js";

/**
 * A built-in module. `create` makes fresh externs: each registry calls it at
 * most once, on the first import that names the module, so registries never
 * share a built-in's tables, memories or globals.
 */
export interface BuiltinModule {
  /** The module name imports use (`spectest`). */
  readonly name: string;
  /** Creates the module's externs by field name. */
  create(): ReadonlyMap<string, Extern>;
  /**
   * Whether the module is there for an instantiation in `store` (null: no
   * store known). Absent means always. WASI serves only the stores it was
   * configured for, so elsewhere its imports stay unknown.
   */
  serves?(store: Store | null): boolean;
  /**
   * Why the module is not there when {@link BuiltinModule.serves} says no,
   * for the "unknown import" error (e.g. "WASI is not configured for this
   * store"). Absent: a generic note that the built-in does not serve the store.
   */
  readonly notServed?: string;
}
