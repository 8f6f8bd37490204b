/**
 * Exception handling in compiled code. `try_table` becomes a labelled block
 * holding a JavaScript `try` whose `catch` runs only when something is
 * thrown, so a `try_table` that nothing throws through costs nothing:
 *
 *     L7:{try{ body }catch($e){ $ex=H.caught($e); if($ex===null) throw $e;
 *       if($ex.tag===INST.tags[0]){ payload to the label's slots; break L3 } ... throw $e }}
 *
 * Traps, JavaScript stack overflows and engine errors are not wasm
 * exceptions (`caught` gives null) and go on unchanged, so the function's
 * own `catch` still adds their frame. The call depth needs no repair: it
 * travels as an argument (`$d`), not in shared state. `throw` builds the engine's `WasmException` (payload in
 * raw form, as the interpreter and the host make them), so exceptions cross
 * tiers and host functions unchanged. Catch labels count from outside the
 * `try_table`, so the handlers are emitted at its `end`, once its frame is
 * popped.
 * @module
 */
import { CatchKind } from "../../base/opcodes.js";
import { ExternKind, ValType, funcTypeAt } from "../../base/types.js";
import type { Module } from "../../decode/module.js";
import type { FunctionEmitter } from "./emit-api.js";

const tagTypes = new WeakMap<Module, readonly number[]>();

/** The payload types of tag `tag` of module `m`'s tag index space (imports first). */
export function tagParams(m: Module, tag: number): readonly ValType[] {
  let types = tagTypes.get(m);
  if (types === undefined) {
    const t: number[] = [];
    for (const im of m.imports) if (im.desc.kind === ExternKind.Tag) t.push(im.desc.typeIndex);
    t.push(...m.tags);
    types = t;
    tagTypes.set(m, types);
  }
  return funcTypeAt(m.types, types[tag]!).params;
}

/** `throw tag`: the payload from the top slots. */
export function emitThrow(fe: FunctionEmitter, tag: number, off: number): void {
  const params = tagParams(fe.cx.module, tag);
  const ts = fe.ts, n = params.length;
  let vals = "";
  for (let j = 0; j < n; j++) for (const w of fe.parts(ts.length - n + j)) vals += "," + w;
  ts.length -= n;
  fe.emit(`$p=${off};throw H.newException(INST,${tag},[null${vals}]);`);
}

/** `throw_ref`: rethrows the exception the top exnref refers to (null traps). */
export function emitThrowRef(fe: FunctionEmitter, off: number): void {
  fe.emit(`$p=${off};H.throwRef(${fe.pop()});`);
}

/** Opens a `try_table` whose block has JavaScript label `label`. */
export function openTry(fe: FunctionEmitter, label: number): void {
  fe.emit(`L${label}:{try{`);
}

/**
 * Closes a `try_table` (its frame already popped: the operand stack is
 * `base` slots high below its results) with its handlers: `catches` holds
 * three numbers per clause (kind, tag or -1, label), as the reader gives them.
 */
export function closeTry(fe: FunctionEmitter, base: number, catches: readonly number[]): void {
  const ts = fe.ts, m = fe.cx.module;
  // The throw may have come out of a call that grew (and moved) a memory: its views are read again, as after a return.
  let s = `}catch($e){$ex=H.caught($e);if($ex===null)throw $e;${fe.refresh}`;
  for (let i = 0; i < catches.length; i += 3) {
    const kind = catches[i]!, tag = catches[i + 1]!, label = catches[i + 2]!;
    ts.length = base;
    let body = "";
    if (kind === CatchKind.Catch || kind === CatchKind.CatchRef) {
      const params = tagParams(m, tag);
      if (params.length > 0) body += "$ev=H.unpack($ex);";
      let at = 1;
      for (const t of params) {
        fe.push(t);
        for (const w of fe.parts(ts.length - 1)) body += `${w}=$ev[${at++}];`;
      }
    }
    if (kind === CatchKind.CatchRef || kind === CatchKind.CatchAllRef) body += `${fe.push(ValType.ExnRef)}=$ex;`;
    body += fe.branch(label);
    s += tag >= 0 ? `if($ex.tag===INST.tags[${tag}]){${body}}` : `{${body}}`;
  }
  ts.length = base;
  fe.emit(`${s}throw $e}}`);
}

/** The declarations a function with a `try_table` needs. */
export const TRY_DECLS = ["$ex=null", "$ev=null"] as const;
