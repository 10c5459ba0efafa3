import { describe, expect, it } from "vitest";
import { createMockOvh } from "./mock.ts";
import { BASE, signedRequest } from "./test-utils/requests.ts";

const preflight = (origin: string) =>
  new Request(`${BASE}/me`, {
    method: "OPTIONS",
    headers: {
      Origin: origin,
      "Access-Control-Request-Method": "GET",
      "Access-Control-Request-Headers": "x-ovh-application,x-ovh-signature",
    },
  });

describe("the cors option", () => {
  it("is off by default: no CORS headers, and OPTIONS is an unknown route", async () => {
    const mock = createMockOvh();
    const options = await mock.handler(preflight("http://127.0.0.1:5173"));
    expect(options.status).toBe(404);
    const me = await mock.handler(
      signedRequest("/me", { headers: { Origin: "http://127.0.0.1:5173" } }),
    );
    expect(me.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("with true, answers preflights and lets any origin read answers and the query id", async () => {
    const mock = createMockOvh({ cors: true });
    const options = await mock.handler(preflight("http://127.0.0.1:5173"));
    expect(options.status).toBe(204);
    expect(options.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(options.headers.get("Access-Control-Allow-Methods")).toBe("GET, POST, PUT, DELETE");
    const allowed = (options.headers.get("Access-Control-Allow-Headers") ?? "").toLowerCase();
    for (const header of [
      "x-ovh-application",
      "x-ovh-consumer",
      "x-ovh-timestamp",
      "x-ovh-signature",
      "content-type",
      "authorization",
    ]) {
      expect(allowed).toContain(header);
    }
    const me = await mock.handler(
      signedRequest("/me", { headers: { Origin: "http://example.test" } }),
    );
    expect(me.status).toBe(200);
    expect(me.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(me.headers.get("Access-Control-Expose-Headers")).toContain("X-Ovh-QueryID");
    // Errors are readable too.
    const error = await mock.handler(
      new Request(`${BASE}/me`, { headers: { Origin: "http://example.test" } }),
    );
    expect(error.status).toBe(401);
    expect(error.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("with a list of origins, allows those only, and says it varies by origin", async () => {
    const mock = createMockOvh({ cors: { origins: ["http://127.0.0.1:5173"] } });
    const listed = await mock.handler(preflight("http://127.0.0.1:5173"));
    expect(listed.headers.get("Access-Control-Allow-Origin")).toBe("http://127.0.0.1:5173");
    expect(listed.headers.get("Vary")).toBe("Origin");
    const other = await mock.handler(preflight("http://evil.test"));
    expect(other.status).toBe(204);
    expect(other.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(other.headers.get("Access-Control-Allow-Methods")).toBeNull();
    const me = await mock.handler(
      signedRequest("/me", { headers: { Origin: "http://evil.test" } }),
    );
    expect(me.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});
