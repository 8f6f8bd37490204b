/**
 * `WebAssembly.Table`: a table of `funcref` or `externref` elements.
 * @see https://webassembly.github.io/spec/js-api/#tables
 * @module
 */
import { TABLE_SIZE_LIMIT, TableInstance } from "../impl/index.js";
import type { Context } from "./context.js";
import { addressType } from "./memory.js";
import { defaultValue, tableElementType, toJSValue, toWebAssemblyValue } from "./values.js";
import { dictionary, enforceRange, enumerableMembers, toStringTag } from "./webidl.js";

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

/** The value to store: the argument converted, or the element type's default when it is missing. */
function elementValue(ctx: Context, table: TableInstance, args: readonly unknown[], at: number): unknown {
  const t = table.type.elemType;
  return args.length > at && args[at] !== undefined ? toWebAssemblyValue(ctx, args[at], t) : defaultValue(t);
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
      addressType(d["address"]);
      const initialV = d["initial"];
      if (initialV === undefined) throw new TypeError("a table descriptor needs 'initial'");
      const initial = enforceRange(initialV, "initial");
      const maximumV = d["maximum"];
      const maximum = maximumV === undefined ? null : enforceRange(maximumV, "maximum");
      if (maximum !== null && maximum < initial) throw new RangeError(`initial ${initial} is over maximum ${maximum}`);
      if (initial > TABLE_SIZE_LIMIT) throw new RangeError(`initial ${initial} is over the limit of ${TABLE_SIZE_LIMIT} elements`);
      const value = rest.length > 0 && rest[0] !== undefined ? toWebAssemblyValue(ctx, rest[0], element) : defaultValue(element);
      const table = new TableInstance({ elemType: element, limits: { min: initial, max: maximum } }, value);
      ctx.tables.set(this, table);
      ctx.tableObjects.set(table, this);
    }

    /** Grows by `delta` elements (each the value given, or the default); the old length, or a `RangeError`. */
    grow(delta: unknown, ...rest: unknown[]): number {
      const table = tableOf(ctx, this);
      const d = enforceRange(delta, "delta");
      const init = elementValue(ctx, table, rest, 0);
      const old = table.grow(d, init);
      if (old < 0) throw new RangeError(`cannot grow the table by ${d} elements`);
      return old;
    }

    /** The element at `index` (a `RangeError` past the end). */
    get(index: unknown): unknown {
      const table = tableOf(ctx, this);
      const i = enforceRange(index, "index");
      if (i >= table.size) throw new RangeError(`index ${i} is out of the table's ${table.size} elements`);
      return toJSValue(ctx, table.elements[i], table.type.elemType);
    }

    /** Sets the element at `index` to the value given (or the default; a `RangeError` past the end). */
    set(index: unknown, ...rest: unknown[]): void {
      const table = tableOf(ctx, this);
      const i = enforceRange(index, "index");
      if (i >= table.size) throw new RangeError(`index ${i} is out of the table's ${table.size} elements`);
      // An explicit undefined is a value here (a `TypeError` for a funcref table); only a missing one is the default.
      const t = table.type.elemType;
      table.elements[i] = rest.length > 0 ? toWebAssemblyValue(ctx, rest[0], t) : defaultValue(t);
    }

    /** The number of elements. */
    get length(): number {
      return tableOf(ctx, this).size;
    }
  }
  enumerableMembers(Table.prototype, ["grow", "get", "set", "length"]);
  toStringTag(Table.prototype, "WebAssembly.Table");
  ctx.Table = Table;
}

