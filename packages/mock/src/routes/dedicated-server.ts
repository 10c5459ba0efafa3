/**
 * @module
 * `/dedicated/server`: dedicated servers, their burst option and IPMI (KVM / serial console)
 * access. Actions answer a task (`dedicated.server.Task`) that the mock completes at once.
 */
import { bodyFields, booleanField, enumField, enumQuery, ipv4Field, stringField } from "../body.ts";
import { ovhDateTime } from "../dates.ts";
import { badParameter, objectNotFound } from "../errors.ts";
import type { DedicatedServer, ServerTask } from "../model.ts";
import { randomToken } from "../random.ts";
import type { Route, RouteContext } from "../router.ts";

const BURST_STATUSES = ["active", "inactive", "inactiveLocked"] as const;
const IPMI_TYPES = [
  "kvmipHtml5URL",
  "kvmipJnlp",
  "serialOverLanSshKey",
  "serialOverLanURL",
] as const;
const TTLS = ["1", "3", "5", "10", "15"] as const;
const STATES = ["error", "hacked", "hackedBlocked", "ok"] as const;
const TASK_STATUSES = [
  "cancelled",
  "customerError",
  "doing",
  "done",
  "init",
  "ovhError",
  "todo",
] as const;

function serverOf({ state, params }: RouteContext): DedicatedServer {
  const server = state.data.servers.get(params.serviceName as string);
  if (!server) throw objectNotFound("serviceName", params.serviceName as string);
  return server;
}

const taskView = (task: ServerTask) => ({
  comment: task.comment,
  doneDate: task.doneDate === null ? null : ovhDateTime(task.doneDate),
  function: task.function,
  lastUpdate: task.lastUpdate === null ? null : ovhDateTime(task.lastUpdate),
  needSchedule: false,
  note: null,
  plannedInterventionId: null,
  startDate: ovhDateTime(task.startDate),
  status: task.status,
  tags: null,
  taskId: task.taskId,
  ticketReference: null,
});

function doneTask(
  { state, now }: RouteContext,
  server: DedicatedServer,
  fn: string,
  comment: string,
) {
  const taskId = state.data.nextIds.serverTask++;
  const task: ServerTask = {
    taskId,
    function: fn,
    status: "done",
    comment,
    startDate: now,
    doneDate: now,
    lastUpdate: now,
  };
  server.tasks.set(taskId, task);
  return taskView(task);
}

const serverView = (server: DedicatedServer) => ({
  ...server.properties,
  name: server.name,
  iam: {
    displayName: server.name,
    id: server.iamId,
    tags: { "ovh:datacenter": String(server.properties.datacenter) },
    urn: `urn:v1:eu:resource:dedicatedServer:${server.name}`,
  },
});

/** Setters of the writable properties of `dedicated.server.Dedicated`. */
const WRITABLE: Readonly<Record<string, (value: unknown) => unknown>> = Object.freeze({
  bootId: (value) => {
    if (!Number.isInteger(value))
      throw badParameter(`[bootId] Given data (${String(value)}) is not valid for type long`);
    return value;
  },
  bootScript: (value) => (value === null ? null : stringField("bootScript", value)),
  monitoring: (value) => booleanField("monitoring", value),
  noIntervention: (value) => booleanField("noIntervention", value),
  rescueMail: (value) => (value === null ? null : stringField("rescueMail", value)),
  rescueSshKey: (value) => (value === null ? null : stringField("rescueSshKey", value)),
  rootDevice: (value) => (value === null ? null : stringField("rootDevice", value)),
  state: (value) => enumField("state", value, "dedicated.server.StateEnum", STATES),
});

function accessValue(type: string, server: DedicatedServer, origin: string, ip: string): string {
  const session = randomToken(24);
  const page = `${origin}/ipmi/${encodeURIComponent(server.name)}/${type}?session=${session}`;
  if (type === "kvmipJnlp") {
    return `<?xml version="1.0" encoding="UTF-8"?><jnlp codebase="${origin}/ipmi/${encodeURIComponent(server.name)}" href="kvmipJnlp?session=${session}"><application-desc><argument>${ip}</argument></application-desc></jnlp>`;
  }
  if (type === "serialOverLanSshKey") return `ssh://${server.name}@${new URL(origin).host}`;
  return page;
}

export const dedicatedServerRoutes: readonly Route[] = [
  {
    method: "GET",
    path: "/dedicated/server",
    handle: ({ state }) => [...state.data.servers.keys()],
  },
  {
    method: "GET",
    path: "/dedicated/server/{serviceName}",
    handle: (context) => serverView(serverOf(context)),
  },
  {
    method: "PUT",
    path: "/dedicated/server/{serviceName}",
    // Read-only properties may be sent back as they were read; only the writable ones change.
    handle: (context) => {
      const server = serverOf(context);
      const fields = bodyFields(context.body, [...Object.keys(serverView(server))]);
      const changes: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(fields)) {
        const set = WRITABLE[key];
        if (set) changes[key] = set(value);
      }
      Object.assign(server.properties, changes);
      return null;
    },
  },
  {
    method: "GET",
    path: "/dedicated/server/{serviceName}/burst",
    handle: (context) => {
      const { burst } = serverOf(context);
      return { capacity: { ...burst.capacity }, status: burst.status };
    },
  },
  {
    method: "PUT",
    path: "/dedicated/server/{serviceName}/burst",
    handle: (context) => {
      const server = serverOf(context);
      const fields = bodyFields(context.body, ["status", "capacity"], ["status"]);
      const status = enumField(
        "status",
        fields.status,
        "dedicated.server.BurstStatusEnum",
        BURST_STATUSES,
      );
      if (server.burst.status === "inactiveLocked" && status !== "inactiveLocked") {
        throw badParameter("The burst of this server is locked and cannot be changed");
      }
      server.burst.status = status;
      return null;
    },
  },
  {
    method: "GET",
    path: "/dedicated/server/{serviceName}/features/ipmi",
    handle: (context) => ({
      activated: true,
      supportedFeatures: { ...serverOf(context).ipmiFeatures },
    }),
  },
  {
    method: "POST",
    path: "/dedicated/server/{serviceName}/features/ipmi/access",
    handle: (context) => {
      const server = serverOf(context);
      const fields = bodyFields(
        context.body,
        ["ipToAllow", "sshKey", "ttl", "type"],
        ["ttl", "type"],
      );
      const type = enumField(
        "type",
        fields.type,
        "dedicated.server.IpmiAccessTypeEnum",
        IPMI_TYPES,
      );
      const ttl = Number(enumField("ttl", fields.ttl, "dedicated.server.CacheTTLEnum", TTLS));
      let ip = "";
      if (type === "serialOverLanSshKey") {
        if (fields.sshKey === undefined) throw badParameter("Missing parameter(s): sshKey");
        stringField("sshKey", fields.sshKey);
      } else {
        if (fields.ipToAllow === undefined) throw badParameter("Missing parameter(s): ipToAllow");
        ip = ipv4Field("ipToAllow", fields.ipToAllow);
      }
      server.ipmiAccess.set(type, {
        value: accessValue(type, server, context.origin, ip),
        expiration: context.now + ttl * 60_000,
      });
      return doneTask(context, server, "requestAccessIPMI", `IPMI access (${type}) for ${ttl} min`);
    },
  },
  {
    method: "GET",
    path: "/dedicated/server/{serviceName}/features/ipmi/access",
    handle: (context) => {
      const server = serverOf(context);
      if (!context.query.has("type")) throw badParameter("Missing parameter(s): type");
      const type = enumQuery(
        context.query,
        "type",
        "dedicated.server.IpmiAccessTypeEnum",
        IPMI_TYPES,
      ) as string;
      const access = server.ipmiAccess.get(type);
      if (!access || access.expiration <= context.now) throw objectNotFound("type", type);
      return { expiration: ovhDateTime(access.expiration), value: access.value };
    },
  },
  {
    method: "GET",
    path: "/dedicated/server/{serviceName}/task",
    handle: (context) => {
      const server = serverOf(context);
      const fn = context.query.get("function");
      const status = enumQuery(context.query, "status", "dedicated.TaskStatusEnum", TASK_STATUSES);
      return [...server.tasks.values()]
        .filter((task) => fn === null || task.function === fn)
        .filter((task) => status === undefined || task.status === status)
        .map((task) => task.taskId);
    },
  },
  {
    method: "GET",
    path: "/dedicated/server/{serviceName}/task/{taskId}",
    handle: (context) => {
      const server = serverOf(context);
      const task = server.tasks.get(Number(context.params.taskId));
      if (!task) throw objectNotFound("taskId", context.params.taskId as string);
      return taskView(task);
    },
  },
];
