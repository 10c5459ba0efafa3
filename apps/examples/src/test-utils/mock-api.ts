/**
 * The shared set-up of client tests (`@asyncovh/mock/testing`: the mock served on 127.0.0.1 for
 * one test, clients of its demo application) with what the examples add: the lines they print.
 */
import type { MockOvh } from "@asyncovh/mock";
import { type MockApi, startMockApi } from "@asyncovh/mock/testing";
import { Client, type ClientOptions } from "asyncovh";
import { onTestFinished } from "vitest";
import type { Print } from "../print.ts";

export interface ExampleApi extends MockApi<Client, ClientOptions> {
  /** Collects what the examples print. */
  print: Print;
  lines: string[];
}

/** Serves a fresh mock until the end of the current test. */
export async function exampleApi(
  wrap?: (handler: MockOvh["handler"]) => MockOvh["handler"],
): Promise<ExampleApi> {
  const api = await startMockApi(Client, { wrap, stopWith: onTestFinished });
  const lines: string[] = [];
  return { ...api, print: (line) => lines.push(line), lines };
}

/** A validated consumer key of the demo application allowed only `rules`. */
export const keyFor = (api: ExampleApi, rules: { method: string; path: string }[]): string =>
  api.mock.addConsumerKey({ applicationKey: api.options.applicationKey, rules });
