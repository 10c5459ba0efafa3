import { describe, expect, it } from "vitest";
import * as core from "./index.ts";

// The names DESIGN.md makes part of the public contract.
const CONTRACT = [
  "Client",
  "ENDPOINTS",
  "API_READ_ONLY",
  "API_READ_WRITE",
  "API_READ_WRITE_SAFE",
  "ConsumerKeyRequest",
  "sign",
  "APIError",
  "isAPIError",
  "NotGrantedCall",
  "NotCredential",
  "InvalidKey",
  "InvalidCredential",
  "Forbidden",
  "ResourceNotFoundError",
  "BadParametersError",
  "ResourceConflictError",
  "ResourceExpiredError",
  "NetworkError",
  "HTTPError",
  "InvalidResponse",
  "InvalidConfiguration",
  "InvalidRegion",
];

describe("@asyncovh/core's public surface", () => {
  it.each(CONTRACT)("exports %s", (name) => {
    expect(Object.keys(core)).toContain(name);
    expect((core as Record<string, unknown>)[name]).toBeDefined();
  });

  it("exports the same Client that the client module defines", async () => {
    const { Client } = await import("./client.ts");
    expect(core.Client).toBe(Client);
  });
});
