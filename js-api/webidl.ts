/**
 * The few Web IDL rules the namespace's interfaces follow, in one place:
 * operations and attributes are enumerable, interface objects and the
 * namespace's members are not, each prototype carries a `Symbol.toStringTag`,
 * and the integer conversions of `[EnforceRange] unsigned long`.
 * @see https://webidl.spec.whatwg.org/#es-interfaces
 * @module
 */

/** Makes the named prototype members (methods and accessors) enumerable, as Web IDL defines operations and attributes. */
export function enumerableMembers(proto: object, names: readonly string[]): void {
  for (const name of names) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (d === undefined) throw new Error(`no member ${name}`);
    Object.defineProperty(proto, name, { ...d, enumerable: true });
  }
}

/** Sets `Symbol.toStringTag` the Web IDL way (not writable, not enumerable, configurable). */
export function toStringTag(target: object, tag: string): void {
  Object.defineProperty(target, Symbol.toStringTag, { value: tag, writable: false, enumerable: false, configurable: true });
}

/** Defines a data property that is writable and configurable; `enumerable` as asked. */
export function defineValue(target: object, name: string, value: unknown, enumerable: boolean): void {
  Object.defineProperty(target, name, { value, writable: true, enumerable, configurable: true });
}

/**
 * Web IDL's `[EnforceRange] unsigned long` (and `unsigned long long` up to
 * `max`): ToNumber, then a `TypeError` for NaN, infinities and values out of
 * range after truncation.
 * @see https://webidl.spec.whatwg.org/#abstract-opdef-converttoint
 */
export function enforceRange(v: unknown, what: string, max = 0xffffffff): number {
  const n = +(v as number);
  if (!Number.isFinite(n)) throw new TypeError(`${what} must be a finite number, got ${String(n)}`);
  const t = Math.trunc(n);
  if (t < 0 || t > max) throw new TypeError(`${what} is out of range: ${t}`);
  return t === 0 ? 0 : t;
}

/**
 * An address of a memory64 or table64 (`AddressValueToU64` for the address
 * type i64): the value as a BigInt (ToBigInt: a Number is a `TypeError`, a
 * string is parsed, a boolean is 0 or 1), which must be a u64 (a
 * `TypeError` otherwise), as a number (beyond 2^53 the nearest double:
 * every such value is past any memory or table).
 * @see https://webassembly.github.io/spec/js-api/#abstract-opdef-addressvaluetou64
 */
export function u64Address(v: unknown, what: string): number {
  if (typeof v === "number" || typeof v === "symbol" || v === undefined || v === null) {
    throw new TypeError(`${what} must be a BigInt for i64 addresses`);
  }
  const b = BigInt(v as bigint | string | boolean);
  if (b < 0n || b >= 2n ** 64n) throw new TypeError(`${what} is out of range: ${b}`);
  return Number(b);
}

/** Web IDL's `DOMString` conversion: ToString (a `TypeError` for symbols). */
export function domString(v: unknown): string {
  if (typeof v === "symbol") throw new TypeError("cannot convert a Symbol to a string");
  return `${v as string}`;
}

/** Web IDL's dictionary conversion: undefined and null are an empty dictionary, other non-objects a `TypeError`. */
export function dictionary(v: unknown, what: string): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== "object" && typeof v !== "function") throw new TypeError(`${what} must be an object`);
  return v as Record<string, unknown>;
}

/** Whether `v` is an object (Web IDL's "is an Object"). */
export function isObject(v: unknown): v is object {
  return (typeof v === "object" && v !== null) || typeof v === "function";
}
