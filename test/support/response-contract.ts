import { isDeepStrictEqual } from 'node:util';
import { apiOperations } from '#functions/contracts/index.ts';
import { routeKeyOf } from '#http/operation.ts';
import { problemDocument } from '#schemas/common.ts';
import { fieldErrors } from '#schemas/validation.ts';
import { localRoutes, matchRoute } from '../../infra/local/routing.ts';

const routes = localRoutes();
const contracts = new Map(apiOperations.map((operation) => [routeKeyOf(operation), operation]));

/** How many responses were held against a declared schema in this test file. */
export const contractChecks = { count: 0 };

/**
 * Holds a served response to the schema its operation declares (problem+json for errors): it must
 * parse, and parsing must not drop a field, so nothing is served that the document does not say.
 * Throws, failing the calling test, on any difference.
 */
export const checkResponseContract = (method: string, url: string, status: number, body: unknown) => {
  const route = matchRoute(routes, method, new URL(url, 'http://localhost').pathname);
  const operation = route && contracts.get(route.routeKey);
  if (!operation) return;
  const schema = status < 400 ? operation.response.schema : problemDocument;
  if (status < 400 && body === undefined) return;
  const result = schema.safeParse(body);
  const where = `${method} ${url} answered ${status}`;
  if (!result.success)
    throw new Error(
      `${where} with a body its declared schema refuses: ${JSON.stringify(fieldErrors(result.error.issues))}`,
    );
  if (!isDeepStrictEqual(result.data, body))
    throw new Error(
      `${where} with fields its declared schema does not have: ${JSON.stringify(body).slice(0, 500)}`,
    );
  contractChecks.count++;
};
