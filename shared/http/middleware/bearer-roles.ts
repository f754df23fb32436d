import { type Actor, type Role, roles } from '#domain/record/record.ts';
import type { ApiEvent } from '../api-types.ts';
import { HttpProblem } from '../problem.ts';

const knownRoles = new Set<string>(roles);

/** The longest token subject accepted, in UTF-8 bytes. */
export const maxSubjectBytes = 512;

/**
 * Groups from the JWT claims API Gateway forwards. HTTP APIs flatten an array claim to a
 * string like `[agent admin]`; a local or custom issuer may send a real array, a JSON-array
 * string or a CSV.
 */
export const groupsFromClaim = (claim: unknown): string[] => {
  // Only strings: String() throws on a null-prototype object, and map() keeps a sparse array's holes.
  if (Array.isArray(claim)) return claim.filter((group): group is string => typeof group === 'string');
  if (typeof claim !== 'string') return [];
  // Brackets and quotes only wrap groups, wherever they sit: `[a b]`, `["a","b"]` and ` a,b ` read alike.
  return claim.split(/[\s,"[\]]+/).filter(Boolean);
};

/**
 * The actor behind a request, from the claims the JWT authorizer verified. No claims means the
 * authorizer did not run or rejected the token: 401. The groups claim name is configurable.
 */
export const actorOf = (
  event: ApiEvent,
  groupsClaim = process.env.GROUPS_CLAIM ?? 'cognito:groups',
): Actor => {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (!claims || typeof sub !== 'string' || sub.length === 0)
    throw new HttpProblem(401, 'A valid bearer token is required');
  // The subject becomes part of keys (idempotency, caller and requester indexes), whose size
  // DynamoDB limits; identity providers issue far shorter ones (Cognito: a UUID).
  if (Buffer.byteLength(sub, 'utf8') > maxSubjectBytes)
    throw new HttpProblem(401, `The token's subject is longer than ${maxSubjectBytes} bytes`);
  const held = groupsFromClaim(claims[groupsClaim]).filter((group): group is Role => knownRoles.has(group));
  return { sub, roles: held };
};
