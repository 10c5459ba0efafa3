import { describe, expect, it } from "vitest";
import { Client } from "./client.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { checkRequestOptions } from "./request-options.ts";

describe("checkRequestOptions", () => {
  it("accepts the options of a call, and nothing", () => {
    const options = {
      needAuth: false,
      signal: new AbortController().signal,
      headers: { "X-Pagination-Size": "10" },
      timeout: 1000,
    };
    expect(checkRequestOptions(options)).toBe(options);
    expect(checkRequestOptions(undefined)).toEqual({});
    expect(
      checkRequestOptions({ headers: new Headers(), signal: AbortSignal.abort() }),
    ).toBeTruthy();
    expect(checkRequestOptions({ headers: [["a", "b"]] })).toBeTruthy();
  });

  it.each([
    [null, /options of a call must be an object/],
    ["fast", /options of a call must be an object/],
    [[], /options of a call must be an object/],
    [{ needAuth: "no" }, /options\.needAuth must be true or false/],
    [{ signal: "stop" }, /options\.signal must be an AbortSignal/],
    [{ signal: { aborted: false } }, /options\.signal must be an AbortSignal/],
    [{ signal: null }, /options\.signal must be an AbortSignal/],
    [{ headers: 5 }, /options\.headers must be a Headers/],
    [{ headers: { "bad name": "x" } }, /options\.headers/],
  ])("refuses %j with a typed error", (options, message) => {
    expect(() => checkRequestOptions(options)).toThrow(InvalidConfiguration);
    expect(() => checkRequestOptions(options)).toThrow(message);
  });

  it.each([
    "host",
    "Content-Length",
    "TRANSFER-ENCODING",
    "connection",
    "Keep-Alive",
    "upgrade",
    "TE",
    "trailer",
  ])("refuses a caller's %s header, which frames or routes the request", (name) => {
    const value = "s3cr3t-valu3";
    for (const headers of [{ [name]: value }, [[name, value]], new Headers({ [name]: value })]) {
      const error = (() => {
        try {
          checkRequestOptions({ headers });
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error).toBeInstanceOf(InvalidConfiguration);
      expect(error?.message).toBe(
        `options.headers may not set ${name.toLowerCase()}: the transport frames and routes each request itself.`,
      );
      expect(error?.message).not.toContain(value);
    }
  });

  it("names every framing header given, and lets the others through", () => {
    expect(() =>
      checkRequestOptions({ headers: { Host: "a", "X-Other": "b", "Content-Length": "1" } }),
    ).toThrow("options.headers may not set content-length, host:");
    expect(
      checkRequestOptions({ headers: { "X-Hosted": "1", "X-Te": "2", Accept: "*/*" } }),
    ).toBeTruthy();
  });

  it("never repeats a header's value", () => {
    const secret = "Bearer s3cr3t-token\n";
    try {
      checkRequestOptions({ headers: { Authorization: secret } });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain("s3cr3t");
    }
  });
});

describe("the client's calls", () => {
  it("reject wrong options with InvalidConfiguration, before any request", async () => {
    let sent = 0;
    const client = new Client({
      endpoint: "ovh-eu",
      applicationKey: "ak",
      applicationSecret: "as",
      consumerKey: "ck",
      timeDelta: 0,
      fetch: async () => {
        sent++;
        return Response.json({});
      },
    });
    const bad = [
      null,
      "fast",
      { signal: "stop" },
      { headers: 5 },
      { headers: { "Transfer-Encoding": "chunked" } },
      { headers: { Host: "elsewhere.example" } },
      { headers: { Expect: "100-continue" } },
      { headers: { "Proxy-Authorization": "Basic eDp5" } },
    ] as never[];
    for (const options of bad) {
      await expect(client.get("/me", undefined, options)).rejects.toBeInstanceOf(
        InvalidConfiguration,
      );
      await expect(client.delete("/me", undefined, options)).rejects.toBeInstanceOf(
        InvalidConfiguration,
      );
      await expect(client.post("/me", {}, options)).rejects.toBeInstanceOf(InvalidConfiguration);
      await expect(client.put("/me", {}, options)).rejects.toBeInstanceOf(InvalidConfiguration);
      await expect(client.rawCall("GET", "/me", undefined, true, options)).rejects.toBeInstanceOf(
        InvalidConfiguration,
      );
    }
    expect(sent).toBe(0);
    await expect(client.get("/me")).resolves.toEqual({});
    expect(sent).toBe(1);
  });
});
