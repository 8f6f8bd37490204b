/**
 * Extensions for debugging and porting: the live-object counter and stable
 * object addresses for C's `%p`.
 * @module
 */
import { live } from "../internal/handles.js";
import { liveCount } from "../internal/live.js";
import { wasm_ref_t } from "../internal/objects.js";

/**
 * The number of live objects in this thread (extension): everything made by
 * a `_new`, a `_copy` or handed out as `own` and not yet deleted (engines,
 * stores, configs, types, frames, shared modules), plus every runtime object
 * whose finalizers have not run yet. A program that deletes what it owns
 * ends with the count it started with, so leak tests compare the two.
 * @category Extensions
 */
export function wasmts_live_count(): number {
  return liveCount();
}

const addresses = new WeakMap<object, number>();
const primitiveAddresses = new Map<unknown, number>();
let nextAddress = 1;

/**
 * A stable number standing for the address of the object a reference
 * designates (extension), for ports of C code that prints pointers with
 * `%p`: 0 for null, otherwise a positive integer given on first request, the
 * same for every handle of the object. Print it as `0x${n.toString(16)}`.
 * @category Extensions
 */
export function wasmts_ref_address(r: wasm_ref_t | null): number {
  if (r === null || r === undefined) return 0;
  const obj = live(r, wasm_ref_t, "wasmts_ref_address")._rec.obj;
  if ((typeof obj === "object" && obj !== null) || typeof obj === "function") {
    let a = addresses.get(obj);
    if (a === undefined) addresses.set(obj, (a = nextAddress++));
    return a;
  }
  let a = primitiveAddresses.get(obj);
  if (a === undefined) primitiveAddresses.set(obj, (a = nextAddress++));
  return a;
}
