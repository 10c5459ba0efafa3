/**
 * The mock OVH API of the load test, in a process of its own so that its memory is not counted
 * as the client's. Every `faultEvery`-th request queues one of the mock's faults for the next
 * `GET /me` (a 503, a dropped connection, a 429 with `Retry-After: 1`, in turn), and the server
 * counts the requests it is handling at once. `GET /__stats` answers the counts.
 *
 * Prints `{"origin":…,"baseUrl":…}` on its first line once it listens; stops on SIGTERM.
 */
import { createMockOvh, type Fault } from "@asyncovh/mock";
import { serve } from "@asyncovh/mock/node";

const option = (name: string, fallback: number): number => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? fallback : Number(arg.slice(name.length + 3));
};
const latency = option("latency", 5);
const faultEvery = option("fault-every", 50);

const FAULTS: { name: string; fault: Fault }[] = [
  { name: "503", fault: { status: 503 } },
  { name: "drop", fault: { drop: true } },
  { name: "429", fault: { status: 429, retryAfter: 1 } },
];

const mock = createMockOvh();
mock.faults.latency(latency);
let requests = 0;
let inFlight = 0;
let peakInFlight = 0;
const injected: Record<string, number> = { 503: 0, drop: 0, 429: 0 };

const server = await serve(async (request) => {
  if (new URL(request.url).pathname === "/__stats") {
    return Response.json({ requests, peakInFlight, injected });
  }
  requests++;
  if (faultEvery > 0 && requests % faultEvery === 0) {
    const { name, fault } = FAULTS[(requests / faultEvery) % FAULTS.length] as (typeof FAULTS)[0];
    injected[name] = (injected[name] ?? 0) + 1;
    mock.faults.enqueue(fault, { match: { method: "GET", path: "/me" } });
  }
  inFlight++;
  peakInFlight = Math.max(peakInFlight, inFlight);
  try {
    return await mock.handler(request);
  } finally {
    inFlight--;
  }
});

console.log(JSON.stringify({ origin: server.origin, baseUrl: server.baseUrl }));
process.on("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
