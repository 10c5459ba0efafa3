import { describe, expect, it } from "vitest";
import { buildUrl, ENDPOINTS, resolveEndpoint } from "./endpoints.ts";
import { APIError } from "./errors/api-error.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidRegion } from "./errors/invalid-region.ts";

// python-ovh 1.2's ENDPOINTS table.
const PYTHON_OVH_ENDPOINTS = {
  "ovh-eu": "https://eu.api.ovh.com/1.0",
  "ovh-us": "https://api.us.ovhcloud.com/1.0",
  "ovh-ca": "https://ca.api.ovh.com/1.0",
  "kimsufi-eu": "https://eu.api.kimsufi.com/1.0",
  "kimsufi-ca": "https://ca.api.kimsufi.com/1.0",
  "soyoustart-eu": "https://eu.api.soyoustart.com/1.0",
  "soyoustart-ca": "https://ca.api.soyoustart.com/1.0",
};

describe("ENDPOINTS", () => {
  it("holds exactly the seven endpoints of python-ovh", () => {
    expect({ ...ENDPOINTS }).toEqual(PYTHON_OVH_ENDPOINTS);
  });

  it("is frozen", () => {
    expect(Object.isFrozen(ENDPOINTS)).toBe(true);
  });
});

describe("resolveEndpoint", () => {
  it.each(Object.entries(PYTHON_OVH_ENDPOINTS))("%s -> %s", (name, url) => {
    expect(resolveEndpoint(name)).toBe(url);
  });

  it("refuses an unknown name with an InvalidRegion that lists every valid name", () => {
    const error = (() => {
      try {
        resolveEndpoint("ovh-moon");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidRegion);
    expect(error).toBeInstanceOf(APIError);
    const { message } = error as InvalidRegion;
    expect(message).toContain('"ovh-moon"');
    for (const name of Object.keys(PYTHON_OVH_ENDPOINTS)) expect(message).toContain(name);
  });

  it("does not take inherited object keys for endpoint names", () => {
    expect(() => resolveEndpoint("toString")).toThrow(InvalidRegion);
    expect(() => resolveEndpoint("__proto__")).toThrow(InvalidRegion);
  });

  it("is case-sensitive about names, like python-ovh", () => {
    expect(() => resolveEndpoint("OVH-EU")).toThrow(InvalidRegion);
  });

  it("accepts an absolute http(s) base URL and trims its trailing slashes", () => {
    expect(resolveEndpoint("http://127.0.0.1:8080/1.0")).toBe("http://127.0.0.1:8080/1.0");
    expect(resolveEndpoint("http://127.0.0.1:8080/1.0/")).toBe("http://127.0.0.1:8080/1.0");
    expect(resolveEndpoint("https://api.example//")).toBe("https://api.example");
    expect(resolveEndpoint("HTTPS://API.Example:443/1.0")).toBe("https://api.example/1.0");
  });

  it.each([
    ["a user name and password", "http://user:pass@127.0.0.1/1.0"],
    ["a user name", "http://user@127.0.0.1/1.0"],
    ["a query string", "http://127.0.0.1/1.0?debug=1"],
    ["a fragment", "http://127.0.0.1/1.0#top"],
  ])("refuses a base URL with %s", (_, url) => {
    expect(() => resolveEndpoint(url)).toThrow(InvalidRegion);
    expect(() => resolveEndpoint(url)).toThrow(/plain base URL/);
  });

  it("does not repeat the password of a refused base URL", () => {
    expect(() => resolveEndpoint("http://user:s3cr3t@127.0.0.1/1.0")).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("s3cr3t") }),
    );
  });

  it("refuses other schemes and unparsable URLs", () => {
    expect(() => resolveEndpoint("ftp://127.0.0.1/1.0")).toThrow(/Unknown endpoint/);
    expect(() => resolveEndpoint("127.0.0.1:8080")).toThrow(InvalidRegion);
    expect(() => resolveEndpoint("http://")).toThrow(/is not a valid URL/);
    expect(() => resolveEndpoint("http://[::1/1.0")).toThrow(InvalidRegion);
  });
});

describe("buildUrl", () => {
  const base = "https://eu.api.ovh.com/1.0";

  it("appends the path to the base URL, query string included", () => {
    expect(buildUrl(base, "/me")).toBe("https://eu.api.ovh.com/1.0/me");
    expect(buildUrl(base, "/me/api/credential?status=validated")).toBe(
      "https://eu.api.ovh.com/1.0/me/api/credential?status=validated",
    );
  });

  it("drops the base's /1.0 for paths under /v1 and /v2", () => {
    expect(buildUrl(base, "/v1/call")).toBe("https://eu.api.ovh.com/v1/call");
    expect(buildUrl(base, "/v2/iam/policy")).toBe("https://eu.api.ovh.com/v2/iam/policy");
    expect(buildUrl(base, "/v2")).toBe("https://eu.api.ovh.com/v2");
    expect(buildUrl(base, "/v1?x=1")).toBe("https://eu.api.ovh.com/v1?x=1");
    expect(buildUrl("http://127.0.0.1:8080/1.0", "/v2/x")).toBe("http://127.0.0.1:8080/v2/x");
  });

  it("keeps /1.0 for paths that only start like a version", () => {
    expect(buildUrl(base, "/v1x")).toBe("https://eu.api.ovh.com/1.0/v1x");
    expect(buildUrl(base, "/v3/x")).toBe("https://eu.api.ovh.com/1.0/v3/x");
    expect(buildUrl(base, "/vps")).toBe("https://eu.api.ovh.com/1.0/vps");
  });

  it("leaves a base without /1.0 as it is for versioned paths", () => {
    expect(buildUrl("http://127.0.0.1:8080", "/v1/call")).toBe("http://127.0.0.1:8080/v1/call");
  });

  it.each([
    ["no leading slash", "me"],
    ["an empty path", ""],
    ["a full URL", "https://evil.example/me"],
  ])("refuses a path with %s", (_, path) => {
    expect(() => buildUrl(base, path)).toThrow(InvalidConfiguration);
    expect(() => buildUrl(base, path)).toThrow(/must start with "\/"/);
  });

  it("refuses a path that is not a string", () => {
    expect(() => buildUrl(base, 42 as unknown as string)).toThrow(InvalidConfiguration);
  });

  it.each([
    ["a leading //", "//evil.example/me"],
    ["a space", "/me/ bill"],
    ["a tab", "/me\t"],
    ["a newline", "/me\nX-Injected: 1"],
    ["a NUL", "/me\u0000"],
    ["a DEL", "/me\u007f"],
    ["a #", "/me#fragment"],
    ["a backslash", "/\\evil.example/me"],
  ])("refuses a path with %s", (_, path) => {
    expect(() => buildUrl(base, path)).toThrow(InvalidConfiguration);
    expect(() => buildUrl(base, path)).toThrow(/not allowed in an API path/);
  });

  it.each([
    "/.",
    "/..",
    "/me/.",
    "/me/..",
    "/me/../../admin",
    "/me/./bill",
    "/../v2/x",
    "/me/..?a=1",
    // Percent-encoded dots are dot segments too for URL parsers.
    "/me/%2e%2e/%2E%2E/admin",
    "/me/.%2e",
    "/me/%2e/bill",
  ])("refuses the dot segments of %s", (path) => {
    expect(() => buildUrl(base, path)).toThrow(InvalidConfiguration);
    expect(() => buildUrl(base, path)).toThrow(/"\." or "\.\." segments/);
  });

  it("allows dots inside names and in the query string", () => {
    expect(buildUrl(base, "/domain/example.com")).toBe(
      "https://eu.api.ovh.com/1.0/domain/example.com",
    );
    expect(buildUrl(base, "/me/...")).toBe("https://eu.api.ovh.com/1.0/me/...");
    expect(buildUrl(base, "/me/.hidden")).toBe("https://eu.api.ovh.com/1.0/me/.hidden");
    expect(buildUrl(base, "/me?path=../x")).toBe("https://eu.api.ovh.com/1.0/me?path=../x");
    expect(buildUrl(base, "/me/%2e%2e%2e")).toBe("https://eu.api.ovh.com/1.0/me/%2e%2e%2e");
    expect(buildUrl(base, "/me/%252e%252e")).toBe("https://eu.api.ovh.com/1.0/me/%252e%252e");
  });

  it("refuses a URL that would land on another origin", () => {
    // "https://1.0" is the host 1.0.0.0; dropping its "/1.0" for a /v1 path would make "https://v1".
    expect(() => buildUrl("https://1.0", "/v1/me")).toThrow(InvalidConfiguration);
    expect(() => buildUrl("https://1.0", "/v1/me")).toThrow(/leave the endpoint's origin/);
  });
});
