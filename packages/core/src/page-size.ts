import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

/** A page or chunk size: a positive integer, or `undefined` for the default. */
export function checkSize(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new InvalidConfiguration(`${name} must be a positive integer (got ${String(value)}).`);
  }
  return value;
}
