/**
 * Resource limits of a store (an extension, after Wasmtime's
 * `StoreLimits`/`wasmtime_store_limiter`): how large each memory and table
 * may grow, and how many instances, tables and memories the store may make.
 * A grow past a limit fails the way the instruction fails (`memory.grow`
 * and `table.grow` give -1); an instantiation past one fails with a
 * {@link LinkError} "resource limit exceeded" before anything is allocated.
 * @module
 */
import { LinkError } from "../base/errors.js";
import { PAGE_SIZE } from "../base/types.js";
import type { Module } from "../decode/module.js";

/** The reason of the error an instantiation past a store's limit raises. */
export const RESOURCE_LIMIT_EXCEEDED = "resource limit exceeded";

/**
 * The limits of one store, and what it has made so far. Every limit starts
 * unlimited (Infinity); Wasmtime's defaults of 10,000 instances, tables and
 * memories are not copied, since a store here may make and drop instances
 * by the hundred thousand. Counts are of objects ever made in the store
 * (as in Wasmtime, whose stores keep every instance), host-made tables and
 * memories included.
 */
export class StoreLimits {
  /** The most bytes any one memory may have (its initial size and every grow). */
  memorySize = Infinity;
  /** The most elements any one table may have. */
  tableElements = Infinity;
  /** The most instances the store may make. */
  instances = Infinity;
  /** The most tables the store may make (defined by modules or by the host). */
  tables = Infinity;
  /** The most memories the store may make (defined by modules or by the host). */
  memories = Infinity;
  /** Instances made so far. */
  instanceCount = 0;
  /** Tables made so far. */
  tableCount = 0;
  /** Memories made so far. */
  memoryCount = 0;

  /** True when a memory may have `pages` pages. */
  memoryFits(pages: number): boolean {
    return pages * PAGE_SIZE <= this.memorySize;
  }

  /** True when a table may have `elements` elements. */
  tableFits(elements: number): boolean {
    return elements <= this.tableElements;
  }

  /**
   * Counts an instantiation of `module`: its instance, the tables and
   * memories it defines (imports are not new). Throws {@link LinkError}
   * "resource limit exceeded", counting nothing, when any count or any
   * initial size would pass its limit.
   */
  admitInstance(module: Module): void {
    const tables = module.tables.length, memories = module.memories.length;
    if (this.instanceCount + 1 > this.instances) exceeded(`${this.instanceCount + 1} instances`, `${this.instances}`);
    if (this.tableCount + tables > this.tables) exceeded(`${this.tableCount + tables} tables`, `${this.tables}`);
    if (this.memoryCount + memories > this.memories) exceeded(`${this.memoryCount + memories} memories`, `${this.memories}`);
    module.tables.forEach((t, i) => {
      if (!this.tableFits(t.limits.min)) exceeded(`table ${module.importedTables + i} of ${t.limits.min} elements`, `${this.tableElements} elements`);
    });
    module.memories.forEach((m, i) => {
      if (!this.memoryFits(m.limits.min)) {
        exceeded(`memory ${module.importedMemories + i} of ${m.limits.min} pages (${m.limits.min * PAGE_SIZE} bytes)`, `${this.memorySize} bytes`);
      }
    });
    this.instanceCount++;
    this.tableCount += tables;
    this.memoryCount += memories;
  }

  /** True when the host may make a table of `elements` elements (count it in {@link tableCount} once made). */
  canMakeTable(elements: number): boolean {
    return this.tableCount + 1 <= this.tables && this.tableFits(elements);
  }

  /** True when the host may make a memory of `pages` pages (count it in {@link memoryCount} once made). */
  canMakeMemory(pages: number): boolean {
    return this.memoryCount + 1 <= this.memories && this.memoryFits(pages);
  }

  /**
   * Sets the limits as `wasmtime_store_limiter` does: each argument is a
   * limit, or a negative number (or null) to leave that limit as it is.
   */
  set(memorySize: number | null, tableElements: number | null, instances: number | null, tables: number | null, memories: number | null): void {
    const given = (v: number | null): boolean => v !== null && v >= 0;
    if (given(memorySize)) this.memorySize = memorySize!;
    if (given(tableElements)) this.tableElements = tableElements!;
    if (given(instances)) this.instances = instances!;
    if (given(tables)) this.tables = tables!;
    if (given(memories)) this.memories = memories!;
  }
}

function exceeded(what: string, limit: string): never {
  throw new LinkError(RESOURCE_LIMIT_EXCEEDED, -1, "", "", null, null, `${what}, over the store's limit of ${limit}`);
}
