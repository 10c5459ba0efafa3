/**
 * @module
 * List the account's bills with their details, fetched concurrently: one request per bill, all
 * in flight at once, over the same client.
 */
import type { billing } from "@asyncovh/api/me";
import type { Client } from "asyncovh";
import type { Print } from "./print.ts";

/** Prints one line per bill: id, date, price with tax and the link to its PDF. */
export async function listBills(client: Client, print: Print): Promise<billing.Bill[]> {
  const billIds = await client.get("/me/bill");
  // {billId} takes the param of that name, percent-encoded.
  const bills = await Promise.all(
    billIds.map((billId) => client.get("/me/bill/{billId}", { billId })),
  );
  for (const bill of bills) {
    const id = bill.billId.padStart(12);
    print(`${id} (${bill.date}): ${bill.priceWithTax.text.padStart(10)} --> ${bill.pdfUrl}`);
  }
  return bills;
}
