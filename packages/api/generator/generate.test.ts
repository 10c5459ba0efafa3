/**
 * The generator on small descriptions in both of OVH's formats (`fixtures/schemas/`): what it
 * writes, and that what it writes compiles and types calls as promised.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitApi, identifier, routesName } from "./emit.ts";
import { type Generated, generate, jsrManifest, listSchemas, writeGenerated } from "./generate.ts";
import type { Api, Model, TypeRef } from "./model.ts";
import { parseV1Type } from "./v1.ts";

const fixtures = fileURLToPath(new URL("./fixtures/schemas", import.meta.url));
const core = fileURLToPath(new URL("../../core/src/index.ts", import.meta.url));

let generated: Generated;
const file = (name: string) => generated.files.get(name) as string;

beforeAll(async () => {
  generated = await generate(fixtures);
});

describe("the schemas read", () => {
  it("are one per API, the OpenAPI 3 description winning over the 1.0 one", async () => {
    expect(await listSchemas(fixtures)).toEqual([
      { name: "shop", format: "v1", file: "v1/shop.json" },
      { name: "team", format: "openapi3", file: "openapi3/team.json" },
      { name: "v2/access", format: "openapi3", file: "openapi3/v2/access.json" },
    ]);
    expect(generated.apis).toEqual(["shop", "team", "v2/access"]);
    expect(file("team/routes.d.ts")).not.toContain("/team/old");
  });

  it("give a JSR manifest of the routes subpaths (JSR takes no module augmentation)", () => {
    expect(jsrManifest(generated.apis, "1.2.3")).toEqual({
      name: "@asyncovh/api",
      version: "1.2.3",
      license: "BSD-3-Clause",
      exports: {
        "./shop/routes": "./types/shop/routes.d.ts",
        "./team/routes": "./types/team/routes.d.ts",
        "./v2/access/routes": "./types/v2/access/routes.d.ts",
      },
      publish: { include: ["types/**/routes.d.ts", "README.md", "LICENSE"] },
    });
  });

  it("give two files per API: the routes, and their project-wide opt-in", () => {
    expect([...generated.files.keys()].sort()).toEqual([
      "shop.d.ts",
      "shop/routes.d.ts",
      "team.d.ts",
      "team/routes.d.ts",
      "v2/access.d.ts",
      "v2/access/routes.d.ts",
    ]);
    expect(file("v2/access.d.ts")).toContain('export type * from "./access/routes.d.ts";');
    expect(file("v2/access.d.ts")).toContain(
      'declare module "@asyncovh/core" {\n  interface GetRoutes extends routes.Get {}',
    );
  });
});

describe("models", () => {
  it("are interfaces in namespaces named like OVH's, enums as unions", () => {
    const shop = file("shop/routes.d.ts");
    expect(shop).toContain("export declare namespace shop {");
    expect(shop).toContain('  type StatusEnum = "delivered" | "pending";');
    expect(file("team/routes.d.ts")).toContain("  type LevelEnum = 1 | 2 | 3;");
  });

  it("in results: every property, read-only ones marked, null where it can be", () => {
    const shop = file("shop/routes.d.ts");
    expect(shop).toContain("    readonly orderId: number;");
    expect(shop).toContain("    note: string | null;");
    expect(shop).toContain("    tags: { [key: string]: string };");
    expect(shop).toContain("    ips: string[];");
    const team = file("team/routes.d.ts");
    expect(team).toContain("    level: $.team.LevelEnum | null;");
    expect(team).toContain("    contact: $.team.Contact | null;");
    // Primitive aliases are inlined; `any` is unknown.
    expect(team).toContain("    ip: string;");
    expect(team).toContain("    extra: unknown;");
  });

  it("leave out the models no route reaches", () => {
    expect(file("shop/routes.d.ts")).not.toContain("Unused");
  });

  it("declare a generic model once and use it with its arguments", () => {
    const shop = file("shop/routes.d.ts");
    expect(shop).toContain("  interface UnitAndValue<T> {");
    expect(shop.match(/interface UnitAndValue/g)).toHaveLength(1);
    expect(shop).toContain("    readonly weight: $.complexType.UnitAndValue<number>;");
  });

  it("in what calls send: read-only properties out, optional unless required", () => {
    const team = file("team/routes.d.ts");
    const input = team.slice(
      team.indexOf("export declare namespace Input"),
      team.indexOf("/** GET"),
    );
    expect(input).toContain(
      "    interface Member {\n      /** Their role */\n      role?: $.team.RoleEnum;",
    );
    expect(input).not.toContain("login");
    expect(input).toContain("      contact?: $.Input.team.Contact | null;");
    expect(input).toContain("    interface Contact {\n      email: string;\n    }");
  });

  it("let a reserved word be written with an underscore, as the client sends it", () => {
    expect(file("shop/routes.d.ts")).toContain(
      "} & ({ default: boolean; _default?: never } | { _default: boolean; default?: never });",
    );
  });

  it("escape names TypeScript refuses", () => {
    expect(file("shop/routes.d.ts")).toContain("export declare namespace _public {");
    expect(identifier("interface")).toBe("_interface");
    expect(identifier("2013v1")).toBe("_2013v1");
    expect(identifier("Bill")).toBe("Bill");
  });
});

describe("routes", () => {
  it("are keyed by path template, with placeholders, query and result", () => {
    const shop = file("shop/routes.d.ts");
    expect(shop).toContain(
      '  "/shop/order/{orderId}": {\n    path: {\n      orderId: number;\n    };\n    result: $.shop.Order;\n  };',
    );
    // A part a route does not have is left out.
    expect(shop).toContain('  /** The shop\'s name */\n  "/shop": {\n    result: string;\n  };');
  });

  it("leave out the query parameters the client cannot send (objects) and the headers", () => {
    const shop = file("shop/routes.d.ts");
    expect(shop).toContain(
      "      status?: $.shop.StatusEnum;\n      from?: string;\n      _from?: string;\n      scope?: $._public.Scope;\n    };",
    );
    expect(shop).not.toContain("filter?:");
    expect(file("team/routes.d.ts")).not.toContain("X-Pagination");
    expect(file("v2/access/routes.d.ts")).toContain("    query: {\n      name?: string[];\n    };");
  });

  it("take a whole-model body in its input form, without a property a placeholder fills", () => {
    const shop = file("shop/routes.d.ts");
    expect(shop).toContain("    body: $.Input.shop.Order;");
    expect(shop).toContain('    body: Omit<$.Input.shop.Label, "name">;');
  });

  it("leave out a route whose body is not an object, and say so", () => {
    expect(generated.skipped).toEqual(
      new Map([["shop", ["POST /shop/order/{orderId}/label/{name}"]]]),
    );
  });

  it("answer null when OVH answers nothing", () => {
    expect(file("shop/routes.d.ts")).toContain("    body: $.Input.shop.Order;\n    result: null;");
  });

  it("are keyed with /v2 for the v2 API", () => {
    expect(file("v2/access/routes.d.ts")).toContain('  "/v2/access/policy/{policyId}": {');
  });

  it("mark deprecated routes", () => {
    expect(file("shop/routes.d.ts")).toContain(
      '  /**\n   * Alter this order\n   * @deprecated\n   */\n  "/shop/order/{orderId}": {',
    );
    expect(file("team/routes.d.ts")).toContain("   * Alter a member\n   * @deprecated\n");
  });

  it("list the routes of listObjects, batchGet (v1) and paginate (v2)", () => {
    const shop = file("shop/routes.d.ts");
    expect(shop).toContain('export interface ObjectLists {\n  "/shop/order": $.shop.Order;\n}');
    expect(shop).toContain('export interface Batches {\n  "/shop/order/{orderId}": "orderId";\n}');
    expect(shop).toContain("export interface Cursors {}");
    const access = file("v2/access/routes.d.ts");
    expect(access).toContain(
      'export interface Cursors {\n  "/v2/access/policy": $.access.Policy;\n}',
    );
    expect(access).toContain("export interface Batches {}");
  });

  it("escape a description's end of comment", () => {
    expect(file("shop/routes.d.ts")).toContain("/** Get this *\\/ order */");
  });

  it("are named after the API for per-client use", () => {
    expect(routesName("dedicated-server")).toBe("DedicatedServerRoutes");
    expect(routesName("v2/iam")).toBe("IamRoutes");
    expect(file("shop/routes.d.ts")).toContain("export type ShopRoutes = Routes;");
  });
});

describe("the generator refuses", () => {
  /** An API with these models, and a route that answers each. */
  const api = (models: [string, Model][]): Api => ({
    name: "x",
    prefix: "",
    source: "test",
    models: new Map(models),
    operations: models.map(([name]) => ({
      method: "GET",
      path: `/x/${name}`,
      pathParams: [],
      query: [],
      body: undefined,
      result: { kind: "ref", name },
    })),
  });

  it("two models that would get the same name", () => {
    const enumType: TypeRef = { kind: "literals", values: ["a"] };
    expect(() =>
      emitApi(
        api([
          ["a.public", { name: "a.public", type: enumType }],
          ["a._public", { name: "a._public", type: enumType }],
        ]),
      ),
    ).toThrow("x: models a._public and a.public would both be output.a._public.");
  });

  it("a top-level model named like a generated map", () => {
    expect(() =>
      emitApi(api([["Routes", { name: "Routes", type: { kind: "literals", values: ["a"] } }]])),
    ).toThrow("model Routes collides with the generated Routes");
  });
});

describe("1.0 type strings", () => {
  const models = new Set(["a.B", "complexType.UnitAndValue"]);
  it.each([
    ["long", { kind: "primitive", name: "number" }],
    ["double[]", { kind: "array", of: { kind: "primitive", name: "number" } }],
    ["ipv4Block", { kind: "primitive", name: "string" }],
    ["boolean", { kind: "primitive", name: "boolean" }],
    ["void", { kind: "primitive", name: "null" }],
    ["map[string]a.B", { kind: "map", of: { kind: "ref", name: "a.B" } }],
    [
      "complexType.UnitAndValue<a.B[]>",
      {
        kind: "ref",
        name: "complexType.UnitAndValue",
        args: [{ kind: "array", of: { kind: "ref", name: "a.B" } }],
      },
    ],
    ["not.A.Model", { kind: "primitive", name: "unknown" }],
    ["unknown.Generic<long>", { kind: "primitive", name: "unknown" }],
  ])("%s", (text, type) => {
    expect(parseV1Type(text, models)).toEqual(type);
  });

  it("knows the type parameters in scope", () => {
    expect(parseV1Type("T[]", models, ["T"])).toEqual({
      kind: "array",
      of: { kind: "parameter", name: "T" },
    });
  });
});

describe("what it writes", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "asyncovh-api-"));
    await writeGenerated(generated, join(dir, "types"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Compiles `source` against the written declarations and core; returns the errors. */
  async function compile(source: string): Promise<string[]> {
    await writeFile(join(dir, "use.ts"), source);
    const program = ts.createProgram([join(dir, "use.ts")], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
      types: [],
      paths: { "@asyncovh/core": [core], "#types/*": [`${dir}/types/*`] },
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file?.fileName.replace(dir, "")}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
      );
  }

  it("is written where it says", async () => {
    expect(await readFile(join(dir, "types", "shop.d.ts"), "utf8")).toBe(file("shop.d.ts"));
  });

  it("compiles, and types calls project-wide and per client", { timeout: 120_000 }, async () => {
    const errors = await compile(`
import { Client } from "@asyncovh/core";
import type {} from "#types/shop.js";
import type { AccessRoutes, access } from "#types/v2/access/routes.js";

const shop = new Client();
export async function project(id: number) {
  const order = await shop.get("/shop/order/{orderId}", { orderId: id });
  const status: "delivered" | "pending" = order.status;
  const note: string | null = order.note;
  // @ts-expect-error read-only
  order.orderId = 2;
  // @ts-expect-error a missing placeholder
  await shop.get("/shop/order/{orderId}");
  // @ts-expect-error a placeholder of the wrong type
  await shop.get("/shop/order/{orderId}", { orderId: "1" });
  await shop.put("/shop/order/{orderId}", { orderId: id, status: "pending", _default: true });
  // @ts-expect-error a read-only property in a body
  await shop.put("/shop/order/{orderId}", { orderId: id, status: "pending", default: true, orderId2: 1 });
  // @ts-expect-error an enum value it does not have
  await shop.get("/shop/order", { status: "lost" });
  // @ts-expect-error a parameter of a route that takes none
  await shop.get("/shop", { status: "delivered" });
  // @ts-expect-error an unknown parameter of a route with placeholders
  await shop.get("/shop/order/{orderId}", { orderId: id, status: "delivered" });
  await shop.get("/shop", {});
  const name: string = await shop.get("/shop");
  await shop.post("/shop/order", { item: "a", _from: "b" });
  // @ts-expect-error from is required
  await shop.post("/shop/order", { item: "a" });
  for await (const o of shop.listObjects("/shop/order")) o.orderId satisfies number;
  const { values } = await shop.batchGet("/shop/order/{orderId}", [1, 2]);
  values.get("1")?.status satisfies "delivered" | "pending" | undefined;
  // @ts-expect-error ids of the placeholder's type
  await shop.batchGet("/shop/order/{orderId}", ["1"]);
  const untyped = await shop.get(\`/shop/order/\${id}\`);
  // @ts-expect-error untyped: unknown
  untyped.status;
  return [status, note, name];
}

const iam = new Client<AccessRoutes>();
export async function perClient() {
  for await (const policy of iam.paginate("/v2/access/policy", { name: ["a"] })) {
    policy satisfies access.Policy;
  }
  // @ts-expect-error this client knows only its own routes: untyped, and unknown
  (await iam.get("/shop/order")).length;
  // @ts-expect-error an unknown parameter
  await iam.delete("/v2/access/policy/{policyId}", { policyId: "x", id: "y" });
}

// The one error expected: the check can fail.
export const wrong = async (order: Awaited<ReturnType<typeof shop.get<never, "/shop/order/{orderId}">>>) => {
  const lost: "lost" = order.status;
  return lost;
};
`);
    expect(errors).toEqual([
      expect.stringMatching(/^\/use\.ts: Type 'StatusEnum' is not assignable to type '"lost"'\./),
    ]);
  });
});
