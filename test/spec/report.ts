/**
 * What the runner prints: a line per file, failure details, and the summary
 * (totals, error-message statistics, skips with their reasons).
 * @module
 */
import { basename } from "node:path";
import type { Outcome, SkipCategory } from "./execute.js";
import type { FileRun } from "./pool.js";

/** Why each skip category is not run, as printed in the summary. */
export const SKIP_REASONS: Record<SkipCategory, string> = {
  "text-malformed": "assert_malformed on module quote or module text: tests a text-format parser, not the engine",
  "wabt-invalid": "assert_invalid whose text wabt cannot assemble: the engine never sees it",
  "skip-list": "listed in skips.json (each with its own reason)",
};

/** Pass/fail/skip counts of one file within the run's line range. */
export interface FileCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

/** The outcomes of a file that count: those in the line range, plus one failure for an unreadable file. */
export function countedOutcomes(run: FileRun, range: readonly [number, number] | null): Outcome[] {
  const inRange = run.outcomes.filter((o) => range === null || (o.line >= range[0] && o.line <= range[1]));
  if (run.error !== null) {
    inRange.push({ index: -1, line: 0, kind: "unsupported", status: "fail", detail: run.error });
  }
  return inRange;
}

/** Counts outcomes by status. */
export function countOutcomes(outcomes: readonly Outcome[]): FileCounts {
  let passed = 0, failed = 0, skipped = 0;
  for (const o of outcomes) {
    if (o.status === "pass") passed++;
    else if (o.status === "fail") failed++;
    else skipped++;
  }
  return { passed, failed, skipped };
}

/** `address.wast: 260 passed, 0 failed` (and the skips, when there are any). */
export function fileLine(file: string, c: FileCounts): string {
  return `${basename(file)}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}`;
}

/** One failure, indented, for the per-file details. */
export function failureLine(file: string, o: Outcome): string {
  return `  ${basename(file)}:${o.line} ${o.kind}: ${o.detail ?? "failed"}`;
}

/** Accumulates the numbers for the summary across files. */
export class Tally {
  passed = 0;
  failed = 0;
  skipped = 0;
  files = 0;
  /** Message checks per category: [matched, total]. */
  readonly messages = new Map<string, [number, number]>();
  readonly skips = new Map<SkipCategory, number>();
  /** Wrong messages with the right verdict (shown with --verbose). */
  readonly mismatches: string[] = [];

  /** Adds one file's counted outcomes. */
  add(file: string, outcomes: readonly Outcome[]): void {
    this.files++;
    for (const o of outcomes) {
      if (o.status === "pass") this.passed++;
      else if (o.status === "fail") this.failed++;
      else {
        this.skipped++;
        if (o.skip) this.skips.set(o.skip, (this.skips.get(o.skip) ?? 0) + 1);
      }
      if (o.message) {
        const m = this.messages.get(o.message.category) ?? [0, 0];
        m[1]++;
        if (o.message.matched) m[0]++;
        else this.mismatches.push(`  ${basename(file)}:${o.line} ${o.message.category}: expected "${o.message.expected}", got "${o.message.actual}"`);
        this.messages.set(o.message.category, m);
      }
    }
  }

  /** The summary lines, ending with `N passed, N failed`. */
  summary(): string[] {
    const out: string[] = [];
    out.push(`total: ${this.files} file${this.files === 1 ? "" : "s"}, ${this.passed} passed, ${this.failed} failed, ${this.skipped} skipped`);
    const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)}%` : "n/a");
    for (const [cat, [ok, all]] of [...this.messages].sort((a, b) => a[0].localeCompare(b[0]))) {
      out.push(`messages: ${cat}: ${ok}/${all} contain the expected text (${pct(ok, all)})`);
    }
    const inv = this.messages.get("assert_invalid") ?? [0, 0];
    const mal = this.messages.get("assert_malformed (binary)") ?? [0, 0];
    out.push(`messages: assert_invalid + binary assert_malformed: ${inv[0] + mal[0]}/${inv[1] + mal[1]} (${pct(inv[0] + mal[0], inv[1] + mal[1])}; the issue requires 95%)`);
    for (const cat of Object.keys(SKIP_REASONS) as SkipCategory[]) {
      out.push(`skipped: ${this.skips.get(cat) ?? 0} ${cat}: ${SKIP_REASONS[cat]}`);
    }
    out.push(`${this.passed} passed, ${this.failed} failed`);
    return out;
  }
}
