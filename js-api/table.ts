/**
 * `WebAssembly.Table`: a table of `funcref` or `externref` elements.
 * @see https://webassembly.github.io/spec/js-api/#tables
 * @module
 */
import { TABLE_SIZE_LIMIT, TableInstance } from "../impl/index.js";
import type { Context } from "./context.js";
import { addressType } from "./memory.js";
import { defaultValue, tableElementType, toJSValue, toWebAssemblyValue } from "./values.js";
import { dictionary, domString, enforceRange, enumerableMembers, toStringTag, u64Address } from "./webidl.js";

/** The `Table` object of an engine table: the same object every time (the spec's table object cache). */
export function tableObject(ctx: Context, table: TableInstance): object {
  const known = ctx.tableObjects.get(table);
  if (known !== undefined) return known;
  const obj = Object.create(ctx.Table.prototype as object) as object;
  ctx.tables.set(obj, table);
  ctx.tableObjects.set(table, obj);
  return obj;
}

function tableOf(ctx: Context, obj: unknown): TableInstance {
  const t = typeof obj === "object" && obj !== null ? ctx.tables.get(obj) : undefined;
  if (t === undefined) throw new TypeError("not a WebAssembly.Table");
  return t;
}

/** An index, length or delta of `table` from JavaScript: a u32 number, or a table64's u64 BigInt. */
function addressOf(table: TableInstance, v: unknown, what: string): number {
  return table.type.address64 === true ? u64Address(v, what) : enforceRange(v, what);
}

/** An index or length of `table` for JavaScript: a number, or a table64's BigInt. */
function addressValue(table: TableInstance, n: number): number | bigint {
  return table.type.address64 === true ? BigInt(n) : n;
}

/** The value to store: the argument converted, or the element type's default when it is missing. */
function elementValue(ctx: Context, table: TableInstance, args: readonly unknown[], at: number): unknown {
  const t = table.type.elemType;
  return args.length > at && args[at] !== undefined ? toWebAssemblyValue(ctx, args[at], t, table.type.context) : defaultValue(t);
}

/** Defines `WebAssembly.Table` on `ctx`. */
export function defineTable(ctx: Context): void {
  class Table {
    /** A new table of `initial` elements of type `element`, each the value given or the type's default. */
    constructor(descriptor: unknown, ...rest: unknown[]) {
      if (typeof descriptor !== "object" || descriptor === null) throw new TypeError("a table descriptor must be an object");
      const d = dictionary(descriptor, "a table descriptor");
      const elementV = d["element"];
      if (elementV === undefined) throw new TypeError("a table descriptor needs 'element'");
      const element = tableElementType(elementV);
      // table64: "i64" here; anything else is the memory descriptor's address type ("i32", or a TypeError).
      const addressV = d["address"];
      const address = addressV === undefined ? "i32" : domString(addressV);
      const is64 = address === "i64";
      if (!is64) addressType(address);
      const size = (v: unknown, what: string): number => is64 ? u64Address(v, what) : enforceRange(v, what);
      const initialV = d["initial"];
      if (initialV === undefined) throw new TypeError("a table descriptor needs 'initial'");
      const initial = size(initialV, "initial");
      const maximumV = d["maximum"];
      const maximum = maximumV === undefined ? null : size(maximumV, "maximum");
      if (maximum !== null && maximum < initial) throw new RangeError(`initial ${initial} is over maximum ${maximum}`);
      if (initial > TABLE_SIZE_LIMIT) throw new RangeError(`initial ${initial} is over the limit of ${TABLE_SIZE_LIMIT} elements`);
      const value = rest.length > 0 && rest[0] !== undefined ? toWebAssemblyValue(ctx, rest[0], element) : defaultValue(element);
      const limits = { min: initial, max: maximum };
      const table = new TableInstance(is64 ? { elemType: element, limits, address64: true } : { elemType: element, limits }, value);
      ctx.tables.set(this, table);
      ctx.tableObjects.set(table, this);
    }

    /** Grows by `delta` elements (each the value given, or the default); the old length, or a `RangeError`. */
    grow(delta: unknown, ...rest: unknown[]): number | bigint {
      const table = tableOf(ctx, this);
      const d = addressOf(table, delta, "delta");
      const init = elementValue(ctx, table, rest, 0);
      const old = table.grow(d, init);
      if (old < 0) throw new RangeError(`cannot grow the table by ${d} elements`);
      return addressValue(table, old);
    }

    /** The element at `index` (a `RangeError` past the end). */
    get(index: unknown): unknown {
      const table = tableOf(ctx, this);
      const i = addressOf(table, index, "index");
      if (i >= table.size) throw new RangeError(`index ${i} is out of the table's ${table.size} elements`);
      return toJSValue(ctx, table.elements[i], table.type.elemType);
    }

    /** Sets the element at `index` to the value given (or the default; a `RangeError` past the end). */
    set(index: unknown, ...rest: unknown[]): void {
      const table = tableOf(ctx, this);
      const i = addressOf(table, index, "index");
      if (i >= table.size) throw new RangeError(`index ${i} is out of the table's ${table.size} elements`);
      // An explicit undefined is a value here (a `TypeError` for a funcref table); only a missing one is the default.
      const t = table.type.elemType;
      table.elements[i] = rest.length > 0 ? toWebAssemblyValue(ctx, rest[0], t, table.type.context) : defaultValue(t);
    }

    /** The number of elements. */
    get length(): number | bigint {
      const table = tableOf(ctx, this);
      return addressValue(table, table.size);
    }
  }
  enumerableMembers(Table.prototype, ["grow", "get", "set", "length"]);
  toStringTag(Table.prototype, "WebAssembly.Table");
  ctx.Table = Table;
}

