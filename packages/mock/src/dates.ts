/**
 * @module
 * Date-times as OVH's API writes them: `2024-01-15T10:20:30+00:00` (seconds, explicit offset).
 */

/** Formats a time (ms since the epoch) as an OVH `datetime`. */
export const ovhDateTime = (ms: number): string =>
  `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
