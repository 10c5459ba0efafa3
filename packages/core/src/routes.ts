/**
 * @module
 * The types of typed calls. A route map says, per HTTP method, what each path template of the
 * API takes and answers; `@asyncovh/api` writes them from OVH's descriptions. A client knows
 * the routes of its type parameter (`new Client<MeRoutes>(…)`), by default those a project
 * added to the interfaces below (`import type {} from "@asyncovh/api/me"`). Types only: nothing
 * here reaches a bundle.
 */

/**
 * One route: its placeholders (`path`), its query (GET, DELETE) or body (POST, PUT) and the
 * type of its answer. A route without placeholders, query or body leaves that part out.
 */
export interface RouteSpec {
  /** The placeholders of its path template, by name. */
  path?: object;
  /** The query string's parameters (GET, DELETE). */
  query?: object;
  /** The JSON body's fields (POST, PUT). */
  body?: object;
  /** The type of the parsed answer. */
  result: unknown;
}

/** What a client knows: per HTTP method, path template -> {@link RouteSpec}. */
export interface RouteMap {
  /** `GET` path templates -> {@link RouteSpec}. */
  GET: object;
  /** `POST` path templates -> {@link RouteSpec}. */
  POST: object;
  /** `PUT` path templates -> {@link RouteSpec}. */
  PUT: object;
  /** `DELETE` path templates -> {@link RouteSpec}. */
  DELETE: object;
  /** v1 list routes that `listObjects` pages -> the type of each object. */
  listObjects: object;
  /** v1 item routes that `batchGet` reads -> the name of the placeholder the ids fill. */
  batchGet: object;
  /** v2 list routes that `paginate` pages -> the type of each item. */
  paginate: object;
}

// The project's routes: each `@asyncovh/api/<api>` a project imports adds its own.

/** The `GET` routes every client of the project knows. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface GetRoutes {}
/** The `POST` routes every client of the project knows. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface PostRoutes {}
/** The `PUT` routes every client of the project knows. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface PutRoutes {}
/** The `DELETE` routes every client of the project knows. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface DeleteRoutes {}
/** The list routes `listObjects` knows in every client of the project. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface ObjectListRoutes {}
/** The item routes `batchGet` knows in every client of the project. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface BatchGetRoutes {}
/** The v2 list routes `paginate` knows in every client of the project. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface PaginateRoutes {}

/** The routes of a client without type argument: the project's. */
export interface ProjectRoutes extends RouteMap {
  /** {@link GetRoutes} */
  GET: GetRoutes;
  /** {@link PostRoutes} */
  POST: PostRoutes;
  /** {@link PutRoutes} */
  PUT: PutRoutes;
  /** {@link DeleteRoutes} */
  DELETE: DeleteRoutes;
  /** {@link ObjectListRoutes} */
  listObjects: ObjectListRoutes;
  /** {@link BatchGetRoutes} */
  batchGet: BatchGetRoutes;
  /** {@link PaginateRoutes} */
  paginate: PaginateRoutes;
}

/** A path of map `M`: one of its templates (offered as completions), or any other string. */
export type RoutePath<M> = (keyof M & string) | (string & {});

/** Part `K` of route `S` (`path`, `query`, `body`), or `{}` when it has none. */
// biome-ignore lint/complexity/noBannedTypes: `{}` is the part that adds nothing to an intersection
export type Part<S, K extends string> = [S] extends [{ [key in K]: infer X }] ? X : {};

/** What a route without any parameter takes: no key at all. */
export type NoParams = { [key: string]: never };

/**
 * The one object a typed call takes: placeholders, then query (`K = "query"`) or body fields.
 * The brackets keep it from distributing: TypeScript would otherwise work out its constraint
 * over every route of the map, at every call.
 */
export type RouteParams<S, K extends "query" | "body"> = [
  keyof Part<S, "path"> | keyof Part<S, K>,
] extends [never]
  ? NoParams
  : Part<S, "path"> & Part<S, K>;

/** Params then options, the params optional when none of them is required. */
// biome-ignore lint/complexity/noBannedTypes: `{}` is what a params object of optional keys accepts
export type Rest<Params, Options> = {} extends Params
  ? [params?: Params, options?: Options]
  : [params: Params, options?: Options];

/**
 * The arguments after the path: typed when `P` is a template of `M` (a literal; the
 * brackets keep a union of templates from being split), else `Untyped`'s params.
 */
export type CallArgs<M, P, K extends "query" | "body", Untyped, Options> = [P] extends [keyof M]
  ? Rest<RouteParams<M[P], K>, Options>
  : [params?: Untyped, options?: Options];

/** What a call answers: the route's result when `P` is a template of `M`, else `T`. */
export type CallResult<M, P, T> = [P] extends [keyof M]
  ? M[P] extends { result: infer Result }
    ? Result
    : never
  : T;

/** The item type a listing helper yields for `P`: from map `L` when it has `P`, else `T`. */
export type ItemOf<L, P, T> = [P] extends [keyof L] ? L[P] : T;

/** The placeholders of route `P` of `R`'s GET map (brackets: see {@link RouteParams}). */
export type PathOf<R extends RouteMap, P> = [P] extends [keyof R["GET"]]
  ? Part<R["GET"][P], "path">
  : never;

/** The name of the placeholder a typed `batchGet` fills with the ids. */
export type IdOf<R extends RouteMap, P> = [P] extends [keyof R["batchGet"]]
  ? R["batchGet"][P] & keyof PathOf<R, P>
  : never;

/** The arguments of a typed `batchGet` after the ids: its other placeholders, then options. */
export type BatchArgs<R extends RouteMap, P, Options> = [P] extends [keyof R["batchGet"]]
  ? Rest<Omit<PathOf<R, P>, IdOf<R, P>>, Options>
  : [options?: Options];

/** The ids a `batchGet` takes: of the type of the placeholder they fill, when typed. */
export type BatchIds<R extends RouteMap, P> = [P] extends [keyof R["batchGet"]]
  ? readonly PathOf<R, P>[IdOf<R, P>][]
  : readonly (string | number)[];

/** What a `batchGet` reads for each id: the item route's result when typed, else `T`. */
export type BatchItem<R extends RouteMap, P, T> = [P] extends [keyof R["batchGet"]]
  ? CallResult<R["GET"], P, T>
  : T;
