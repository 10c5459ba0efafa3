import { RequestTimeoutError } from "@asyncovh/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clientFromEnv } from "./index.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("the Workers client's deadlines", () => {
  it("give each call a timer of its own: a Worker's timer dies with the request that set it", async () => {
    vi.useFakeTimers();
    // A transport that never answers, so that both calls are in flight at once, as two
    // overlapping requests of a Worker sharing one client would be.
    const hang = (_input: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
      );
    const client = clientFromEnv(
      { OVH_ENDPOINT: "https://eu.api.ovh.com/1.0" },
      { fetch: hang, timeout: 1000, retry: 0, needAuth: false },
    );
    const first = client.get("/auth/time").catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(300);
    const second = client.get("/auth/time").catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(2);
    await vi.advanceTimersByTimeAsync(700);
    expect(await first).toBeInstanceOf(RequestTimeoutError);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(await second).toBeInstanceOf(RequestTimeoutError);
    expect(vi.getTimerCount()).toBe(0);
  });
});
