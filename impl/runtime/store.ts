/**
 * The store: the context runtime objects are allocated in, and what the
 * host set for the code it runs (extensions after Wasmtime's store: fuel,
 * a wall-clock deadline, an epoch deadline, resource limits, the call-depth
 * limit).
 * @module
 */
import { Interrupts, MAX_FUEL, type Epoch } from "./interrupts.js";
import { StoreLimits } from "./limits.js";

/** The default limit on frames active at once (wasm functions and host functions called from wasm). */
export const DEFAULT_MAX_CALL_DEPTH = 10_000;

/** Options of a new {@link Store}, as an engine's configuration would give them. */
export interface StoreOptions {
  /** Count fuel (Wasmtime's `consume_fuel`): code stops with "all fuel consumed" when it runs out. The store starts with none. */
  readonly consumeFuel?: boolean;
  /** The epoch counter that {@link Store.setEpochDeadline} is measured against (Wasmtime's `epoch_interruption`). */
  readonly epoch?: Epoch | null;
  /** The most frames active at once (default {@link DEFAULT_MAX_CALL_DEPTH}); one more traps with "call stack exhausted". */
  readonly maxCallDepth?: number;
  /**
   * The execution tier of the store's code (default "tiered", see
   * DECISIONS.md): "interpreter" runs everything on the interpreter; "compiler" turns each module
   * instance's functions into JavaScript functions on their first call;
   * "tiered" does so at the first call for a module of up to 256 KiB of
   * code, and for a larger one once it has run long enough, moving running
   * frames (see impl/exec/tier.ts and impl/exec/tiered.ts).
   */
  readonly tier?: TierName;
  /**
   * For the "tiered" tier: the events (backward branches and calls) a module
   * instance runs on the interpreter before it is compiled. The default
   * grows with the module's code (see impl/exec/tiered.ts); 0 compiles at
   * the first look, which with `tierSlice: 1` moves every frame to compiled
   * code at its first loop iteration or call (the spec runner tests the
   * tiered mode so).
   */
  readonly tierUpEvents?: number;
  /** For the "tiered" tier: events between two looks at what is hot (default 1,024). */
  readonly tierSlice?: number;
}

/** The execution tiers a store can run its code with. */
export type TierName = "interpreter" | "compiler" | "tiered";

/** Whether `t` names a tier. */
export function isTierName(t: unknown): t is TierName {
  return t === "interpreter" || t === "compiler" || t === "tiered";
}

/** Events a tiered store's loop runs between two looks at what is hot. */
export const DEFAULT_TIER_SLICE = 1024;

/** Checks that `n` is a count: a non-negative integer (a bigint or a number). */
function count(n: number | bigint, what: string): number {
  const v = typeof n === "bigint" ? Number(n) : n;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new RangeError(`${what} must be a non-negative integer, got ${String(n)}`);
  return v;
}

/**
 * A store: the context runtime objects are allocated in. It keeps none of
 * them: an instance, like every runtime object, lives as long as something
 * reaches it (the host, an instance that imports from it, a table or global
 * holding one of its functions) and is then garbage, so a loop that
 * instantiates and drops instances runs in constant memory (see DECISIONS.md,
 * "Why does a store not keep its instances?").
 */
export class Store {
  /** How many module instances were allocated in this store so far (a count; the store holds none of them). */
  instanceCount = 0;
  /** Resource limits (all unlimited until set); see {@link StoreLimits}. */
  readonly limits = new StoreLimits();
  /** The most frames active at once in calls that enter this store's code. */
  maxCallDepth: number;
  /** The tier that runs the store's code (fixed when the store is made). */
  readonly tier: TierName;
  /** Tiered tier: events an instance runs before it is compiled (undefined: the default, by module size). */
  readonly tierUpEvents: number | undefined;
  /** Tiered tier: events between two looks at what is hot (the option, or its default). */
  readonly tierSliceOption: number;
  /**
   * Tiered tier: events between two looks now. It drops to 1 while frames
   * are moving to compiled code (each interpreted caller's next call moves
   * too), and comes back to {@link Store.tierSliceOption} when a look finds
   * nothing to move (see impl/exec/tiered.ts).
   */
  tierSlice: number;
  /** Tiered tier: events left before the next look (carried across the loop's stops for host calls). */
  tierBudget: number;
  /** Whether fuel is counted (fixed when the store is made). */
  readonly consumeFuel: boolean;
  /** The epoch counter of the store's engine, or null when epoch interruption is off. */
  readonly epoch: Epoch | null;
  /**
   * What can stop running code, read by the tier on every call into the
   * store's code: null while nothing is set, which the tier takes as "never
   * look" (no cost at all).
   */
  interrupts: Interrupts | null = null;
  readonly #state: Interrupts;

  constructor(options: StoreOptions = {}) {
    this.consumeFuel = options.consumeFuel === true;
    const tier = options.tier ?? "tiered";
    if (!isTierName(tier)) throw new RangeError(`tier must be "interpreter", "compiler" or "tiered", got ${String(tier)}`);
    this.tier = tier;
    this.tierUpEvents = options.tierUpEvents === undefined ? undefined : count(options.tierUpEvents, "tierUpEvents");
    this.tierSliceOption = options.tierSlice === undefined ? DEFAULT_TIER_SLICE : count(options.tierSlice, "tierSlice");
    if (this.tierSliceOption < 1) throw new RangeError("tierSlice must be at least 1");
    this.tierSlice = this.tierSliceOption;
    this.tierBudget = this.tierSlice;
    this.epoch = options.epoch ?? null;
    this.maxCallDepth = options.maxCallDepth === undefined ? DEFAULT_MAX_CALL_DEPTH : count(options.maxCallDepth, "maxCallDepth");
    if (this.maxCallDepth < 1) throw new RangeError("maxCallDepth must be at least 1");
    this.#state = new Interrupts(this.consumeFuel, this.epoch);
    this.#update();
  }

  /** Publishes the interruption state to the tiers: the object while anything is set, else null. */
  #update(): void {
    this.interrupts = this.#state.active ? this.#state : null;
  }

  #needFuel(what: string): void {
    if (!this.consumeFuel) throw new Error(`${what}: fuel is not consumed in this store (make it with consumeFuel)`);
  }

  /** Sets the fuel left (Wasmtime's `set_fuel`); the store must consume fuel. */
  setFuel(fuel: number | bigint): void {
    this.#needFuel("setFuel");
    this.#state.fuel = Math.min(count(fuel, "fuel"), MAX_FUEL);
  }

  /** The fuel left (Wasmtime's `get_fuel`); the store must consume fuel. */
  getFuel(): number {
    this.#needFuel("getFuel");
    return this.#state.fuel;
  }

  /** Adds fuel (at most up to 2^53 - 1 in all); the store must consume fuel. */
  addFuel(fuel: number | bigint): void {
    this.#needFuel("addFuel");
    this.#state.fuel = Math.min(this.#state.fuel + count(fuel, "fuel"), MAX_FUEL);
  }

  /**
   * Stops code running in this store once `milliseconds` have passed from
   * now (wall-clock time, `performance.now()`), with the trap "deadline
   * exceeded". Checked where the tier already pauses, every 1,024
   * backward branches or calls (`CHECK_INTERVAL`). Stays set (later
   * calls trap at once) until cleared or set again.
   */
  setDeadline(milliseconds: number): void {
    if (typeof milliseconds !== "number" || Number.isNaN(milliseconds) || milliseconds < 0) {
      throw new RangeError(`a deadline must be a non-negative number of milliseconds, got ${String(milliseconds)}`);
    }
    this.#state.deadline = performance.now() + milliseconds;
    this.#state.lookSoon();
    this.#update();
  }

  /** Removes the wall-clock deadline. */
  clearDeadline(): void {
    this.#state.deadline = Infinity;
    this.#update();
  }

  /**
   * Stops code running in this store, with the trap "interrupted (epoch
   * deadline)", once the epoch counter reaches its current value plus
   * `delta` (Wasmtime's `set_epoch_deadline`). The store must have an epoch.
   */
  setEpochDeadline(delta: number | bigint): void {
    if (this.epoch === null) throw new Error("setEpochDeadline: the store has no epoch (make it with an epoch)");
    this.#state.epochDeadline = this.epoch.value + BigInt(count(delta, "an epoch delta"));
    this.#state.lookSoon();
    this.#update();
  }

  /** Removes the epoch deadline. */
  clearEpochDeadline(): void {
    this.#state.epochDeadline = -1n;
    this.#update();
  }

  /**
   * Threads: makes code of this store stop, with the trap "thread group
   * exited", once the shared word `halt[0]` becomes nonzero (another thread
   * of a wasi-threads program ended it). Set it before the code starts: a
   * call already running keeps the interruption state it started with.
   */
  setHalt(halt: Int32Array | null): void {
    this.#state.halt = halt;
    this.#state.lookSoon();
    this.#update();
  }
}
