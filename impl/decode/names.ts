/**
 * The `name` custom section: module, function and local names for debugging
 * and trap traces. A malformed name section is ignored, never fatal, as the
 * spec's appendix asks.
 * @see https://webassembly.github.io/spec/core/appendix/custom.html#name-section
 * @module
 */
import { DecodeError } from "../base/errors.js";
import type { NameSection } from "./module.js";
import { ByteReader } from "./reader.js";

const enum Sub { Module = 0, Function = 1, Local = 2 }

/** Parses a name section's contents; returns null when they are malformed. */
export function parseNameSection(bytes: Uint8Array): NameSection | null {
  try {
    return readNames(new ByteReader(bytes));
  } catch (e) {
    if (e instanceof DecodeError) return null;
    throw e;
  }
}

function readNames(r: ByteReader): NameSection {
  let moduleName: string | null = null;
  const funcNames = new Map<number, string>();
  const localNames = new Map<number, Map<number, string>>();
  let last = -1;
  while (!r.atEnd()) {
    const id = r.u8();
    const size = r.len32();
    const end = r.pos + size;
    // Known subsections appear at most once and in order; unknown ones (extensions) are skipped.
    if (id <= Sub.Local) {
      if (id <= last) r.fail("malformed name section", r.pos, "subsection out of order");
      last = id;
    }
    const sub = new ByteReader(r.bytes, r.pos, end);
    switch (id) {
      case Sub.Module:
        moduleName = sub.name();
        break;
      case Sub.Function:
        readNameMap(sub, funcNames);
        break;
      case Sub.Local: {
        const n = sub.len32();
        for (let i = 0; i < n; i++) {
          const func = sub.u32();
          const locals = new Map<number, string>();
          readNameMap(sub, locals);
          localNames.set(func, locals);
        }
        break;
      }
      default:
        sub.pos = end;
    }
    if (sub.pos !== end) r.fail("malformed name section", sub.pos, "subsection size mismatch");
    r.pos = end;
  }
  return { moduleName, funcNames, localNames };
}

function readNameMap(r: ByteReader, into: Map<number, string>): void {
  const n = r.len32();
  for (let i = 0; i < n; i++) {
    const index = r.u32();
    into.set(index, r.name());
  }
}
