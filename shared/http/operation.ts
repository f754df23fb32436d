import type * as z from 'zod/mini';
import type { Actor, Role } from '#domain/record/record.ts';
import type { IdempotencyRequest } from '#processes/dependencies.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What an API operation promises, without its implementation: the manifest, the CDK construct,
 * the local runner, the OpenAPI document and the role table all read this, and nothing else
 * declares a route, a role or a schema.
 */
export interface OperationContract {
  /** Unique, camelCase: the name a generated client gives the call. */
  operationId: string;
  method: HttpMethod;
  /** API Gateway path template, e.g. `/incidents/{id}`; each `{name}` is an opaque id. */
  path: string;
  /** The capability it belongs to (an OpenAPI tag). */
  tag: string;
  summary: string;
  /** The least role allowed (admin may do everything); `public` needs no token. */
  role: Role | 'public';
  /** What the path's ids name, for the 404 of an id the API could never have issued. */
  resource?: string;
  /** Query parameters: a value that fails is 400. */
  query?: z.ZodMiniType;
  /** The JSON body: missing is 400, invalid is 422 listing every failing field. */
  body?: z.ZodMiniType;
  response: { status: number; schema: z.ZodMiniType };
  /** Answers with an ETag; a change accepts `If-Match`. */
  versioned?: boolean;
  /** A create that accepts `Idempotency-Key`. */
  idempotent?: boolean;
  /** A PUT that creates the resource at its path (201) or replaces it (`response.status`). */
  upsert?: boolean;
}

type Parsed<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

/** The `{name}` parameters of a path template, as a union of names. */
export type PathParameterNames<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParameterNames<Rest>
  : never;

/** What an operation's handler receives: authenticated, and every input already validated. */
export interface OperationInput<Query = unknown, Body = unknown, Params extends string = string> {
  actor: Actor;
  /** Path ids by name, each checked against the id form. */
  params: Record<Params, string>;
  query: Query;
  body: Body;
  /** The version `If-Match` demands (versioned changes only); undefined means any. */
  ifMatch: number | undefined;
  /** The caller-scoped key and body fingerprint (idempotent creates only). */
  idempotency: IdempotencyRequest | undefined;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
  correlationId: string;
}

export interface OperationResult {
  /** Defaults to the contract's response status. */
  status?: number;
  body: unknown;
  /** Sets `ETag: "<version>"`. */
  version?: number;
  headers?: Record<string, string>;
}

/** One API operation: its contract and the function that serves it, given its dependencies. */
export interface Operation<Deps = never> extends OperationContract {
  // biome-ignore lint/suspicious/noExplicitAny: each operation narrows its own query and body types.
  handle: (input: OperationInput<any, any>, deps: Deps) => Promise<OperationResult>;
}

/**
 * The operation declarer of one capability, over the dependencies its handlers share; each
 * handler's query and body types flow from the operation's own schemas.
 * @example
 * const operation = operationsOver<IncidentDependencies>();
 * export const incidentOperations = [operation({ operationId: 'getIncident', method: 'GET', ... })];
 */
export const operationsOver =
  <Deps>() =>
  <
    Path extends string,
    Query extends z.ZodMiniType | undefined = undefined,
    Body extends z.ZodMiniType | undefined = undefined,
  >(
    declared: Omit<OperationContract, 'path' | 'query' | 'body'> & {
      path: Path;
      query?: Query;
      body?: Body;
      handle: (
        input: OperationInput<Parsed<Query>, Parsed<Body>, PathParameterNames<Path>>,
        deps: Deps,
      ) => Promise<OperationResult>;
    },
  ): Operation<Deps> =>
    declared as Operation<Deps>;

/** `METHOD /path`, the API Gateway route key. */
export const routeKeyOf = (contract: Pick<OperationContract, 'method' | 'path'>) =>
  `${contract.method} ${contract.path}` as const;

/**
 * The response to a create: the outcome's status (201, or the first response's on a replay), the
 * record, its ETag and where it lives.
 * @example return createdAt('/incidents', await logIncident(deps, actor, body, idempotency));
 */
export const createdAt = (
  collection: string,
  outcome: { status: number; body: { id: string; version: number } },
): OperationResult => ({
  status: outcome.status,
  body: outcome.body,
  version: outcome.body.version,
  headers: { location: `${collection}/${outcome.body.id}` },
});

/** A read or change of one versioned record: 200 with its ETag. */
export const versioned = (record: { version: number }): OperationResult => ({
  body: record,
  version: record.version,
});
