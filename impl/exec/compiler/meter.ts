/**
 * Fuel, epoch and deadline checks in compiled code (issue 14): the
 * compiled tier counts the interpreter's events (each call, counted at the
 * callee's entry, an entry from the host included; each backward branch;
 * each call of a host function) against a slice of the store's budget held
 * in a {@link Meter}, one per store. Generated code decrements `n` and
 * calls {@link tick} when it goes below zero, where the events are charged
 * to the store (`Interrupts.spend`), the store says whether to stop
 * (`Interrupts.check`: the same traps as the interpreter's) and a new slice
 * is taken. So fuel is exact, as on the interpreter: the same program with
 * the same fuel stops at the same event with the same fuel left, on either
 * tier. Only instances of stores that can be interrupted get this code
 * (a second generated factory): the others pay nothing.
 * @module
 */
import { Trap } from "../../base/errors.js";
import type { Store } from "../../runtime/store.js";

/**
 * The events a slice holds at most: the interpreter's rhythm (its dispatch
 * loop's budget between suspensions); the store caps it by its fuel and by
 * the events to its next look at the clock and epoch.
 */
const SLICE = 1 << 14;

/** A slice when nothing is set that could stop code (all that can stop it was cleared since compiling). */
const UNMETERED = 1 << 30;

/** The events compiled code of one store may still run before it reports to the store. */
export class Meter {
  /** Events left in the slice (below zero: one event past it, the one that reports). */
  n = 0;
  /** The size of the slice taken. */
  got = 0;

  constructor(readonly store: Store) {}
}

const meters = new WeakMap<Store, Meter>();

/** The meter of `store` (made on first use). */
export function meterFor(store: Store): Meter {
  let m = meters.get(store);
  if (m === undefined) {
    m = new Meter(store);
    meters.set(store, m);
  }
  return m;
}

/**
 * Takes a new slice from the store: {@link SLICE} events, or the fuel left
 * if less. Not capped by the events to the store's next look at the clock
 * and epoch (1,024, the interpreter's `CHECK_INTERVAL`): compiled code runs
 * an event in nanoseconds, and looking (a clock read, a BigInt from the
 * epoch counter) every 1,024 of them cost up to 70% on a call-bound kernel.
 * So compiled code looks every 16,384 events: still within about 100
 * microseconds of a deadline.
 */
function take(m: Meter): void {
  const watch = m.store.interrupts;
  let b = UNMETERED;
  if (watch !== null) {
    b = SLICE;
    if (watch.fuelOn && watch.fuel < b) b = watch.fuel < 0 ? 0 : watch.fuel;
  }
  m.n = b;
  m.got = b;
}

/** Charges the store for the events run since the slice was taken; the slice is then empty. */
export function settle(m: Meter): void {
  const used = m.got - m.n;
  m.got = 0;
  m.n = 0;
  const watch = m.store.interrupts;
  if (used !== 0 && watch !== null) watch.spend(used);
}

/** Charges the events, throws the interrupt that is due (as the interpreter does), takes a new slice. */
function report(m: Meter): void {
  settle(m);
  const watch = m.store.interrupts;
  if (watch !== null) {
    const why = watch.check();
    if (why !== null) throw new Trap(why);
  }
  take(m);
}

/** Called by generated code when `m.n` went below zero: the slice is spent. */
export function tick(m: Meter): void {
  report(m);
}

/**
 * Before compiled code of the meter's store starts running from outside
 * compiled code. Whoever runs code of the store in between (the host, the
 * interpreter, a nested entry) finds the store's state exact: compiled code
 * settles its slice before every call out of it (see {@link pause}).
 *
 * While a deadline or an epoch deadline is set, the slice taken is empty
 * and the store looks at the clock and the epoch at once: the entry's event
 * reports (`tick`, in the callee's prologue), so a deadline that passed
 * while nothing ran, or stopped the previous call, stops this one before
 * its first instruction, inside its frame (the interpreter's trace).
 */
export function enter(m: Meter): void {
  const watch = m.store.interrupts;
  if (watch !== null && (watch.deadline !== Infinity || watch.epochDeadline >= 0n || watch.halt !== null)) {
    watch.lookSoon();
    m.n = 0;
    m.got = 0;
    return;
  }
  take(m);
}

/** After it returns or throws: charges what it ran. */
export function leave(m: Meter): void {
  settle(m);
}

/**
 * Around a call out of compiled code (a host function, or wasm run by the
 * interpreter): charges what ran so far plus `events` (a host call is one
 * event; an interpreted function charges its own entry), so the store's
 * state is exact while others run code of the store...
 */
export function pause(m: Meter, events: number): void {
  m.n -= events;
  settle(m);
}

/** ...and after it: looks for an interrupt that became due (checking as the interpreter does after a host call), takes a new slice. */
export function resume(m: Meter): void {
  report(m);
}
