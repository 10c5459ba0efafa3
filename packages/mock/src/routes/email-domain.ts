/**
 * @module
 * `/email/domain`: mail domains and their redirections. Writes answer a task
 * (`email.domain.TaskSpecialAccount`) like OVH; the mock carries the task out at once, so the
 * change is visible to the next read.
 */
import { bodyFields, booleanField, emailField } from "../body.ts";
import { ovhDateTime } from "../dates.ts";
import { badParameter, conflict, objectNotFound } from "../errors.ts";
import type { EmailDomain, Redirection, RedirectionTask } from "../model.ts";
import type { Route, RouteContext } from "../router.ts";

function domainOf({ state, params }: RouteContext): EmailDomain {
  const domain = state.data.domains.get(params.domain as string);
  if (!domain) throw objectNotFound("domain", params.domain as string);
  return domain;
}

function redirectionOf(context: RouteContext): [EmailDomain, Redirection] {
  const domain = domainOf(context);
  const redirection = domain.redirections.get(context.params.id as string);
  if (!redirection) throw objectNotFound("id", context.params.id as string);
  return [domain, redirection];
}

const taskView = (task: RedirectionTask) => ({
  account: task.account,
  action: task.action,
  date: ovhDateTime(task.date),
  domain: task.domain,
  id: task.id,
  type: task.type,
});

function addTask(
  { state, now }: RouteContext,
  domain: EmailDomain,
  action: RedirectionTask["action"],
  from: string,
) {
  const id = String(state.data.nextIds.emailTask++);
  const task: RedirectionTask = {
    id,
    account: from.split("@")[0] as string,
    action,
    date: now,
    domain: domain.domain,
    type: "forward",
  };
  domain.tasks.set(id, task);
  return taskView(task);
}

const sameAddress = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export const emailDomainRoutes: readonly Route[] = [
  {
    method: "GET",
    path: "/email/domain",
    handle: ({ state }) => [...state.data.domains.keys()],
  },
  {
    method: "GET",
    path: "/email/domain/{domain}",
    handle: (context) => {
      const domain = domainOf(context);
      return {
        ...domain.service,
        iam: {
          displayName: domain.domain,
          id: `7a1b5e3c-0000-4000-8000-${domain.domain.length.toString(16).padStart(12, "0")}`,
          tags: {},
          urn: `urn:v1:eu:resource:emailDomain:${domain.domain}`,
        },
      };
    },
  },
  {
    method: "GET",
    path: "/email/domain/{domain}/redirection",
    handle: (context) => {
      const from = context.query.get("from");
      const to = context.query.get("to");
      return [...domainOf(context).redirections.values()]
        .filter((r) => from === null || sameAddress(r.from, from))
        .filter((r) => to === null || sameAddress(r.to, to))
        .map((r) => r.id);
    },
  },
  {
    method: "POST",
    path: "/email/domain/{domain}/redirection",
    handle: (context) => {
      const domain = domainOf(context);
      const fields = bodyFields(
        context.body,
        ["from", "to", "localCopy"],
        ["from", "to", "localCopy"],
      );
      const from = emailField("from", fields.from);
      const to = emailField("to", fields.to);
      const localCopy = booleanField("localCopy", fields.localCopy);
      if (!from.toLowerCase().endsWith(`@${domain.domain.toLowerCase()}`)) {
        throw badParameter(`[from] ${from} is not an address of the domain ${domain.domain}`);
      }
      for (const existing of domain.redirections.values()) {
        if (sameAddress(existing.from, from) && sameAddress(existing.to, to)) {
          throw conflict(`A redirection from ${from} to ${to} already exists`);
        }
      }
      const id = String(context.state.data.nextIds.redirection++);
      domain.redirections.set(id, { id, from, to, localCopy });
      return addTask(context, domain, "add", from);
    },
  },
  {
    method: "GET",
    path: "/email/domain/{domain}/redirection/{id}",
    handle: (context) => {
      const [, redirection] = redirectionOf(context);
      return { from: redirection.from, id: redirection.id, to: redirection.to };
    },
  },
  {
    method: "DELETE",
    path: "/email/domain/{domain}/redirection/{id}",
    handle: (context) => {
      const [domain, redirection] = redirectionOf(context);
      domain.redirections.delete(redirection.id);
      return addTask(context, domain, "delete", redirection.from);
    },
  },
  {
    method: "POST",
    path: "/email/domain/{domain}/redirection/{id}/changeRedirection",
    handle: (context) => {
      const [domain, redirection] = redirectionOf(context);
      const fields = bodyFields(context.body, ["to"], ["to"]);
      redirection.to = emailField("to", fields.to);
      return addTask(context, domain, "change", redirection.from);
    },
  },
  {
    method: "GET",
    path: "/email/domain/{domain}/task/redirection",
    handle: (context) => {
      const account = context.query.get("account");
      return [...domainOf(context).tasks.values()]
        .filter((task) => account === null || task.account === account)
        .map((task) => task.id);
    },
  },
  {
    method: "GET",
    path: "/email/domain/{domain}/task/redirection/{id}",
    handle: (context) => {
      const task = domainOf(context).tasks.get(context.params.id as string);
      if (!task) throw objectNotFound("id", context.params.id as string);
      return taskView(task);
    },
  },
];
