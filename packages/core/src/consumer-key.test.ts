import { describe, expect, it } from "vitest";
import {
  type AccessRule,
  API_READ_ONLY,
  API_READ_WRITE,
  API_READ_WRITE_SAFE,
  accessRule,
  ConsumerKeyRequest,
  type ConsumerKeyRequester,
  type ConsumerKeyResponse,
} from "./consumer-key.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

/** A requester that records what it is asked, and answers like POST /auth/credential. */
function recordingRequester() {
  const calls: {
    accessRules: readonly AccessRule[];
    redirection?: string | undefined;
    allowedIPs?: readonly string[] | undefined;
  }[] = [];
  const requester: ConsumerKeyRequester = {
    async requestConsumerKey(accessRules, redirection, allowedIPs) {
      calls.push({ accessRules: structuredClone(accessRules), redirection, allowedIPs });
      return {
        validationUrl: "https://eu.api.ovh.com/auth/?credentialToken=abc",
        consumerKey: `ck-${calls.length}`,
        state: "pendingValidation",
      } satisfies ConsumerKeyResponse;
    },
  };
  return { requester, calls };
}

const rulesOf = (request: ConsumerKeyRequest) =>
  request.rules.map(({ method, path }) => `${method} ${path}`);

describe("the method sets", () => {
  it("are python-ovh's API_READ_ONLY, API_READ_WRITE and API_READ_WRITE_SAFE, frozen", () => {
    expect(API_READ_ONLY).toEqual(["GET"]);
    expect(API_READ_WRITE).toEqual(["GET", "POST", "PUT", "DELETE"]);
    expect(API_READ_WRITE_SAFE).toEqual(["GET", "POST", "PUT"]);
    for (const set of [API_READ_ONLY, API_READ_WRITE, API_READ_WRITE_SAFE]) {
      expect(Object.isFrozen(set)).toBe(true);
    }
  });
});

describe("accessRule", () => {
  it("upper-cases the method", () => {
    expect(accessRule("get", "/me")).toEqual({ method: "GET", path: "/me" });
    expect(accessRule("Delete", "/sms/*")).toEqual({ method: "DELETE", path: "/sms/*" });
  });

  it.each(["PATCH", "HEAD", "", "GET ", "*"])("refuses the method %j", (method) => {
    expect(() => accessRule(method, "/me")).toThrow(InvalidConfiguration);
    expect(() => accessRule(method, "/me")).toThrow(/must be one of GET, POST, PUT, DELETE/);
  });

  it("refuses a method that is not a string", () => {
    expect(() => accessRule(undefined as unknown as string, "/me")).toThrow(/got undefined/);
  });

  it.each(["me", "", "*", "https://eu.api.ovh.com/1.0/me"])("refuses the path %j", (path) => {
    expect(() => accessRule("GET", path)).toThrow(InvalidConfiguration);
    expect(() => accessRule("GET", path)).toThrow(/path must start with "\/"/);
  });

  it("refuses a path that is not a string", () => {
    expect(() => accessRule("GET", 1 as unknown as string)).toThrow(/got 1\)/);
  });
});

describe("ConsumerKeyRequest", () => {
  const newRequest = () => new ConsumerKeyRequest(recordingRequester().requester);

  it("starts with no rules", () => {
    expect(newRequest().rules).toEqual([]);
  });

  it("addRule upper-cases the method and chains", () => {
    const request = newRequest();
    expect(request.addRule("get", "/me").addRule("post", "/sms")).toBe(request);
    expect(request.rules).toEqual([
      { method: "GET", path: "/me" },
      { method: "POST", path: "/sms" },
    ]);
  });

  it("addRule refuses an invalid rule and keeps the others", () => {
    const request = newRequest().addRule("GET", "/me");
    expect(() => request.addRule("PATCH", "/me")).toThrow(InvalidConfiguration);
    expect(() => request.addRule("GET", "me")).toThrow(InvalidConfiguration);
    expect(rulesOf(request)).toEqual(["GET /me"]);
  });

  it("addRules adds one rule per method", () => {
    const request = newRequest().addRules(API_READ_WRITE, "/domain/*");
    expect(rulesOf(request)).toEqual([
      "GET /domain/*",
      "POST /domain/*",
      "PUT /domain/*",
      "DELETE /domain/*",
    ]);
    expect(rulesOf(newRequest().addRules([], "/me"))).toEqual([]);
  });

  it.each([
    ["/sms/*", ["GET /sms", "GET /sms/*"]],
    ["/sms", ["GET /sms", "GET /sms/*"]],
    ["/sms/", ["GET /sms", "GET /sms/*"]],
    ["/sms/**", ["GET /sms", "GET /sms/*"]],
    ["/", ["GET /*"]],
    ["/*", ["GET /*"]],
    ["/sms/*/jobs", ["GET /sms/*/jobs", "GET /sms/*/jobs/*"]],
  ])("addRecursiveRules(%j) covers the path and everything below it", (path, expected) => {
    expect(rulesOf(newRequest().addRecursiveRules(API_READ_ONLY, path))).toEqual(expected);
  });

  it("addRecursiveRules adds every method of a set", () => {
    expect(rulesOf(newRequest().addRecursiveRules(API_READ_WRITE_SAFE, "/sms/*"))).toEqual([
      "GET /sms",
      "POST /sms",
      "PUT /sms",
      "GET /sms/*",
      "POST /sms/*",
      "PUT /sms/*",
    ]);
  });

  it("addRecursiveRules refuses a path that is not a string", () => {
    expect(() => newRequest().addRecursiveRules(["GET"], undefined as unknown as string)).toThrow(
      InvalidConfiguration,
    );
  });

  it("gives a copy of its rules", () => {
    const request = newRequest().addRule("GET", "/me");
    const copy = request.rules;
    copy.push({ method: "DELETE", path: "/" });
    (copy[0] as AccessRule).path = "/changed";
    expect(rulesOf(request)).toEqual(["GET /me"]);
  });

  it("request() hands its rules, redirection and allowed IPs to the client", async () => {
    const { requester, calls } = recordingRequester();
    const request = new ConsumerKeyRequest(requester)
      .addRules(API_READ_ONLY, "/me")
      .addRecursiveRules(API_READ_WRITE, "/sms");
    const answer = await request.request("https://app.example/callback", ["192.0.2.0/24"]);
    expect(answer).toEqual({
      validationUrl: "https://eu.api.ovh.com/auth/?credentialToken=abc",
      consumerKey: "ck-1",
      state: "pendingValidation",
    });
    expect(calls).toEqual([
      {
        accessRules: [
          { method: "GET", path: "/me" },
          { method: "GET", path: "/sms" },
          { method: "POST", path: "/sms" },
          { method: "PUT", path: "/sms" },
          { method: "DELETE", path: "/sms" },
          { method: "GET", path: "/sms/*" },
          { method: "POST", path: "/sms/*" },
          { method: "PUT", path: "/sms/*" },
          { method: "DELETE", path: "/sms/*" },
        ],
        redirection: "https://app.example/callback",
        allowedIPs: ["192.0.2.0/24"],
      },
    ]);
  });

  it("request() without arguments passes no redirection and no allowed IPs", async () => {
    const { requester, calls } = recordingRequester();
    await new ConsumerKeyRequest(requester).addRule("GET", "/me").request();
    expect(calls).toEqual([
      {
        accessRules: [{ method: "GET", path: "/me" }],
        redirection: undefined,
        allowedIPs: undefined,
      },
    ]);
  });
});
