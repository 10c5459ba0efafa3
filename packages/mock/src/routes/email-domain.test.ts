import { describe, expect, it } from "vitest";
import { createMockOvh } from "../mock.ts";
import { call, send, signedRequest } from "../test-utils/requests.ts";

const NOW_MS = Date.UTC(2025, 4, 1, 12, 0, 0);
const at = { timestamp: NOW_MS / 1000 };
const path = "/email/domain/example.com/redirection";

describe("/email/domain", () => {
  it("lists the mail domains and details one", async () => {
    const mock = createMockOvh();
    expect((await call(mock, "/email/domain")).body).toEqual(["example.com", "example.org"]);
    const { body } = await call(mock, "/email/domain/example.com");
    expect(body).toMatchObject({
      domain: "example.com",
      status: "ok",
      isMXValid: "valid",
      iam: { urn: "urn:v1:eu:resource:emailDomain:example.com" },
    });
    const missing = await call(mock, "/email/domain/example.net");
    expect(missing.body.message).toBe("The requested object (domain = example.net) does not exist");
  });
});

describe("/email/domain/{domain}/redirection", () => {
  it("creates a redirection and answers a task, like OVH", async () => {
    const mock = createMockOvh({ now: () => NOW_MS });
    const created = await mock.handler(
      signedRequest(path, {
        method: "POST",
        body: '{"from":"sales@example.com","to":"contact@example.net","localCopy":false}',
        ...at,
      }),
    );
    expect(created.status).toBe(200);
    const task = await created.json();
    expect(task).toEqual({
      account: "sales",
      action: "add",
      date: "2025-05-01T12:00:00+00:00",
      domain: "example.com",
      id: expect.stringMatching(/^\d+$/),
      type: "forward",
    });
    const ids = (await call(mock, `${path}?from=sales@example.com`, at)).body;
    expect(ids).toHaveLength(1);
    expect((await call(mock, `${path}/${ids[0]}`, at)).body).toEqual({
      from: "sales@example.com",
      id: ids[0],
      to: "contact@example.net",
    });
    const tasks = (await call(mock, "/email/domain/example.com/task/redirection?account=sales", at))
      .body;
    expect(tasks).toEqual([task.id]);
    expect(
      (await call(mock, `/email/domain/example.com/task/redirection/${task.id}`, at)).body,
    ).toEqual(task);
  });

  it("lists ids, filtered by from and to", async () => {
    const mock = createMockOvh();
    const all = (await call(mock, path)).body;
    expect(all).toHaveLength(2);
    const byTo = (await call(mock, `${path}?to=accounting%40example.net`)).body;
    expect(byTo).toHaveLength(1);
    expect((await call(mock, `${path}/${byTo[0]}`)).body.from).toBe("billing@example.com");
    expect((await call(mock, `${path}?from=nobody@example.com`)).body).toEqual([]);
    expect((await call(mock, "/email/domain/example.org/redirection")).body).toEqual([]);
  });

  it("answers 409 for a redirection that already exists", async () => {
    const mock = createMockOvh();
    const body = { from: "info@example.com", to: "ada@example.net", localCopy: true };
    const result = await send(mock, "POST", path, body);
    expect(result.status).toBe(409);
    expect(result.body.class).toBe("Client::Conflict");
  });

  it("answers 400 for missing, unknown or malformed parameters", async () => {
    const mock = createMockOvh();
    for (const body of [
      { from: "a@example.com", to: "b@example.net" },
      { from: "a@example.com", to: "b@example.net", localCopy: "no" },
      { from: "a@example.com", to: "not an address", localCopy: false },
      { from: "a@elsewhere.com", to: "b@example.net", localCopy: false },
      { _from: "a@example.com", to: "b@example.net", localCopy: false },
    ]) {
      const result = await send(mock, "POST", path, body);
      expect(result.status, JSON.stringify(body)).toBe(400);
    }
    const missing = await send(mock, "POST", path, { to: "b@example.net" });
    expect(missing.body.message).toBe("Missing parameter(s): from, localCopy");
  });

  it("changes the target, and deletes, each with a task", async () => {
    const mock = createMockOvh();
    const [id] = (await call(mock, `${path}?from=info@example.com`)).body;
    const change = await send(mock, "POST", `${path}/${id}/changeRedirection`, {
      to: "new@example.net",
    });
    expect(change.body).toMatchObject({ action: "change", account: "info" });
    expect((await call(mock, `${path}/${id}`)).body.to).toBe("new@example.net");
    const deleted = await call(mock, `${path}/${id}`, { method: "DELETE" });
    expect(deleted.body).toMatchObject({ action: "delete", account: "info" });
    expect((await call(mock, `${path}/${id}`)).status).toBe(404);
    expect((await call(mock, `${path}/${id}`, { method: "DELETE" })).status).toBe(404);
    expect((await call(mock, "/email/domain/example.com/task/redirection/0")).status).toBe(404);
  });
});
