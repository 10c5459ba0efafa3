import { DEMO_APPLICATION_KEY } from "@asyncovh/mock";
import { describe, expect, it } from "vitest";
import { HEADERS, listAuthorizedApplications } from "./authorized-applications.ts";
import { exampleApi } from "./test-utils/mock-api.ts";

describe("listAuthorizedApplications", () => {
  it("prints a table of the validated credentials and their applications", async () => {
    const api = await exampleApi();
    const client = api.client();
    const validated = await client.get<number[]>("/me/api/credential", { status: "validated" });
    const all = await client.get<number[]>("/me/api/credential");

    const rows = await listAuthorizedApplications(client, api.print);

    expect(all.length).toBeGreaterThan(validated.length);
    expect(rows.map((row) => row[0])).toEqual(validated);
    const [header, rule, ...lines] = api.lines;
    expect(header?.trim().split(/ {2,}/)).toEqual(HEADERS);
    expect(rule).toMatch(/^-+( {2}-+){5}$/);
    expect(lines).toHaveLength(validated.length);
    expect(lines[0]).toMatch(/^ *\d+ {2}\[active\] asyncovh-demo {2}The demo application/);
  });

  it("lists a key as soon as it is validated", async () => {
    const api = await exampleApi();
    const key = api.mock.addConsumerKey({
      applicationKey: DEMO_APPLICATION_KEY,
      rules: [{ method: "GET", path: "/me" }],
      validated: false,
    });
    const before = await listAuthorizedApplications(api.client(), () => {});
    api.mock.validateConsumerKey(key);
    const after = await listAuthorizedApplications(api.client(), () => {});
    expect(after).toHaveLength(before.length + 1);
  });
});
