// @ts-check
/**
 * Reads the wasm.h function list (`wasm-h-api.md` of the shared folder) into
 * the prototype table: one entry per function with its header group, its C
 * prototype and the ownership of each parameter and of the result.
 *
 * The list is a markdown file: one `####` heading per header group ending in
 * "— N functions", then a table `| # | function | parameters | returns |`
 * whose cells hold the header's parameter and result types, and a closing
 * line "Total exported (non-inline) functions: 280." Upstream's 13 tag-type
 * functions are named in the file's introduction, not tabulated: they come
 * from the same macros as every other type (`WASM_DECLARE_TYPE` gives delete,
 * the five vector functions and copy; the extern-type casts follow the four
 * tabulated kinds), so they are derived from the functype and memorytype rows,
 * plus `wasm_tagtype_new` and `wasm_tagtype_functype` as the introduction
 * gives them. Any departure from that format throws: a table built from a
 * list it misread would be worse than none.
 *
 * Types are in `parse.d.mts`; this file is plain JavaScript so that the
 * typedoc plugin and the generator script run without a build.
 */

/** The number of functions the header declares, as the list states it. */
export const HEADER_FUNCTIONS = 280;
/** With upstream's tag-type functions. */
export const ALL_FUNCTIONS = 293;
/** The group the tag-type functions are filed under. */
export const TAGTYPE_GROUP = "`wasm_tagtype_t` (+ vec, up/down casts; upstream's addition for exception handling)";

/**
 * Classifies one C parameter or result type by who owns what it designates.
 * `own T* out` (a struct the callee fills) and `own T**` (a pointer the
 * callee stores into) are out-parameters; any other `own` passes ownership;
 * a pointer or array without `own` is borrowed; the rest (numbers, enums,
 * booleans, function pointers and callbacks) are plain values; a `void`
 * result is none.
 * @param {string} c the type as the header writes it, with its name if any
 * @param {boolean} isResult whether this is the result type
 * @returns {import("./parse.d.mts").Ownership}
 */
export function classify(c, isResult) {
  const text = c.trim();
  if (isResult && text === "void") return "none";
  if (/\(\s*\*\s*\w*\s*\)/.test(text) || /\bwasm_func_callback(_with_env)?_t\b/.test(text)) return "value";
  if (/^own\b/.test(text)) {
    if (!isResult && (/\*\*/.test(text) || /\*\s*out$/.test(text))) return "out";
    return "own";
  }
  if (/\*|\[\]/.test(text)) return "borrowed";
  return "value";
}

/**
 * Splits a parameter cell at its top-level commas (a function pointer's own
 * parameter list stays whole).
 * @param {string} cell
 * @returns {string[]}
 */
function splitParams(cell) {
  const parts = [];
  let depth = 0, start = 0;
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(cell.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(cell.slice(start).trim());
  return parts.filter((p) => p !== "" && p !== "void");
}

/**
 * The name a parameter carries in the header's text, if any: the last word
 * after the type (`const wasm_byte_vec_t* binary` → `binary`,
 * `void (*finalizer)(void*)` → `finalizer`).
 * @param {string} c
 * @returns {string | null}
 */
function paramName(c) {
  const fp = /\(\s*\*\s*(\w+)\s*\)/.exec(c);
  if (fp) return fp[1] ?? null;
  const m = /[*\s](\w+)$/.exec(c);
  if (!m || !m[1]) return null;
  const word = m[1];
  // A bare type (`size_t`, `wasm_valkind_t`, `wasm_func_callback_t`) has no name.
  if (/_t$/.test(word) || c.trim() === word || /^(own|const)$/.test(word)) return null;
  return word;
}

/**
 * Makes one table entry from a row's cells.
 * @param {string} name
 * @param {string} group
 * @param {string} paramsCell
 * @param {string} resultCell
 * @returns {import("./parse.d.mts").PrototypeEntry}
 */
export function entry(name, group, paramsCell, resultCell) {
  const params = splitParams(paramsCell).map((c) => ({ c, name: paramName(c), ownership: classify(c, false) }));
  const result = { c: resultCell.trim(), ownership: classify(resultCell, true) };
  const list = params.length === 0 ? "void" : params.map((p) => p.c).join(", ");
  return { name, group, prototype: `${result.c} ${name}(${list});`, params, result };
}

/** Strips the backticks of a markdown code cell. */
function unquote(/** @type {string} */ cell) {
  const m = /^`([^`]*)`$/.exec(cell.trim());
  if (!m) throw new Error(`wasm-h-api.md: expected a \`code\` cell, got ${JSON.stringify(cell)}`);
  return m[1] ?? "";
}

/**
 * The tag-type functions, derived from the functype group (the seven that
 * `WASM_DECLARE_TYPE` declares for every type) and the memorytype casts of
 * the externtype group, plus the two of the list's introduction.
 * @param {import("./parse.d.mts").PrototypeEntry[]} tabulated
 * @returns {import("./parse.d.mts").PrototypeEntry[]}
 */
function tagtypeEntries(tabulated) {
  const byName = new Map(tabulated.map((e) => [e.name, e]));
  /** @param {string} from @param {string} word */
  const derive = (from, word) => {
    const e = byName.get(from);
    if (!e) throw new Error(`wasm-h-api.md: ${from} is missing, the tag-type functions are derived from it`);
    const swap = (/** @type {string} */ s) => s.replaceAll(word, "tagtype");
    return entry(swap(e.name), TAGTYPE_GROUP, e.params.map((p) => swap(p.c)).join(", ") || "void", swap(e.result.c));
  };
  const declared = ["delete", "vec_new_empty", "vec_new_uninitialized", "vec_new", "vec_copy", "vec_delete", "copy"];
  const casts = [
    "wasm_memorytype_as_externtype", "wasm_memorytype_as_externtype_const",
    "wasm_externtype_as_memorytype", "wasm_externtype_as_memorytype_const",
  ];
  return [
    ...declared.map((suffix) => derive(`wasm_functype_${suffix}`, "functype")),
    entry("wasm_tagtype_new", TAGTYPE_GROUP, "own wasm_functype_t*", "own wasm_tagtype_t*"),
    entry("wasm_tagtype_functype", TAGTYPE_GROUP, "const wasm_tagtype_t*", "const wasm_functype_t*"),
    ...casts.map((name) => derive(name, "memorytype")),
  ];
}

/**
 * Parses the whole list into the 293-entry table, in the list's order with
 * the tag-type group last.
 * @param {string} markdown the text of `wasm-h-api.md`
 * @returns {import("./parse.d.mts").PrototypeEntry[]}
 */
export function parseApiList(markdown) {
  /** @type {import("./parse.d.mts").PrototypeEntry[]} */
  const out = [];
  /** @type {{ title: string, expected: number, seen: number } | null} */
  let group = null;
  const closeGroup = () => {
    if (group && group.seen !== group.expected) {
      throw new Error(`wasm-h-api.md: group ${group.title} announces ${group.expected} functions and lists ${group.seen}`);
    }
  };
  let total = null;
  for (const line of markdown.split("\n")) {
    const heading = /^####\s+(.*?)\s+—\s+(\d+) functions?\s*$/.exec(line);
    if (heading) {
      closeGroup();
      group = { title: heading[1] ?? "", expected: Number(heading[2]), seen: 0 };
      continue;
    }
    const row = /^\|\s*(\d+)\s*\|(.*)\|\s*$/.exec(line);
    if (row) {
      if (!group) throw new Error(`wasm-h-api.md: a table row before any group heading: ${line}`);
      const cells = (row[2] ?? "").split("|");
      if (cells.length !== 3) throw new Error(`wasm-h-api.md: expected 4 cells in ${JSON.stringify(line)}`);
      group.seen++;
      if (Number(row[1]) !== group.seen) throw new Error(`wasm-h-api.md: row ${row[1]} out of order in ${group.title}`);
      out.push(entry(unquote(cells[0] ?? ""), group.title, unquote(cells[1] ?? ""), unquote(cells[2] ?? "")));
      continue;
    }
    const sum = /Total exported \(non-inline\) functions: (\d+)/.exec(line);
    if (sum) total = Number(sum[1]);
  }
  closeGroup();
  if (total !== HEADER_FUNCTIONS || out.length !== HEADER_FUNCTIONS) {
    throw new Error(`wasm-h-api.md: expected ${HEADER_FUNCTIONS} functions and a total line saying so, found ${out.length} (total line: ${total})`);
  }
  if (!markdown.includes("wasm_tagtype_t") || !markdown.includes(`${ALL_FUNCTIONS} in all`)) {
    throw new Error(`wasm-h-api.md: the introduction no longer describes the tag-type functions (${ALL_FUNCTIONS} in all)`);
  }
  const all = [...out, ...tagtypeEntries(out)];
  const names = new Set(all.map((e) => e.name));
  if (names.size !== ALL_FUNCTIONS) throw new Error(`wasm-h-api.md: expected ${ALL_FUNCTIONS} distinct functions, got ${names.size}`);
  return all;
}
