// @ts-check
/**
 * Renders a prototype-table entry as the markdown the documentation pages
 * show: the C prototype as a C code block, and one line per parameter and
 * for the result saying who owns what it designates. The typedoc plugin
 * (`docs/typedoc-plugin.mjs`) puts both on every wasm.h function's page.
 */

/**
 * What each ownership means, for a parameter and for a result.
 * @type {Record<import("./parse.d.mts").Ownership, { param: string, result: string }>}
 */
export const MEANING = {
  own: {
    param: "ownership passes to the function: the caller gives it up and must not use or delete it afterwards",
    result: "the caller owns the result and deletes it",
  },
  out: {
    param: "out-parameter: the function fills it; the caller then owns what it holds and deletes it",
    result: "the caller owns the result and deletes it",
  },
  borrowed: {
    param: "ownership stays with the caller",
    result: "belongs to its owner (the object it was read from): do not delete it",
  },
  value: { param: "passed by value", result: "returned by value" },
  none: { param: "nothing", result: "no result" },
};

/**
 * The C prototype as a markdown C code block.
 * @param {import("./parse.d.mts").PrototypeEntry} entry
 * @returns {string}
 */
export function formatPrototype(entry) {
  return "```c\n" + entry.prototype + "\n```";
}

/**
 * How an out-parameter reads in TypeScript (rules 3 and 4 of the porting guide).
 * @param {string} c
 * @param {import("./parse.d.mts").Ownership} ownership
 */
function outNote(c, ownership) {
  if (ownership !== "out") return "";
  return c.includes("**")
    ? " (in TypeScript an object `{ value }` that the function sets, or null to ignore it: porting guide, rule 4)"
    : " (in TypeScript an object the caller passes and the function fills in place: porting guide, rule 3)";
}

/**
 * The ownership of each parameter and of the result, as a markdown list.
 * `tsNames`, the TypeScript parameter names of the function, label the
 * parameters when they are as many as C's; otherwise the list labels them
 * by position.
 * @param {import("./parse.d.mts").PrototypeEntry} entry
 * @param {readonly string[]} [tsNames]
 * @returns {string}
 */
export function formatOwnership(entry, tsNames) {
  const named = tsNames !== undefined && tsNames.length === entry.params.length;
  const lines = entry.params.map((p, i) => {
    const label = named ? `\`${tsNames[i]}\`` : `parameter ${i + 1}`;
    return `- ${label} (C \`${p.c}\`): **${p.ownership}**, ${MEANING[p.ownership].param}${outNote(p.c, p.ownership)}`;
  });
  if (entry.params.length === 0) lines.push("- no parameters");
  const r = entry.result;
  lines.push(r.ownership === "none" ? "- result (C `void`): none" : `- result (C \`${r.c}\`): **${r.ownership}**, ${MEANING[r.ownership].result}`);
  return lines.join("\n");
}

/**
 * What the plugin adds to a function's description: the prototype and the
 * ownership list under their own headings.
 * @param {import("./parse.d.mts").PrototypeEntry} entry
 * @param {readonly string[]} [tsNames]
 * @returns {string}
 */
export function formatSection(entry, tsNames) {
  return `#### C prototype (wasm.h)\n\n${formatPrototype(entry)}\n\n#### Ownership\n\n${formatOwnership(entry, tsNames)}\n`;
}
