/**
 * @module
 * Many bills at once, for listing benchmarks and tests (`mock.addBills(500)`): the same shape as
 * the seeded ones, deterministic ids and amounts, dated one day apart up to now.
 */
import type { MockData } from "./model.ts";
import { price } from "./seed.ts";

const DAY = 86_400_000;

/** Adds `count` bills to the account and returns their ids, oldest first. */
export function addBills(data: MockData, count: number, now: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 100_000) {
    throw new TypeError(`addBills needs a count from 1 to 100000 (got ${String(count)}).`);
  }
  const ids: string[] = [];
  let serial = data.bills.size;
  for (let i = 0; i < count; i++) {
    let billId: string;
    do billId = `FR${60_000_000 + serial++ * 7}`;
    while (data.bills.has(billId));
    const withoutTax = 1 + ((serial * 7919) % 20_000) / 100;
    const tax = Math.round(withoutTax * 20) / 100;
    data.bills.set(billId, {
      billId,
      category: serial % 3 === 0 ? "purchase-cloud" : "autorenew",
      date: now - (count - i) * DAY,
      orderId: 190_000_000 + serial,
      password: `pw${(serial * 104_729).toString(36)}`,
      priceWithoutTax: price(withoutTax),
      tax: price(tax),
      priceWithTax: price(Math.round((withoutTax + tax) * 100) / 100),
    });
    ids.push(billId);
  }
  return ids;
}
