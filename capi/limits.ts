/**
 * Limits of tables and memories (`wasm_limits_t`).
 * @module
 */

/**
 * Limits (`wasm_limits_t`): a minimum and a maximum, in table elements or
 * memory pages; a maximum of {@link wasm_limits_max_default} means none.
 * @category Type Representations
 */
export interface wasm_limits_t {
  min: number;
  max: number;
}

/** The maximum that means "no maximum" (`0xffffffff`). @category Type Representations */
export const wasm_limits_max_default = 0xffffffff;
