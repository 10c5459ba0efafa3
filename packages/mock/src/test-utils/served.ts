/**
 * A mock served over real HTTP on 127.0.0.1 and clients of it, for the integration tests of
 * the core client. Each test gets its own mock and server; `stop()` closes them.
 */
import { Client, type ClientOptions } from "@asyncovh/core";
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY } from "../constants.ts";
import { createMockOvh, type MockOvh, type MockOvhOptions } from "../mock.ts";
import { type MockServer, serve } from "../node.ts";

export interface Served {
  mock: MockOvh;
  server: MockServer;
  /** A client of the server with the demo keys (all rights), merged with `options`. */
  client(options?: ClientOptions): Client;
  /** Request headers seen by the server, oldest first (for checks of what was sent). */
  headers: Headers[];
  stop(): Promise<void>;
}

export async function served(options?: MockOvhOptions): Promise<Served> {
  const mock = createMockOvh(options);
  const headers: Headers[] = [];
  const server = await serve((request) => {
    headers.push(new Headers(request.headers));
    return mock.handler(request);
  });
  return {
    mock,
    server,
    headers,
    client: (overrides = {}) =>
      new Client({
        endpoint: server.baseUrl,
        applicationKey: DEMO_APPLICATION_KEY,
        applicationSecret: DEMO_APPLICATION_SECRET,
        consumerKey: DEMO_CONSUMER_KEY,
        ...overrides,
      }),
    stop: () => server.close(),
  };
}
