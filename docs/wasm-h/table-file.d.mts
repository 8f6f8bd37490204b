import type { PrototypeEntry } from "./parse.d.mts";

export const ROOT: string;
export const TABLE_PATH: string;
export const LIST_PATH: string;
export function tableFileText(entries: readonly PrototypeEntry[]): string;
export function generateTableText(listPath?: string): string;
export function readTable(): PrototypeEntry[];
