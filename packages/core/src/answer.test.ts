import { describe, expect, it } from "vitest";
import { ANSWER_TRANSPORT, type Answer, answerOf, discard, toResponse } from "./answer.ts";

const URL_X = "https://ca.api.ovh.com/1.0/x";

/** A fetch's Response, with the URL a fetch gives it. */
const fetched = (body: BodyInit | null, status = 200, headers: Record<string, string> = {}) =>
  Object.defineProperty(
    new Response(body, { status, statusText: "Said", headers: { "X-A": "1", ...headers } }),
    "url",
    { value: URL_X },
  );

/** An answer as a transport of its own gives it: no Response behind it. */
const own = (status: number, text: string | undefined, headers: HeadersInit = {}): Answer => ({
  status,
  statusText: "Said",
  url: URL_X,
  redirected: false,
  header: (name) => new Headers(headers).get(name),
  headers: () => new Headers(headers),
  text,
});

/** A body that records whether it was cancelled. */
function unread() {
  const state = { cancelled: false };
  const stream = new ReadableStream({
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe("ANSWER_TRANSPORT", () => {
  it("is the same symbol in every copy of the package", () => {
    expect(ANSWER_TRANSPORT).toBe(Symbol.for("asyncovh.answerTransport"));
  });
});

describe("discard", () => {
  it("cancels the body of an answer left unread, and stays quiet otherwise", async () => {
    const { stream, state } = unread();
    discard(answerOf(fetched(stream), undefined));
    await Promise.resolve();
    expect(state.cancelled).toBe(true);
    expect(() => discard(own(200, "{}"))).not.toThrow();
    expect(() => discard(answerOf(fetched(null, 204), ""))).not.toThrow();
    const failing = new ReadableStream({
      cancel() {
        throw new Error("cannot cancel");
      },
    });
    discard(answerOf(fetched(failing), undefined));
    const read = fetched("x");
    await read.text();
    discard(answerOf(read, "x"));
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});

describe("toResponse", () => {
  it("gives the fetch's own Response while its body is unread", () => {
    const response = fetched("unread");
    expect(toResponse(answerOf(response, undefined))).toBe(response);
  });

  it("gives a Response of the answer's status, headers and URL, with the text as its body", async () => {
    const sent = fetched("hello");
    await sent.text();
    for (const answer of [answerOf(sent, "hello"), own(200, "hello", { "X-A": "1" })]) {
      const response = toResponse(answer);
      expect(response.status).toBe(200);
      expect(response.statusText).toBe("Said");
      expect(response.headers.get("x-a")).toBe("1");
      expect(response.url).toBe(URL_X);
      expect(response.redirected).toBe(false);
      expect(await response.text()).toBe("hello");
    }
  });

  it("gives an empty body when the text was over the cap", async () => {
    expect(await toResponse(own(200, undefined)).text()).toBe("");
  });

  it("drops Content-Encoding and Content-Length, which describe the body as sent, not this text", async () => {
    const sent = fetched("x", 200, { "Content-Encoding": "gzip", "Content-Length": "1" });
    await sent.arrayBuffer();
    const response = toResponse(answerOf(sent, "decoded text"));
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.headers.get("x-a")).toBe("1");
    expect(await response.text()).toBe("decoded text");
    // The original's own headers are left as they are.
    expect(sent.headers.get("Content-Encoding")).toBe("gzip");
  });

  it("says the answer came after a redirect when it did", () => {
    expect(toResponse({ ...own(400, "x"), redirected: true }).redirected).toBe(true);
  });

  it("gives a null body for a status that has none (204), which a Response requires", () => {
    for (const status of [204, 205, 304]) {
      const response = toResponse(own(status, "", { "X-A": "1" }));
      expect(response.status).toBe(status);
      expect(response.body).toBeNull();
      expect(response.headers.get("x-a")).toBe("1");
    }
  });
});
