import { describe, expect, it } from "vitest";
import { createRouter, type Route } from "./router.ts";

const route = (method: Route["method"], path: string): Route => ({
  method,
  path,
  handle: () => path,
});

describe("createRouter", () => {
  const match = createRouter([
    route("GET", "/me"),
    route("GET", "/me/bill/{billId}"),
    route("PUT", "/dedicated/server/{serviceName}/burst"),
    route("GET", "/v2/iam/resource/{resourceURN}"),
  ]);

  it("matches a method and a literal path", () => {
    expect(match("GET", "/me")?.route.path).toBe("/me");
    expect(match("POST", "/me")).toBeUndefined();
    expect(match("GET", "/me/")).toBeUndefined();
    expect(match("GET", "/mee")).toBeUndefined();
  });

  it("captures one whole segment per parameter, percent-decoded", () => {
    expect(match("GET", "/me/bill/FR123")?.params).toEqual({ billId: "FR123" });
    expect(match("PUT", "/dedicated/server/ns1.ip-1-2-3.eu/burst")?.params).toEqual({
      serviceName: "ns1.ip-1-2-3.eu",
    });
    expect(match("GET", "/v2/iam/resource/urn%3Av1%3Aeu%3Ax")?.params).toEqual({
      resourceURN: "urn:v1:eu:x",
    });
  });

  it("does not let a parameter span segments or be empty", () => {
    expect(match("GET", "/me/bill/a/b")).toBeUndefined();
    expect(match("GET", "/me/bill/")).toBeUndefined();
  });

  it("refuses a segment that cannot be percent-decoded", () => {
    expect(match("GET", "/me/bill/%E0%A4%A")).toBeUndefined();
  });
});
