/**
 * The median the bench's tools print (the middle value; for an even count,
 * the mean of the two middle ones).
 * @module
 */

/** The median of `xs` (not changed). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
