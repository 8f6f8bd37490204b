/**
 * Tail calls in compiled code, by trampoline. A function that makes a tail
 * call (`return_call`, `return_call_indirect`) is emitted as its body
 * `G<i>`, which for a tail call stores the callee and its arguments here
 * and returns {@link TAIL}, and a wrapper `F<i>` (its public entry, `jit`)
 * that calls `G<i>` and, when it gets {@link TAIL}, runs
 * {@link trampoline}: the pending calls are made from there one after the
 * other, so a chain of tail calls of any length holds two JavaScript frames.
 * Functions without tail calls are emitted as before and never see the
 * marker: a call that is not a tail call costs nothing more.
 * @module
 */
import type { FuncInstance, ModuleInstance } from "../../runtime/instances.js";
import type { Meter } from "./meter.js";

/** How the trampoline calls a function that has no compiled body (helpers.ts installs its `callOut`; no import, so no cycle). */
let callOut: (f: FuncInstance, args: unknown[], caller: ModuleInstance, d: number, meter: Meter | null) => unknown = () => {
  throw new Error("tail calls not installed");
};

/** Installs {@link callOut} (called once by helpers.ts). */
export function setTailCallOut(fn: typeof callOut): void {
  callOut = fn;
}

/** What a tail-calling function body returns instead of its results: "make the call pending in {@link TC}". */
export const TAIL: object = Object.freeze({ tail: true });

/**
 * The pending tail call: the callee, its number of argument parts in
 * {@link TA}, the calling instance, the depth the callee runs at (the
 * tail-calling frame's own) and the calling code's event meter.
 */
export const TC: { f: FuncInstance | null; n: number; i: ModuleInstance | null; d: number; m: Meter | null } =
  { f: null, n: 0, i: null, d: 0, m: null };

/**
 * The pending call's arguments in compiled form from index 1 (index 0 is
 * null: a generic array, whose NaN payloads V8 keeps). Read at once by
 * {@link trampoline}, before any other code can write it.
 */
export const TA: unknown[] = [null];

/** A compiled function that has a tail-calling body: `g` is that body (it may return {@link TAIL}). */
interface Tailing {
  (...a: unknown[]): unknown;
  g?: (...a: unknown[]) => unknown;
}

/** Makes the pending tail calls until one returns results; returns those. */
export function trampoline(): unknown {
  for (;;) {
    const f = TC.f!, n = TC.n, inst = TC.i!, d = TC.d, meter = TC.m;
    TC.f = null; TC.i = null; TC.m = null;
    const jit = f.jit as Tailing | null;
    let r: unknown;
    if (jit !== null) {
      // The callee's body when it has one, so its own tail calls come back to this loop; the depth last.
      const g = jit.g ?? jit;
      const a = TA;
      switch (n) {
        case 0: r = g(d); break;
        case 1: r = g(a[1], d); break;
        case 2: r = g(a[1], a[2], d); break;
        case 3: r = g(a[1], a[2], a[3], d); break;
        case 4: r = g(a[1], a[2], a[3], a[4], d); break;
        case 5: r = g(a[1], a[2], a[3], a[4], a[5], d); break;
        case 6: r = g(a[1], a[2], a[3], a[4], a[5], a[6], d); break;
        default: r = g(...a.slice(1, n + 1), d);
      }
    } else {
      // callOut takes the caller's depth: the tail-calling frame's caller's.
      r = callOut(f, TA.slice(0, n + 1), inst, d - 1, meter);
    }
    if (r !== TAIL) return r;
  }
}
