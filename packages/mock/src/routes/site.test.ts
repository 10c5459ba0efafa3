import { describe, expect, it } from "vitest";
import { DEMO_APPLICATION_KEY } from "../constants.ts";
import { createMockOvh } from "../mock.ts";
import { BASE, call, DEMO_KEYS, ORIGIN } from "../test-utils/requests.ts";

async function pendingKey(mock: ReturnType<typeof createMockOvh>, redirection?: string) {
  const response = await mock.handler(
    new Request(`${BASE}/auth/credential`, {
      method: "POST",
      headers: { "X-Ovh-Application": DEMO_APPLICATION_KEY },
      body: JSON.stringify({ accessRules: [{ method: "GET", path: "/me" }], redirection }),
    }),
  );
  return (await response.json()) as { validationUrl: string; consumerKey: string };
}

describe("the validation page", () => {
  it("validates the key and shows a small page when there is no redirection", async () => {
    const mock = createMockOvh();
    const { validationUrl, consumerKey } = await pendingKey(mock);
    const page = await mock.handler(new Request(validationUrl));
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain("validated");
    expect((await call(mock, "/me", { keys: { ...DEMO_KEYS, consumerKey } })).status).toBe(200);
  });

  it("redirects to the redirection after validating, without following it", async () => {
    const mock = createMockOvh();
    const { validationUrl, consumerKey } = await pendingKey(mock, "https://app.example/done?x=<1>");
    const page = await mock.handler(new Request(validationUrl));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("https://app.example/done?x=<1>");
    const html = await page.text();
    expect(html).toContain("&#60;1&#62;"); // escaped in the page
    expect(html).not.toContain("<1>");
    expect((await call(mock, "/me", { keys: { ...DEMO_KEYS, consumerKey } })).status).toBe(200);
  });

  it("is idempotent, and refuses unknown tokens and keys that can no longer be validated", async () => {
    const mock = createMockOvh();
    const { validationUrl, consumerKey } = await pendingKey(mock);
    expect((await mock.handler(new Request(validationUrl))).status).toBe(200);
    expect((await mock.handler(new Request(validationUrl))).status).toBe(200);
    expect((await mock.handler(new Request(`${ORIGIN}/auth/?credentialToken=nope`))).status).toBe(
      404,
    );
    expect((await mock.handler(new Request(`${ORIGIN}/auth/`))).status).toBe(404);
    // Once the key is deleted, its link no longer validates anything.
    const keys = { ...DEMO_KEYS, consumerKey };
    const id = (await call(mock, "/me/api/credential?status=validated")).body.at(-1);
    expect((await call(mock, `/me/api/credential/${id}`)).body.rules).toEqual([
      { method: "GET", path: "/me" },
    ]);
    await call(mock, `/me/api/credential/${id}`, { method: "DELETE" });
    expect((await call(mock, "/me", { keys })).body.errorCode).toBe("NOT_CREDENTIAL");
    expect((await mock.handler(new Request(validationUrl))).status).toBe(404);
  });

  it("answers without a signature at /auth too", async () => {
    const mock = createMockOvh();
    const { validationUrl } = await pendingKey(mock);
    const url = validationUrl.replace("/auth/?", "/auth?");
    expect((await mock.handler(new Request(url))).status).toBe(200);
  });
});

describe("invoice and console links", () => {
  it("serve the PDF and page of a bill, and refuse a wrong password", async () => {
    const mock = createMockOvh();
    const bill = (await call(mock, "/me/bill/FR50398710")).body;
    const pdf = await mock.handler(new Request(bill.pdfUrl));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(await pdf.text()).toMatch(/^%PDF-1\.4[\s\S]*FR50398710[\s\S]*%%EOF\n$/);
    const page = await mock.handler(new Request(bill.url));
    expect(await page.text()).toContain(bill.priceWithTax.text);
    for (const link of [bill.pdfUrl, bill.url]) {
      const wrong = await mock.handler(new Request(link.replace(/passwd=[^&]+/, "passwd=nope")));
      expect(wrong.status).toBe(404);
    }
  });
});
