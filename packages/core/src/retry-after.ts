/**
 * @module
 * The `Retry-After` response header (RFC 9110, section 10.2.3): a number of seconds or an
 * HTTP date.
 */

/**
 * How long the server asked to wait, in milliseconds (0 for a date already past), or
 * `undefined` when the header is absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // A date must name a weekday or month: `Date.parse` alone accepts things like "1".
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
