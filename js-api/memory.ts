/**
 * `WebAssembly.Memory`, and the storage rule the JS API asks of a memory:
 * its `buffer` is an `ArrayBuffer` of exactly the memory's size, and a grow
 * detaches it and makes a new one, whoever grows (JavaScript or wasm code).
 * The engine's own memories keep spare capacity instead (see
 * impl/runtime/instances.ts); a memory JavaScript can see is switched to
 * {@link ExactMemory}, whose storage is always exactly its size.
 * @see https://webassembly.github.io/spec/js-api/#memories
 * @module
 */
import { MAX_PAGES, MAX_PAGES_64, MemoryInstance, PAGE_SIZE } from "../impl/index.js";
import type { Context } from "./context.js";
import { dictionary, domString, enforceRange, enumerableMembers, toStringTag, u64Address } from "./webidl.js";

/**
 * The JS API's run-time limit on a memory64 memory: 262,144 pages (16
 * GiB); a grow past it fails as a grow past the maximum does.
 * @see https://webassembly.github.io/spec/js-api/#limits
 */
export const MAX_JS_PAGES_64 = 262_144;

/** The most bytes one `Uint8Array` covers here (Node 20's typed arrays stop at 2^32 elements). */
const MAX_VIEW_BYTES = 2 ** 32;

/** `ArrayBuffer.prototype.transfer` where the realm has it (a grow then copies nothing). */
const transfer = (ArrayBuffer.prototype as { transfer?: (this: ArrayBuffer, length: number) => ArrayBuffer }).transfer;

/**
 * A memory whose storage is exactly its size: every grow that adds pages
 * moves it to a new `ArrayBuffer` and detaches the old one (through
 * `ArrayBuffer.prototype.transfer` when the realm has it, which detaches
 * and keeps the bytes in one step). `grow` keeps the engine's contract (old
 * size, or -1), so the tiers call it as they call any memory's.
 */
export class ExactMemory extends MemoryInstance {
  /** The detaching function of the namespace that made the memory visible. */
  detach: (buffer: ArrayBuffer) => void = () => {};

  override grow(deltaPages: number): number {
    const old = this.sizePages;
    if (deltaPages === 0) return old;
    const next = old + deltaPages;
    if (next > this.maxPages || next > (this.address64 ? MAX_JS_PAGES_64 : MAX_PAGES)) return -1;
    if (this.limits !== null && !this.limits.memoryFits(next)) return -1;
    return this.resize(next * PAGE_SIZE) ? old : -1;
  }

  /** The storage never stays put: there is nothing to pin (views must be made again after a grow). */
  override pin(): boolean {
    return true;
  }

  /** Moves the memory to a new buffer of `byteLength` bytes and detaches the old one; false when it cannot be allocated. */
  resize(byteLength: number): boolean {
    // Only unshared memories become exact (see exactMemory), so the storage is an ArrayBuffer.
    const old = this.buffer as ArrayBuffer;
    let next: ArrayBuffer;
    try {
      if (typeof transfer === "function") {
        next = transfer.call(old, byteLength);
      } else {
        next = new ArrayBuffer(byteLength);
        new Uint8Array(next).set(this.bytes.subarray(0, Math.min(this.bytes.length, byteLength)));
        this.detach(old);
      }
    } catch {
      return false;
    }
    this.buffer = next;
    this.bytes = new Uint8Array(next, 0, Math.min(byteLength, MAX_VIEW_BYTES));
    this.view = new DataView(next);
    return true;
  }
}

/**
 * Makes an engine memory one JavaScript may see: switches it to
 * {@link ExactMemory} and, when its storage has spare capacity (it grew
 * before JavaScript saw it), moves it to storage of exactly its size.
 */
export function exactMemory(ctx: Context, mem: MemoryInstance): ExactMemory {
  // A shared memory (threads) keeps its growable SharedArrayBuffer, which no grow detaches. The JS
  // API would give a new fixed-length SharedArrayBuffer per size over the same bytes, which JavaScript
  // cannot make (a test of memory/grow.any.js checks it; test/jsapi/expected-failures.json lists it).
  if (mem.shared) return mem as ExactMemory;
  if (!(mem instanceof ExactMemory)) {
    Object.setPrototypeOf(mem, ExactMemory.prototype);
    (mem as ExactMemory).detach = ctx.detach;
  }
  const exact = mem as ExactMemory;
  if (exact.buffer.byteLength !== exact.bytes.length || exact.bytes.byteOffset !== 0) {
    const bytes = exact.bytes;
    const next = new ArrayBuffer(bytes.length);
    new Uint8Array(next).set(bytes);
    exact.buffer = next;
    exact.bytes = new Uint8Array(next);
    exact.view = new DataView(next);
  }
  return exact;
}

/** The `Memory` object of an engine memory: the same object every time (the spec's memory object cache). */
export function memoryObject(ctx: Context, mem: MemoryInstance): object {
  const known = ctx.memoryObjects.get(mem);
  if (known !== undefined) return known;
  const obj = Object.create(ctx.Memory.prototype as object) as object;
  ctx.memories.set(obj, exactMemory(ctx, mem));
  ctx.memoryObjects.set(mem, obj);
  return obj;
}

/** The engine memory of `obj`, or a `TypeError` (the interface's brand check). */
function memoryOf(ctx: Context, obj: unknown): ExactMemory {
  const mem = typeof obj === "object" && obj !== null ? ctx.memories.get(obj) : undefined;
  if (mem === undefined) throw new TypeError("not a WebAssembly.Memory");
  return mem as ExactMemory;
}

/** Reads a memory or table descriptor's `address` member (`AddressType`): "i32" (the default) or "i64". */
export function addressType(v: unknown): "i32" | "i64" {
  if (v === undefined) return "i32";
  const s = domString(v);
  if (s === "i32" || s === "i64") return s;
  throw new TypeError(`unknown address type ${JSON.stringify(s)}`);
}

/** Defines `WebAssembly.Memory` on `ctx`. */
export function defineMemory(ctx: Context): void {
  class Memory {
    /**
     * A new memory: `initial` pages (at most 65,536, or for `address: "i64"`
     * a BigInt, at most 2^48) and an optional `maximum`, read from the
     * descriptor in the spec's order.
     */
    constructor(descriptor: unknown) {
      const d = dictionary(descriptor, "a memory descriptor");
      if (typeof descriptor !== "object" || descriptor === null) throw new TypeError("a memory descriptor must be an object");
      const is64 = addressType(d["address"]) === "i64";
      const size = (v: unknown, what: string): number => is64 ? u64Address(v, what) : enforceRange(v, what);
      const limit = is64 ? MAX_PAGES_64 : MAX_PAGES;
      const initialV = d["initial"];
      if (initialV === undefined) throw new TypeError("a memory descriptor needs 'initial'");
      const initial = size(initialV, "initial");
      const maximumV = d["maximum"];
      const maximum = maximumV === undefined ? null : size(maximumV, "maximum");
      const shared = d["shared"] !== undefined && Boolean(d["shared"]);
      if (shared && maximum === null) throw new TypeError("a shared memory needs 'maximum'");
      // The memory type's validity (a RangeError), then what can be allocated (the run-time limit, also a RangeError).
      if (initial > limit) throw new RangeError(`initial ${initial} is over the limit of ${limit} pages`);
      if (maximum !== null && maximum > limit) throw new RangeError(`maximum ${maximum} is over the limit of ${limit} pages`);
      if (maximum !== null && maximum < initial) throw new RangeError(`initial ${initial} is over maximum ${maximum}`);
      if (is64 && initial > MAX_JS_PAGES_64) throw new RangeError(`initial ${initial} is over the limit of ${MAX_JS_PAGES_64} pages`);
      const limits = { min: initial, max: maximum };
      let mem: ExactMemory;
      try {
        // A shared memory is the engine's own (one growable SharedArrayBuffer, see exactMemory).
        mem = shared ? new MemoryInstance(is64 ? { limits, shared: true, address64: true } : { limits, shared: true }) as ExactMemory
          : new ExactMemory(is64 ? { limits, address64: true } : { limits });
      } catch (e) {
        throw new RangeError(`cannot allocate a memory of ${initial} pages`, { cause: e });
      }
      if (!shared) mem.detach = ctx.detach;
      ctx.memories.set(this, mem);
      ctx.memoryObjects.set(mem, this);
    }

    /**
     * Grows by `delta` pages (a BigInt for a memory64 memory); the old size
     * in pages (a BigInt for memory64), or a `RangeError`. The old buffer
     * is detached.
     */
    grow(delta: unknown): number | bigint {
      const mem = memoryOf(ctx, this);
      const d = mem.address64 ? u64Address(delta, "delta") : enforceRange(delta, "delta");
      const old = mem.grow(d);
      if (old < 0) throw new RangeError(`cannot grow the memory by ${d} pages`);
      // A grow by 0 pages still gives a new buffer (the spec's "refresh the memory buffer").
      if (d === 0 && !mem.shared) mem.resize(mem.byteLength);
      return mem.address64 ? BigInt(old) : old;
    }

    /** The memory's bytes: the same `ArrayBuffer` until the memory grows. */
    get buffer(): ArrayBuffer | SharedArrayBuffer {
      return memoryOf(ctx, this).buffer;
    }
  }
  enumerableMembers(Memory.prototype, ["grow", "buffer"]);
  toStringTag(Memory.prototype, "WebAssembly.Memory");
  ctx.Memory = Memory;
}
