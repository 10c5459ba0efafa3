/**
 * @module
 * "500 bills with their details", three ways, against the mock over HTTP with a fixed latency
 * per request: naively (the list of ids, then one request per bill), with object-list pages
 * (`X-Pagination-Mode: CachedObjectList-Pages`), and with batch GET (`X-Ovh-Batch`). Every way
 * must read the same bills; the benchmark counts the requests the mock received and the time.
 */
import { Client } from "@asyncovh/core";
import {
  createMockOvh,
  DEMO_APPLICATION_KEY,
  DEMO_APPLICATION_SECRET,
  DEMO_CONSUMER_KEY,
} from "@asyncovh/mock";
import { serve } from "@asyncovh/mock/node";

export interface BillsBenchOptions {
  /** Bills on the account (default 500). */
  bills?: number;
  /** Latency the mock adds to every answer, in ms (default 20). */
  latencyMs?: number;
  /** Bills per page in object-list mode (default 100). */
  pageSize?: number;
  /** Ids per batch request (default 50). */
  chunkSize?: number;
}

export interface StrategyResult {
  name: string;
  /** Requests the API received for this way (the clock sync is done beforehand). */
  requests: number;
  /** Wall time, in ms. */
  ms: number;
  /** Bills read. */
  bills: number;
}

export interface BillsBenchReport {
  bills: number;
  latencyMs: number;
  results: StrategyResult[];
}

type Strategy = {
  name: string;
  run(client: Client, options: Required<BillsBenchOptions>): Promise<unknown[]>;
};

/** The ways compared, in the order they are reported. */
export const STRATEGIES: readonly Strategy[] = [
  {
    name: "naive, one request per bill, one after another",
    async run(client) {
      const bills = [];
      for (const id of await client.get<string[]>("/me/bill")) {
        bills.push(await client.get(`/me/bill/${encodeURIComponent(id)}`));
      }
      return bills;
    },
  },
  {
    name: "naive, one request per bill, all at once",
    async run(client) {
      const ids = await client.get<string[]>("/me/bill");
      return Promise.all(ids.map((id) => client.get(`/me/bill/${encodeURIComponent(id)}`)));
    },
  },
  {
    name: "object-list pages (listObjects)",
    async run(client, { pageSize }) {
      const bills = [];
      for await (const bill of client.listObjects("/me/bill", {}, { pageSize })) bills.push(bill);
      return bills;
    },
  },
  {
    name: "batch GET (batchGet)",
    async run(client, { chunkSize }) {
      const ids = await client.get<string[]>("/me/bill");
      const { values, errors } = await client.batchGet("/me/bill", ids, { chunkSize });
      if (errors.size > 0) throw new Error(`${errors.size} bills could not be read in batch.`);
      return [...values.values()];
    },
  },
];

function check(value: unknown, name: string): number {
  if (!Number.isInteger(value) || (value as number) < 0) {
    throw new TypeError(`${name} must be a whole number, 0 or more (got ${String(value)}).`);
  }
  return value as number;
}

/** Runs every strategy once on a fresh mock; throws if two of them read different bills. */
export async function benchmarkBills(options: BillsBenchOptions = {}): Promise<BillsBenchReport> {
  const settings: Required<BillsBenchOptions> = {
    bills: check(options.bills ?? 500, "bills"),
    latencyMs: check(options.latencyMs ?? 20, "latencyMs"),
    pageSize: check(options.pageSize ?? 100, "pageSize"),
    chunkSize: check(options.chunkSize ?? 50, "chunkSize"),
  };
  const mock = createMockOvh();
  const server = await serve(mock);
  try {
    const client = new Client({
      endpoint: server.baseUrl,
      applicationKey: DEMO_APPLICATION_KEY,
      applicationSecret: DEMO_APPLICATION_SECRET,
      consumerKey: DEMO_CONSUMER_KEY,
    });
    await client.timeDelta();
    const seeded = (await client.get<string[]>("/me/bill")).length;
    if (settings.bills < seeded) {
      throw new RangeError(`The mock starts with ${seeded} bills: ask for ${seeded} or more.`);
    }
    if (settings.bills > seeded) mock.addBills(settings.bills - seeded);
    mock.faults.latency(settings.latencyMs);

    const results: StrategyResult[] = [];
    let reference: string | undefined;
    for (const strategy of STRATEGIES) {
      const before = mock.requests.length;
      const started = performance.now();
      const bills = await strategy.run(client, settings);
      const ms = performance.now() - started;
      const read = JSON.stringify(bills);
      reference ??= read;
      if (read !== reference || bills.length !== settings.bills) {
        throw new Error(`"${strategy.name}" did not read the same ${settings.bills} bills.`);
      }
      results.push({
        name: strategy.name,
        requests: mock.requests.length - before,
        ms,
        bills: bills.length,
      });
    }
    return { bills: settings.bills, latencyMs: settings.latencyMs, results };
  } finally {
    await server.close();
  }
}
