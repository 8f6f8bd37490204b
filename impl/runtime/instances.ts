/**
 * Runtime objects of the abstract machine: function, table, memory and
 * global instances (the externs) and module instances. Engine-agnostic: the
 * tiers read and write these, never the reverse.
 * @see https://webassembly.github.io/spec/core/exec/runtime.html
 * @module
 */
import { Trap, TrapMessage } from "../base/errors.js";
import {
  ExternKind, MAX_PAGES, MAX_PAGES_64, PAGE_SIZE, ValType,
  type ExternType, type FuncType, type GlobalType, type MemoryType, type TableType,
} from "../base/types.js";
import type { ValidatedModule } from "../validate/validated.js";
import type { StoreLimits } from "./limits.js";
import type { Interrupts } from "./interrupts.js";
import type { Store } from "./store.js";
import type { TagInstance } from "./tag.js";
import type { RawValue } from "./values.js";
import { allocateBuffer } from "./allocate.js";
import { allocateShared, growShared, type SharedMemoryParts, type WaitGuard } from "./shared-memory.js";
import { TABLE_SIZE_LIMIT } from "../base/limits.js";

/**
 * A host function: takes raw arguments, returns raw results (one per result
 * type). Throws {@link Trap} to trap. `caller` is the module instance whose
 * code made the call (WASI reads its exported memory), or null when the host
 * called the function directly.
 */
export type HostFunc = (args: RawValue[], caller: ModuleInstance | null) => RawValue[];

/** A function instance: wasm code of a module instance, or a host function. */
export class FuncInstance {
  readonly kind = ExternKind.Func;
  /** Tier-owned compiled form of a wasm function, filled lazily by the tier. */
  compiled: unknown = null;
  /**
   * The JavaScript function the compiler tier made of this wasm function
   * (see impl/exec/compiler/), taking and returning the compiled code's
   * value representation; null until compiled, and for functions it could not compile.
   */
  jit: ((...args: never[]) => unknown) | null = null;
  /**
   * A host function that promises never to call wasm code, grow a memory or
   * table, or otherwise change what running code holds (WASI's functions):
   * the interpreter calls it without leaving its dispatch loop, which makes
   * the call several times cheaper. False for every other function.
   */
  leaf = false;
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
 * A memory instance. Its bytes live at the start of `buffer`, a plain
 * `ArrayBuffer`; `bytes` and `view` cover exactly the current size and are
 * new objects after each grow that adds pages, so holders re-read them after
 * anything that may grow (a `memory.grow`, or any call).
 *
 * The first grow moves the memory, once, into a buffer of its maximum size
 * (4 GiB for a memory without a maximum): address space, not memory, since
 * pages never written are never committed. From then on a grow only makes
 * new views, so a run of grows costs what the pages it touches cost, and the
 * buffer never moves again. A memory that never grows is never moved. When
 * the host cannot allocate the maximum, capacity doubles instead (each byte
 * is then still copied O(1) times). {@link MemoryInstance.pin} makes the move
 * early, for hosts that keep views. See DECISIONS.md for the measurements.
 *
 * A shared memory (threads) is different: its storage is a growable
 * `SharedArrayBuffer` ({@link SharedMemoryParts}) that never moves, `bytes` and
 * `view` track its length (so they are never replaced, and a grow made by
 * another thread shows in them), and a grow takes the storage's lock.
 */
export class MemoryInstance {
  readonly kind = ExternKind.Memory;
  /** The storage: the memory is its first `bytes.length` bytes; the rest is zeros never written. */
  buffer: ArrayBuffer | SharedArrayBuffer;
  /** The shared storage of a shared memory (hand it to another worker); null for an unshared memory. */
  readonly sharedParts: SharedMemoryParts | null = null;
  /** Threads: what this thread does around a `memory.atomic.wait` on the memory (wasi-threads sets it), or null. */
  waitGuard: WaitGuard | null = null;
  /**
   * Threads: the store whose interruption state (epoch deadline, deadline,
   * thread-group halt) ends a `memory.atomic.wait` on this memory before it
   * is woken; set by instantiation for every shared memory of an instance
   * (the last store to instantiate over it on this thread), or null.
   */
  waitWatch: { readonly interrupts: Interrupts | null } | null = null;
  /**
   * The memory's bytes: all of them, except for a memory64 memory larger than
   * 4 GiB, where this covers the first 4 GiB only (a typed array has at most
   * 2^32 elements on Node 20); {@link MemoryInstance.byteLength} is the size.
   */
  bytes: Uint8Array;
  /** The memory's bytes, all of them (a `DataView` may exceed 4 GiB). */
  view: DataView;
  /** The maximum in pages (declared max, else the address type's limit: 2^16 pages for i32, 2^48 for i64). */
  readonly maxPages: number;
  /** True once the storage never moves again (it has its maximum size, or was pinned). */
  private pinned = false;
  /** The limits of the store the memory was made in (a grow past them fails), or null. */
  limits: StoreLimits | null = null;
  /**
   * Allocates `type.limits.min` pages; throws `RangeError` when the host
   * cannot (callers turn that into their own failure).
   */
  constructor(readonly type: MemoryType, shared: SharedMemoryParts | null = null) {
    this.maxPages = type.limits.max ?? (type.address64 === true ? MAX_PAGES_64 : MAX_PAGES);
    if (type.shared === true) {
      // A shared memory's type has a maximum (validation and the C API check it).
      this.sharedParts = shared ?? allocateShared(type.limits.min, this.maxPages);
      this.buffer = this.sharedParts.buffer;
      this.pinned = true;
    } else {
      this.buffer = allocateBuffer(type.limits.min * PAGE_SIZE);
    }
    // A shared memory's views track its length (no length given): a grow by another thread shows in them.
    this.bytes = this.sharedParts !== null ? new Uint8Array(this.buffer) : byteView(this.buffer, this.buffer.byteLength);
    this.view = new DataView(this.buffer);
  }

  /**
   * A memory over shared storage made elsewhere (in another worker, say): the
   * same bytes, seen and grown by both.
   */
  static fromShared(parts: SharedMemoryParts): MemoryInstance {
    return new MemoryInstance({ limits: { min: parts.minPages, max: parts.maxPages }, shared: true }, parts);
  }

  /** Whether the memory is shared (threads). */
  get shared(): boolean {
    return this.sharedParts !== null;
  }

  /** Current size in pages. */
  get sizePages(): number {
    return this.view.byteLength / PAGE_SIZE;
  }

  /** Current size in bytes (above 4 GiB for a large memory64 memory, where `bytes` stops at 4 GiB). */
  get byteLength(): number {
    return this.view.byteLength;
  }

  /** Whether the memory is addressed by i64 (memory64). */
  get address64(): boolean {
    return this.type.address64 === true;
  }

  /**
   * Grows by `deltaPages`; returns the old size in pages, or -1 when the maximum
   * would be exceeded or the host cannot allocate (spec semantics).
   */
  grow(deltaPages: number): number {
    if (this.sharedParts !== null) {
      const limits = this.limits;
      return growShared(this.sharedParts, deltaPages, (pages) => limits === null || limits.memoryFits(pages));
    }
    const old = this.sizePages;
    if (deltaPages === 0) return old;
    const next = old + deltaPages;
    if (next > this.maxPages) return -1;
    if (this.limits !== null && !this.limits.memoryFits(next)) return -1;
    const nextBytes = next * PAGE_SIZE;
    if (nextBytes > this.buffer.byteLength) {
      if (this.pinned) return -1;
      if (this.moveTo(this.maxPages * PAGE_SIZE)) this.pinned = true;
      else if (!this.moveTo(Math.max(nextBytes, 2 * this.buffer.byteLength)) && !this.moveTo(nextBytes)) return -1;
    }
    // Bytes past the old size were never written: they are the zeros the spec wants.
    this.bytes = byteView(this.buffer, nextBytes);
    this.view = new DataView(this.buffer, 0, nextBytes);
    return old;
  }

  /**
   * Stops the storage from ever moving again, so views over it stay valid
   * for the memory's whole life: moves it now, once, to its maximum size
   * (as a first grow would). When the host cannot allocate that much, the
   * memory keeps its capacity and a later grow past it fails with -1, which
   * the spec allows. Returns whether the memory can still reach its maximum.
   */
  pin(): boolean {
    // Shared storage is reserved at its maximum from the start and never moves.
    if (this.sharedParts !== null) return true;
    const capacity = this.maxPages * PAGE_SIZE;
    if (this.pinned) return this.buffer.byteLength === capacity;
    const full = this.buffer.byteLength === capacity || this.moveTo(capacity);
    this.pinned = true;
    const length = this.view.byteLength;
    this.bytes = byteView(this.buffer, length);
    this.view = new DataView(this.buffer, 0, length);
    return full;
  }

  /** Copies the memory into a new buffer of `capacity` bytes; false when it cannot be allocated. */
  private moveTo(capacity: number): boolean {
    let buffer: ArrayBuffer;
    try {
      buffer = allocateBuffer(capacity);
    } catch {
      return false;
    }
    copyBytes(this.buffer, buffer, this.view.byteLength);
    this.buffer = buffer;
    return true;
  }

  /** The current limits (min = current size). */
  externType(): ExternType {
    const limits = { min: this.sizePages, max: this.type.limits.max };
    const type: { limits: typeof limits; shared?: boolean; address64?: boolean } = { limits };
    if (this.sharedParts !== null) type.shared = true;
    if (this.type.address64 === true) type.address64 = true;
    return { kind: ExternKind.Memory, type };
  }
}

/** The most elements a typed array may have on Node 20 (V8): 2^32. */
const MAX_TYPED_LENGTH = 2 ** 32;

/** A `Uint8Array` over the first `length` bytes of `buffer`, or its first 4 GiB when longer (see `MemoryInstance.bytes`). */
function byteView(buffer: ArrayBuffer | SharedArrayBuffer, length: number): Uint8Array {
  return new Uint8Array(buffer, 0, Math.min(length, MAX_TYPED_LENGTH));
}

/** Copies the first `length` bytes of `from` into `to`, in pieces a typed array can hold (memories above 4 GiB). */
function copyBytes(from: ArrayBuffer | SharedArrayBuffer, to: ArrayBuffer, length: number): void {
  const piece = 2 ** 30;
  for (let at = 0; at < length; at += piece) {
    const n = Math.min(piece, length - at);
    new Uint8Array(to, at, n).set(new Uint8Array(from, at, n));
  }
}

/** A table instance: an array of references (a `FuncInstance`, a host value, or null). */
export class TableInstance {
  readonly kind = ExternKind.Table;
  readonly elements: unknown[];
  readonly maxSize: number;
  /** The limits of the store the table was made in (a grow past them fails), or null. */
  limits: StoreLimits | null = null;
  /**
   * Makes a table of `type.limits.min` entries, each `init`. Throws
   * `RangeError` when the minimum is over {@link TABLE_SIZE_LIMIT} (the JS API's
   * limit) or cannot be allocated.
   */
  constructor(readonly type: TableType, init: unknown = null) {
    this.maxSize = type.limits.max ?? (type.address64 === true ? 2 ** 64 : 0xffffffff);
    if (type.limits.min > TABLE_SIZE_LIMIT) {
      throw new RangeError(`a table of ${type.limits.min} elements is over the implementation limit of ${TABLE_SIZE_LIMIT}`);
    }
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
    // Beyond the JS API's limit we refuse, as engines do, rather than exhaust the host.
    if (next > this.maxSize || next > TABLE_SIZE_LIMIT) return -1;
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
      // The rest of the type (a concrete element type's context, ...) as declared.
      type: { ...this.type, limits: { min: this.size, max: this.type.limits.max } },
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
  constructor(readonly module: ValidatedModule) {}

  /** The export named `name`, or undefined. */
  export(name: string): Extern | undefined {
    for (const e of this.exports) if (e.name === name) return e.value;
    return undefined;
  }
}

export { DEFAULT_MAX_CALL_DEPTH, Store, isTierName, type StoreOptions, type TierName } from "./store.js";
