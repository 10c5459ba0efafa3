import { describe, expect, it } from "vitest";
import * as core from "./index.ts";
import * as internal from "./internal.ts";

/**
 * Every runtime name of `@asyncovh/core`: the client, the access-rule constants, the endpoint
 * table, the error classes and the guard. A new name is a decision: add it here.
 */
const CORE_VALUES = [
  "API_READ_ONLY",
  "API_READ_WRITE",
  "API_READ_WRITE_SAFE",
  "APIError",
  "BadParametersError",
  "Client",
  "ENDPOINTS",
  "Forbidden",
  "HTTPError",
  "InvalidConfiguration",
  "InvalidCredential",
  "InvalidKey",
  "InvalidRegion",
  "InvalidResponse",
  "NetworkError",
  "NotCredential",
  "NotGrantedCall",
  "OAuth2FailureError",
  "ReadOnlyError",
  "RequestAbortedError",
  "RequestTimeoutError",
  "ResourceConflictError",
  "ResourceExpiredError",
  "ResourceNotFoundError",
  "isAPIError",
];

describe("@asyncovh/core's public surface", () => {
  it("is the user's names, and nothing of core's insides", () => {
    expect(Object.keys(core).sort()).toEqual([...CORE_VALUES].sort());
  });

  it("exports the same Client that the client module defines", async () => {
    const { Client } = await import("./client.ts");
    expect(core.Client).toBe(Client);
  });
});

describe("@asyncovh/core/internal", () => {
  it("holds what adapters, the proxy and tests need, none of it public", () => {
    expect(Object.keys(internal).sort()).toEqual([
      "ANSWER_TRANSPORT",
      "CONFIG_KEYS",
      "FRAMING_HEADERS",
      "announcedLength",
      "resolveSources",
      "rulesGrant",
      "settingsFrom",
      "sign",
    ]);
    for (const name of Object.keys(internal)) expect(Object.keys(core)).not.toContain(name);
  });
});
