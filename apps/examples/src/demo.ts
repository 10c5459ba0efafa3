/**
 * @module
 * The demo: every example of the README, in order, against the OVH mock served over HTTP on
 * 127.0.0.1. Nothing leaves the machine; what is printed is what a user would see.
 */
import {
  createMockOvh,
  DEMO_APPLICATION_KEY,
  DEMO_APPLICATION_SECRET,
  DEMO_CONSUMER_KEY,
} from "@asyncovh/mock";
import { serve } from "@asyncovh/mock/node";
import { Client } from "asyncovh";
import { listAuthorizedApplications } from "./authorized-applications.ts";
import { listBills } from "./bills.ts";
import { authorizeConsumerKey } from "./consumer-key.ts";
import { openKvm } from "./kvm.ts";
import { addMailRedirection, EXAMPLE_REDIRECTION } from "./mail-redirection.ts";
import { enableBurst } from "./network-burst.ts";
import type { Print } from "./print.ts";
import { welcome } from "./welcome.ts";

export interface DemoResult {
  /** Titles of the examples that ran to the end. */
  passed: string[];
  /** Titles of the examples that threw, with the error. */
  failed: { title: string; error: unknown }[];
}

interface Example {
  title: string;
  run: () => Promise<unknown>;
}

/** A documentation address: the mock accepts any IP. */
const YOUR_IP = "192.0.2.10";

/** Serves a fresh mock, runs the examples one after the other and stops the mock. */
export async function runDemo(print: Print): Promise<DemoResult> {
  const started = performance.now();
  const mock = createMockOvh();
  const server = await serve(mock, { hostname: "127.0.0.1", port: 0 });
  const result: DemoResult = { passed: [], failed: [] };
  try {
    print(`asyncovh demo: the README's examples against the local OVH mock at ${server.baseUrl}`);
    const application = {
      endpoint: server.baseUrl,
      applicationKey: DEMO_APPLICATION_KEY,
      applicationSecret: DEMO_APPLICATION_SECRET,
    };
    // A script's consumer key, as `consumer_key` in ovh.conf: the mock's key for the whole API.
    const client = new Client({ ...application, consumerKey: DEMO_CONSUMER_KEY });

    const examples: Example[] = [
      { title: "Welcome (GET /me)", run: () => welcome(client, print) },
      {
        title: "Authorize a consumer key (POST /auth/credential)",
        // A new application user: no consumer key yet.
        run: () =>
          authorizeConsumerKey(new Client(application), print, {
            waitForValidation: async (validationUrl) => {
              print("(the demo logs in at the validation page through the mock, not a browser)");
              const page = await fetch(validationUrl);
              await page.body?.cancel();
              if (!page.ok) throw new Error(`The validation page answered HTTP ${page.status}.`);
            },
          }),
      },
      {
        title: `Mail redirection (POST /email/domain/${EXAMPLE_REDIRECTION.domain}/redirection with _from)`,
        run: () => addMailRedirection(client, print),
      },
      {
        title: "Bills, details fetched concurrently (GET /me/bill, GET /me/bill/{billId})",
        run: () => listBills(client, print),
      },
      {
        title: "Network burst in SBG1 (PUT /dedicated/server/{serviceName}/burst)",
        run: async () => {
          const enabled = await enableBurst(client, print);
          if (enabled.length === 0) print("No server in SBG1.");
        },
      },
      {
        title: "Applications authorized on the account (GET /me/api/credential)",
        run: () => listAuthorizedApplications(client, print),
      },
      {
        title:
          "KVM over IPMI (POST, then GET /dedicated/server/{serviceName}/features/ipmi/access)",
        run: async () => {
          const [serverName] = await client.get("/dedicated/server");
          if (serverName === undefined) throw new Error("The mock has no dedicated server.");
          await openKvm(client, print, {
            serverName,
            allowedIp: YOUR_IP,
            pollInterval: 50,
            open: (jnlp) =>
              print(`Got a ${jnlp.length}-byte JNLP file: a desktop would open it with javaws.`),
          });
        },
      },
    ];

    for (const [index, example] of examples.entries()) {
      print("");
      print(`[${index + 1}/${examples.length}] ${example.title}`);
      try {
        await example.run();
        result.passed.push(example.title);
      } catch (error) {
        print(
          `FAILED: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        );
        result.failed.push({ title: example.title, error });
      }
    }
  } finally {
    await server.close();
  }
  const elapsed = Math.round(performance.now() - started);
  print("");
  print(
    result.failed.length === 0
      ? `All ${result.passed.length} examples passed in ${elapsed} ms.`
      : `${result.failed.length} of ${result.passed.length + result.failed.length} examples failed: ${result.failed.map((failure) => failure.title).join("; ")}.`,
  );
  return result;
}
