/**
 * @module
 * `/me`: the account (`nichandle.Nichandle`).
 */
import { bodyFields } from "../body.ts";
import type { Route } from "../router.ts";

/** The properties a PUT may change; the others (nichandle, email, …) are read-only. */
const WRITABLE = [
  "address",
  "area",
  "birthCity",
  "birthDay",
  "city",
  "companyNationalIdentificationNumber",
  "complementaryAddress",
  "corporationType",
  "country",
  "fax",
  "firstname",
  "italianSDI",
  "language",
  "legalform",
  "name",
  "nationalIdentificationNumber",
  "organisation",
  "phone",
  "phoneCountry",
  "phoneType",
  "purposeOfPurchase",
  "sex",
  "spareEmail",
  "vat",
  "zip",
];

export const meRoutes: readonly Route[] = [
  {
    method: "GET",
    path: "/me",
    handle: ({ state }) => ({ ...state.data.me }),
  },
  {
    method: "PUT",
    path: "/me",
    handle: ({ state, body }) => {
      const fields = bodyFields(body, Object.keys(state.data.me));
      for (const key of WRITABLE) {
        const value = fields[key];
        if (value !== undefined && (value === null || typeof value === "string")) {
          state.data.me[key] = value;
        }
      }
      return null;
    },
  },
];
