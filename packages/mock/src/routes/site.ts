/**
 * @module
 * Pages outside the API, at the root of the mock's origin: the validation page of consumer keys
 * (what `validationUrl` points at), and the invoice and console links that resources give out,
 * so that every URL the mock answers stays on the mock.
 */
import { htmlResponse } from "../http.ts";
import type { Route } from "../router.ts";

/** The validation page: a GET validates the key, as a user's consent would. */
function validationPage({ state, query }: Parameters<Route["handle"]>[0]): Response {
  const token = query.get("credentialToken");
  const credential = token === null ? undefined : state.credentialByToken(token);
  if (!credential) {
    return htmlResponse(
      "Unknown validation link",
      "This validation link does not match any consumer key request: request a new consumer key.",
      404,
    );
  }
  if (credential.status === "pendingValidation") credential.status = "validated";
  if (credential.status !== "validated") {
    return htmlResponse(
      "Consumer key not validated",
      `This consumer key is ${credential.status} and can no longer be validated: request a new one.`,
      403,
    );
  }
  if (credential.redirection !== null) {
    return htmlResponse(
      "Access granted",
      `The consumer key is validated. Redirecting to ${credential.redirection}`,
      302,
      { Location: credential.redirection },
    );
  }
  return htmlResponse("Access granted", "The consumer key is validated: you can close this page.");
}

const validation = (path: string): Route => ({
  method: "GET",
  path,
  auth: "none",
  handle: validationPage,
});

export const siteRoutes: readonly Route[] = [
  validation("/auth/"),
  validation("/auth"),
  {
    method: "GET",
    path: "/cgi-bin/order/facture.pdf",
    auth: "none",
    handle: ({ state, query }) => {
      const bill = state.data.bills.get(query.get("reference") ?? "");
      if (!bill || bill.password !== query.get("passwd")) {
        return htmlResponse("Invoice not found", "No invoice matches this link.", 404);
      }
      // A minimal, valid one-page PDF naming the bill.
      const text = `Invoice ${bill.billId}: ${bill.priceWithTax.value.toFixed(2)} EUR`;
      const pdf = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length ${text.length + 30}>>stream\nBT /F1 12 Tf 10 50 Td (${text}) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
      return new Response(pdf, { headers: { "Content-Type": "application/pdf" } });
    },
  },
  {
    method: "GET",
    path: "/cgi-bin/order/facture.cgi",
    auth: "none",
    handle: ({ state, query }) => {
      const bill = state.data.bills.get(query.get("reference") ?? "");
      if (!bill || bill.password !== query.get("passwd")) {
        return htmlResponse("Invoice not found", "No invoice matches this link.", 404);
      }
      return htmlResponse(`Invoice ${bill.billId}`, `Total: ${bill.priceWithTax.text}`);
    },
  },
  {
    method: "GET",
    path: "/ipmi/{serviceName}/{type}",
    auth: "none",
    handle: ({ state, params, now }) => {
      const access = state.data.servers
        .get(params.serviceName as string)
        ?.ipmiAccess.get(params.type as string);
      if (!access || access.expiration <= now) {
        return htmlResponse("Session expired", "Request a new IPMI access.", 404);
      }
      return htmlResponse(`${params.type} console`, `Console of ${params.serviceName}.`);
    },
  },
];
