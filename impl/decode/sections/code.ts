/**
 * The code section (id 10): each function body's local declarations and
 * instructions. Bodies are scanned here, so malformed code is a decode error as
 * the spec wants, and kept as byte ranges for the validator and the tiers.
 * @see https://webassembly.github.io/spec/core/binary/modules.html#code-section
 * @module
 */
import type { ModuleBuilder } from "../builder.js";
import type { CodeReader } from "../code.js";
import { scanInstrs } from "../expr.js";
import type { LocalRun } from "../module.js";
import { Limit } from "../../base/limits.js";
import { isFuncType } from "../../base/types.js";

/**
 * The most locals a function may have, its parameters included (the JS API's
 * limit, `Limit.Locals`). The spec's bound is 2^32 - 1; engines cap far lower
 * (V8 and SpiderMonkey: 50,000) because every call allocates them.
 */
export const MAX_LOCALS = Limit.Locals;

/** Reads the code section. */
export function readCodeSection(r: CodeReader, m: ModuleBuilder): void {
  const n = r.len32();
  for (let i = 0; i < n; i++) {
    const sizeAt = r.pos;
    const size = r.len32();
    if (size > Limit.FunctionBodySize) r.fail("function body too large", sizeAt, `function body ${i} is ${size} bytes; the implementation limit is ${Limit.FunctionBodySize}`);
    const bodyStart = r.pos;
    // Parameters count as locals for the limit (when the function's type is known; validation checks the index).
    const type = m.types[m.funcs[i] ?? -1];
    const { locals, localCount } = readLocals(r, isFuncType(type) ? type.params.length : 0);
    const codeStart = r.pos;
    if (m.bodyScanner !== null) m.bodyScanner.scanBody(r, m, i, locals, localCount, bodyStart);
    else scanInstrs(r, m, null);
    const codeEnd = r.pos;
    if (codeEnd !== bodyStart + size) r.fail("section size mismatch", bodyStart, `function body ${i} is ${size} bytes, read ${codeEnd - bodyStart}`);
    m.codes.push({ locals, localCount, bodyStart, codeStart, codeEnd });
  }
}

function readLocals(r: CodeReader, params: number): { locals: LocalRun[]; localCount: number } {
  const at = r.pos;
  const n = r.len32();
  const locals: LocalRun[] = [];
  // The counts are u32s and there are at most as many as bytes in the binary: the sum is exact in a double.
  let localCount = 0;
  for (let i = 0; i < n; i++) {
    const count = r.u32();
    const type = r.valType();
    localCount += count;
    if (count > 0) locals.push({ count, type });
  }
  if (params + localCount > MAX_LOCALS) {
    r.fail("too many locals", at, `${localCount} declared and ${params} parameters; the implementation limit is ${MAX_LOCALS}`);
  }
  return { locals, localCount };
}
