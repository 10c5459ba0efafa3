import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY } from "@asyncovh/mock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Client } from "./index.ts";
import { closeServers, served } from "./test-servers.ts";
import { nodeTimers } from "./timers.ts";

afterEach(closeServers);

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

describe("the Node client's hold on its timers", () => {
  it("lets a timer stop holding the process open, and hold it again", () => {
    const before = timers();
    const timer = setTimeout(() => undefined, 60_000);
    nodeTimers.unref(timer);
    expect(timers()).toBe(before);
    nodeTimers.ref(timer);
    expect(timers()).toBe(before + 1);
    clearTimeout(timer);
  });

  it("gives a client's calls one deadline timer, which holds nothing open between calls", async () => {
    const server = await served();
    const timeout = 43_210;
    const client = new Client({
      endpoint: server.baseUrl,
      applicationKey: DEMO_APPLICATION_KEY,
      applicationSecret: DEMO_APPLICATION_SECRET,
      consumerKey: DEMO_CONSUMER_KEY,
      timeout,
    });
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    try {
      for (let i = 0; i < 4; i++) await client.get("/me");
      const deadlineTimers = setTimeoutSpy.mock.results.filter(
        (_, call) => setTimeoutSpy.mock.calls[call]?.[1] === timeout,
      );
      expect(deadlineTimers).toHaveLength(1);
      expect((deadlineTimers[0]?.value as NodeJS.Timeout).hasRef()).toBe(false);
    } finally {
      setTimeoutSpy.mockRestore();
    }
  });
});
