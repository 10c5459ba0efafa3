/**
 * `node dist/bin/mock-https.js [--minimal]`: the mock OVH API over HTTPS on 127.0.0.1, in a
 * process of its own, for the throughput benchmark. It makes a throwaway CA and certificate,
 * writes the CA to a temporary file for the clients to trust (NODE_EXTRA_CA_CERTS, Deno's
 * --cert), and listens on port 443 when it may (node-ovh signs URLs without a port, so only 443
 * lets it verify), else on a free port. Prints `{"baseUrl","caFile","note"}` on one line;
 * answers a "cpu" line on stdin with `{"cpuUs"}`, its CPU time so far; stops when its stdin
 * closes.
 *
 * With `--minimal`, the least server that answers like the mock instead (perf/minimal-server.ts),
 * so that the client under measurement, not the server, sets the throughput.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createMockOvh } from "@asyncovh/mock";
import { createTestCertificate, type MockServer, serve } from "@asyncovh/mock/node";
import { serveMinimal } from "../perf/minimal-server.ts";

const certificate = await createTestCertificate();
const dir = await mkdtemp(join(tmpdir(), "asyncovh-bench-"));
const caFile = join(dir, "ca.pem");
await writeFile(caFile, certificate.ca);

const mock = createMockOvh();
const start = process.argv.includes("--minimal")
  ? (port?: number) => serveMinimal(mock, certificate, port)
  : (port?: number) => serve(mock, { tls: certificate, port });
let server: Pick<MockServer, "baseUrl" | "close">;
let note: string | undefined;
try {
  server = await start(443);
} catch (error) {
  note = `port 443 refused (${(error as NodeJS.ErrnoException).code}): a free port, so node-ovh cannot be measured`;
  server = await start();
}
// "https://127.0.0.1:443/1.0" is written "https://127.0.0.1/1.0", as clients send it.
console.log(
  JSON.stringify({ baseUrl: new URL(server.baseUrl).href.replace(/\/$/, ""), caFile, note }),
);

const stop = async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
  process.exit(0);
};
// "cpu" on stdin: this process's CPU time so far, for the load it carries during a measurement.
const commands = createInterface({ input: process.stdin });
commands.on("line", (line) => {
  if (line.trim() !== "cpu") return;
  const { user, system } = process.cpuUsage();
  console.log(JSON.stringify({ cpuUs: user + system }));
});
commands.on("close", stop);
process.on("SIGTERM", stop);
