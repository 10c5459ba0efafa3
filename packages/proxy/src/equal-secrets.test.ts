import { describe, expect, it } from "vitest";
import { equalSecrets } from "./equal-secrets.ts";

describe("equalSecrets", () => {
  it("is true for the same text only", async () => {
    expect(await equalSecrets("s3cret-token", "s3cret-token")).toBe(true);
    expect(await equalSecrets("s3cret-tokeN", "s3cret-token")).toBe(false);
    expect(await equalSecrets("s3cret-token ", "s3cret-token")).toBe(false);
    expect(await equalSecrets("s3cret", "s3cret-token")).toBe(false);
    expect(await equalSecrets("é", "e\u0301")).toBe(false);
  });

  it("matches nothing when the expected secret is missing or empty", async () => {
    expect(await equalSecrets("", "")).toBe(false);
    expect(await equalSecrets(undefined, undefined)).toBe(false);
    expect(await equalSecrets("", undefined)).toBe(false);
    expect(await equalSecrets(null, "token")).toBe(false);
  });
});
