/**
 * @module
 * The numbers of a run: requests per second, latency percentiles (nearest rank), medians.
 */

/** The value below which `p` percent of the sorted samples fall (nearest-rank method). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface LoadSummary {
  requests: number;
  /** Requests per second over the measured window. */
  rps: number;
  /** Latency percentiles, in ms. */
  p50: number;
  p99: number;
  /** CPU time of the client process per request, in µs (when the runtime reports it). */
  cpuUs?: number | undefined;
}

/** Sums up one measured window: latencies in ms, its length in ms, CPU time in µs. */
export function summarize(latencies: number[], windowMs: number, cpuMicros?: number): LoadSummary {
  const sorted = Float64Array.from(latencies).sort();
  const requests = sorted.length;
  return {
    requests,
    rps: windowMs > 0 ? (requests / windowMs) * 1000 : Number.NaN,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    cpuUs: cpuMicros === undefined || requests === 0 ? undefined : cpuMicros / requests,
  };
}

/** Of several runs of the same thing, the one of median throughput (latencies stay consistent). */
export function medianRun<T extends { rps: number }>(runs: readonly T[]): T | undefined {
  if (runs.length === 0) return undefined;
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  return sorted[(sorted.length - 1) >> 1];
}

/** `list` in the order of round `round`: turned by one place a round. */
export function rotated<T>(list: readonly T[], round: number): T[] {
  if (list.length === 0) return [];
  const shift = round % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}
