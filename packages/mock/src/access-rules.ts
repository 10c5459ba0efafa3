/**
 * @module
 * How OVH reads a consumer key's access rules: a rule is a method and a path where `*` stands for
 * any characters, slashes included (`/me/*` grants `/me/bill/42` but not `/me` itself). The mock
 * keeps its own reading rather than the client's, so that a test of the client against the mock
 * checks one implementation against another.
 */

/** A method and a path pattern (`auth.AccessRule` without its id). */
export interface AccessRulePattern {
  /** The method, in any case. */
  method: string;
  /** The path pattern: `*` stands for any characters, slashes included. */
  path: string;
}

const patterns = new Map<string, RegExp>();

function pattern(path: string): RegExp {
  let regex = patterns.get(path);
  if (regex === undefined) {
    const source = path
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    regex = new RegExp(`^${source}$`, "s");
    patterns.set(path, regex);
  }
  return regex;
}

/** True when any of the rules grants `method path` (the path without its query string). */
export const rulesGrant = (
  rules: readonly AccessRulePattern[],
  method: string,
  path: string,
): boolean =>
  rules.some(
    (rule) => rule.method.toUpperCase() === method.toUpperCase() && pattern(rule.path).test(path),
  );
