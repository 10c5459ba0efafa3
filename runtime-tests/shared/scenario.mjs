/**
 * The smoke scenario that every runtime runs against the mock, with the same steps and checks:
 * a signed GET, a POST with `_from`, the consumer-key flow and one error class. Each runtime's
 * entry adds the steps of its own configuration source. Plain JavaScript, web standards only,
 * so that Node, Bun, Deno, workerd and a browser page load this very file.
 */

/** Collects the steps of one runtime; a failed step is recorded and the next one still runs. */
export function createReport(runtime) {
  const steps = [];
  return {
    runtime,
    steps,
    async step(name, run) {
      const started = Date.now();
      try {
        await run();
        steps.push({ name, ok: true, ms: Date.now() - started });
      } catch (error) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        steps.push({ name, ok: false, ms: Date.now() - started, error: message });
      }
    },
    toJSON() {
      return { runtime, steps };
    },
  };
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export function equal(actual, expected, what) {
  check(
    actual === expected,
    `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
  );
}

/**
 * Awaits a promise that must reject with an error of `Class` (checked with both `instanceof`
 * and the name-based guard), whose message matches each pattern; returns the error.
 */
export async function rejectsWith(promise, Class, ...patterns) {
  // `errorName`, not `name`: a minified bundle renames classes.
  const expected = Class.errorName;
  let error;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  check(error !== undefined, `expected ${expected}, but nothing was thrown`);
  check(
    error instanceof Class && Class.is(error),
    `expected ${expected}, got ${error?.name}: ${error?.message}`,
  );
  for (const pattern of patterns) {
    const found =
      typeof pattern === "string" ? error.message.includes(pattern) : pattern.test(error.message);
    check(found, `${expected} message ${JSON.stringify(error.message)} lacks ${pattern}`);
  }
  return error;
}

/** The account of the mock. */
export const NICHANDLE = "la12345-ovh";

/**
 * The shared steps.
 * - `asyncovh`: the module the runtime got for `import * as asyncovh from "asyncovh"`.
 * - `client`: a client configured by the runtime's own source, able to sign.
 * - `ckClient`: a client with the application's keys and no validated consumer key yet.
 * - `visit(url)`: opens a URL as the user's browser would (the validation page).
 * - `callbackUrl`: where the validation page sends the user back (on 127.0.0.1).
 */
export async function smoke(report, { asyncovh, client, ckClient, visit, callbackUrl }) {
  await report.step("signed GET /me", async () => {
    const me = await client.get("/me");
    equal(me.nichandle, NICHANDLE, "GET /me nichandle");
  });

  await report.step("POST with _from", async () => {
    const address = `smoke-${report.runtime.replace(/\W+/g, "-")}-${Date.now()}@example.com`;
    await client.post("/email/domain/example.com/redirection", {
      _from: address,
      to: "contact@example.org",
      localCopy: false,
    });
    const ids = await client.get("/email/domain/example.com/redirection", { from: address });
    equal(ids.length, 1, "redirections from the new address");
    const redirection = await client.get(`/email/domain/example.com/redirection/${ids[0]}`);
    equal(redirection.from, address, "the redirection's from");
  });

  await report.step("consumer-key flow", async () => {
    const request = ckClient.newConsumerKeyRequest();
    request.addRules(asyncovh.API_READ_ONLY, "/me");
    const { consumerKey, validationUrl, state } = await request.request(callbackUrl);
    equal(state, "pendingValidation", "state of a new consumer key");
    check(typeof consumerKey === "string" && consumerKey.length > 0, "a consumer key is returned");
    await rejectsWith(ckClient.get("/me"), asyncovh.InvalidCredential);
    await visit(validationUrl);
    const me = await ckClient.get("/me");
    equal(me.nichandle, NICHANDLE, "GET /me with the validated key");
    await rejectsWith(ckClient.get("/me/bill"), asyncovh.NotGrantedCall, "GET /me/bill");
  });

  await report.step("error class: ResourceNotFoundError", async () => {
    const error = await rejectsWith(
      client.get("/email/domain/nope.example"),
      asyncovh.ResourceNotFoundError,
      "GET /email/domain/nope.example",
    );
    check(error instanceof asyncovh.APIError, "a ResourceNotFoundError is an APIError");
    equal(error.status, 404, "status");
    check(
      typeof error.queryId === "string" && error.queryId.length > 0,
      "the error has a query id",
    );
  });
}

/** `visit` for runtimes with a server-side fetch: the validation page, its redirect not followed. */
export async function visitWithFetch(url) {
  const response = await fetch(url, { redirect: "manual" });
  await response.body?.cancel();
  check(response.status < 400, `the validation page answered ${response.status}`);
}
