/** Who owns what a parameter or result designates, as wasm.h marks it. */
export type Ownership = "own" | "borrowed" | "out" | "value" | "none";

/** One parameter of a wasm.h function. */
export interface PrototypeParam {
  /** The parameter as the header writes it (`own wasm_byte_vec_t* out`). */
  readonly c: string;
  /** Its name in the header's text, when it has one. */
  readonly name: string | null;
  readonly ownership: Ownership;
}

/** One wasm.h function of the prototype table. */
export interface PrototypeEntry {
  readonly name: string;
  /** The header group (object) the function belongs to, as the list titles it. */
  readonly group: string;
  /** The C prototype, one line ending in `;`. */
  readonly prototype: string;
  readonly params: readonly PrototypeParam[];
  readonly result: { readonly c: string; readonly ownership: Ownership };
}

export const HEADER_FUNCTIONS: 280;
export const ALL_FUNCTIONS: 293;
export const TAGTYPE_GROUP: string;
export function classify(c: string, isResult: boolean): Ownership;
export function entry(name: string, group: string, paramsCell: string, resultCell: string): PrototypeEntry;
export function parseApiList(markdown: string): PrototypeEntry[];
