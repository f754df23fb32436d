import { createHash } from 'node:crypto';
import type { IdempotencyRequest } from '#processes/dependencies.ts';
import type { ApiRequest } from './api-types.ts';
import { HttpProblem } from './problem.ts';

/**
 * The version an `If-Match` header demands: `"3"`, `W/"3"` or `3`; `*` or none means any.
 * @example ifMatchVersion({ 'if-match': '"3"' }) // 3
 */
export const ifMatchVersion = (headers: Record<string, string>): number | undefined => {
  const value = headers['if-match']?.trim();
  if (value === undefined || value === '*') return undefined;
  // Quotes come in pairs: `"3` or `W/3` is no ETag this API issued.
  const match = /^(?:W\/"(\d{1,12})"|"(\d{1,12})"|(\d{1,12}))$/.exec(value);
  const digits = match?.[1] ?? match?.[2] ?? match?.[3];
  if (digits === undefined)
    throw new HttpProblem(400, 'If-Match must be an ETag this API issued, like "3"', [
      { path: 'If-Match', message: 'is not a version ETag' },
    ]);
  return Number(digits);
};

/**
 * The idempotency key of a create, scoped to the caller, with a fingerprint of what it promised.
 */
export const idempotencyOf = (request: ApiRequest): IdempotencyRequest | undefined => {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key))
    throw new HttpProblem(400, 'Idempotency-Key must be 1 to 255 visible ASCII characters', [
      { path: 'Idempotency-Key', message: 'is not valid' },
    ]);
  const fingerprint = createHash('sha256')
    .update(`${request.routeKey}\n${JSON.stringify(request.pathParameters)}\n${request.rawBody}`)
    .digest('base64url');
  // The key may hold `#`, so the subject must not: escaped, `a` + `b#c` and `a#b` + `c` stay apart.
  const scope = request.actor.sub.replaceAll('%', '%25').replaceAll('#', '%23');
  return { key: `${scope}#${key}`, fingerprint };
};
