/**
 * @module
 * `/me/bill`: the account's invoices (`billing.Bill`).
 */
import { dateQuery, enumQuery, integerQuery } from "../body.ts";
import { ovhDateTime } from "../dates.ts";
import { objectNotFound } from "../errors.ts";
import type { Bill } from "../model.ts";
import type { Route } from "../router.ts";

const CATEGORIES = [
  "autorenew",
  "earlyrenewal",
  "purchase",
  "purchase-cloud",
  "purchase-servers",
  "purchase-telecom",
  "purchase-web",
] as const;

const billView = (bill: Bill, origin: string) => {
  const link = `reference=${bill.billId}&passwd=${bill.password}`;
  return {
    billId: bill.billId,
    category: bill.category,
    date: ovhDateTime(bill.date),
    orderId: bill.orderId,
    password: bill.password,
    pdfUrl: `${origin}/cgi-bin/order/facture.pdf?${link}`,
    priceWithTax: { ...bill.priceWithTax },
    priceWithoutTax: { ...bill.priceWithoutTax },
    tax: { ...bill.tax },
    url: `${origin}/cgi-bin/order/facture.cgi?${link}`,
  };
};

export const meBillRoutes: readonly Route[] = [
  {
    method: "GET",
    path: "/me/bill",
    handle: ({ state, query }) => {
      const category = enumQuery(query, "category", "billing.CategoryEnum", CATEGORIES);
      const from = dateQuery(query, "date.from");
      const to = dateQuery(query, "date.to");
      const orderId = integerQuery(query, "orderId");
      return [...state.data.bills.values()]
        .filter((bill) => category === undefined || bill.category === category)
        .filter((bill) => from === undefined || bill.date >= from)
        .filter((bill) => to === undefined || bill.date <= to)
        .filter((bill) => orderId === undefined || bill.orderId === orderId)
        .map((bill) => bill.billId);
    },
  },
  {
    method: "GET",
    path: "/me/bill/{billId}",
    handle: ({ state, params, origin }) => {
      const bill = state.data.bills.get(params.billId as string);
      if (!bill) throw objectNotFound("billId", params.billId as string);
      return billView(bill, origin);
    },
  },
];
