/**
 * @module
 * Medians and spreads: each figure of the bench is the median of its rounds, and each comparison
 * is taken within a round (the clients of a round run back to back, under the same load).
 */

/** The middle value (the mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2) return sorted[mid] as number;
  return sorted.length ? ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2 : Number.NaN;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  count: number;
}

/** The median, lowest and highest of the finite values. */
export function spread(values: readonly number[]): Spread {
  const finite = values.filter(Number.isFinite);
  const [min, max] = finite.length ? [Math.min(...finite), Math.max(...finite)] : [NaN, NaN];
  return { median: median(finite), min, max, count: finite.length };
}

/** `list` turned by `round` places, so that no client always runs first. */
export const rotated = <T>(list: readonly T[], round: number): T[] =>
  list.map((_, i) => list[(i + round) % list.length] as T);
