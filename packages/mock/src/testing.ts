/**
 * @module
 * `@asyncovh/mock/testing`: the set-up a client test starts with. A fresh mock served over HTTP
 * on 127.0.0.1, the requests its server received, and clients of its demo application (all
 * rights) built with the `Client` class the test names: `@asyncovh/core`'s, `asyncovh`'s…
 *
 * ```ts
 * const api = await startMockApi(Client, { stopWith: onTestFinished });
 * await api.client().get("/me");
 * ```
 */
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY } from "./constants.ts";
import { createMockOvh, type MockOvh, type MockOvhOptions } from "./mock.ts";
import { type MockServer, type ServeOptions, serve } from "./node.ts";

/** A client's options for the served mock: the server as endpoint, the demo application's keys. */
export interface DemoClientOptions {
  /** The served mock's `/1.0` base URL. */
  endpoint: string;
  /** The demo application's key. */
  applicationKey: string;
  /** The demo application's secret. */
  applicationSecret: string;
  /** The demo consumer key, granted every call. */
  consumerKey: string;
}

/** The options of `startMockApi()`: the mock's, and how it is served and stopped. */
export interface MockApiOptions extends MockOvhOptions {
  /** Wraps the mock's handler, to watch, delay or replace what the server answers. */
  wrap?:
    | ((
        handler: (request: Request) => Promise<Response>,
      ) => (request: Request) => Promise<Response>)
    | undefined;
  /** Serve over HTTPS with this key and certificate (see `createTestCertificate`). */
  tls?: ServeOptions["tls"];
  /** Registers the server's stop, e.g. vitest's `onTestFinished` or `afterEach`. */
  stopWith?: ((stop: () => Promise<void>) => unknown) | undefined;
}

/** A request as the server received it. */
export interface ReceivedRequest {
  /** Its method. */
  method: string;
  /** Its URL, query string included. */
  url: string;
  /** Its headers. */
  headers: Headers;
  /** `performance.now()` when it arrived. */
  at: number;
}

/** A served mock and its clients: what `startMockApi()` resolves to. */
export interface MockApi<C, O> {
  /** The mock, to add keys, faults or data. */
  mock: MockOvh;
  /** Its HTTP server. */
  server: MockServer;
  /** The server's `/1.0` base URL: the `endpoint` of its clients. */
  baseUrl: string;
  /** The demo application's endpoint and keys, all rights. */
  options: DemoClientOptions;
  /** The requests the server received, oldest first. */
  received: ReceivedRequest[];
  /** A client of the server: `options`, then `overrides`. */
  client(overrides?: O): C;
  /** Stops the server and closes its connections. */
  stop(): Promise<void>;
}

/** Serves a fresh mock for one test; `Client` builds its clients. */
export async function startMockApi<C, O extends object>(
  Client: new (options: O) => C,
  options: MockApiOptions = {},
): Promise<MockApi<C, O>> {
  const { wrap, tls, stopWith, ...mockOptions } = options;
  const mock = createMockOvh(mockOptions);
  const received: ReceivedRequest[] = [];
  const handler = (request: Request): Promise<Response> => {
    received.push({
      method: request.method,
      url: request.url,
      headers: new Headers(request.headers),
      at: performance.now(),
    });
    return mock.handler(request);
  };
  const server = await serve(wrap ? wrap(handler) : handler, tls ? { tls } : {});
  const stop = () => server.close();
  stopWith?.(stop);
  const demo: DemoClientOptions = {
    endpoint: server.baseUrl,
    applicationKey: DEMO_APPLICATION_KEY,
    applicationSecret: DEMO_APPLICATION_SECRET,
    consumerKey: DEMO_CONSUMER_KEY,
  };
  return {
    mock,
    server,
    baseUrl: server.baseUrl,
    options: demo,
    received,
    client: (overrides) => new Client({ ...demo, ...overrides } as O),
    stop,
  };
}
