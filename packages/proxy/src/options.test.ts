import { Client, InvalidConfiguration } from "@asyncovh/core";
import { describe, expect, it } from "vitest";
import { createSigningProxy, type SigningProxyOptions } from "./signing-proxy.ts";

// Never called: building a proxy makes no request.
const client = new Client({ endpoint: "http://127.0.0.1:9/1.0", needAuth: false });
const allow = [{ method: "GET", path: "/me" }];
const authorize = () => true;

const build = (options: Partial<SigningProxyOptions> | Record<string, unknown>) => () =>
  createSigningProxy({ client, allow, authorize, ...options } as SigningProxyOptions);

function refuses(options: Partial<SigningProxyOptions> | Record<string, unknown>, message: RegExp) {
  expect(build(options)).toThrow(InvalidConfiguration);
  expect(build(options)).toThrow(message);
}

describe("createSigningProxy is closed unless told otherwise", () => {
  it("refuses to build without `authorize`, saying what `public: true` would expose", () => {
    refuses(
      { authorize: undefined },
      /needs `authorize`.*anyone who can reach the proxy makes the allowed calls with your credentials.*`public: true`/,
    );
    refuses({ authorize: undefined, public: false }, /needs `authorize`/);
  });

  it("builds with `authorize`, or with `public: true` alone", () => {
    expect(build({})).not.toThrow();
    expect(build({ authorize: undefined, public: true })).not.toThrow();
    expect(build({ authorize: async () => true, public: false })).not.toThrow();
  });

  it.each([
    ["true", true],
    ["a string", "admin"],
    ["an object", { check: () => true }],
    ["null", null],
  ])("refuses an `authorize` that is %s, not a function", (_name, value) => {
    refuses({ authorize: value }, /authorize must be a function/);
  });

  it.each([["true"], [1], [null]])("refuses `public: %j`, which is not a boolean", (value) => {
    refuses({ authorize: undefined, public: value }, /public must be true or false/);
  });

  it("refuses `public: true` with `authorize`: they contradict", () => {
    refuses({ public: true }, /pass it or `authorize`, not both/);
  });
});

describe("allowedOrigins", () => {
  it("refuses \"*\" with `authorize`: any site's pages would ride on the users' cookies", () => {
    refuses({ allowedOrigins: ["*"] }, /any site's pages make calls with your users' credentials/);
    expect(build({ authorize: undefined, public: true, allowedOrigins: ["*"] })).not.toThrow();
  });

  it.each([
    ["null"],
    ["https://dash.example/"],
    ["https://dash.example/app"],
    ["dash.example"],
    ["https://*.example.com"],
    [42],
  ])("refuses %j, which is not an origin", (origin) => {
    refuses({ allowedOrigins: [origin] }, /is not an origin: write scheme:\/\/host\[:port\]/);
  });

  it("accepts exact origins, ports included", () => {
    const origins = ["https://dash.example", "http://127.0.0.1:5173", "https://[::1]:8443"];
    expect(build({ allowedOrigins: origins })).not.toThrow();
    refuses({ allowedOrigins: "https://dash.example" }, /must be an array/);
  });
});

describe("allow", () => {
  it.each([
    ["POST", "/*", "POST /auth/credential"],
    ["post", "/*", "POST /auth/credential"],
    ["POST", "/auth/*", "POST /auth/credential"],
    ["POST", "/auth/log*", "POST /auth/logout"],
    ["DELETE", "/me/*", "DELETE /me/api/credential/1"],
    ["PUT", "/me/api/*", "PUT /me/api/credential/1"],
    ["DELETE", "/*/credential/*", "DELETE /me/api/credential/1"],
    ["POST", "/me/accessRestriction/*", "POST /me/accessRestriction/ip"],
    ["POST", "/me/identity/*", "POST /me/identity/user"],
    ["POST", "/v1/*", "POST /v1/auth/credential"],
    ["POST", "/v2/*", "POST /v2/iam/policy"],
    ["PATCH", "/*", "PATCH /auth/credential"],
  ])("refuses %s %s, a wildcard that reaches %s", (method, path, reached) => {
    refuses({ allow: [{ method, path }] }, new RegExp(`reaches ${reached.replace("/", "\\/")},`));
  });

  it("accepts those routes listed one by one, and wildcards that only read", () => {
    const rules = [
      { method: "POST", path: "/auth/credential" },
      { method: "DELETE", path: "/me/api/credential/42" },
      { method: "GET", path: "/*" },
      { method: "POST", path: "/email/domain/*/redirection" },
      { method: "DELETE", path: "/email/*" },
    ];
    expect(build({ allow: rules })).not.toThrow();
  });

  it.each([
    ["no list", undefined, /needs `allow`/],
    ["a rule without path", [{ method: "GET" }], /needs a path starting with "\/"/],
    ["a relative path", [{ method: "GET", path: "me" }], /needs a path starting with "\/"/],
    ["a method that is no word", [{ method: "G E T", path: "/me" }], /needs a method/],
    ["a null rule", [null], /needs a method/],
  ])("refuses %s", (_name, rules, message) => {
    refuses({ allow: rules }, message);
  });
});

describe("the other options", () => {
  it.each([
    ["no client", { client: undefined }, /needs `client`/],
    ["an object that is not a client", { client: {} }, /needs `client`/],
    ["no options", null, /needs options/],
    ["a relative base path", { basePath: "api" }, /basePath must start with "\/"/],
    ["a base path that climbs", { basePath: "/api/.." }, /basePath/],
    ["a base path with a wildcard", { basePath: "/a*" }, /basePath/],
    ["a base path with a query", { basePath: "/api?x" }, /basePath/],
    ["a negative maxBodySize", { maxBodySize: -1 }, /maxBodySize must be a whole number/],
    ["a fractional maxBodySize", { maxBodySize: 1.5 }, /maxBodySize/],
    ["a maxBodySize in a string", { maxBodySize: "1" }, /maxBodySize/],
  ])("refuses %s", (_name, options, message) => {
    const make = () =>
      createSigningProxy(
        (options === null
          ? null
          : { client, allow, authorize, ...options }) as unknown as SigningProxyOptions,
      );
    expect(make).toThrow(InvalidConfiguration);
    expect(make).toThrow(message);
  });

  it("takes a base path with or without its trailing slash", () => {
    expect(build({ basePath: "/api/" })).not.toThrow();
    expect(build({ basePath: "/" })).not.toThrow();
    expect(build({ basePath: "/v-1/ovh_api" })).not.toThrow();
  });
});
