/**
 * The classes behind every `wasm.h` pointer type, in one place so that the
 * header's hierarchy (a `wasm_func_t*` is a `wasm_extern_t*` is a
 * `wasm_ref_t*`; a `wasm_functype_t*` is a `wasm_externtype_t*`) is plain
 * class inheritance and the per-object files can import it without cycles.
 *
 * Two families:
 * - owned objects (configs, engines, stores, types, frames): one object per
 *   pointer; `_delete` frees it, `_copy` makes an independent one;
 * - references (`wasm_ref_t` and its subclasses): a handle to an object
 *   record shared by every handle of the same object ({@link ObjRecord});
 *   `_delete` releases the handle, `_copy` makes another handle.
 * @module
 */
import type { DefType, TrapFrame } from "../../impl/index.js";
import type { wasm_name_t } from "../byte_vec.js";
import type { wasm_limits_t } from "../limits.js";
import type { wasm_valtype_vec_t } from "../valtype.js";
import { born } from "./live.js";
import type { ObjRecord, StoreState } from "./records.js";

/**
 * A configuration for {@link wasm_engine_new_with_config} (`wasm_config_t`).
 * It carries no settings yet.
 * @category Runtime Environment
 */
export class wasm_config_t {
  /** @internal */ _deleted = false;
  /** @internal Set when an engine took ownership. */ _owner: string | null = null;
  /** @internal */
  constructor() {
    born();
  }
}

/**
 * An engine (`wasm_engine_t`): the compiler and runtime shared by stores.
 * Each thread makes its own (a JavaScript object cannot cross threads).
 * @category Runtime Environment
 */
export class wasm_engine_t {
  /** @internal */ _deleted = false;
  /** @internal */
  constructor() {
    born();
  }
}

/**
 * A store (`wasm_store_t`): the context runtime objects are made in. It does
 * not keep them: each lives while something uses it (an instance dies with
 * its last handle or user). Deleting the store ends every object made in it
 * that is still alive and runs their finalizers.
 * @category Runtime Environment
 */
export class wasm_store_t {
  /** @internal */ _deleted = false;
  /** @internal */
  readonly _state: StoreState;
  /** @internal The engine the store was made in (its default linking policy applies). */
  readonly _engine: wasm_engine_t | null;
  /** @internal */
  constructor(_state: StoreState, _engine: wasm_engine_t | null = null) {
    born();
    this._state = _state;
    this._engine = _engine;
  }
}

/**
 * A value type (`wasm_valtype_t`): one of the `WASM_I32` … `WASM_FUNCREF` kinds.
 * @category Type Representations
 */
export class wasm_valtype_t {
  /** @internal */ _deleted = false;
  /** @internal Name of the object this one was moved into (that object deletes it). */ _owner: string | null = null;
  /** @internal */
  readonly _kind: number;
  /**
   * @internal The engine's value type: `_kind`'s own type, or a typed reference
   * (`(ref null? ht)`, GC's abstract heap types, a concrete type index).
   */
  readonly _type: number;
  /** @internal The module types a concrete `_type` indexes (null for every other type). */
  readonly _context: readonly DefType[] | null;
  /** @internal */
  constructor(_kind: number, _type: number, _context: readonly DefType[] | null = null) {
    born();
    this._kind = _kind;
    this._type = _type;
    this._context = _context;
  }
}

/**
 * The type of an extern (`wasm_externtype_t`): a function, global, table,
 * memory or tag type, reached through the `wasm_externtype_as_*` casts.
 * @category Type Representations
 */
export abstract class wasm_externtype_t {
  /** @internal */ _deleted = false;
  /** @internal Name of the object this one was moved into (that object deletes it). */ _owner: string | null = null;
  /** @internal */
  constructor() {
    born();
  }
}

/**
 * A function type (`wasm_functype_t`): parameter and result value types.
 * @category Type Representations
 */
export class wasm_functype_t extends wasm_externtype_t {
  private declare readonly __functype: void;
  /** @internal */
  readonly _params: wasm_valtype_vec_t;
  /** @internal */
  readonly _results: wasm_valtype_vec_t;
  /** @internal */
  constructor(_params: wasm_valtype_vec_t, _results: wasm_valtype_vec_t) {
    super();
    this._params = _params;
    this._results = _results;
  }
}

/**
 * A global type (`wasm_globaltype_t`): content value type and mutability.
 * @category Type Representations
 */
export class wasm_globaltype_t extends wasm_externtype_t {
  private declare readonly __globaltype: void;
  /** @internal */
  readonly _content: wasm_valtype_t;
  /** @internal */
  readonly _mutability: number;
  /** @internal */
  constructor(_content: wasm_valtype_t, _mutability: number) {
    super();
    this._content = _content;
    this._mutability = _mutability;
  }
}

/**
 * A table type (`wasm_tabletype_t`): element reference type and limits.
 * @category Type Representations
 */
export class wasm_tabletype_t extends wasm_externtype_t {
  private declare readonly __tabletype: void;
  /** @internal */
  readonly _element: wasm_valtype_t;
  /** @internal The limits in `wasm.h`'s 32-bit form (a table64's bounds saturate at 0xffffffff). */
  readonly _limits: wasm_limits_t;
  /** @internal table64 (extension `wasmts_tabletype_new`): indexed by i64. */
  readonly _is64: boolean;
  /** @internal The exact bounds (u64 for a table64; `max` null when absent). */
  readonly _bounds: WideLimits;
  /** @internal */
  constructor(_element: wasm_valtype_t, _limits: wasm_limits_t, _is64 = false, _bounds: WideLimits | null = null) {
    super();
    this._element = _element;
    this._limits = _limits;
    this._is64 = _is64;
    this._bounds = _bounds ?? boundsOf(_limits);
  }
}

/**
 * Limits of a table or memory type as the engine has them: `min`, and `max`
 * or null when absent; u64 for 64-bit types (exact to 2^53).
 * @internal
 */
export interface WideLimits {
  readonly min: number;
  readonly max: number | null;
}

/** The exact bounds of 32-bit limits (`wasm_limits_max_default`, 0xffffffff, is no maximum). */
function boundsOf(l: wasm_limits_t): WideLimits {
  return Object.freeze({ min: l.min, max: l.max === 0xffffffff ? null : l.max });
}

/**
 * A memory type (`wasm_memorytype_t`): limits in 64 KiB pages.
 * @category Type Representations
 */
export class wasm_memorytype_t extends wasm_externtype_t {
  private declare readonly __memorytype: void;
  /** @internal */
  readonly _limits: wasm_limits_t;
  /** @internal Threads: a shared memory's type (extension `wasmts_memorytype_new`). */
  readonly _shared: boolean;
  /** @internal memory64 (extension `wasmts_memorytype_new`): addressed by i64. */
  readonly _is64: boolean;
  /** @internal The exact bounds in pages (up to 2^48 for memory64; `max` null when absent). */
  readonly _bounds: WideLimits;
  /** @internal */
  constructor(_limits: wasm_limits_t, _shared = false, _is64 = false, _bounds: WideLimits | null = null) {
    super();
    this._limits = _limits;
    this._shared = _shared;
    this._is64 = _is64;
    this._bounds = _bounds ?? boundsOf(_limits);
  }
}

/**
 * A tag type (`wasm_tagtype_t`, upstream's addition): the function type of
 * an exception tag's payload.
 * @category Type Representations
 */
export class wasm_tagtype_t extends wasm_externtype_t {
  private declare readonly __tagtype: void;
  /** @internal */
  readonly _functype: wasm_functype_t;
  /** @internal */
  constructor(_functype: wasm_functype_t) {
    super();
    this._functype = _functype;
  }
}

/**
 * An import's description (`wasm_importtype_t`): module name, field name, type.
 * @category Type Representations
 */
export class wasm_importtype_t {
  /** @internal */ _deleted = false;
  /** @internal */ _owner: string | null = null;
  /** @internal */
  readonly _module: wasm_name_t;
  /** @internal */
  readonly _name: wasm_name_t;
  /** @internal */
  readonly _type: wasm_externtype_t;
  /** @internal */
  constructor(_module: wasm_name_t, _name: wasm_name_t, _type: wasm_externtype_t) {
    born();
    this._module = _module;
    this._name = _name;
    this._type = _type;
  }
}

/**
 * An export's description (`wasm_exporttype_t`): name and type.
 * @category Type Representations
 */
export class wasm_exporttype_t {
  /** @internal */ _deleted = false;
  /** @internal */ _owner: string | null = null;
  /** @internal */
  readonly _name: wasm_name_t;
  /** @internal */
  readonly _type: wasm_externtype_t;
  /** @internal */
  constructor(_name: wasm_name_t, _type: wasm_externtype_t) {
    born();
    this._name = _name;
    this._type = _type;
  }
}

/**
 * One frame of a trap's trace (`wasm_frame_t`): instance, function index,
 * offset in the function body and offset in the module binary.
 * @category Runtime Objects
 */
export class wasm_frame_t {
  /** @internal */ _deleted = false;
  /** @internal */ _owner: string | null = null;
  /** @internal Borrowed-out instance handle, made on first request and released with the frame. */
  _instance: wasm_instance_t | null = null;
  /** @internal */
  readonly _store: StoreState;
  /** @internal */
  readonly _frame: TrapFrame;
  /** @internal */
  constructor(_store: StoreState, _frame: TrapFrame) {
    born();
    this._store = _store;
    this._frame = _frame;
  }
}

/**
 * A reference (`wasm_ref_t`): a handle to a runtime object. Every object
 * handle type below is a reference; the `wasm_X_as_ref` casts return the
 * same handle. Deleting a handle releases it; the object lives while any
 * handle (or anything that uses it) remains, and at most until its store is
 * deleted. A plain `wasm_ref_t` (not one of the subclasses) wraps a host
 * value that came out of wasm as an `externref`.
 * @category Runtime Objects
 */
export class wasm_ref_t {
  /** @internal */ _deleted = false;
  /** @internal */
  readonly _rec: ObjRecord;
  /** @internal */
  constructor(_rec: ObjRecord) {
    this._rec = _rec;
  }
}

/**
 * A trap (`wasm_trap_t`): a message, and the frames of the wasm call stack.
 * @category Runtime Objects
 */
export class wasm_trap_t extends wasm_ref_t {
  private declare readonly __trap: void;
}

/**
 * A foreign object (`wasm_foreign_t`): an opaque host object to pass to wasm
 * as an `externref`; its identity and host info survive the round trip.
 * @category Runtime Objects
 */
export class wasm_foreign_t extends wasm_ref_t {
  private declare readonly __foreign: void;
}

/**
 * A compiled module (`wasm_module_t`).
 * @category Runtime Objects
 */
export class wasm_module_t extends wasm_ref_t {
  private declare readonly __module: void;
}

/**
 * An external value (`wasm_extern_t`): a function, global, table or memory,
 * reached through the `wasm_extern_as_*` casts.
 * @category Runtime Objects
 */
export abstract class wasm_extern_t extends wasm_ref_t {
  private declare readonly __extern: void;
}

/**
 * A function (`wasm_func_t`): of a module instance, or made by the host.
 * @category Runtime Objects
 */
export class wasm_func_t extends wasm_extern_t {
  private declare readonly __func: void;
}

/**
 * A global (`wasm_global_t`).
 * @category Runtime Objects
 */
export class wasm_global_t extends wasm_extern_t {
  private declare readonly __global: void;
}

/**
 * A table (`wasm_table_t`).
 * @category Runtime Objects
 */
export class wasm_table_t extends wasm_extern_t {
  private declare readonly __table: void;
}

/**
 * A linear memory (`wasm_memory_t`).
 * @category Runtime Objects
 */
export class wasm_memory_t extends wasm_extern_t {
  private declare readonly __memory: void;
}

/**
 * A tag (`wasm_tag_t`, upstream's addition for exception handling): an
 * extern whose type is a {@link wasm_tagtype_t}.
 * @category Runtime Objects
 */
export class wasm_tag_t extends wasm_extern_t {
  private declare readonly __tag: void;
}

/**
 * A module instance (`wasm_instance_t`).
 * @category Runtime Objects
 */
export class wasm_instance_t extends wasm_ref_t {
  private declare readonly __instance: void;
}
