/**
 * @module
 * What a consumer key's access rules grant: a rule is a method and a path where `*` stands for
 * any characters, slashes included (`/me/*` grants `/me/bill/42` but not `/me` itself). The
 * mock checks keys with it, and the signing proxy its own rules, so both agree with OVH.
 */

/** A method and a path pattern; the method is compared without regard to case. */
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

/** True when one rule grants `method path` (the path without its query string). */
export const ruleGrants = (rule: AccessRulePattern, method: string, path: string): boolean =>
  rule.method.toUpperCase() === method.toUpperCase() && pattern(rule.path).test(path);

/** True when any of the rules grants `method path`. */
export const rulesGrant = (
  rules: readonly AccessRulePattern[],
  method: string,
  path: string,
): boolean => rules.some((rule) => ruleGrants(rule, method, path));
