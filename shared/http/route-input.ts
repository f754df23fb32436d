import type * as z from 'zod/mini';
import { notFound } from '#domain/errors.ts';
import { fieldErrors, parseWith } from '#schemas/validation.ts';
import type { ApiRequest, ApiResponse } from './api-types.ts';
import { HttpProblem } from './problem.ts';

const idPattern = /^[A-Za-z0-9_-]{1,128}$/;

/** The `{id}` path parameter; an id we could never have issued is simply unknown (404). */
export const pathId = (request: ApiRequest, what: string, name = 'id'): string => {
  const id = request.pathParameters[name];
  if (!id || !idPattern.test(id)) throw notFound(`No ${what} with that id`);
  return id;
};

/** The JSON body, validated: 422 listing every failing field. */
export const bodyOf = <S extends z.ZodMiniType>(request: ApiRequest, schema: S): z.infer<S> => {
  if (request.body === undefined) throw new HttpProblem(400, 'A JSON request body is required');
  return parseWith(schema, request.body);
};

/** Query parameters, validated: a malformed query is 400 (API.md section 1). */
export const queryOf = <S extends z.ZodMiniType>(request: ApiRequest, schema: S): z.infer<S> => {
  const result = schema.safeParse(request.query);
  if (!result.success) throw new HttpProblem(400, 'The query is not valid', fieldErrors(result.error.issues));
  return result.data;
};

/**
 * The response to a create: the outcome's status (201, or the first response's on a replay), the
 * record, its ETag and where it lives.
 * @example return createdAt('/incidents', await logIncident(deps, actor, body, idempotencyOf(request)));
 */
export const createdAt = (
  collection: string,
  outcome: { status: number; body: { id: string; version: number } },
): ApiResponse => ({
  status: outcome.status,
  body: outcome.body,
  version: outcome.body.version,
  headers: { location: `${collection}/${outcome.body.id}` },
});
