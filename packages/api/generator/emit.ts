/**
 * @module
 * Writes an API as TypeScript declarations: its models in namespaces named like OVH's
 * (`billing.Bill`), their input forms (`Input.billing.…`: read-only properties left out,
 * `required` honoured), and its route maps, one per HTTP method, keyed by path template.
 *
 * Results carry every property of a model (OVH answers each one, `null` when it can be null);
 * what a call sends is optional unless OVH marks it required.
 */
import { RESERVED_WORDS } from "../../core/src/reserved-words.ts";
import type { Api, Field, Method, Model, Operation, TypeRef } from "./model.ts";

/** Names TypeScript refuses for a type or a namespace. */
const NOT_A_NAME = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends " +
    "false finally for function if import in instanceof new null return super switch this throw " +
    "true try typeof var void while with implements interface let package private protected " +
    "public static yield any boolean never number object string symbol undefined unknown bigint"
  ).split(" "),
);

/** A TypeScript identifier for one segment of an OVH name (`public` -> `_public`). */
export const identifier = (segment: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(segment) && !NOT_A_NAME.has(segment)
    ? segment
    : `_${segment.replace(/[^\w$]/g, "_")}`;

/** A property key, quoted when it is not an identifier (`"date.from"`). */
const key = (name: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);

/** A JSDoc comment (one line, or two with `@deprecated`), or nothing. */
function doc(text: string | undefined, deprecated?: boolean, indent = ""): string {
  const clean = (text ?? "").replace(/\s+/g, " ").replace(/\*\//g, "*\\/").trim();
  if (deprecated)
    return `${indent}/**\n${indent} * ${clean}\n${indent} * @deprecated\n${indent} */\n`;
  return clean === "" ? "" : `${indent}/** ${clean} */\n`;
}

type Mode = "output" | "input";

/** The route maps of an API, beyond the one per method, for the listing helpers. */
export const HELPER_MAPS = ["ObjectLists", "Batches", "Cursors"] as const;

export interface Emitted {
  /** `<name>/routes.d.ts`: models and route maps, no side effect. */
  routes: string;
  /** `<name>.d.ts`: re-exports them and adds them to every client of the project. */
  augmentation: string;
  /** Routes left out because a typed call cannot send them (a body that is not an object). */
  skipped: string[];
}

const METHODS: readonly Method[] = ["GET", "POST", "PUT", "DELETE"];
const MAP_NAMES: Readonly<Record<Method, string>> = {
  GET: "Get",
  POST: "Post",
  PUT: "Put",
  DELETE: "Delete",
};
const TOP_LEVEL = new Set(["Input", "Routes", ...Object.values(MAP_NAMES), ...HELPER_MAPS]);

/** `dedicated-server` -> `DedicatedServerRoutes`, `v2/iam` -> `IamRoutes`. */
export const routesName = (api: string): string =>
  `${(api.split("/").at(-1) as string)
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("")}Routes`;

const placeholders = (path: string): string[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);

export function emitApi(api: Api): Emitted {
  const { models } = api;
  const modelOf = (name: string): Model | undefined => models.get(name);
  const isObject = (model: Model | undefined) => model?.type.kind === "object";

  /**
   * The models `roots` reach, through properties and type arguments. For what calls send:
   * object models only, through properties that are not read-only.
   */
  const reachable = (roots: readonly TypeRef[], sent: boolean): Set<string> => {
    const found = new Set<string>();
    const visit = (type: TypeRef): void => {
      switch (type.kind) {
        case "ref": {
          for (const arg of type.args ?? []) visit(arg);
          const model = modelOf(type.name);
          if (model && (!sent || isObject(model)) && !found.has(type.name)) {
            found.add(type.name);
            visit(model.type);
          }
          return;
        }
        case "array":
        case "map":
        case "nullable":
          visit(type.of);
          return;
        case "object":
          for (const field of type.fields) if (!(sent && field.readOnly)) visit(field.type);
          return;
        default:
          return;
      }
    };
    for (const root of roots) visit(root);
    return found;
  };
  const bodies = api.operations.flatMap((operation) =>
    operation.body === undefined
      ? []
      : "type" in operation.body
        ? [operation.body.type]
        : operation.body.fields.map((field) => field.type),
  );
  const fieldsOf = (operation: Operation) => [...operation.pathParams, ...operation.query];
  // Models no route reaches are left out; input forms are written for what bodies reach.
  const used = reachable(
    [
      ...api.operations.flatMap((operation) => [
        operation.result,
        ...fieldsOf(operation).map((f) => f.type),
      ]),
      ...bodies,
    ],
    false,
  );
  const inputs = reachable(bodies, true);

  const qualified = (name: string, mode: Mode): string => {
    const path = name.split(".").map(identifier);
    return `$.${mode === "input" ? "Input." : ""}${path.join(".")}`;
  };

  const render = (type: TypeRef, mode: Mode, indent = ""): string => {
    switch (type.kind) {
      case "primitive":
      case "parameter":
        return type.name;
      case "ref": {
        const model = modelOf(type.name);
        if (model === undefined) return "unknown";
        const args = model.generics?.map((_, i) => {
          const arg = type.args?.[i];
          return arg ? render(arg, mode, indent) : "unknown";
        });
        const name = qualified(
          type.name,
          mode === "input" && inputs.has(type.name) ? "input" : "output",
        );
        return args && args.length > 0 ? `${name}<${args.join(", ")}>` : name;
      }
      case "array": {
        const item = render(type.of, mode, indent);
        return /^[\w$.<>, ]+$/.test(item) && !item.includes(" | ") ? `${item}[]` : `(${item})[]`;
      }
      case "map":
        return `{ [key: string]: ${render(type.of, mode, indent)} }`;
      case "literals":
        return type.values.length === 0
          ? "never"
          : type.values.map((v) => JSON.stringify(v)).join(" | ");
      case "object":
        return objectType(type.fields, mode, indent);
      case "nullable": {
        const inner = render(type.of, mode, indent);
        return inner === "unknown" || inner === "null" ? inner : `${inner} | null`;
      }
    }
  };

  /**
   * An object type. Results: every property, read-only ones marked. Sent: read-only ones left
   * out, optional unless required, and a reserved word (`from`) may also be written `_from`,
   * which the client sends as `from`.
   */
  const objectType = (fields: readonly Field[], mode: Mode, indent: string): string => {
    const { body, alternatives } = objectParts(fields, mode, indent);
    return alternatives.length === 0 ? body : [body, ...alternatives].join(" & ");
  };

  /** An object type's properties, and the unions a required reserved word adds to them. */
  const objectParts = (fields: readonly Field[], mode: Mode, indent: string) => {
    const inner = `${indent}  `;
    const lines: string[] = [];
    const alternatives: string[] = [];
    for (const field of fields) {
      if (mode === "input" && field.readOnly) continue;
      const type = render(field.type, mode, inner);
      const comment = doc(field.description, false, inner);
      if (mode === "output") {
        lines.push(
          `${comment}${inner}${field.readOnly ? "readonly " : ""}${key(field.name)}: ${type};`,
        );
      } else if (RESERVED_WORDS.has(field.name)) {
        const alias = key(`_${field.name}`);
        if (field.required) {
          alternatives.push(
            `({ ${key(field.name)}: ${type}; ${alias}?: never } | { ${alias}: ${type}; ${key(field.name)}?: never })`,
          );
        } else {
          lines.push(
            `${comment}${inner}${key(field.name)}?: ${type};`,
            `${inner}${alias}?: ${type};`,
          );
        }
      } else {
        lines.push(`${comment}${inner}${key(field.name)}${field.required ? "" : "?"}: ${type};`);
      }
    }
    const body = lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n${indent}}`;
    return { body, alternatives };
  };

  // --- Models, in namespaces --------------------------------------------------------------
  interface Namespace {
    children: Map<string, Namespace>;
    declarations: string[];
  }
  const tree = (): Namespace => ({ children: new Map(), declarations: [] });
  const outputs = tree();
  const inputTree = tree();
  const declared = new Map<string, string>();

  const declare = (root: Namespace, model: Model, mode: Mode) => {
    const segments = model.name.split(".").map(identifier);
    const local = segments.pop() as string;
    const spelled = [mode, ...segments, local].join(".");
    const earlier = declared.get(spelled);
    if (earlier !== undefined) {
      throw new Error(`${api.name}: models ${earlier} and ${model.name} would both be ${spelled}.`);
    }
    declared.set(spelled, model.name);
    if (root === outputs && segments.length === 0 && TOP_LEVEL.has(local)) {
      throw new Error(`${api.name}: model ${model.name} collides with the generated ${local}.`);
    }
    let node = root;
    for (const segment of segments) {
      let child = node.children.get(segment);
      if (child === undefined) {
        child = tree();
        node.children.set(segment, child);
      }
      node = child;
    }
    const depth = segments.length + (root === inputTree ? 1 : 0);
    const indent = "  ".repeat(depth);
    const generics = model.generics?.length ? `<${model.generics.join(", ")}>` : "";
    const comment = doc(model.description, false, indent);
    let declaration: string;
    if (model.type.kind === "object") {
      const { body, alternatives } = objectParts(model.type.fields, mode, indent);
      declaration =
        alternatives.length === 0
          ? `interface ${local}${generics} ${body}`
          : `type ${local}${generics} = ${[body, ...alternatives].join(" & ")};`;
    } else {
      declaration = `type ${local}${generics} = ${render(model.type, mode, indent)};`;
    }
    node.declarations.push(`${comment}${indent}${declaration}`);
  };

  const sortedModels = [...models.values()]
    .filter((model) => used.has(model.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const model of sortedModels) declare(outputs, model, "output");
  for (const model of sortedModels) if (inputs.has(model.name)) declare(inputTree, model, "input");

  const writeTree = (node: Namespace, depth: number, exported: boolean): string[] => {
    const out: string[] = [...node.declarations];
    const indent = "  ".repeat(depth);
    for (const [name, child] of [...node.children].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const head = exported ? `export declare namespace ${name}` : `${indent}namespace ${name}`;
      out.push(`${head} {\n${writeTree(child, depth + 1, false).join("\n")}\n${indent}}`);
    }
    return out;
  };

  // --- Routes ---------------------------------------------------------------------------
  const skipped: string[] = [];
  const routeMaps = new Map<string, string[]>(
    [...METHODS.map((m) => MAP_NAMES[m]), ...HELPER_MAPS].map((name) => [name, []]),
  );
  const byKey = new Map<string, Operation>();
  const operations = [...api.operations].sort((a, b) =>
    a.path === b.path ? (a.method < b.method ? -1 : 1) : a.path < b.path ? -1 : 1,
  );
  const entryIndent = "    ";

  for (const operation of operations) {
    const routeKey = `${api.prefix}${operation.path}`;
    const names = placeholders(operation.path);
    const declaredPath = new Map(operation.pathParams.map((field) => [field.name, field]));
    const pathFields: Field[] = names.map(
      (name) =>
        declaredPath.get(name) ?? {
          name,
          type: { kind: "primitive", name: "string" },
          readOnly: false,
          required: true,
        },
    );
    // The parts of the entry; one without placeholders, query or body leaves that part out.
    const parts: string[] = [];
    if (pathFields.length > 0) {
      const required = pathFields.map((field) => ({ ...field, required: true }));
      parts.push(`path: ${objectType(required, "input", entryIndent)}`);
    }
    if (operation.method === "GET" || operation.method === "DELETE") {
      // What encodeQuery cannot send (objects) is left out.
      const sendable = operation.query.filter((field) => {
        const base = field.type.kind === "nullable" ? field.type.of : field.type;
        if (base.kind === "map" || base.kind === "object") return false;
        const model = base.kind === "ref" ? modelOf(base.name) : undefined;
        return !isObject(model) && !names.includes(field.name);
      });
      if (sendable.length > 0) parts.push(`query: ${objectType(sendable, "input", entryIndent)}`);
    } else {
      const body = operation.body ?? { fields: [] };
      if ("fields" in body) {
        const fields = body.fields.filter((field) => !names.includes(field.name));
        if (fields.length > 0) parts.push(`body: ${objectType(fields, "input", entryIndent)}`);
      } else {
        const base = body.type.kind === "nullable" ? body.type.of : body.type;
        const model = base.kind === "ref" ? modelOf(base.name) : undefined;
        const objectLike = base.kind === "map" || base.kind === "object" || isObject(model);
        if (!objectLike) {
          skipped.push(`${operation.method} ${routeKey}`);
          continue;
        }
        let type = render(base, "input", entryIndent);
        // A property named like a placeholder fills the placeholder: it cannot be sent too.
        const clash =
          model?.type.kind === "object"
            ? model.type.fields.filter((field) => !field.readOnly && names.includes(field.name))
            : [];
        if (clash.length > 0)
          type = `Omit<${type}, ${clash.map((f) => JSON.stringify(f.name)).join(" | ")}>`;
        parts.push(`body: ${type}`);
      }
    }
    parts.push(`result: ${render(operation.result, "output", entryIndent)}`);
    const entry = `{\n${parts.map((part) => `${entryIndent}${part};\n`).join("")}  }`;
    (routeMaps.get(MAP_NAMES[operation.method]) as string[]).push(
      `${doc(operation.description, operation.deprecated, "  ")}  ${JSON.stringify(routeKey)}: ${entry};`,
    );
    if (operation.method === "GET") byKey.set(operation.path, operation);
  }

  // Listing helpers: which routes listObjects, batchGet and paginate take.
  const items = new Map<string, Operation>();
  for (const [path, operation] of byKey) {
    const parent = /^(.+)\/\{\w+\}$/.exec(path)?.[1];
    if (parent !== undefined) items.set(parent, operation);
  }
  const isValue = (type: TypeRef) => type.kind !== "array" && type.kind !== "primitive";
  for (const [path, operation] of byKey) {
    const routeKey = JSON.stringify(`${api.prefix}${path}`);
    const result = operation.result;
    if (api.prefix === "") {
      const last = /\/\{(\w+)\}$/.exec(path)?.[1];
      if (last !== undefined && isValue(result)) {
        (routeMaps.get("Batches") as string[]).push(`  ${routeKey}: ${JSON.stringify(last)};`);
      }
      const item = items.get(path);
      if (
        result.kind === "array" &&
        result.of.kind === "primitive" &&
        item &&
        isValue(item.result)
      ) {
        (routeMaps.get("ObjectLists") as string[]).push(
          `  ${routeKey}: ${render(item.result, "output", "  ")};`,
        );
      }
    } else if (result.kind === "array") {
      (routeMaps.get("Cursors") as string[]).push(
        `  ${routeKey}: ${render(result.of, "output", "  ")};`,
      );
    }
  }

  const mapDocs: Readonly<Record<string, string>> = {
    Get: "GET routes, by path template: placeholders, query and result.",
    Post: "POST routes, by path template: placeholders, body and result.",
    Put: "PUT routes, by path template: placeholders, body and result.",
    Delete: "DELETE routes, by path template: placeholders, query and result.",
    ObjectLists: "v1 list routes that `listObjects` pages, with the object each item is.",
    Batches: "v1 item routes that `batchGet` reads in batches, with the placeholder the ids fill.",
    Cursors: "v2 list routes that `paginate` pages, with the item type.",
  };
  const routeBlocks = [...routeMaps].map(
    ([name, entries]) =>
      `/** ${mapDocs[name]} */\nexport interface ${name} ${entries.length === 0 ? "{}" : `{\n${entries.join("\n")}\n}`}`,
  );
  const alias = routesName(api.name);
  const title = `${api.prefix === "" ? "" : "/v2"}${pathOf(api.name)}`;
  const header = [
    "/**",
    " * @module",
    ` * OVHcloud API \`${title}\`: models and routes, from ${api.source}.`,
    " * Generated by `npx --yes pnpm@10.34.8 --filter @asyncovh/api generate`: do not edit.",
    " */",
  ].join("\n");
  const routes = [
    header,
    "// The file imports itself, so that a reference such as `$.domain.Owner` stays the top-level",
    "// namespace inside a namespace that has a `domain` of its own.",
    'import type * as $ from "./routes.d.ts";',
    "",
    ...writeTree(outputs, 0, true),
    ...(inputs.size === 0
      ? []
      : [
          "/** What calls send: read-only properties left out, optional unless required. */",
          `export declare namespace Input {\n${writeTree(inputTree, 1, false).join("\n")}\n}`,
        ]),
    ...routeBlocks,
    `/** Every route map of \`${title}\`: \`new Client<${alias}>(…)\` knows them. */`,
    "export interface Routes {",
    ...METHODS.map((method) => `  ${method}: ${MAP_NAMES[method]};`),
    "  listObjects: ObjectLists;",
    "  batchGet: Batches;",
    "  paginate: Cursors;",
    "}",
    `/** The route maps of \`${title}\`, for \`new Client<${alias}>(…)\`. */`,
    `export type ${alias} = Routes;`,
    "",
  ].join("\n");

  const augmentation = [
    "/**",
    " * @module",
    ` * OVHcloud API \`${title}\` for every client of a project: \`import type {} from "@asyncovh/api/${api.name}"\`.`,
    ` * Its models and route maps are those of \`@asyncovh/api/${api.name}/routes\`.`,
    " * Generated by `npx --yes pnpm@10.34.8 --filter @asyncovh/api generate`: do not edit.",
    " */",
    `import type * as routes from "./${api.name.split("/").at(-1)}/routes.d.ts";`,
    "",
    `export type * from "./${api.name.split("/").at(-1)}/routes.d.ts";`,
    "",
    'declare module "@asyncovh/core" {',
    "  interface GetRoutes extends routes.Get {}",
    "  interface PostRoutes extends routes.Post {}",
    "  interface PutRoutes extends routes.Put {}",
    "  interface DeleteRoutes extends routes.Delete {}",
    "  interface ObjectListRoutes extends routes.ObjectLists {}",
    "  interface BatchGetRoutes extends routes.Batches {}",
    "  interface PaginateRoutes extends routes.Cursors {}",
    "}",
    "",
  ].join("\n");
  return { routes, augmentation, skipped };
}

/** `dedicated-server` -> `/dedicated/server`, `v2/iam` -> `/iam`. */
export const pathOf = (api: string): string =>
  `/${(api.split("/").at(-1) as string).replace(/-/g, "/")}`;
