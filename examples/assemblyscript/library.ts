// An AssemblyScript library (compiled by `npm run build:assemblyscript` into library.wasm, committed
// beside it) that exchanges strings, arrays and objects with JavaScript through @assemblyscript/loader.
// This file is AssemblyScript, not TypeScript for tsc: tsconfig.json excludes this folder.

/** A greeting made in wasm from a string made in JavaScript. */
export function greet(name: string): string {
  return "Hello, " + name + "! (" + name.length.toString() + " UTF-16 units)";
}

/** The string with its characters in reverse order. */
export function reverse(s: string): string {
  let out = "";
  for (let i = s.length - 1; i >= 0; i--) out += s.charAt(i);
  return out;
}

/** The sum of a typed array JavaScript filled. */
export function sum(values: Int32Array): i64 {
  let total: i64 = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/** A typed array made in wasm: the first `n` squares. */
export function squares(n: i32): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i * i;
  return out;
}

/** The words of a sentence, as an array of strings. */
export function words(sentence: string): string[] {
  return sentence.split(" ").filter((w: string) => w.length > 0);
}

/** The strings of an array JavaScript made, joined after sorting. */
export function sortJoin(items: string[], separator: string): string {
  const copy = items.slice(0);
  copy.sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0));
  return copy.join(separator);
}

/** A point: an object JavaScript holds as a reference (a pinned pointer) and hands back to wasm. */
class Point {
  constructor(public x: f64, public y: f64) {}

  /** The distance to another point. */
  distanceTo(other: Point): f64 {
    const dx = this.x - other.x, dy = this.y - other.y;
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** The point as text. */
  toString(): string {
    return "(" + this.x.toString() + ", " + this.y.toString() + ")";
  }
}

/** A new point (AssemblyScript exports no classes: JavaScript makes objects through functions). */
export function makePoint(x: f64, y: f64): Point {
  return new Point(x, y);
}

/** The midpoint of two points: an object made in wasm and handed to JavaScript. */
export function midpoint(a: Point, b: Point): Point {
  return new Point((a.x + b.x) / 2, (a.y + b.y) / 2);
}

/** The distance between two points. */
export function distance(a: Point, b: Point): f64 {
  return a.distanceTo(b);
}

/** A point as text. */
export function describe(p: Point): string {
  return p.toString();
}

/** Runtime ids JavaScript needs to make arrays of these types with `__newArray`. */
export const Int32Array_ID = idof<Int32Array>();
export const StringArray_ID = idof<string[]>();

/** A call out to JavaScript with a string argument (an import). */
declare function log(message: string): void;

/** Logs through the host, then traps when asked to (an `abort` the loader reports). */
export function check(value: i32): i32 {
  log("checking " + value.toString());
  assert(value >= 0, "value must not be negative");
  return value * 2;
}
