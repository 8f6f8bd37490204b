/**
 * Where memories get their storage: one place that allocates `ArrayBuffer`s
 * for memories, so allocation failure is handled the same everywhere and
 * tests can make it happen on demand.
 * @module
 */

/** Test hook: allocations for which it returns true fail. */
let failWhen: ((byteLength: number) => boolean) | null = null;

/**
 * A new zero-filled `ArrayBuffer` of `byteLength` bytes; throws `RangeError`
 * when the host cannot allocate it. Large buffers are mapped lazily by the
 * host: pages never written cost address space, not memory.
 */
export function allocateBuffer(byteLength: number): ArrayBuffer {
  if (failWhen !== null && failWhen(byteLength)) throw new RangeError(`cannot allocate ${byteLength} bytes (injected failure)`);
  return new ArrayBuffer(byteLength);
}

/**
 * Makes allocations of the sizes for which `predicate` returns true fail (null
 * removes it), so tests reach allocation failure without exhausting the machine.
 * @internal
 */
export function setAllocationFailureForTesting(predicate: ((byteLength: number) => boolean) | null): void {
  failWhen = predicate;
}
