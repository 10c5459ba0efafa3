import { describe, expect, it } from "vitest";
import { pathRefusal } from "./request-path.ts";

describe("pathRefusal", () => {
  it.each([
    ["/"],
    ["/me"],
    ["/me/bill/FR123"],
    ["/email/domain/example.com/redirection"],
    // An IP block, as OVH's clients encode it.
    ["/ip/192.0.2.0%2F24"],
    ["/email/domain/example.com/account/sales%40example.com"],
    ["/domain/zone/example.com/record/..."],
    ["/me/.well-known"],
    ["/v2/iam/resource"],
  ])("forwards %s", (path) => {
    expect(pathRefusal(path)).toBeUndefined();
  });

  it.each([
    ["/me/", /empty segment/],
    ["/email//domain", /empty segment/],
    ["/email/domain/x%2F..%2F..%2Fme%2Fbill", /`\.` or `\.\.` segment/],
    ["/email/domain/x%5C..%5C..%5Cme", /`\.` or `\.\.` segment/],
    ["/email/domain/%2E%2E;/me", /`\.` or `\.\.` segment/],
    ["/email/domain/..;/me", /`\.` or `\.\.` segment/],
    ["/email/domain/.;x/me", /`\.` or `\.\.` segment/],
    ["/email/domain/x%2F%2Fme", /encoded `\/` or `\\` next to another/],
    ["/email/domain/%2Fme", /encoded `\/` or `\\` next to another/],
    ["/email/domain/x%3F/redirection", /encoded `\?`, `#` or control/],
    ["/email/domain/x%23/redirection", /encoded `\?`, `#` or control/],
    ["/me%00/bill", /encoded `\?`, `#` or control/],
    ["/me%0d%0aX-Ovh-Consumer:%20x", /encoded `\?`, `#` or control/],
    ["/me/%E0%A4%A", /malformed percent-encoding in segment 2/],
  ])("refuses %s", (path, reason) => {
    expect(pathRefusal(path)).toMatch(reason);
  });
});
