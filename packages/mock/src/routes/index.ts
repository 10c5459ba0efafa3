/**
 * @module
 * The route table of the mock, one file per resource group. The API routes are served under
 * `/1.0` and `/v1` (paths written without a version) and `/v2` (paths written with it); the site
 * routes (validation page, invoice and console links) at the root of the origin.
 */
import type { Route } from "../router.ts";
import { authRoutes } from "./auth.ts";
import { dedicatedServerRoutes } from "./dedicated-server.ts";
import { emailDomainRoutes } from "./email-domain.ts";
import { iamRoutes } from "./iam.ts";
import { meRoutes } from "./me.ts";
import { meApiRoutes } from "./me-api.ts";
import { meBillRoutes } from "./me-bill.ts";
import { siteRoutes } from "./site.ts";

export const API_ROUTES: readonly Route[] = Object.freeze([
  ...authRoutes,
  ...meRoutes,
  ...meBillRoutes,
  ...meApiRoutes,
  ...emailDomainRoutes,
  ...dedicatedServerRoutes,
  ...iamRoutes,
]);

export const SITE_ROUTES: readonly Route[] = Object.freeze([...siteRoutes]);
