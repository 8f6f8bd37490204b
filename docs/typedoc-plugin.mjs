// @ts-check
/**
 * A typedoc plugin that puts on every wasm.h function's page its C prototype
 * and the ownership of each parameter and of the result, taken from the
 * prototype table (`docs/wasm-h/prototypes.json`, generated from the wasm.h
 * function list) rather than written per function. Registered in
 * `typedoc.json`.
 *
 * It warns (and `treatWarningsAsErrors` fails the build) when a function of
 * the table has no page, or when its TypeScript signature has a different
 * number of parameters than the C prototype: the pages and the table then
 * disagree, and one of them is wrong.
 */
import { Comment, Converter, ReflectionKind } from "typedoc";
import { formatSection } from "./wasm-h/format.mjs";
import { readTable } from "./wasm-h/table-file.mjs";

/** @param {import("typedoc").Application} app */
export function load(app) {
  const table = readTable();
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const byName = new Map();
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Function)) {
      byName.set(reflection.name, reflection);
    }
    for (const entry of table) {
      const reflection = /** @type {import("typedoc").DeclarationReflection | undefined} */ (byName.get(entry.name));
      const signature = reflection?.signatures?.[0];
      if (!signature) {
        app.logger.warn(`wasm-h prototypes: ${entry.name} is in the table but has no function page`);
        continue;
      }
      const names = (signature.parameters ?? []).map((p) => p.name);
      if (names.length !== entry.params.length) {
        app.logger.warn(`wasm-h prototypes: ${entry.name} takes ${names.length} parameters, its C prototype ${entry.params.length}`);
      }
      // After the description, before the parameters: the C the function mirrors.
      signature.comment ??= new Comment();
      signature.comment.summary.push({ kind: "text", text: `\n\n${formatSection(entry, names)}` });
    }
  });
}
