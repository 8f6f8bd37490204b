/**
 * Interrupting running code (an extension; WebAssembly itself has no such
 * notion): a store's fuel, its wall-clock deadline and its epoch deadline.
 * Engine-agnostic: a tier counts *events* (a loop's backward branch, a
 * call) as it runs, reports how many it counted with {@link Interrupts.spend},
 * and asks {@link Interrupts.check} whether to stop; the interpreter does
 * both only where its dispatch loop already suspends, so none of this costs
 * anything in a store that has nothing set (its `interrupts` is null).
 * @module
 */
import { TrapMessage } from "../base/errors.js";

/**
 * Events (backward branches and calls) between two looks at the clock and
 * the epoch counter when a deadline or an epoch deadline is set. Small
 * enough that a loop stops within microseconds of the deadline; large
 * enough that the look costs nothing measurable.
 */
export const CHECK_INTERVAL = 1024;

/**
 * Threads: the longest a `memory.atomic.wait` sleeps between two looks at
 * the epoch and the thread group's halt word, in milliseconds (see
 * {@link Interrupts.waitSliceMs}): an epoch interrupt reaches a sleeping
 * thread within about this long.
 */
export const WAIT_SLICE_MS = 5;

/** The most fuel a store holds: integers are exact up to here. */
export const MAX_FUEL = Number.MAX_SAFE_INTEGER;

/**
 * An epoch counter that any thread can advance: a 64-bit integer in a
 * `SharedArrayBuffer`, read and written with `Atomics`. A store whose epoch
 * deadline is `d` stops the code it runs (the trap
 * "interrupted (epoch deadline)") once the counter reaches `d`. Hand
 * {@link Epoch.buffer} to a worker (`postMessage` or `workerData`) and
 * `new Epoch(buffer)` there shares the counter; or increment it there with
 * `Atomics.add(new BigInt64Array(buffer), 0, 1n)`.
 */
export class Epoch {
  /** The counter's memory: 8 bytes, shareable with other threads. */
  readonly buffer: SharedArrayBuffer;
  readonly #cell: BigInt64Array;

  /** A counter at 0, or the counter held in the first 8 bytes of `buffer` (shared with whoever holds it). */
  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < 8) {
      throw new TypeError("an epoch counter needs a SharedArrayBuffer of at least 8 bytes");
    }
    this.buffer = buffer;
    this.#cell = new BigInt64Array(buffer, 0, 1);
  }

  /** The counter now. */
  get value(): bigint {
    return Atomics.load(this.#cell, 0);
  }

  /** Advances the counter by `delta` (default 1) atomically; returns the new value. */
  increment(delta = 1n): bigint {
    return Atomics.add(this.#cell, 0, delta) + delta;
  }
}

/**
 * The interruption state of one store, read by the tier that runs its code.
 * Fuel is a count of events: every backward branch (a loop's next
 * iteration), every call (wasm or host, tail calls included) and every
 * entry from the host costs one unit. The same program with the same fuel
 * therefore stops at the same point with the same fuel left, whatever the
 * machine's speed.
 */
export class Interrupts {
  /** True when fuel is consumed (the store was made with `consumeFuel`). */
  readonly fuelOn: boolean;
  /** Fuel left (meaningful when {@link fuelOn}). */
  fuel = 0;
  /** The wall-clock deadline in `performance.now()` milliseconds; Infinity for none. */
  deadline = Infinity;
  /** The epoch counter (null when the store has no epoch). */
  readonly epoch: Epoch | null;
  /** The epoch value at which code stops; -1 for none. */
  epochDeadline = -1n;
  /**
   * Threads: a word shared by a group of threads (wasi-threads) that becomes
   * nonzero when one of them ends the program (`proc_exit`, a trap); code of
   * this store then stops with the trap "thread group exited". Read with the
   * epoch. Null when the store runs no such group's code.
   */
  halt: Int32Array | null = null;
  /** Events left before the next look at the clock and the epoch. */
  #countdown = CHECK_INTERVAL;

  constructor(fuelOn: boolean, epoch: Epoch | null) {
    this.fuelOn = fuelOn;
    this.epoch = epoch;
  }

  /** True when anything is set that can stop code (fuel on, a deadline or an epoch deadline). */
  get active(): boolean {
    return this.fuelOn || this.deadline !== Infinity || this.epochDeadline >= 0n || this.halt !== null;
  }

  /**
   * How many events the tier may run before it reports back: at most
   * `slice` (the tier's own rhythm), never more than the fuel left, nor
   * than the events before the next look at the clock and epoch (when
   * either deadline is set).
   */
  budget(slice: number): number {
    let b = slice;
    if ((this.deadline !== Infinity || this.epochDeadline >= 0n || this.halt !== null) && this.#countdown < b) b = this.#countdown;
    if (this.fuelOn && this.fuel < b) b = this.fuel;
    return b < 0 ? 0 : b;
  }

  /** Records that `events` events ran (fuel may go below zero: {@link check} then stops). */
  spend(events: number): void {
    this.#countdown -= events;
    if (this.fuelOn) this.fuel -= events;
  }

  /**
   * Why the code must stop now, or null: the fuel ran out (more events ran
   * than there was fuel for; the fuel is then 0), the epoch reached its
   * deadline, or the deadline passed. The clock and the epoch are read only
   * once every {@link CHECK_INTERVAL} events.
   */
  check(): string | null {
    if (this.fuelOn && this.fuel < 0) {
      this.fuel = 0;
      return TrapMessage.OutOfFuel;
    }
    if (this.#countdown > 0) return null;
    // Once reached, a deadline stays reached: the next check looks again at once (the next call traps).
    if (this.epochDeadline >= 0n && this.epoch !== null && this.epoch.value >= this.epochDeadline) return TrapMessage.EpochInterrupt;
    if (this.halt !== null && Atomics.load(this.halt, 0) !== 0) return TrapMessage.ThreadGroupExit;
    if (this.deadline !== Infinity && performance.now() >= this.deadline) return TrapMessage.DeadlineExceeded;
    this.#countdown = CHECK_INTERVAL;
    return null;
  }

  /**
   * Threads: why code sleeping in `memory.atomic.wait` must stop now, or
   * null: the epoch reached its deadline, the thread group ended, or the
   * deadline passed. Fuel is not looked at: a sleeping thread spends none.
   * Reads the epoch and the clock at once (a wait is no hot loop).
   */
  pending(): string | null {
    if (this.epochDeadline >= 0n && this.epoch !== null && this.epoch.value >= this.epochDeadline) return TrapMessage.EpochInterrupt;
    if (this.halt !== null && Atomics.load(this.halt, 0) !== 0) return TrapMessage.ThreadGroupExit;
    if (this.deadline !== Infinity && performance.now() >= this.deadline) return TrapMessage.DeadlineExceeded;
    return null;
  }

  /**
   * Threads: the longest a wait may sleep before looking at {@link pending}
   * again, in milliseconds: until the deadline when one is set, and at most
   * {@link WAIT_SLICE_MS} when an epoch deadline or a thread-group halt
   * word is set (the epoch is a counter nobody notifies a waiter of).
   */
  waitSliceMs(): number {
    let ms = this.deadline === Infinity ? Infinity : Math.max(0, this.deadline - performance.now());
    if ((this.epochDeadline >= 0n || this.halt !== null) && ms > WAIT_SLICE_MS) ms = WAIT_SLICE_MS;
    return ms;
  }

  /** Makes the next {@link check} look at the clock and the epoch (after a deadline was set). */
  lookSoon(): void {
    this.#countdown = 0;
  }
}
