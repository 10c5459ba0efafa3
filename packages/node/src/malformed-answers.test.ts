import { InvalidResponse } from "@asyncovh/core";
import { DEMO_CREDENTIALS } from "@asyncovh/mock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "./index.ts";
import { createNodeFetch } from "./node-fetch.ts";
import { closeServers, scriptedServer } from "./test-servers.ts";

afterEach(closeServers);

const BODY = '{"nichandle":"xx1-ovh"}';
const GOOD = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`;
/** A correct answer but for `head`, which replaces its status line and headers. */
const answer = (head: string, body = BODY) => `${head}${body}`;

/** Answers Node's parser refuses: each must fail at once, with its HPE_* code in the cause. */
const MALFORMED: [string, string][] = [
  [
    "lines ending in a bare LF",
    answer(`HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: ${BODY.length}\n\n`),
  ],
  [
    "lines ending in a bare CR",
    answer(`HTTP/1.1 200 OK\rContent-Type: application/json\rContent-Length: ${BODY.length}\r\r`),
  ],
  [
    "a NUL in a header value",
    answer(
      `HTTP/1.1 200 OK\r\nX-Ovh-QueryID: EU.ext\0-1\r\nContent-Length: ${BODY.length}\r\n\r\n`,
    ),
  ],
  [
    "a bare LF in a header value",
    answer(
      `HTTP/1.1 200 OK\r\nX-Ovh-QueryID: EU.ext\n-1\r\nContent-Length: ${BODY.length}\r\n\r\n`,
    ),
  ],
  [
    "Content-Length together with Transfer-Encoding",
    answer(
      `HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      `${BODY.length.toString(16)}\r\n${BODY}\r\n0\r\n\r\n`,
    ),
  ],
  [
    "two different Content-Lengths",
    answer(
      `HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\nContent-Length: ${BODY.length + 1}\r\n\r\n`,
      `${BODY} `,
    ),
  ],
];
const STATUS_999 = answer(`HTTP/1.1 999 Odd\r\nContent-Length: ${BODY.length}\r\n\r\n`);

// The first request loads node:http: not part of what is timed.
beforeAll(async () => {
  const server = await scriptedServer([GOOD]);
  await (await createNodeFetch()(server.origin)).text();
  await closeServers();
});

/** "Well under a second": the old transport waited out the whole timeout (180 s). */
const AT_ONCE_MS = 1000;

/** The codes along an error's cause chain. */
function codes(error: unknown): string[] {
  const found: string[] = [];
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (typeof e.code === "string") found.push(e.code);
  }
  return found;
}

/** How long `promise` takes to settle, in ms, and what it rejected with. */
async function timed(promise: Promise<unknown>): Promise<[number, unknown]> {
  const started = performance.now();
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return [performance.now() - started, error];
}

describe("a malformed answer, through createNodeFetch", () => {
  it.each(
    MALFORMED,
  )("with %s fails at once, once, with Node's parse error in the cause; the next request succeeds", async (_name, bytes) => {
    const server = await scriptedServer([bytes, GOOD]);
    const fetch = createNodeFetch();
    const [ms, error] = await timed(fetch(`${server.origin}/1.0/me`));
    expect(ms).toBeLessThan(AT_ONCE_MS);
    expect(error).toBeInstanceOf(TypeError);
    expect(codes(error)).toEqual([expect.stringMatching(/^HPE_/)]);
    expect(server.requests()).toBe(1);
    expect(await (await fetch(`${server.origin}/1.0/me`)).json()).toEqual(JSON.parse(BODY));
  });

  it("with status 999 fails at once, once, as an InvalidResponse that keeps the status; the next request succeeds", async () => {
    const server = await scriptedServer([STATUS_999, GOOD]);
    const fetch = createNodeFetch();
    const [ms, error] = await timed(fetch(`${server.origin}/1.0/me`));
    expect(ms).toBeLessThan(AT_ONCE_MS);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect(error).toMatchObject({ status: 999 });
    expect(server.requests()).toBe(1);
    expect((await fetch(`${server.origin}/1.0/me`)).status).toBe(200);
  });
});

describe("a 101 to a request that asked for no upgrade", () => {
  it("fails at once as an InvalidResponse carrying 101, through the fetch and the fast path", async () => {
    const server = await scriptedServer([
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
    ]);
    const fetch = createNodeFetch();
    const [ms, error] = await timed(fetch(server.origin));
    expect(ms).toBeLessThan(AT_ONCE_MS);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect(error).toMatchObject({ status: 101 });
    const client = new Client({
      endpoint: `${server.origin}/1.0`,
      ...DEMO_CREDENTIALS,
      timeDelta: 0,
    });
    await expect(client.get("/me")).rejects.toMatchObject({ name: "InvalidResponse", status: 101 });
    expect(server.requests()).toBe(2);
  });
});

describe("a malformed answer, through the default Node client", () => {
  const client = (origin: string) =>
    new Client({ endpoint: `${origin}/1.0`, ...DEMO_CREDENTIALS, timeDelta: 0 });

  it.each([
    ...MALFORMED,
    ["status 999", STATUS_999],
  ])("with %s is an InvalidResponse at once, not retried; the next call succeeds", async (_name, bytes) => {
    const server = await scriptedServer([bytes, GOOD]);
    const ovh = client(server.origin);
    const [ms, error] = await timed(ovh.get("/me"));
    expect(ms).toBeLessThan(AT_ONCE_MS);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect(server.requests()).toBe(1);
    expect(await ovh.get("/me")).toEqual(JSON.parse(BODY));
    expect(server.requests()).toBe(2);
  });

  it("with status 999 keeps the status in the error", async () => {
    const server = await scriptedServer([STATUS_999]);
    await expect(client(server.origin).get("/me")).rejects.toMatchObject({
      name: "InvalidResponse",
      status: 999,
    });
  });
});
