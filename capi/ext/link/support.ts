/**
 * What the linking extensions share and do not export: reading names,
 * reporting errors, and the per-store view of an engine-level registry.
 * @module
 */
import {
  FuncInstance, LinkError, NativeRegistry, spectest, wasiPreview1, wasiThreads,
  type BuiltinModule, type Extern, type FuncType, type ModuleInstance,
} from "../../../impl/index.js";
import type { wasm_message_t, wasm_name_t } from "../../byte_vec.js";
import { bytesOf, fillBytes, utf8nt } from "../../internal/bytes.js";
import { misuse, releaseQuietly } from "../../internal/handles.js";
import { hostFunc, type Invoker } from "../../internal/hostfunc.js";
import type { wasm_ref_t } from "../../internal/objects.js";
import type { StoreState } from "../../internal/records.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The text of a module or field name (UTF-8 bytes, not NUL-terminated, as import names are). */
export function nameText(v: wasm_name_t | null | undefined, what: string, fn: string): string {
  if (v === null || v === undefined) misuse(fn, `the ${what} name is null`);
  try {
    return strictUtf8.decode(bytesOf(v, fn));
  } catch {
    return misuse(fn, `the ${what} name is not valid UTF-8`);
  }
}

/** Fills `out` with the last error's message (NUL-terminated) and says whether there was one. */
export function fillLastError(error: LinkError | null, out: wasm_message_t, fn: string): boolean {
  fillBytes(out, error ? utf8nt(error.message) : new Uint8Array(0), fn);
  return error !== null;
}

/** A definition made in a registry, in the order made. */
export type Definition =
  /** A host function for every store: each store gets its own function, made on first use. */
  | {
    readonly kind: "func"; readonly module: string; readonly name: string;
    readonly type: FuncType; readonly invoke: Invoker; readonly perStore: WeakMap<StoreState, FuncInstance>;
  }
  /** An extern of one store, for linking in that store. */
  | { readonly kind: "extern"; readonly module: string; readonly name: string; readonly store: StoreState; readonly extern: Extern }
  /** All exports of an instance of one store, bound live, for linking in that store. */
  | { readonly kind: "instance"; readonly module: string; readonly store: StoreState; readonly instance: ModuleInstance };

/** The engine's registry that links in one store, and how much of the definition log it has seen. */
interface StoreView {
  readonly registry: NativeRegistry;
  applied: number;
}

/**
 * The store-independent side of an engine-level registry: the definition log
 * and, per store, an engine {@link NativeRegistry} kept in step with it
 * (host functions made for that store, that store's externs and instances,
 * and fresh built-in modules, so stores never share state).
 */
export class RegistryCore {
  readonly log: Definition[] = [];
  /** Keys (`module`, `name`) defined so far, for the duplicate check. */
  readonly defined = new Set<string>();
  shadowing = false;
  private readonly views = new Map<StoreState, StoreView>();

  /** The engine registry for linking in `store`, brought up to date with the log. */
  viewFor(store: StoreState): NativeRegistry {
    for (const s of this.views.keys()) if (s.deleted) this.views.delete(s);
    let view = this.views.get(store);
    if (view === undefined) {
      // Shadowing is on below: the duplicate check happens once, at definition, in this core.
      view = { registry: new NativeRegistry({ shadowing: true, builtins: [spectest(), wasi(), wasiThreads()] }), applied: 0 };
      this.views.set(store, view);
    }
    for (; view.applied < this.log.length; view.applied++) apply(view.registry, this.log[view.applied]!, store);
    return view.registry;
  }

  /** Throws the "duplicate definition" error when `module` `name` is taken and shadowing is off. */
  checkFree(module: string, name: string): void {
    if (!this.shadowing && this.defined.has(key(module, name))) {
      throw new LinkError("duplicate definition", -1, module, name, null, null, "registered already, and shadowing is off");
    }
  }

  /** Appends a definition (after {@link RegistryCore.checkFree} passed for each of its names). */
  add(def: Definition, names: readonly string[]): void {
    for (const n of names) this.defined.add(key(def.module, n));
    this.log.push(def);
  }

  clear(): void {
    this.log.length = 0;
    this.defined.clear();
    this.views.clear();
  }
}

/**
 * The engine's WASI preview1 module, serving the stores that have WASI
 * attached (`wasmts_store_set_wasi`); elsewhere its imports are unknown, and
 * the link error says what is missing in this API's terms.
 */
function wasi(): BuiltinModule {
  const b = wasiPreview1();
  return {
    name: b.name,
    create: () => b.create(),
    serves: (store) => b.serves?.(store) ?? true,
    notServed: "WASI is not configured for this store: attach a wasi_config_t with wasmts_store_set_wasi",
  };
}

function key(module: string, name: string): string {
  return JSON.stringify([module, name]);
}

function apply(registry: NativeRegistry, def: Definition, store: StoreState): void {
  switch (def.kind) {
    case "func": {
      let func = def.perStore.get(store);
      if (func === undefined) def.perStore.set(store, func = new FuncInstance(def.type, null, -1, hostFunc(store, def.type, def.invoke)));
      registry.define(def.module, def.name, func);
      return;
    }
    case "extern":
      if (def.store === store) registry.define(def.module, def.name, def.extern);
      return;
    case "instance":
      if (def.store === store) registry.defineInstance(def.module, def.instance);
      return;
    default: {
      const never: never = def;
      return never;
    }
  }
}

/** What a registry holds beyond its core: handles kept alive, and environment finalizers. */
export interface RegistryParts {
  readonly _core: RegistryCore;
  readonly _held: wasm_ref_t[];
  readonly _finalizers: (() => void)[];
}

/**
 * Ends a registry that was marked deleted: forgets its definitions, releases
 * the externs and instances it holds and runs its environment finalizers
 * once each (the first finalizer error is rethrown after all have run).
 */
export function teardownRegistry(r: RegistryParts): void {
  r._core.clear();
  for (const h of r._held.splice(0)) releaseQuietly(h);
  let error: { e: unknown } | null = null;
  for (const f of r._finalizers.splice(0)) {
    try {
      f();
    } catch (e) {
      error ??= { e };
    }
  }
  if (error) throw error.e;
}
