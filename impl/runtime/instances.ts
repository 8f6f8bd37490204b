/**
 * Runtime objects of the abstract machine: function, table, memory and
 * global instances (the externs) and module instances. Engine-agnostic: the
 * tiers read and write these, never the reverse.
 * @see https://webassembly.github.io/spec/core/exec/runtime.html
 * @module
 */
import { Trap, TrapMessage } from "../base/errors.js";
import {
  ExternKind, MAX_PAGES, PAGE_SIZE, ValType,
  type ExternType, type FuncType, type GlobalType, type MemoryType, type TableType,
} from "../base/types.js";
import type { Module } from "../decode/module.js";
import type { StoreLimits } from "./limits.js";
import type { Store } from "./store.js";
import type { TagInstance } from "./tag.js";
import type { RawValue } from "./values.js";

/** A host function: takes raw arguments, returns raw results (one per result type). Throws {@link Trap} to trap. */
export type HostFunc = (args: RawValue[]) => RawValue[];

/** A function instance: wasm code of a module instance, or a host function. */
export class FuncInstance {
  readonly kind = ExternKind.Func;
  /** Tier-owned compiled form of a wasm function, filled lazily by the tier. */
  compiled: unknown = null;
  constructor(
    readonly type: FuncType,
    /** The owning module instance (null for host functions). */
    readonly module: ModuleInstance | null,
    /** Index in the owning module's function index space (-1 for host functions). */
    readonly index: number,
    /** The host implementation, or null for wasm functions. */
    readonly host: HostFunc | null,
  ) {}

  /** The extern type of this function. */
  externType(): ExternType {
    return { kind: ExternKind.Func, type: this.type };
  }
}

/**
 * A global instance. The value lives in a cell of raw bits (8 bytes, or 16
 * for a v128) or, for references, in `ref`.
 */
export class GlobalInstance {
  readonly kind = ExternKind.Global;
  /**
   * Two 32-bit halves (low first) of numeric values; f32/i32 use only the low
   * half. A v128 global has four words: its 16 bytes in memory order.
   */
  readonly cell: Int32Array;
  /** The value of a reference-typed global. */
  ref: unknown = null;
  constructor(readonly type: GlobalType, value: RawValue) {
    this.cell = new Int32Array(type.valType === ValType.V128 ? 4 : 2);
    this.set(value);
  }

  /** The value in raw form. */
  get(): RawValue {
    switch (this.type.valType) {
      case ValType.I32: return this.cell[0]!;
      case ValType.F32: return this.cell[0]! >>> 0;
      case ValType.I64: return (BigInt(this.cell[1]!) << 32n) | BigInt(this.cell[0]! >>> 0);
      case ValType.F64: return (BigInt(this.cell[1]! >>> 0) << 32n) | BigInt(this.cell[0]! >>> 0);
      // A copy: the caller may keep or change it without touching the global.
      case ValType.V128: return new Uint8Array(this.cell.buffer.slice(0));
      default: return this.ref;
    }
  }

  /** Stores a raw value (no mutability check: that belongs to the caller's rules). */
  set(value: RawValue): void {
    switch (this.type.valType) {
      case ValType.I32:
      case ValType.F32:
        this.cell[0] = value as number;
        break;
      case ValType.I64:
      case ValType.F64: {
        const v = value as bigint;
        this.cell[0] = Number(BigInt.asIntN(32, v));
        this.cell[1] = Number(BigInt.asIntN(32, v >> 32n));
        break;
      }
      case ValType.V128:
        new Uint8Array(this.cell.buffer).set(value as Uint8Array);
        break;
      default:
        this.ref = value;
    }
  }

  externType(): ExternType {
    return { kind: ExternKind.Global, type: this.type };
  }
}

/**
 * A memory instance over an `ArrayBuffer`. Growing replaces `buffer`, `bytes`
 * and `view`: holders must read them again after anything that may grow
 * (a `memory.grow`, or any call).
 */
export class MemoryInstance {
  readonly kind = ExternKind.Memory;
  buffer: ArrayBuffer;
  bytes: Uint8Array;
  view: DataView;
  /** The maximum in pages (declared max, else the 32-bit limit). */
  readonly maxPages: number;
  /** The limits of the store the memory was made in (a grow past them fails), or null. */
  limits: StoreLimits | null = null;
  constructor(readonly type: MemoryType) {
    this.maxPages = type.limits.max ?? MAX_PAGES;
    this.buffer = new ArrayBuffer(type.limits.min * PAGE_SIZE);
    this.bytes = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
  }

  /** Current size in pages. */
  get sizePages(): number {
    return this.buffer.byteLength / PAGE_SIZE;
  }

  /**
   * Grows by `deltaPages`; returns the old size in pages, or -1 when the maximum
   * would be exceeded or the host cannot allocate (spec semantics).
   */
  grow(deltaPages: number): number {
    const old = this.sizePages;
    if (deltaPages === 0) return old;
    const next = old + deltaPages;
    if (next > this.maxPages) return -1;
    if (this.limits !== null && !this.limits.memoryFits(next)) return -1;
    let buffer: ArrayBuffer;
    try {
      buffer = new ArrayBuffer(next * PAGE_SIZE);
    } catch {
      return -1;
    }
    new Uint8Array(buffer).set(this.bytes);
    this.buffer = buffer;
    this.bytes = new Uint8Array(buffer);
    this.view = new DataView(buffer);
    return old;
  }

  /** The current limits (min = current size). */
  externType(): ExternType {
    return { kind: ExternKind.Memory, type: { limits: { min: this.sizePages, max: this.type.limits.max } } };
  }
}

/** A table instance: an array of references (a `FuncInstance`, a host value, or null). */
export class TableInstance {
  readonly kind = ExternKind.Table;
  readonly elements: unknown[];
  readonly maxSize: number;
  /** The limits of the store the table was made in (a grow past them fails), or null. */
  limits: StoreLimits | null = null;
  constructor(readonly type: TableType, init: unknown = null) {
    this.maxSize = type.limits.max ?? 0xffffffff;
    this.elements = new Array<unknown>(type.limits.min).fill(init);
  }

  get size(): number {
    return this.elements.length;
  }

  /** Grows by `delta` entries filled with `init`; returns the old size or -1. */
  grow(delta: number, init: unknown): number {
    const old = this.elements.length;
    if (delta === 0) return old;
    const next = old + delta;
    // Beyond 10M entries we refuse, as engines do, rather than exhaust the host.
    if (next > this.maxSize || next > 10_000_000) return -1;
    if (this.limits !== null && !this.limits.tableFits(next)) return -1;
    for (let i = old; i < next; i++) this.elements.push(init);
    return old;
  }

  /** Reads entry `i`, trapping when out of bounds. */
  get(i: number): unknown {
    if (i >>> 0 >= this.elements.length) throw new Trap(TrapMessage.TableOutOfBounds);
    return this.elements[i];
  }

  /** Writes entry `i`, trapping when out of bounds. */
  set(i: number, ref: unknown): void {
    if (i >>> 0 >= this.elements.length) throw new Trap(TrapMessage.TableOutOfBounds);
    this.elements[i] = ref;
  }

  /** The current limits (min = current size). */
  externType(): ExternType {
    return {
      kind: ExternKind.Table,
      type: { elemType: this.type.elemType, limits: { min: this.size, max: this.type.limits.max } },
    };
  }
}

/** Any external value. */
export type Extern = FuncInstance | TableInstance | MemoryInstance | GlobalInstance | TagInstance;

/** A module instance: the module's index spaces resolved to runtime objects. */
export class ModuleInstance {
  readonly funcs: FuncInstance[] = [];
  readonly tables: TableInstance[] = [];
  readonly memories: MemoryInstance[] = [];
  readonly globals: GlobalInstance[] = [];
  /** The tag index space (exception handling), imported tags first. */
  readonly tags: TagInstance[] = [];
  /** Element segments' references; a dropped segment becomes empty. */
  readonly elems: unknown[][] = [];
  /** Data segments' bytes; a dropped segment becomes empty. */
  readonly datas: Uint8Array[] = [];
  /** Exports in export-section order. */
  readonly exports: { readonly name: string; readonly value: Extern }[] = [];
  /** Tier-owned per-instance data. */
  compiled: unknown = null;
  /** The store the instance was made in (its fuel, deadlines and limits apply to its code); null outside any. */
  store: Store | null = null;
  constructor(readonly module: Module) {}

  /** The export named `name`, or undefined. */
  export(name: string): Extern | undefined {
    for (const e of this.exports) if (e.name === name) return e.value;
    return undefined;
  }
}

export { DEFAULT_MAX_CALL_DEPTH, Store, type StoreOptions } from "./store.js";
