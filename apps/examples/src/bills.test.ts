import { describe, expect, it } from "vitest";
import { listBills } from "./bills.ts";
import { exampleApi } from "./test-utils/mock-api.ts";

describe("listBills", () => {
  it("prints id, date, price with tax and PDF link of every bill", async () => {
    const api = await exampleApi();
    const ids = await api.client().get<string[]>("/me/bill");

    const bills = await listBills(api.client(), api.print);

    expect(ids.length).toBeGreaterThan(1);
    expect(bills.map((bill) => bill.billId)).toEqual(ids);
    expect(api.lines).toHaveLength(ids.length);
    api.lines.forEach((line, index) => {
      const bill = bills[index];
      expect(line).toBe(
        `${ids[index]?.padStart(12)} (${bill?.date}): ${bill?.priceWithTax.text.padStart(10)} --> ${bill?.pdfUrl}`,
      );
      expect(line).toMatch(
        /^ *FR\d+ \(\d{4}-\d\d-\d\dT[\d:]+\+00:00\): +[\d.]+ € --> http:\/\/127/,
      );
    });
  });

  it("fetches the details concurrently", async () => {
    let inFlight = 0;
    let most = 0;
    const api = await exampleApi((handler) => async (request) => {
      most = Math.max(most, ++inFlight);
      try {
        return await handler(request);
      } finally {
        inFlight--;
      }
    });
    // Slow answers, so that requests sent together are in flight together.
    api.mock.faults.latency(100);

    await listBills(api.client(), api.print);

    // One after the other, never more than one request would be in flight.
    expect(most).toBeGreaterThan(1);
  });
});
