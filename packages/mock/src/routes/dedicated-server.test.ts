import { describe, expect, it } from "vitest";
import { createMockOvh } from "../mock.ts";
import { call, ORIGIN, send } from "../test-utils/requests.ts";

const NOW_MS = Date.UTC(2025, 4, 1, 12, 0, 0);
const SBG = "ns3001234.ip-51-38-10.eu";
const base = `/dedicated/server/${SBG}`;

describe("/dedicated/server", () => {
  it("lists the servers, one of them in sbg1", async () => {
    const mock = createMockOvh();
    const names = (await call(mock, "/dedicated/server")).body;
    expect(names).toHaveLength(3);
    const datacenters = await Promise.all(
      names.map(
        async (name: string) => (await call(mock, `/dedicated/server/${name}`)).body.datacenter,
      ),
    );
    expect(datacenters).toContain("sbg1");
  });

  it("details a server as a dedicated.server.Dedicated", async () => {
    const { body } = await call(createMockOvh(), base);
    expect(body).toMatchObject({
      name: SBG,
      datacenter: "sbg1",
      ip: "51.38.10.11",
      state: "ok",
      powerState: "poweron",
      monitoring: true,
      iam: { urn: `urn:v1:eu:resource:dedicatedServer:${SBG}` },
    });
    const missing = await call(createMockOvh(), "/dedicated/server/ns0.example");
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe(
      "The requested object (serviceName = ns0.example) does not exist",
    );
  });

  it("changes writable properties on PUT, ignores read-only ones sent back, refuses bad values", async () => {
    const mock = createMockOvh();
    const server = (await call(mock, base)).body;
    const put = await send(mock, "PUT", base, { ...server, monitoring: false, ip: "1.2.3.4" });
    expect(put.status).toBe(200);
    expect((await call(mock, base)).body).toMatchObject({ monitoring: false, ip: "51.38.10.11" });
    for (const body of [
      { state: "broken" },
      { bootId: "1" },
      { monitoring: 1 },
      { rescueMail: 3 },
      { colour: 1 },
    ]) {
      expect((await send(mock, "PUT", base, body)).status, JSON.stringify(body)).toBe(400);
    }
    await send(mock, "PUT", base, { bootScript: "#!ipxe", rescueMail: null, bootId: 2 });
    expect((await call(mock, base)).body).toMatchObject({
      bootScript: "#!ipxe",
      rescueMail: null,
      bootId: 2,
    });
  });
});

describe("/dedicated/server/{serviceName}/burst", () => {
  it("reads and changes the burst status", async () => {
    const mock = createMockOvh();
    expect((await call(mock, `${base}/burst`)).body).toEqual({
      capacity: { unit: "Mbps", value: 10000 },
      status: "inactive",
    });
    const put = await send(mock, "PUT", `${base}/burst`, { status: "active" });
    expect(put.status).toBe(200);
    expect(put.body).toBeNull();
    expect((await call(mock, `${base}/burst`)).body.status).toBe("active");
  });

  it("refuses a status outside the enumeration, and a locked burst", async () => {
    const mock = createMockOvh();
    const bad = await send(mock, "PUT", `${base}/burst`, { status: "turbo" });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe(
      "[status] Given data (turbo) does not belong to the dedicated.server.BurstStatusEnum enumeration",
    );
    expect((await send(mock, "PUT", `${base}/burst`, {})).status).toBe(400);
    await send(mock, "PUT", `${base}/burst`, { status: "inactiveLocked" });
    expect((await send(mock, "PUT", `${base}/burst`, { status: "active" })).status).toBe(400);
  });
});

describe("/dedicated/server/{serviceName}/features/ipmi", () => {
  it("describes IPMI", async () => {
    const { body } = await call(createMockOvh(), `${base}/features/ipmi`);
    expect(body).toEqual({
      activated: true,
      supportedFeatures: {
        kvmipHtml5URL: true,
        kvmipJnlp: true,
        serialOverLanSshKey: true,
        serialOverLanURL: true,
      },
    });
  });

  it("grants a KVM access with a task, then answers its URL until it expires", async () => {
    let now = NOW_MS;
    const mock = createMockOvh({ now: () => now });
    const ts = () => ({ timestamp: Math.floor(now / 1000) });
    const access = `${base}/features/ipmi/access`;
    const before = await call(mock, `${access}?type=kvmipHtml5URL`, ts());
    expect(before.status).toBe(404);

    const task = await call(mock, access, {
      method: "POST",
      body: JSON.stringify({ ipToAllow: "192.0.2.10", ttl: 15, type: "kvmipHtml5URL" }),
      ...ts(),
    });
    expect(task.body).toMatchObject({
      function: "requestAccessIPMI",
      status: "done",
      taskId: expect.any(Number),
      startDate: "2025-05-01T12:00:00+00:00",
    });
    const value = await call(mock, `${access}?type=kvmipHtml5URL`, ts());
    expect(value.body).toEqual({
      expiration: "2025-05-01T12:15:00+00:00",
      value: expect.stringMatching(new RegExp(`^${ORIGIN}/ipmi/${SBG}/kvmipHtml5URL\\?session=`)),
    });
    const console = await mock.handler(new Request(value.body.value));
    expect(console.status).toBe(200);
    expect((await call(mock, `${base}/task`, ts())).body).toEqual([task.body.taskId]);
    expect(
      (await call(mock, `${base}/task?function=requestAccessIPMI&status=done`, ts())).body,
    ).toHaveLength(1);
    expect((await call(mock, `${base}/task?status=todo`, ts())).body).toEqual([]);
    expect((await call(mock, `${base}/task/${task.body.taskId}`, ts())).body).toEqual(task.body);
    expect((await call(mock, `${base}/task/1`, ts())).status).toBe(404);

    now += 15 * 60_000;
    expect((await call(mock, `${access}?type=kvmipHtml5URL`, ts())).status).toBe(404);
    expect((await mock.handler(new Request(value.body.value))).status).toBe(404);
  });

  it("answers the other access types in their own form", async () => {
    const mock = createMockOvh();
    const access = `${base}/features/ipmi/access`;
    await send(mock, "POST", access, { ipToAllow: "192.0.2.10", ttl: "5", type: "kvmipJnlp" });
    expect((await call(mock, `${access}?type=kvmipJnlp`)).body.value).toMatch(/^<\?xml/);
    await send(mock, "POST", access, {
      sshKey: "ssh-ed25519 AAAA",
      ttl: 1,
      type: "serialOverLanSshKey",
    });
    expect((await call(mock, `${access}?type=serialOverLanSshKey`)).body.value).toMatch(
      /^ssh:\/\//,
    );
    await send(mock, "POST", access, { ipToAllow: "192.0.2.10", ttl: 3, type: "serialOverLanURL" });
    expect((await call(mock, `${access}?type=serialOverLanURL`)).body.value).toMatch(/^http:/);
  });

  it("refuses bad access requests and a missing type", async () => {
    const mock = createMockOvh();
    const access = `${base}/features/ipmi/access`;
    for (const body of [
      { ipToAllow: "192.0.2.10", ttl: 15 },
      { ipToAllow: "192.0.2.10", ttl: 7, type: "kvmipHtml5URL" },
      { ipToAllow: "192.0.2.300", ttl: 15, type: "kvmipHtml5URL" },
      { ttl: 15, type: "kvmipHtml5URL" },
      { ttl: 15, type: "serialOverLanSshKey" },
      { ipToAllow: "192.0.2.10", ttl: 15, type: "telnet" },
    ]) {
      expect((await send(mock, "POST", access, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(mock, access)).status).toBe(400);
    expect((await call(mock, `${access}?type=telnet`)).status).toBe(400);
  });
});
