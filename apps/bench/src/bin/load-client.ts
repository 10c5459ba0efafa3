/**
 * `node|bun dist/bin/load-client.js '<json>'` or `deno run … dist/bin/load-client.js '<json>'`:
 * one client under load, or several taking turns (see perf/load-client.ts); prints
 * `RESULT {json}`. The throughput benchmark runs it in a fresh process per measurement.
 */
import { type LoadRequest, runLoad, runSlices, type SlicesRequest } from "../perf/load-client.ts";

const runtime = globalThis as {
  Deno?: { args: string[]; exit(code: number): never };
  process?: { argv: string[]; exit(code: number): never };
};
const args = runtime.Deno?.args ?? runtime.process?.argv.slice(2) ?? [];
const exit = (code: number) => (runtime.Deno ?? runtime.process)?.exit(code);

try {
  const request = JSON.parse(args[0] ?? "{}") as LoadRequest | SlicesRequest;
  const result = "kinds" in request ? await runSlices(request) : await runLoad(request);
  console.log(`RESULT ${JSON.stringify(result)}`);
  exit(0);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  exit(1);
}
