import type * as z from 'zod/mini';
import type { Actor, Role } from '#domain/record/record.ts';
import type { IdempotencyRequest } from '#processes/dependencies.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What an API operation serves and checks, without its implementation or its words: the
 * manifest, the CDK construct, the local runner, the handler and the role table read this, and
 * nothing else declares a route, a role or an input schema. Its description (tag, summary,
 * response schema) is apart, `OperationDescription`, so a function's bundle never carries it.
 */
export interface OperationContract {
  /** Unique, camelCase: the name a generated client gives the call. */
  operationId: string;
  method: HttpMethod;
  /** API Gateway path template, e.g. `/incidents/{id}`; each `{name}` is an opaque id. */
  path: string;
  /** The least role allowed (admin may do everything); `public` needs no token. */
  role: Role | 'public';
  /** What the path's ids name, for the 404 of an id the API could never have issued. */
  resource?: string;
  /** Query parameters: a value that fails is 400. */
  query?: z.ZodMiniType;
  /** The JSON body: missing is 400, invalid is 422 listing every failing field. */
  body?: z.ZodMiniType;
  response: { status: number };
  /** Answers with an ETag; a change accepts `If-Match`. */
  versioned?: boolean;
  /** A create that accepts `Idempotency-Key`. */
  idempotent?: boolean;
  /** A PUT that creates the resource at its path (201) or replaces it (`response.status`). */
  upsert?: boolean;
}

/** How the OpenAPI document describes an operation: its capability, what it does, what it answers. */
export interface OperationDescription {
  /** The capability it belongs to (an OpenAPI tag). */
  tag: string;
  summary: string;
  response: { schema: z.ZodMiniType };
}

/** An operation as the OpenAPI document, the role table and the response checks read it. */
export type DocumentedOperation = OperationContract & OperationDescription;

type Parsed<S> = [S] extends [never] ? undefined : S extends z.ZodMiniType ? z.output<S> : undefined;

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

/** A contract that keeps its id, path, query and body types, so its handler and description are checked against it. */
export type TypedContract<
  Id extends string = string,
  Path extends string = string,
  Query extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  Body extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
> = Omit<OperationContract, 'operationId' | 'path' | 'query' | 'body'> & {
  operationId: Id;
  path: Path;
  query?: Query;
  body?: Body;
};

/**
 * Declares an operation's contract; the handler that serves it gets its query and body types
 * from these schemas (`servedBy`).
 * @example export const getIncident = contract({ operationId: 'getIncident', method: 'GET', path: '/incidents/{id}', role: 'requester', response: { status: 200 } });
 */
export const contract = <
  const Id extends string,
  const Path extends string,
  Query extends z.ZodMiniType | undefined = undefined,
  Body extends z.ZodMiniType | undefined = undefined,
>(
  declared: TypedContract<Id, Path, Query, Body>,
): TypedContract<Id, Path, Query, Body> => declared;

/** The function that serves a contract, its input typed by the contract's path, query and body. */
export type HandlerOf<C extends TypedContract, Deps> = (
  input: OperationInput<
    Parsed<NonNullable<C['query']>>,
    Parsed<NonNullable<C['body']>>,
    PathParameterNames<C['path']>
  >,
  deps: Deps,
) => Promise<OperationResult>;

/**
 * A capability's operations: each contract with the handler of its operationId, over the
 * dependencies the handlers share. A contract without a handler (or the reverse) does not compile.
 * @example
 * export const incidentOperations = servedBy<IncidentDeps>()(incidentContracts, {
 *   getIncident: async ({ actor, params }, deps) => versioned(await getIncident(deps, actor, params.id)),
 * });
 */
export const servedBy =
  <Deps>() =>
  <const Contracts extends readonly TypedContract[]>(
    contracts: Contracts,
    handlers: NoInfer<{ [C in Contracts[number] as C['operationId']]: HandlerOf<C, Deps> }>,
  ): Operation<Deps>[] =>
    contracts.map((served) => ({
      ...(served as OperationContract),
      handle: (handlers as Record<string, Operation<Deps>['handle']>)[
        served.operationId
      ] as Operation<Deps>['handle'],
    }));

/** What one operation's description says: `tag` is the capability's. */
export interface Described {
  summary: string;
  /** The success response's body. */
  schema: z.ZodMiniType;
}

/**
 * A capability's contracts as the OpenAPI document reads them, each with the summary and
 * response schema of its operationId. Call it `/* @__PURE__ *\/`: the document's words and response
 * schemas then stay out of every bundle that only serves the contracts.
 * @example export const incidentDocumentation = /* @__PURE__ *\/ documented('Incidents', incidentContracts, { getIncident: { summary: 'Read an incident', schema: incidentDocument } });
 */
export const documented = <const Contracts extends readonly TypedContract[]>(
  tag: string,
  contracts: Contracts,
  descriptions: NoInfer<{ [C in Contracts[number] as C['operationId']]: Described }>,
): DocumentedOperation[] =>
  contracts.map((served) => {
    const { summary, schema } = (descriptions as Record<string, Described>)[served.operationId] as Described;
    return { ...(served as OperationContract), tag, summary, response: { ...served.response, schema } };
  });

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
