import { BadParametersError, ResourceNotFoundError } from "asyncovh";
import { describe, expect, it } from "vitest";
import { openKvm } from "./kvm.ts";
import { exampleApi } from "./test-utils/mock-api.ts";

const ACCESS = "/dedicated/server/*/features/ipmi/access";

describe("openKvm", () => {
  it("requests the access for the IP, then opens the JNLP file", async () => {
    const api = await exampleApi();
    const [serverName = ""] = await api.client().get<string[]>("/dedicated/server");
    const opened: string[] = [];

    const access = await openKvm(api.client(), api.print, {
      serverName,
      allowedIp: "192.0.2.10",
      open: (jnlp) => {
        opened.push(jnlp);
      },
    });

    expect(opened).toEqual([access.value]);
    expect(access.value).toContain("<jnlp");
    expect(access.value).toContain("192.0.2.10");
    expect(api.lines).toEqual([
      `Requested a KVM on ${serverName} for 192.0.2.10, valid 15 minutes`,
      `KVM ready after 1 check(s), until ${access.expiration}`,
    ]);
  });

  it("checks again while the access is not ready", async () => {
    const api = await exampleApi();
    const [serverName = ""] = await api.client().get<string[]>("/dedicated/server");
    api.mock.faults.enqueue({ status: 404 }, { times: 2, match: { method: "GET", path: ACCESS } });

    await openKvm(api.client(), api.print, {
      serverName,
      allowedIp: "192.0.2.10",
      pollInterval: 1,
      open: () => {},
    });

    expect(api.lines[1]).toMatch(/^KVM ready after 3 check\(s\)/);
  });

  it("gives up after maxChecks, and at once on other errors", async () => {
    const api = await exampleApi();
    const [serverName = ""] = await api.client().get<string[]>("/dedicated/server");
    const options = { serverName, allowedIp: "192.0.2.10", pollInterval: 1, open: () => {} };

    api.mock.faults.enqueue({ status: 404 }, { times: 3, match: { method: "GET", path: ACCESS } });
    await expect(
      openKvm(api.client(), api.print, { ...options, maxChecks: 3 }),
    ).rejects.toBeInstanceOf(ResourceNotFoundError);

    api.mock.faults.clear();
    api.mock.faults.enqueue({ status: 400 }, { times: 1, match: { method: "GET", path: ACCESS } });
    const gets = () =>
      api.mock.requests.filter((r) => r.method === "GET" && r.path.endsWith("/access"));
    const before = gets().length;
    await expect(openKvm(api.client(), api.print, options)).rejects.toBeInstanceOf(
      BadParametersError,
    );
    expect(gets().length - before).toBe(1);
  });
});
