import { NetworkError } from "@asyncovh/core";
import { DEMO_CREDENTIALS } from "@asyncovh/mock";
import { createTestCertificate } from "@asyncovh/mock/node";
import { afterEach, describe, expect, inject, it } from "vitest";
import { Client } from "./index.ts";
import { createNodeFetch } from "./node-fetch.ts";
import { closeServers, httpServer } from "./test-servers.ts";

afterEach(closeServers);

/** The codes along an error's cause chain. */
function codes(error: unknown): string[] {
  const found: string[] = [];
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (typeof e.code === "string") found.push(e.code);
  }
  return found;
}

/** A certificate and the Node code and message its refusal carries. */
type Case = [string, () => Promise<{ key: string; cert: string }>, string, RegExp];

const certificates = () => inject("certificates");
// The test processes trust certificates.ca (NODE_EXTRA_CA_CERTS): only what differs fails.
const CASES: Case[] = [
  [
    "self-signed",
    async () => certificates().selfSigned,
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    /self-signed certificate/,
  ],
  [
    "signed by an unknown CA",
    // Its CA left out: a server given `ca` sends it along.
    async () => {
      const { key, cert } = await createTestCertificate();
      return { key, cert };
    },
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    /unable to verify the first certificate/,
  ],
  ["expired", async () => certificates().expired, "CERT_HAS_EXPIRED", /certificate has expired/],
  [
    "for another host",
    async () => certificates().otherHost,
    "ERR_TLS_CERT_ALTNAME_INVALID",
    /does not match certificate's altnames/,
  ],
];

const answer = (_req: unknown, res: { end(body: string): void }) => res.end('{"ok":true}');

describe("a TLS certificate the default transport refuses", () => {
  it("is trusted when valid and signed by a CA of the trust store (the control case)", async () => {
    const server = await httpServer(answer, certificates().local);
    expect(await (await createNodeFetch()(server.origin)).json()).toEqual({ ok: true });
  });

  it.each(
    CASES,
  )("%s fails at once, with Node's code in the cause and its reason in the message", async (_name, make, code, reason) => {
    const server = await httpServer(answer, await make());
    const error = await createNodeFetch()(server.origin).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(reason);
    expect(codes(error)).toContain(code);
    expect(server.connections()).toBe(1);
  });

  it.each(
    CASES,
  )("%s fails a call of the Node client in one attempt, as a NetworkError about the certificate", async (_name, make, code) => {
    const server = await httpServer(answer, await make());
    const client = new Client({
      endpoint: `${server.origin}/1.0`,
      ...DEMO_CREDENTIALS,
      timeDelta: 0,
    });
    const error = await client.get("/me").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    // Core words it; Node's code stays in the cause chain.
    expect((error as Error).message).toMatch(/certificate/i);
    expect(codes(error)).toContain(code);
    expect(server.connections()).toBe(1);
  });
});
