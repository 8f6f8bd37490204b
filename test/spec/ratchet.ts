/**
 * The ratchet: per script file, the lines of commands known not to pass yet.
 * A run fails on a failure the ratchet does not list (a regression) and on an
 * entry that no longer fails (so the list only shrinks); `--update-ratchet`
 * rewrites the entries of what was run.
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** File name (e.g. `address.wast`) to the sorted lines of failing commands. */
export type Ratchet = Readonly<Record<string, readonly number[]>>;

/** What one file's run says, for the ratchet. */
export interface FileVerdict {
  /** The file name, as the ratchet keys it. */
  readonly file: string;
  /** Lines of commands that failed (duplicates allowed). */
  readonly failing: readonly number[];
  /** The line range that was run, or null for the whole file. */
  readonly range: readonly [number, number] | null;
}

/** The ratchet's verdict on a run. */
export interface RatchetCheck {
  /** Failures the ratchet does not list, per file. */
  readonly regressions: ReadonlyMap<string, number[]>;
  /** Entries that do not fail any more: to remove from the ratchet, per file. */
  readonly fixed: ReadonlyMap<string, number[]>;
}

function inRange(line: number, range: readonly [number, number] | null): boolean {
  return range === null || (line >= range[0] && line <= range[1]);
}

function sortedUnique(lines: Iterable<number>): number[] {
  return [...new Set(lines)].sort((a, b) => a - b);
}

/** Reads a ratchet file; a missing file is an empty ratchet. */
export function loadRatchet(path: string): Ratchet {
  if (!existsSync(path)) return {};
  const data = JSON.parse(readFileSync(path, "utf8")) as unknown;
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new Error(`${path}: not a JSON object`);
  const out: Record<string, number[]> = {};
  for (const [file, lines] of Object.entries(data)) {
    if (!Array.isArray(lines) || !lines.every((l) => Number.isInteger(l))) throw new Error(`${path}: ${file}: not a list of line numbers`);
    out[file] = sortedUnique(lines as number[]);
  }
  return out;
}

/** Compares a run with the ratchet (only the files and line ranges that were run). */
export function checkRatchet(ratchet: Ratchet, verdicts: readonly FileVerdict[]): RatchetCheck {
  const regressions = new Map<string, number[]>();
  const fixed = new Map<string, number[]>();
  for (const v of verdicts) {
    const known = new Set(ratchet[v.file] ?? []);
    const failing = new Set(v.failing);
    const newFailures = sortedUnique(v.failing.filter((l) => !known.has(l)));
    const nowPassing = sortedUnique([...known].filter((l) => inRange(l, v.range) && !failing.has(l)));
    if (newFailures.length) regressions.set(v.file, newFailures);
    if (nowPassing.length) fixed.set(v.file, nowPassing);
  }
  return { regressions, fixed };
}

/** The ratchet with the entries of what was run replaced by the run's failures. */
export function updateRatchet(ratchet: Ratchet, verdicts: readonly FileVerdict[]): Ratchet {
  const out: Record<string, readonly number[]> = { ...ratchet };
  for (const v of verdicts) {
    const kept = (ratchet[v.file] ?? []).filter((l) => !inRange(l, v.range));
    const lines = sortedUnique([...kept, ...v.failing]);
    if (lines.length) out[v.file] = lines;
    else delete out[v.file];
  }
  return out;
}

/** The ratchet as JSON: files sorted, one file per line (small diffs). */
export function formatRatchet(ratchet: Ratchet): string {
  const files = Object.keys(ratchet).sort();
  if (!files.length) return "{}\n";
  return `{\n${files.map((f) => `  ${JSON.stringify(f)}: [${ratchet[f]!.join(", ")}]`).join(",\n")}\n}\n`;
}

/** Writes a ratchet file. */
export function saveRatchet(path: string, ratchet: Ratchet): void {
  writeFileSync(path, formatRatchet(ratchet));
}

/** Lines as compact ranges for messages: `3, 7-9, 12`. */
export function formatLines(lines: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    parts.push(j > i ? `${lines[i]}-${lines[j]}` : `${lines[i]}`);
    i = j;
  }
  return parts.join(", ");
}
