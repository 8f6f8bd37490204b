/**
 * The engine's name and version, as serialized modules record it (a test
 * checks it against package.json).
 * @module
 */

/** The engine's name and the package version. */
export const ENGINE_VERSION = "wasm-c-api-ts 0.1.0";
