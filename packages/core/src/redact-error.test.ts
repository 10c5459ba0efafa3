import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { APIError } from "./errors/api-error.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { redactError, redactResponse } from "./redact-error.ts";

const SECRET = "REDACT-me-0123456789";
const secrets = [undefined, "", SECRET];

describe("redactError", () => {
  it("scrubs a stack already formatted, before the message changed", () => {
    const error = new APIError(`bad ${SECRET}`);
    expect(error.stack).toContain(SECRET);
    redactError(error, secrets);
    expect(error.message).toBe("bad [redacted]");
    expect(error.stack).not.toContain(SECRET);
    expect(error.stack).toContain("bad [redacted]");
  });

  it("replaces a cause that holds a secret by a scrubbed copy, and keeps one that holds none", () => {
    const leaky = new SyntaxError(`Unexpected token in "${SECRET}"`);
    const error = redactError(new InvalidResponse("x", { cause: leaky }), secrets);
    const cause = error.cause as Error;
    expect(cause).not.toBe(leaky);
    expect(cause.name).toBe("SyntaxError");
    expect(cause.message).toBe('Unexpected token in "[redacted]"');
    expect(inspect(error, { showHidden: true, depth: 8 })).not.toContain(SECRET);
    const clean = new TypeError("fetch failed");
    expect(redactError(new APIError("x", { cause: clean }), secrets).cause).toBe(clean);
    const plain = redactError(new APIError("x", { cause: { said: SECRET } }), secrets);
    expect(plain.cause).toEqual({ said: "[redacted]" });
    expect(redactError(new APIError("x", { cause: SECRET }), secrets).cause).toBe("[redacted]");
  });

  it("scrubs parsed JSON, keys included, and is idempotent", () => {
    const details = { list: [SECRET, 1, null], [SECRET]: { deeper: `x${SECRET}` } };
    const error = new APIError(`a ${SECRET}`, { details });
    redactError(redactError(error, secrets), secrets);
    expect(error.details).toEqual({
      list: ["[redacted]", 1, null],
      "[redacted]": { deeper: "x[redacted]" },
    });
    expect(error.message).toBe("a [redacted]");
    const clean = { a: 1 };
    expect(redactError(new APIError("x", { body: clean }), secrets).body).toBe(clean);
  });

  it("finds a secret that JSON escapes, and drops a value that is no JSON", () => {
    const quoted = 'SECRET","with\\quotes';
    const error = redactError(new APIError("x", { details: { [quoted]: quoted } }), [quoted]);
    expect(error.details).toEqual({ "[redacted]": "[redacted]" });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(redactError(new APIError("x", { body: cyclic }), secrets).body).toBe("[redacted]");
  });

  it("scrubs the codes and the query id, which are the server's text too", () => {
    const error = redactError(
      new APIError("x", {
        errorCode: `BAD_${SECRET}`,
        errorClass: `Client::${SECRET}`,
        queryId: `EU.${SECRET}`,
      }),
      secrets,
    );
    expect([error.errorCode, error.errorClass, error.queryId]).toEqual([
      "BAD_[redacted]",
      "Client::[redacted]",
      "EU.[redacted]",
    ]);
  });

  it("skips values too short to be OVH credentials", () => {
    const error = redactError(new APIError("the token t"), ["t", "short"]);
    expect(error.message).toBe("the token t");
  });
});

describe("redactResponse", () => {
  it("scrubs headers and the body, read only when asked for", async () => {
    const original = new Response(`{"key":"${SECRET}"}`, {
      status: 403,
      statusText: "Forbidden",
      headers: { "X-Echo": SECRET },
    });
    const read = vi.spyOn(original, "text");
    const clean = redactResponse(original, [SECRET]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(read).not.toHaveBeenCalled();
    expect(clean.status).toBe(403);
    expect(clean.statusText).toBe("Forbidden");
    expect(clean.headers.get("X-Echo")).toBe("[redacted]");
    expect(await clean.text()).toBe('{"key":"[redacted]"}');
  });

  it("has no body where the original had none, or had it read already", async () => {
    expect(redactResponse(new Response(null, { status: 204 }), [SECRET]).body).toBeNull();
    const used = new Response("text");
    await used.text();
    expect(redactResponse(used, [SECRET]).body).toBeNull();
  });

  it("keeps an opaque answer, which has nothing to show", () => {
    const opaque = Response.error();
    expect(redactResponse(opaque, [SECRET])).toBe(opaque);
  });

  it("passes a failed read on, and a cancel to the original", async () => {
    let cancelled = false;
    const failing = new Response(
      new ReadableStream({
        pull(controller) {
          controller.error(new TypeError("connection reset"));
        },
      }),
    );
    await expect(redactResponse(failing, [SECRET]).text()).rejects.toThrow("connection reset");
    const endless = new Response(
      new ReadableStream({
        cancel() {
          cancelled = true;
        },
      }),
    );
    await redactResponse(endless, [SECRET]).body?.cancel();
    expect(cancelled).toBe(true);
  });
});
