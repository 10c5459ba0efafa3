import { describe, expect, it } from "vitest";
import { createMockOvh } from "../mock.ts";
import { call, ORIGIN } from "../test-utils/requests.ts";

describe("/me/bill", () => {
  it("lists twelve bill ids", async () => {
    const { body } = await call(createMockOvh(), "/me/bill");
    expect(body).toHaveLength(12);
    for (const id of body) expect(id).toMatch(/^FR\d+$/);
  });

  it("filters by category, date range and order id", async () => {
    const mock = createMockOvh();
    const servers = (await call(mock, "/me/bill?category=purchase-servers")).body;
    expect(servers.length).toBeGreaterThan(0);
    for (const id of servers) {
      expect((await call(mock, `/me/bill/${id}`)).body.category).toBe("purchase-servers");
    }
    const spring = (await call(mock, "/me/bill?date.from=2024-03-01&date.to=2024-05-31")).body;
    expect(spring).toHaveLength(3);
    const first = (await call(mock, `/me/bill/${spring[0]}`)).body;
    expect((await call(mock, `/me/bill?orderId=${first.orderId}`)).body).toEqual([first.billId]);
  });

  it("refuses filters of the wrong type", async () => {
    const mock = createMockOvh();
    for (const query of ["category=groceries", "date.from=yesterday", "orderId=abc"]) {
      const result = await call(mock, `/me/bill?${query}`);
      expect(result.status, query).toBe(400);
      expect(result.body.class).toBe("Client::BadRequest");
    }
  });

  it("details a bill as a billing.Bill, with links on the mock", async () => {
    const mock = createMockOvh();
    const [id] = (await call(mock, "/me/bill")).body;
    const { body } = await call(mock, `/me/bill/${id}`);
    expect(body).toMatchObject({
      billId: id,
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      orderId: expect.any(Number),
      priceWithTax: {
        currencyCode: "EUR",
        value: expect.any(Number),
        text: expect.stringMatching(/ €$/),
      },
      priceWithoutTax: { currencyCode: "EUR" },
      tax: { currencyCode: "EUR" },
    });
    expect(body.priceWithTax.value).toBeCloseTo(body.priceWithoutTax.value + body.tax.value, 2);
    expect(body.priceWithTax.priceInUcents).toBe(Math.round(body.priceWithTax.value * 1e8));
    expect(body.pdfUrl.startsWith(`${ORIGIN}/`)).toBe(true);
  });

  it("answers 404 for an unknown bill", async () => {
    const { status, body } = await call(createMockOvh(), "/me/bill/FR0");
    expect(status).toBe(404);
    expect(body).toEqual({
      class: "Client::NotFound",
      message: "The requested object (billId = FR0) does not exist",
    });
  });
});
