/**
 * The OVH mock served over HTTP on 127.0.0.1 for one test, and clients of its demo application.
 */
import {
  createMockOvh,
  DEMO_APPLICATION_KEY,
  DEMO_APPLICATION_SECRET,
  DEMO_CONSUMER_KEY,
  type MockOvh,
} from "@asyncovh/mock";
import { serve } from "@asyncovh/mock/node";
import { Client } from "asyncovh";
import { onTestFinished } from "vitest";
import type { Print } from "../print.ts";

export interface MockApi {
  mock: MockOvh;
  baseUrl: string;
  /** A client of the demo application; its consumer key defaults to the all-rights one. */
  client(consumerKey?: string | null): Client;
  /** Collects what the examples print. */
  print: Print;
  lines: string[];
}

/** Serves a fresh mock until the end of the current test. */
export async function startMockApi(
  wrap: (handler: MockOvh["handler"]) => MockOvh["handler"] = (handler) => handler,
): Promise<MockApi> {
  const mock = createMockOvh();
  const server = await serve(wrap((request) => mock.handler(request)));
  onTestFinished(() => server.close());
  const lines: string[] = [];
  return {
    mock,
    baseUrl: server.baseUrl,
    client: (consumerKey = DEMO_CONSUMER_KEY) =>
      new Client({
        endpoint: server.baseUrl,
        applicationKey: DEMO_APPLICATION_KEY,
        applicationSecret: DEMO_APPLICATION_SECRET,
        consumerKey: consumerKey ?? undefined,
      }),
    print: (line) => lines.push(line),
    lines,
  };
}

/** A validated consumer key of the demo application allowed only `rules`. */
export const keyFor = (api: MockApi, rules: { method: string; path: string }[]): string =>
  api.mock.addConsumerKey({ applicationKey: DEMO_APPLICATION_KEY, rules });
