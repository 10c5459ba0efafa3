/**
 * @module
 * List the account's bills with their details, fetched concurrently: one request per bill, all
 * in flight at once, over the same client.
 */
import type { Client } from "asyncovh";
import type { Print } from "./print.ts";

/** The part of `GET /me/bill/{billId}` (a `billing.Bill`) that the example prints. */
export interface Bill {
  billId: string;
  date: string;
  priceWithTax: { text: string };
  pdfUrl: string;
}

/** Prints one line per bill: id, date, price with tax and the link to its PDF. */
export async function listBills(client: Client, print: Print): Promise<Bill[]> {
  const billIds = await client.get<string[]>("/me/bill");
  const bills = await Promise.all(
    billIds.map((billId) => client.get<Bill>(`/me/bill/${encodeURIComponent(billId)}`)),
  );
  bills.forEach((bill, index) => {
    const id = (billIds[index] as string).padStart(12);
    print(`${id} (${bill.date}): ${bill.priceWithTax.text.padStart(10)} --> ${bill.pdfUrl}`);
  });
  return bills;
}
