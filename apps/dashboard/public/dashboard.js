// @ts-check
/**
 * The dashboard's page. Its client holds no secret: it calls the signing proxy served at /api on
 * this origin, which signs each call it allows for a signed-in session (the browser sends the
 * session cookie with each call; the page cannot read it). `./asyncovh.browser.js` is
 * asyncovh's browser bundle, served beside this file; tsc checks this file (public/tsconfig.json)
 * against asyncovh's browser types (asyncovh.browser.d.ts), and its calls are typed by the routes
 * of @asyncovh/api it names below.
 */
/** @import { MeRoutes } from "@asyncovh/api/me/routes" */
/** @import { EmailDomainRoutes } from "@asyncovh/api/email-domain/routes" */
import { Client, isAPIError } from "./asyncovh.browser.js";

/** @type {Client<MeRoutes & EmailDomainRoutes>} */
const ovh = new Client({ endpoint: `${location.origin}/api`, needAuth: false });

/** @param {string} selector */
function $(selector) {
  const element = document.querySelector(selector);
  if (!(element instanceof HTMLElement)) throw new Error(`The page has no ${selector}.`);
  return element;
}

/** @param {unknown} error */
function showError(error) {
  // No session, or it ended: sign in again.
  if (isAPIError(error) && error.status === 401) {
    location.assign("/login");
    return;
  }
  // asyncovh errors name what failed and where, and never carry a secret.
  $("#error").textContent =
    error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function showAccount() {
  const me = await ovh.get("/me");
  $("#account").textContent = `${me.firstname} ${me.name} (${me.nichandle})`;
}

/** @param {string} domain */
async function showRedirections(domain) {
  const ids = await ovh.get("/email/domain/{domain}/redirection", { domain });
  const redirections = await Promise.all(
    ids.map((id) => ovh.get("/email/domain/{domain}/redirection/{id}", { domain, id })),
  );
  $("#redirections").replaceChildren(
    ...redirections.map(({ from, to }) => {
      const row = document.createElement("tr");
      for (const text of [from, to]) row.insertCell().textContent = text;
      return row;
    }),
  );
}

async function start() {
  await showAccount();
  const [domain] = await ovh.get("/email/domain");
  if (domain === undefined) throw new Error("The account has no mail domain.");
  $("#domain").textContent = domain;
  await showRedirections(domain);
  const add = $("#add");
  add.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!(add instanceof HTMLFormElement)) return;
    const form = new FormData(add);
    try {
      // `from` is a reserved word in Python, so the API's clients write `_from`.
      await ovh.post("/email/domain/{domain}/redirection", {
        domain,
        _from: String(form.get("from")),
        to: String(form.get("to")),
        localCopy: false,
      });
      add.reset();
      $("#error").textContent = "";
      await showRedirections(domain);
    } catch (error) {
      showError(error);
    }
  });
  document.body.dataset.ready = "true";
}

start().catch(showError);
