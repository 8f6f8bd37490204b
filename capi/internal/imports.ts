/**
 * The check of an import vector (`wasm_extern_vec_t` given to an
 * instantiation): every entry, not only those the module imports, must be
 * null or a live extern of the instantiating store.
 * @module
 */
import type { Extern } from "../../impl/index.js";
import type { wasm_extern_vec_t } from "../extern.js";
import { live, sameStore } from "./handles.js";
import { wasm_extern_t } from "./objects.js";
import type { StoreState } from "./records.js";
import { inVec } from "./vec.js";

/**
 * The externs of an import vector in order, null where the entry is null
 * (left to the linking policy). A null vector is an empty one.
 */
export function importEntries(imports: wasm_extern_vec_t | null | undefined, store: StoreState, fn: string): (Extern | null)[] {
  if (imports === null || imports === undefined) return [];
  const size = inVec(imports, fn);
  const out: (Extern | null)[] = [];
  for (let i = 0; i < size; i++) {
    const x = imports.data[i];
    if (x === null || x === undefined) {
      out.push(null);
      continue;
    }
    const h = live(x, wasm_extern_t, fn);
    sameStore(h, store, fn);
    out.push(h._rec.obj as Extern);
  }
  return out;
}
