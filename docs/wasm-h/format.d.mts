import type { Ownership, PrototypeEntry } from "./parse.d.mts";

export const MEANING: Record<Ownership, { readonly param: string; readonly result: string }>;
export function formatPrototype(entry: PrototypeEntry): string;
export function formatOwnership(entry: PrototypeEntry, tsNames?: readonly string[]): string;
export function formatSection(entry: PrototypeEntry, tsNames?: readonly string[]): string;
