/**
 * @module
 * Serves the dashboard over HTTP on 127.0.0.1 with Node.
 *   node dist/server.js          credentials from OVH_* variables or ovh.conf (asyncovh's Node entry)
 *   node dist/server.js --mock   an offline mock of the API, with its demo application
 * DASHBOARD_PASSWORD (required, 12 characters or more) is the sign-in password. PORT sets the
 * port (default 8080; 0 picks a free one). In production, put it behind a TLS-terminating proxy
 * that sends `X-Forwarded-Proto: https`: the session cookie is then Secure.
 */
import {
  createMockOvh,
  DEMO_APPLICATION_KEY,
  DEMO_APPLICATION_SECRET,
  DEMO_CONSUMER_KEY,
} from "@asyncovh/mock";
import { serve } from "@asyncovh/mock/node";
import { Client } from "asyncovh";
import { createDashboard } from "./app.ts";
import { readAssets } from "./assets.ts";
import { MIN_PASSWORD_LENGTH } from "./sessions.ts";

async function signingClient(
  mock: boolean,
): Promise<{ client: Client; close?: () => Promise<void> }> {
  if (!mock) return { client: await new Client().init() };
  const api = await serve(createMockOvh());
  const client = await new Client({
    endpoint: api.baseUrl,
    applicationKey: DEMO_APPLICATION_KEY,
    applicationSecret: DEMO_APPLICATION_SECRET,
    consumerKey: DEMO_CONSUMER_KEY,
  }).init();
  return { client, close: api.close };
}

const password = process.env.DASHBOARD_PASSWORD;
if (password === undefined || password.length < MIN_PASSWORD_LENGTH) {
  console.error(
    `Set DASHBOARD_PASSWORD, the dashboard's sign-in password (${MIN_PASSWORD_LENGTH} characters or more), e.g. DASHBOARD_PASSWORD='correct horse battery staple' node dist/server.js --mock`,
  );
  process.exit(1);
}
const { client, close } = await signingClient(process.argv.includes("--mock"));
const dashboard = createDashboard({ client, assets: await readAssets(), password });
const server = await serve(dashboard, { port: Number(process.env.PORT ?? 8080) });
console.log(`Dashboard on ${server.origin}/ (API ${client.endpoint})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await server.close();
    await close?.();
    process.exit(0);
  });
}
