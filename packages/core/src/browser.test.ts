import { afterEach, describe, expect, it } from "vitest";
import { assertNoSecretInBrowser, isBrowser } from "./browser.ts";
import { Client } from "./client.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

const page = { window: {}, document: {} };

describe("isBrowser", () => {
  it("is true for a page's global scope, which has both window and document", () => {
    expect(isBrowser(page)).toBe(true);
  });

  it.each([
    ["Node, Bun, Workers (no window, no document)", {}],
    ["a scope with window alone", { window: {} }],
    ["a scope whose document is undefined", { window: {}, document: undefined }],
  ])("is false for %s", (_name, scope) => {
    expect(isBrowser(scope)).toBe(false);
  });

  it("is false in this test runner, which is Node", () => {
    expect(isBrowser()).toBe(false);
  });
});

describe("assertNoSecretInBrowser", () => {
  it("refuses an application secret in a page, says why and what to do, and never shows it", () => {
    const check = () => assertNoSecretInBrowser({ applicationSecret: "s3cr3t-as" }, page);
    expect(check).toThrow(InvalidConfiguration);
    expect(check).toThrow(/runs in a browser and was given applicationSecret/);
    expect(check).toThrow(/signing proxy/);
    expect(check).toThrow(/dangerouslyAllowBrowser: true/);
    expect(check).not.toThrow(/s3cr3t/);
  });

  it("refuses a client secret too, naming both when both are given", () => {
    expect(() =>
      assertNoSecretInBrowser({ applicationSecret: "as", clientSecret: "cs" }, page),
    ).toThrow(/given applicationSecret and clientSecret/);
  });

  it("lets the author opt in with dangerouslyAllowBrowser", () => {
    expect(() =>
      assertNoSecretInBrowser({ applicationSecret: "as", dangerouslyAllowBrowser: true }, page),
    ).not.toThrow();
  });

  it("accepts a page client without secrets, and secrets outside a browser", () => {
    expect(() => assertNoSecretInBrowser({}, page)).not.toThrow();
    expect(() => assertNoSecretInBrowser({ applicationSecret: "as" }, {})).not.toThrow();
  });
});

describe("a Client built in a browser page", () => {
  const scope = globalThis as { window?: unknown; document?: unknown };
  afterEach(() => {
    delete scope.window;
    delete scope.document;
  });

  it("refuses an application secret unless dangerouslyAllowBrowser is set", () => {
    scope.window = scope;
    scope.document = {};
    const options = { endpoint: "ovh-eu", applicationKey: "ak", applicationSecret: "as" };
    expect(() => new Client(options)).toThrow(InvalidConfiguration);
    expect(() => new Client({ ...options, dangerouslyAllowBrowser: true })).not.toThrow();
    expect(() => new Client({ endpoint: "ovh-eu", needAuth: false })).not.toThrow();
  });
});
