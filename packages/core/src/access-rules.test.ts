import { describe, expect, it } from "vitest";
import { ruleGrants, rulesGrant } from "./access-rules.ts";

describe("ruleGrants", () => {
  it.each([
    [{ method: "GET", path: "/me" }, "GET", "/me", true],
    [{ method: "GET", path: "/me" }, "GET", "/me/bill", false],
    [{ method: "GET", path: "/me/*" }, "GET", "/me/bill/42", true],
    [{ method: "GET", path: "/me/*" }, "GET", "/me", false],
    [{ method: "GET", path: "/*" }, "GET", "/", true],
    [{ method: "GET", path: "/*" }, "GET", "/anything/at/all", true],
    [{ method: "GET", path: "/sms/*/jobs" }, "GET", "/sms/sms-ab12/jobs", true],
    [{ method: "GET", path: "/sms/*/jobs" }, "GET", "/sms/a/b/jobs", true],
    [{ method: "GET", path: "/sms/*/jobs" }, "GET", "/sms/a/jobs/1", false],
    [{ method: "get", path: "/me" }, "GET", "/me", true],
    [{ method: "GET", path: "/me" }, "POST", "/me", false],
    [{ method: "GET", path: "/a.b" }, "GET", "/aXb", false],
    [{ method: "GET", path: "/(x)+" }, "GET", "/(x)+", true],
  ])("%j grants %s %s: %s", (rule, method, path, expected) => {
    expect(ruleGrants(rule, method, path)).toBe(expected);
  });
});

describe("rulesGrant", () => {
  const rules = [
    { method: "GET", path: "/me" },
    { method: "POST", path: "/email/domain/*" },
  ];

  it("is true when any rule grants the call", () => {
    expect(rulesGrant(rules, "POST", "/email/domain/example.com/redirection")).toBe(true);
    expect(rulesGrant(rules, "GET", "/me")).toBe(true);
  });

  it("is false when none does, and for no rules at all", () => {
    expect(rulesGrant(rules, "DELETE", "/me")).toBe(false);
    expect(rulesGrant([], "GET", "/me")).toBe(false);
  });
});
