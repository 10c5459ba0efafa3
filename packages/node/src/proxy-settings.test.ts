import { InvalidConfiguration } from "@asyncovh/core";
import { describe, expect, it } from "vitest";
import { type ProxySettings, parseProxy, proxyFor, proxySettings } from "./proxy-settings.ts";

const hrefOf = (proxy: ProxySettings["https:"]) =>
  proxy instanceof InvalidConfiguration ? proxy.message : proxy?.url.href;

const hrefs = (settings: ReturnType<typeof proxySettings>) => ({
  "http:": hrefOf(settings["http:"]),
  "https:": hrefOf(settings["https:"]),
  noProxy: settings.noProxy,
});

describe("proxySettings from the environment", () => {
  it("reads https_proxy before HTTPS_PROXY, http_proxy alone, and no_proxy before NO_PROXY", () => {
    expect(
      hrefs(
        proxySettings(undefined, {
          https_proxy: "http://lower:3128",
          HTTPS_PROXY: "http://upper:3128",
          http_proxy: "http://plain:3128",
          no_proxy: "lower.example",
          NO_PROXY: "upper.example",
        }),
      ),
    ).toEqual({
      "http:": "http://plain:3128/",
      "https:": "http://lower:3128/",
      noProxy: "lower.example",
    });
    expect(
      hrefs(proxySettings(undefined, { HTTPS_PROXY: "http://upper:3128", NO_PROXY: "x" })),
    ).toEqual({ "http:": undefined, "https:": "http://upper:3128/", noProxy: "x" });
  });

  it("ignores HTTP_PROXY, which a CGI program receives from a request's Proxy header", () => {
    expect(hrefs(proxySettings(undefined, { HTTP_PROXY: "http://httpoxy:3128" }))).toEqual({
      "http:": undefined,
      "https:": undefined,
      noProxy: "",
    });
  });

  it("counts an empty or blank variable as unset", () => {
    const settings = proxySettings(undefined, {
      https_proxy: "",
      HTTPS_PROXY: "http://upper:3128",
      no_proxy: " ",
      NO_PROXY: "upper.example",
    });
    expect(hrefs(settings)).toEqual({
      "http:": undefined,
      "https:": "http://upper:3128/",
      noProxy: "upper.example",
    });
  });

  it("reads a proxy without a scheme as http://", () => {
    expect(hrefOf(proxySettings(undefined, { https_proxy: "proxy.example:3128" })["https:"])).toBe(
      "http://proxy.example:3128/",
    );
  });

  it("refuses a proxy it cannot speak, or not a URL, without repeating the value", () => {
    for (const [value, message] of [
      [
        "socks5://user:hunter2@proxy.example:1080",
        /HTTPS_PROXY environment variable is a socks5:\/\/ proxy/,
      ],
      ["http://user:hunter2@[bad", /HTTPS_PROXY environment variable is not a proxy URL/],
    ] as const) {
      const settings = proxySettings(undefined, { HTTPS_PROXY: value });
      // Unused by an http: call; refused by the first https: one.
      expect(proxyFor(settings, new URL("http://127.0.0.1:8080/"))).toBeUndefined();
      const error = (() => {
        try {
          proxyFor(settings, new URL("https://eu.api.ovh.com/1.0/me"));
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error).toBeInstanceOf(InvalidConfiguration);
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain("hunter2");
    }
  });
});

describe("proxySettings from the proxy option", () => {
  it("takes no proxy with false, whatever the environment says", () => {
    expect(hrefs(proxySettings(false, { HTTPS_PROXY: "socks5://x" }))).toEqual({
      "http:": undefined,
      "https:": undefined,
      noProxy: "",
    });
  });

  it("sends every request through a proxy given, without NO_PROXY", () => {
    const settings = proxySettings("http://proxy.example:3128", { NO_PROXY: "*" });
    expect(hrefs(settings)).toEqual({
      "http:": "http://proxy.example:3128/",
      "https:": "http://proxy.example:3128/",
      noProxy: "",
    });
    expect(proxyFor(settings, new URL("https://eu.api.ovh.com/1.0/me"))?.url.host).toBe(
      "proxy.example:3128",
    );
  });

  it("refuses what is not a URL nor false", () => {
    expect(() => proxySettings(true as never, {})).toThrow(/proxy must be a proxy URL, false/);
    expect(() => proxySettings("ftp://proxy.example", {})).toThrow(/The proxy option is a ftp:/);
  });
});

describe("parseProxy", () => {
  it("refuses credentials that are not valid percent-encoding, without repeating them", () => {
    expect(() => parseProxy("http://us%ZZer:hunter2@proxy.example", "The proxy option")).toThrow(
      /^The proxy option has credentials that are not valid percent-encoding \(its value is not shown\)\.$/,
    );
  });

  it("turns the URL's credentials, percent-decoded, into a Basic Proxy-Authorization", () => {
    const { authorization } = parseProxy("http://ovh%20user:p%40ss%3Aword@proxy.example:3128", "x");
    expect(authorization).toBe(`Basic ${Buffer.from("ovh user:p@ss:word").toString("base64")}`);
    expect(parseProxy("http://user@proxy.example", "x").authorization).toBe(
      `Basic ${Buffer.from("user:").toString("base64")}`,
    );
    expect(parseProxy("https://proxy.example", "x").authorization).toBeUndefined();
  });
});

describe("proxyFor", () => {
  const settings = proxySettings(undefined, {
    https_proxy: "http://tls-proxy:3128",
    http_proxy: "http://plain-proxy:3128",
    no_proxy: "internal.example",
  });

  it("picks the proxy of the target's scheme, and none for a NO_PROXY host", () => {
    expect(proxyFor(settings, new URL("https://eu.api.ovh.com/"))?.url.hostname).toBe("tls-proxy");
    expect(proxyFor(settings, new URL("http://127.0.0.1:8080/"))?.url.hostname).toBe("plain-proxy");
    expect(proxyFor(settings, new URL("https://api.internal.example/"))).toBeUndefined();
    expect(proxyFor(proxySettings(false, {}), new URL("https://eu.api.ovh.com/"))).toBeUndefined();
  });
});
