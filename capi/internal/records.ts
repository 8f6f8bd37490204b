/**
 * Object records: what every handle of one runtime object shares (its host
 * info and finalizer, the objects it keeps alive, how many users it has), and
 * the per-store bookkeeping that finds the record of an object coming back
 * out of wasm, so identity and host info survive globals, tables and calls.
 *
 * Lifetime is reference counting, made deterministic: a record counts its
 * handles plus the records that keep it alive (an export keeps its instance,
 * an instance keeps its module and imports); a reference that the host hands
 * to wasm is pinned until the store is deleted, since wasm may keep it in a
 * global or table. When the count drops to zero the finalizers run, once;
 * `wasm_store_delete` runs those of every record left.
 * @module
 */
import {
  FuncInstance, GlobalInstance, MemoryInstance, ModuleInstance, Store, TableInstance, TagInstance,
  type CompiledForm, type StoreOptions, type TrapFrame, type ValidatedModule,
} from "../../impl/index.js";
import { born, died } from "./live.js";

/** The kinds of records; each maps to one handle class. */
export type RecordKind = "func" | "global" | "table" | "memory" | "tag" | "instance" | "module" | "foreign" | "trap" | "ref";

/** The identity of a foreign object: a fresh object, nothing more. */
export class ForeignObject {}

/** The identity of a trap: its message, frames (innermost first) and the original error. */
export class TrapObject {
  constructor(readonly message: string, readonly frames: readonly TrapFrame[], readonly cause: unknown) {}
}

/**
 * The identity of a compiled module: the validated module, a private copy
 * of its bytes, and the compiled form a deserialized artifact carried (kept
 * so that serializing it again, from a store of any tier, carries it on).
 */
export class ModuleObject {
  constructor(readonly module: ValidatedModule, readonly bytes: Uint8Array, readonly carried: CompiledForm | null = null) {}
}

/** The last compile error of a store (extension `wasmts_module_last_error`). */
export interface CompileError {
  readonly message: string;
  /** Byte offset in the binary, or -1 when the error has none. */
  readonly offset: number;
}

/** What a store knows beyond the engine's {@link Store}. */
export class StoreState {
  /** The engine's store that runtime objects are allocated in. */
  readonly runtime: Store;
  /** Records of live objects, keyed by object identity (a runtime object or a capi identity). */
  readonly records = new Map<unknown, ObjRecord>();
  deleted = false;
  lastError: CompileError | null = null;
  /** A store with the settings of its engine's configuration (fuel, epoch, depth limit). */
  constructor(options: StoreOptions = {}) {
    this.runtime = new Store(options);
  }
}

/** The record of one object: shared by every handle to it. */
export class ObjRecord {
  /** Handles plus records that keep this one alive. */
  count = 0;
  hostInfo: unknown = null;
  finalizer: ((info: unknown) => void) | null = null;
  /** Runs once at death after the host-info finalizer (a host function's environment finalizer). */
  onDeath: (() => void) | null = null;
  /** Records this one keeps alive (each counted once). */
  readonly keeps: ObjRecord[] = [];
  /** True once handed to wasm by the host: kept until the store is deleted. */
  pinned = false;
  dead = false;

  constructor(readonly store: StoreState, readonly obj: unknown, readonly kind: RecordKind) {
    store.records.set(obj, this);
    born();
  }
}

/** The record kind that an object of this class gets. */
function kindOf(obj: unknown): RecordKind {
  if (obj instanceof FuncInstance) return "func";
  if (obj instanceof GlobalInstance) return "global";
  if (obj instanceof TableInstance) return "table";
  if (obj instanceof MemoryInstance) return "memory";
  if (obj instanceof TagInstance) return "tag";
  if (obj instanceof ModuleInstance) return "instance";
  if (obj instanceof ModuleObject) return "module";
  if (obj instanceof ForeignObject) return "foreign";
  if (obj instanceof TrapObject) return "trap";
  return "ref";
}

/**
 * The record of `obj` in `store`, made on first sight. A wasm function's
 * record keeps its instance alive. The caller must take a handle or pin it.
 */
export function recordOf(store: StoreState, obj: unknown): ObjRecord {
  const found = store.records.get(obj);
  if (found) return found;
  const rec = new ObjRecord(store, obj, kindOf(obj));
  if (obj instanceof FuncInstance && obj.module !== null) keepAlive(rec, recordOf(store, obj.module));
  return rec;
}

/** Makes `holder` keep `target` alive until `holder` dies (at most once per pair). */
export function keepAlive(holder: ObjRecord, target: ObjRecord): void {
  if (holder === target || holder.keeps.includes(target)) return;
  holder.keeps.push(target);
  target.count++;
}

/** Keeps a record alive until its store is deleted (it was handed to wasm). */
export function pin(rec: ObjRecord): void {
  if (rec.pinned) return;
  rec.pinned = true;
  rec.count++;
}

/** Drops one user of a record; the last one runs its finalizers. */
export function release(rec: ObjRecord): void {
  if (rec.dead) return;
  if (--rec.count > 0) return;
  rec.store.records.delete(rec.obj);
  die(rec);
  // Errors of finalizers propagate, but only after the kept records are released.
  try {
    runFinalizers(rec);
  } finally {
    for (const k of rec.keeps.splice(0)) release(k);
  }
}

function die(rec: ObjRecord): void {
  rec.dead = true;
  died();
}

function runFinalizers(rec: ObjRecord): void {
  const { finalizer, hostInfo, onDeath } = rec;
  rec.finalizer = null;
  rec.onDeath = null;
  rec.hostInfo = null;
  try {
    if (finalizer) finalizer(hostInfo);
  } finally {
    if (onDeath) onDeath();
  }
}

/**
 * Deletes a store's records: runs every remaining finalizer once, in the
 * order the objects were first seen. The first finalizer error is rethrown
 * after all have run.
 */
export function finalizeStore(store: StoreState): void {
  const recs = [...store.records.values()];
  store.records.clear();
  store.deleted = true;
  let error: { e: unknown } | null = null;
  for (const rec of recs) {
    if (rec.dead) continue;
    die(rec);
    rec.keeps.length = 0;
    try {
      runFinalizers(rec);
    } catch (e) {
      error ??= { e };
    }
  }
  if (error) throw error.e;
}
