/**
 * @module
 * What the client costs without a network, in µs: one signature (SHA-1 from @noble/hashes, and
 * from `node:crypto` as the Node client signs), building one request (from `client.get()` to
 * the transport being called: checks, URL, headers, clock, limiter slot, deadline, signature),
 * and a whole call against a transport that answers from memory, with and without ky in front
 * of that transport. Each figure is the median of several batches, so that a busy machine's
 * pauses do not decide it.
 */
import { hash } from "node:crypto";
import { sign } from "@asyncovh/core/internal";
import { Client, type FetchLike } from "asyncovh";
import ky from "ky";
import { median } from "./stats.ts";

export interface MicroResults {
  /** One `sign()`, µs. */
  signUs: number;
  /** One `sign()` with `node:crypto`'s SHA-1, as the Node client signs, µs. */
  signNativeUs?: number | undefined;
  /** From `client.get()` to the transport's call, µs. */
  buildUs: number;
  /** The in-memory answer alone (a Response built and its JSON read), µs. */
  answerUs: number;
  /** A whole `client.get()` on the in-memory transport, µs. */
  callUs: number;
  /** The same on an in-memory transport that answers without a `Response` (`TRANSPORT`), µs. */
  callLightUs?: number | undefined;
  /** The same with a ky instance between the client and the transport, µs. */
  callWithKyUs: number;
}

const ME = JSON.stringify({
  nichandle: "xx1234-ovh",
  firstname: "Ada",
  name: "Lovelace",
  email: "ada@example.com",
  currency: { code: "EUR", symbol: "EURO" },
});
const answer = () => new Response(ME, { headers: { "Content-Type": "application/json" } });
const OPTIONS = {
  endpoint: "https://eu.api.ovh.com/1.0",
  applicationKey: "appKey0123456789",
  applicationSecret: "appSecret0123456789abcdefghijklm",
  consumerKey: "consumerKey0123456789abcdefghijk",
  timeDelta: 0,
};

/** µs per operation: the median over `batches` batches of `size` operations. */
async function perOp(size: number, batches: number, op: () => unknown): Promise<number> {
  const results: number[] = [];
  for (let b = 0; b < batches + 1; b++) {
    const started = performance.now();
    for (let i = 0; i < size; i++) await op();
    // The first batch warms the JIT up and is not counted.
    if (b > 0) results.push(((performance.now() - started) * 1000) / size);
  }
  return median(results);
}

export async function microBenchmarks(scale = 1): Promise<MicroResults> {
  const n = (count: number) => Math.max(10, Math.round(count * scale));
  const url = "https://eu.api.ovh.com/1.0/me/api/credential?status=validated";
  const input = {
    applicationSecret: OPTIONS.applicationSecret,
    consumerKey: OPTIONS.consumerKey,
    method: "GET",
    url,
    body: "",
    timestamp: 1_700_000_000,
  };
  const signUs = await perOp(n(20_000), 7, () => sign(input));
  const { applicationSecret, consumerKey, method, body, timestamp } = input;
  const signNativeUs = await perOp(n(20_000), 7, () =>
    hash(
      "sha1",
      `${applicationSecret}+${consumerKey}+${method}+${url}+${body}+${timestamp}`,
      "hex",
    ),
  );

  let enteredAt = 0;
  const builds: number[] = [];
  const timing: FetchLike = async () => {
    enteredAt = performance.now();
    return answer();
  };
  const timed = new Client({ ...OPTIONS, fetch: timing });
  for (let i = 0; i < n(20_000); i++) {
    const started = performance.now();
    await timed.get("/me");
    // The first quarter warms the JIT up.
    if (i >= n(5_000)) builds.push((enteredAt - started) * 1000);
  }
  const answerUs = await perOp(n(5_000), 7, () => answer().json());

  const direct = new Client({ ...OPTIONS, fetch: async () => answer() });
  const layer = ky.create({
    retry: 0,
    throwHttpErrors: false,
    timeout: false,
    fetch: async () => answer(),
  });
  const viaKy = new Client({ ...OPTIONS, fetch: (input, init) => layer(input, init) });
  // Interleaved, so that a slow moment of the machine hits both alike.
  const calls: number[] = [];
  const kyCalls: number[] = [];
  for (let round = 0; round < 5; round++) {
    calls.push(await perOp(n(3_000), 1, () => direct.get("/me")));
    kyCalls.push(await perOp(n(3_000), 1, () => viaKy.get("/me")));
  }
  return {
    signUs,
    signNativeUs,
    buildUs: median(builds),
    answerUs,
    callUs: median(calls),
    callWithKyUs: median(kyCalls),
  };
}
