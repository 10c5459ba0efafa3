import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { collectionOf, fillPath, routeTarget } from "./path-template.ts";

describe("fillPath", () => {
  it("fills each placeholder from the param of its name and keeps the others, in order", () => {
    expect(
      fillPath("/dedicated/server/{serviceName}/task/{taskId}", {
        status: "done",
        taskId: 42,
        serviceName: "ns1.ip-1-2-3.eu",
        function: "reboot",
      }),
    ).toEqual([
      "/dedicated/server/ns1.ip-1-2-3.eu/task/42",
      { status: "done", function: "reboot" },
    ]);
  });

  it("encodes a value as one path segment", () => {
    const [path] = fillPath("/email/domain/{domain}/redirection/{id}", {
      domain: "a/b?c#d e",
      id: "é%",
    });
    expect(path).toBe("/email/domain/a%2Fb%3Fc%23d%20e/redirection/%C3%A9%25");
  });

  it("sends any string as exactly one segment that decodes back to it", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1 }).filter((s) => s !== "." && s !== ".."),
        (value) => {
          const [path] = fillPath("/me/bill/{billId}/details", { billId: value });
          const segments = path.split("/");
          expect(segments).toHaveLength(5);
          expect(decodeURIComponent(segments[3] as string)).toBe(value);
        },
      ),
    );
  });

  it("takes numbers and bigints", () => {
    expect(fillPath("/me/api/credential/{credentialId}", { credentialId: 100_000_001 })[0]).toBe(
      "/me/api/credential/100000001",
    );
    expect(fillPath("/x/{id}", { id: 12345678901234567890n })[0]).toBe("/x/12345678901234567890");
  });

  it("gives back a path without braces and its params as they are", () => {
    const params = { status: "validated" };
    const body = [1, 2];
    expect(fillPath("/me/api/credential", params)[1]).toBe(params);
    expect(fillPath("/me/api/credential", body)[1]).toBe(body);
    expect(fillPath("/me", undefined)).toEqual(["/me", undefined]);
  });

  it("leaves braces around something other than a name as text", () => {
    expect(fillPath("/me/bill/é{1}", { x: 1 })).toEqual(["/me/bill/é{1}", { x: 1 }]);
    const body = ["a"];
    expect(fillPath("/a/{", body)[1]).toBe(body);
  });

  it.each([
    ["missing", {}],
    ["undefined", { billId: undefined }],
    ["null", { billId: null }],
    ["empty", { billId: "" }],
    ["a dot", { billId: "." }],
    ["two dots", { billId: ".." }],
    ["an object", { billId: { id: 1 } }],
    ["a boolean", { billId: true }],
    ["not finite", { billId: Number.NaN }],
    ["a lone surrogate", { billId: "\uD800" }],
  ])("refuses a value that is %s, naming the placeholder", (_, params) => {
    expect(() => fillPath("/me/bill/{billId}", params)).toThrow(InvalidConfiguration);
    expect(() => fillPath("/me/bill/{billId}", params)).toThrow(
      '/me/bill/{billId} needs {billId}: a string or number param, not "", "." or "..".',
    );
  });

  it("refuses to fill a placeholder from params that are not an object", () => {
    expect(() => fillPath("/x/{id}/y", ["a"])).toThrow(InvalidConfiguration);
    expect(() => fillPath("/x/{id}/y", "id")).toThrow(InvalidConfiguration);
    expect(() => fillPath("/x/{id}/y", undefined)).toThrow(InvalidConfiguration);
  });

  it("does not change the params it was given", () => {
    const params = { billId: "FR1", category: "autorenew" };
    fillPath("/me/bill/{billId}", params);
    expect(params).toEqual({ billId: "FR1", category: "autorenew" });
  });
});

describe("routeTarget", () => {
  it("fills the path and queries the other params, reserved words aliased", () => {
    expect(
      routeTarget("/email/domain/{domain}/redirection", { domain: "example.com", _from: "a@b" }),
    ).toBe("/email/domain/example.com/redirection?from=a%40b");
  });

  it("is the path alone when nothing is left to query", () => {
    expect(routeTarget("/me/bill/{billId}", { billId: "FR1" })).toBe("/me/bill/FR1");
    expect(routeTarget("/me", undefined)).toBe("/me");
  });
});

describe("collectionOf", () => {
  it("is the path without its last placeholder", () => {
    expect(collectionOf("/dedicated/server/{serviceName}/task/{taskId}")).toBe(
      "/dedicated/server/{serviceName}/task",
    );
    expect(collectionOf("/me/bill/{billId}")).toBe("/me/bill");
  });

  it("is undefined for a path that does not end with a placeholder", () => {
    expect(collectionOf("/me/bill")).toBeUndefined();
    expect(collectionOf("/dedicated/server/{serviceName}/task")).toBeUndefined();
    expect(collectionOf("/x/{1}")).toBeUndefined();
  });
});
