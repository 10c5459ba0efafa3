/**
 * @module
 * Checks of request parameters, with OVH-style 400 messages
 * (`[status] Given data (fast) does not belong to the dedicated.server.BurstStatusEnum enumeration`).
 */
import { badParameter } from "./errors.ts";

export type Fields = Record<string, unknown>;

const show = (value: unknown): string =>
  typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));

/**
 * The body as an object with only the `allowed` keys, and every `required` one present.
 * `undefined` (no body) counts as `{}`.
 */
export function bodyFields(
  body: unknown,
  allowed: readonly string[],
  required: readonly string[] = [],
): Fields {
  const fields = body === undefined ? {} : body;
  if (fields === null || typeof fields !== "object" || Array.isArray(fields)) {
    throw badParameter("The body must be a JSON object");
  }
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) throw badParameter(`Unknown body parameter ${key}`);
  }
  const missing = required.filter((key) => (fields as Fields)[key] === undefined);
  if (missing.length > 0) throw badParameter(`Missing parameter(s): ${missing.join(", ")}`);
  return fields as Fields;
}

export function stringField(name: string, value: unknown): string {
  if (typeof value !== "string") {
    throw badParameter(`[${name}] Given data (${show(value)}) is not valid for type string`);
  }
  return value;
}

export function booleanField(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw badParameter(`[${name}] Given data (${show(value)}) is not valid for type boolean`);
  }
  return value;
}

/** A value of an OVH enumeration; numbers are read as their string (`ttl: 15` is `"15"`). */
export function enumField<T extends string>(
  name: string,
  value: unknown,
  enumName: string,
  values: readonly T[],
): T {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !(values as readonly string[]).includes(text)) {
    throw badParameter(
      `[${name}] Given data (${show(value)}) does not belong to the ${enumName} enumeration`,
    );
  }
  return text as T;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailField(name: string, value: unknown): string {
  const text = stringField(name, value);
  if (!EMAIL.test(text)) {
    throw badParameter(`[${name}] Given data (${text}) is not a valid email address`);
  }
  return text;
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

export function ipv4Field(name: string, value: unknown): string {
  const text = stringField(name, value);
  if (!IPV4.test(text)) throw badParameter(`[${name}] Given data (${text}) is not an IPv4 address`);
  return text;
}

/** A query parameter that must be one of an enumeration's values, when present. */
export function enumQuery<T extends string>(
  query: URLSearchParams,
  name: string,
  enumName: string,
  values: readonly T[],
): T | undefined {
  const value = query.get(name);
  return value === null ? undefined : enumField(name, value, enumName, values);
}

/** A query parameter that must be an integer, when present. */
export function integerQuery(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!/^-?\d+$/.test(value)) {
    throw badParameter(`[${name}] Given data (${value}) is not valid for type long`);
  }
  return Number(value);
}

/** A query parameter that must be a date or date-time, when present. */
export function dateQuery(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw badParameter(`[${name}] Given data (${value}) is not valid for type datetime`);
  }
  return ms;
}
