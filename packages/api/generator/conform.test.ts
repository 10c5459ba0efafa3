/**
 * The run-time check of JSON against OVH's descriptions, on the fixtures: what it accepts and
 * each kind of problem it reports.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { conformance, type DescribedRoute, describedRoutes } from "./conform.ts";
import type { Method, TypeRef } from "./model.ts";

const fixtures = fileURLToPath(new URL("./fixtures/schemas", import.meta.url));
let find: (method: Method, path: string) => DescribedRoute | undefined;

beforeAll(async () => {
  find = await describedRoutes(fixtures);
});

const check = (value: unknown, method: Method, path: string) => {
  const route = find(method, path) as DescribedRoute;
  return conformance(value, route.operation.result, route.api.models);
};

const ORDER = {
  orderId: 1,
  status: "pending",
  note: null,
  weight: { unit: "kg", value: 2.5 },
  tags: { a: "b" },
  ips: ["192.0.2.0/24"],
  default: false,
};

describe("conformance", () => {
  it("accepts an object with every property of its model, each of its type", () => {
    expect(check(ORDER, "GET", "/shop/order/{orderId}")).toEqual([]);
    expect(check([1, 2], "GET", "/shop/order")).toEqual([]);
    expect(check(null, "DELETE", "/shop/order/{orderId}")).toEqual([]);
  });

  it("finds routes whatever their placeholders are named, /v2 ones with /v2", () => {
    expect(find("GET", "/shop/order/{id}")?.operation.path).toBe("/shop/order/{orderId}");
    expect(find("GET", "/v2/access/policy")?.api.name).toBe("v2/access");
    expect(find("GET", "/access/policy")).toBeUndefined();
  });

  it("reports a missing property, and one the model does not have", () => {
    const noNote: Record<string, unknown> = { ...ORDER, color: "red" };
    delete noNote.note;
    expect(check(noNote, "GET", "/shop/order/{orderId}")).toEqual([
      "$.color: not a property of the model",
      "$.note: missing",
    ]);
  });

  it("reports a value of the wrong type, at its place", () => {
    expect(
      check(
        { ...ORDER, weight: { unit: "kg", value: "2.5" }, ips: ["a", 3] },
        "GET",
        "/shop/order/{orderId}",
      ),
    ).toEqual(["$.weight.value: string, not a number", "$.ips[1]: number, not a string"]);
  });

  it("reports null where the model does not allow it, and a value outside an enum", () => {
    expect(
      check({ ...ORDER, status: "lost", default: null }, "GET", "/shop/order/{orderId}"),
    ).toEqual([
      '$.status: "lost" is not one of ["delivered","pending"]',
      "$.default: null, not a boolean",
    ]);
  });

  it("reports a list that is not one, and a map entry of the wrong type", () => {
    expect(check({ a: 1 }, "GET", "/shop/order")).toEqual(["$: object, not an array"]);
    expect(check({ ...ORDER, tags: { a: 1 } }, "GET", "/shop/order/{orderId}")).toEqual([
      '$.tags["a"]: number, not a string',
    ]);
    expect(check({ ...ORDER, tags: [] }, "GET", "/shop/order/{orderId}")).toEqual([
      "$.tags: an array, not an object",
    ]);
  });

  it("checks the object of an OpenAPI 3 description, nested objects included", () => {
    const member = {
      login: "ada",
      role: "admin",
      level: null,
      contact: { email: "ada@example.com", id: 1 },
      ip: "192.0.2.1",
      extra: { anything: true },
      labels: {},
      history: [{ at: "2024-01-01T00:00:00Z" }, { at: 1 }],
    };
    expect(check(member, "GET", "/team/member/{login}")).toEqual([
      "$.history[1].at: number, not a string",
    ]);
  });

  it("takes a type written by hand", () => {
    const type: TypeRef = { kind: "nullable", of: { kind: "primitive", name: "number" } };
    expect(conformance(Number.NaN, type, new Map())).toEqual(["$: number, not a number"]);
    expect(conformance(null, { kind: "primitive", name: "null" }, new Map())).toEqual([]);
    expect(conformance(1, { kind: "primitive", name: "null" }, new Map())).toEqual([
      "$: number, not null",
    ]);
  });
});
