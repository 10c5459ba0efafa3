/**
 * The dashboard's page. Its client holds no secret: it calls the signing proxy served at /api on
 * this origin, which signs each call it allows for a signed-in session (the browser sends the
 * session cookie with each call; the page cannot read it). The module is asyncovh's browser
 * bundle.
 */
import { Client } from "/asyncovh.browser.js";

const ovh = new Client({ endpoint: `${location.origin}/api`, needAuth: false });
const $ = (selector) => document.querySelector(selector);

function showError(error) {
  // No session, or it ended: sign in again.
  if (error.status === 401) {
    location.assign("/login");
    return;
  }
  // asyncovh errors name what failed and where, and never carry a secret.
  $("#error").textContent = `${error.name}: ${error.message}`;
}

async function showAccount() {
  const me = await ovh.get("/me");
  $("#account").textContent = `${me.firstname} ${me.name} (${me.nichandle})`;
}

async function showRedirections(domain) {
  const ids = await ovh.get(`/email/domain/${domain}/redirection`);
  const redirections = await Promise.all(
    ids.map((id) => ovh.get(`/email/domain/${domain}/redirection/${id}`)),
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
  $("#domain").textContent = domain;
  await showRedirections(domain);
  $("#add").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      // `from` is a reserved word in Python, so the API's clients write `_from`.
      await ovh.post(`/email/domain/${domain}/redirection`, {
        _from: form.get("from"),
        to: form.get("to"),
        localCopy: false,
      });
      event.target.reset();
      $("#error").textContent = "";
      await showRedirections(domain);
    } catch (error) {
      showError(error);
    }
  });
  document.body.dataset.ready = "true";
}

start().catch(showError);
