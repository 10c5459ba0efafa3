/**
 * @module
 * The least HTTPS server that answers like OVH: `GET /auth/time`, and a fixed JSON body to any
 * signed call, on 127.0.0.1 with a throwaway CA. It costs as little per call as node:https
 * allows, so that the client under measurement sets the pace: the full mock, which checks
 * signatures and routes, would saturate a core first. It checks that a call carries a signature,
 * not the signature itself.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestCertificate } from "@asyncovh/mock/node";

const ME = JSON.stringify({
  ...{ nichandle: "xx1234-ovh", email: "jane.doe@example.com", firstname: "Jane", name: "Doe" },
  ...{ country: "FR", language: "fr_FR", ovhSubsidiary: "FR", state: "complete" },
  currency: { code: "EUR", symbol: "EURO" },
});

export interface BenchServer {
  baseUrl: string;
  /** A file holding the CA that clients must trust (`NODE_EXTRA_CA_CERTS`, Deno's `--cert`). */
  caFile: string;
  close(): Promise<void>;
}

export async function serveMinimal(): Promise<BenchServer> {
  const { key, cert, ca } = await createTestCertificate();
  const dir = await mkdtemp(join(tmpdir(), "asyncovh-bench-"));
  const caFile = join(dir, "ca.pem");
  await writeFile(caFile, ca);
  const server = createServer({ key, cert }, (request, response) => {
    request.resume();
    const time = request.url?.endsWith("/auth/time");
    const body = time ? String(Math.floor(Date.now() / 1000)) : ME;
    const status = time || request.headers["x-ovh-signature"] ? 200 : 401;
    response.writeHead(status, {
      "content-type": "application/json",
      "content-length": body.length,
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}/1.0`,
    caFile,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
