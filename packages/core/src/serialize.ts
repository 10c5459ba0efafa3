/**
 * @module
 * Query strings and JSON bodies, byte for byte as python-ovh sends them (the signature covers
 * them, so any difference is a different request).
 */
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { aliasReservedKeys } from "./reserved-words.ts";

/** A query parameter's value: `undefined` leaves it out, a boolean is `true` or `false`. */
export type QueryValue = string | number | boolean | bigint | Date | null | undefined;
/** The query parameters of a GET or DELETE: a name, and one value or an array of them. */
export type QueryParams = Record<string, QueryValue | readonly QueryValue[]>;

// Python's `urllib.parse.quote_plus`: only letters, digits and `_.-~` stay as they are.
const quotePlus = (value: string): string =>
  encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");

export const LONE_SURROGATE = /\p{Cs}/u;

function queryValue(key: string, value: QueryValue): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new InvalidConfiguration(`Query parameter "${key}" is an invalid Date.`);
    }
    return value.toISOString();
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new InvalidConfiguration(`Query parameter "${key}" is not a finite number (${value}).`);
  }
  if (typeof value === "object" || typeof value === "function" || typeof value === "symbol") {
    throw new InvalidConfiguration(
      `Query parameter "${key}" must be a string, number, boolean, Date or an array of them.`,
    );
  }
  return String(value);
}

/**
 * Encodes GET/DELETE params like python-ovh: keys aliased (`_from` -> `from`), booleans as
 * `true`/`false`, `undefined` and `null` left out, arrays as repeated keys. Returns `""` when
 * nothing is left to send.
 */
export function encodeQuery(params: QueryParams | undefined): string {
  if (params === undefined || params === null) return "";
  if (typeof params !== "object" || Array.isArray(params)) {
    throw new InvalidConfiguration("Query parameters must be a plain object of key/value pairs.");
  }
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(aliasReservedKeys(params))) {
    for (const item of Array.isArray(raw) ? raw : [raw]) {
      const value = queryValue(key, item as QueryValue);
      if (value === undefined) continue;
      // encodeURIComponent throws a bare URIError on a lone surrogate (UTF-8 cannot carry it).
      if (LONE_SURROGATE.test(key) || LONE_SURROGATE.test(value)) {
        throw new InvalidConfiguration(
          `Query parameter "${key}" is not well-formed Unicode (it holds a lone surrogate).`,
        );
      }
      parts.push(`${quotePlus(key)}=${quotePlus(value)}`);
    }
  }
  return parts.join("&");
}

/** Appends a query string to a path, with `&` when the path already has a `?`. */
export const withQuery = (path: string, query: string): string =>
  query === "" ? path : `${path}${path.includes("?") ? "&" : "?"}${query}`;

// `json.dumps` escapes everything outside printable ASCII (ensure_ascii), DEL included.
const escapeNonAscii = (json: string): string =>
  json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === "object" &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/**
 * Encodes a POST/PUT body like python-ovh: compact JSON, key order kept, non-ASCII escaped as
 * `\uXXXX`, top-level keys aliased. Returns `undefined` (no body, no Content-Type) for
 * `undefined`, `null` and `{}`.
 */
export function encodeBody(data: unknown): string | undefined {
  if (data === undefined || data === null) return undefined;
  let value = data;
  if (isPlainObject(data)) {
    // Keys whose value is undefined are not sent, so `{ a: undefined }` is `{}`: no body.
    if (Object.values(data).every((item) => item === undefined)) return undefined;
    value = aliasReservedKeys(data);
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (cause) {
    throw new InvalidConfiguration(`The body cannot be encoded as JSON: ${String(cause)}`, {
      cause,
    });
  }
  if (json === undefined) {
    throw new InvalidConfiguration(`A body of type ${typeof data} cannot be encoded as JSON.`);
  }
  return escapeNonAscii(json);
}
