import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '#http/api-types.ts';
import { idempotencyOf } from '#http/preconditions.ts';
import { HttpProblem } from '#http/problem.ts';

const problemOf = (action: () => unknown): HttpProblem | undefined => {
  try {
    action();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  return undefined;
};

const visibleAscii = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));
const validKeys = fc.string({ unit: visibleAscii, minLength: 1, maxLength: 255 });
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const invalidUnit = anyUnit.filter((unit) => !/^[\x21-\x7e]$/.test(unit));
/** A valid key spoiled by one character outside visible ASCII (space, control, non-ASCII). */
const spoiledKeys = fc
  .tuple(fc.string({ unit: visibleAscii, maxLength: 100 }), invalidUnit, fc.string({ maxLength: 100 }))
  .map(([before, bad, after]) => `${before}${bad}${after}`);
const invalidKeys = fc.oneof(
  fc.constant(''),
  spoiledKeys,
  fc.string({ unit: visibleAscii, minLength: 256, maxLength: 400 }),
  fc.string({ unit: anyUnit }).filter((key) => !/^[\x21-\x7e]{1,255}$/.test(key)),
);
const subs = fc.oneof(fc.uuid(), fc.string({ minLength: 1 }));
const routeKeys = fc.constantFrom('POST /incidents', 'POST /changes', 'POST /cis/{id}/relations');
const pathParameters = fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), {
  maxKeys: 3,
});

const requestOf = (fields: {
  key?: string;
  sub?: string;
  routeKey?: string;
  pathParameters?: Record<string, string>;
  rawBody?: string;
}): ApiRequest => ({
  routeKey: fields.routeKey ?? 'POST /incidents',
  actor: { sub: fields.sub ?? 'user-1', roles: ['requester'] },
  pathParameters: fields.pathParameters ?? {},
  rawBody: fields.rawBody ?? '',
  headers: fields.key === undefined ? {} : { 'idempotency-key': fields.key },
});

describe('idempotencyOf under fuzzing', () => {
  it('accepts any key of 1 to 255 visible ASCII characters, scoped to the caller', () => {
    fc.assert(
      fc.property(validKeys, subs, (key, sub) => {
        const idempotency = idempotencyOf(requestOf({ key, sub }));
        expect(idempotency?.key.endsWith(`#${key}`)).toBe(true);
        expect(idempotency?.fingerprint).toMatch(/^[\w-]{43}$/);
      }),
    );
  });

  it('refuses every other key with a 400 HttpProblem naming Idempotency-Key', () => {
    fc.assert(
      fc.property(invalidKeys, (key) => {
        const problem = problemOf(() => idempotencyOf(requestOf({ key })));
        expect(problem?.status).toBe(400);
        expect(problem?.errors?.[0]?.path).toBe('Idempotency-Key');
      }),
    );
  });

  it('gives nothing without the header', () => {
    fc.assert(
      fc.property(fc.string(), (rawBody) => {
        expect(idempotencyOf(requestOf({ rawBody }))).toBeUndefined();
      }),
    );
  });

  it('fingerprints equal requests alike', () => {
    fc.assert(
      fc.property(
        validKeys,
        subs,
        routeKeys,
        pathParameters,
        fc.string(),
        (key, sub, routeKey, path, rawBody) => {
          const first = requestOf({ key, sub, routeKey, pathParameters: path, rawBody });
          expect(idempotencyOf(structuredClone(first))).toEqual(idempotencyOf(first));
        },
      ),
    );
  });

  it('fingerprints different bodies, routes or path parameters differently', () => {
    fc.assert(
      fc.property(
        validKeys,
        fc.tuple(routeKeys, pathParameters, fc.string({ unit: anyUnit })),
        fc.tuple(routeKeys, pathParameters, fc.string({ unit: anyUnit })),
        (key, [routeA, pathA, bodyA], [routeB, pathB, bodyB]) => {
          fc.pre(routeA !== routeB || JSON.stringify(pathA) !== JSON.stringify(pathB) || bodyA !== bodyB);
          const a = idempotencyOf(
            requestOf({ key, routeKey: routeA, pathParameters: pathA, rawBody: bodyA }),
          );
          const b = idempotencyOf(
            requestOf({ key, routeKey: routeB, pathParameters: pathB, rawBody: bodyB }),
          );
          expect(a?.fingerprint).not.toBe(b?.fingerprint);
        },
      ),
    );
  });

  it('never lets two callers share a scoped key, whatever their subjects hold', () => {
    const piece = fc.string({ unit: visibleAscii, minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(piece, piece, piece, (a, b, c) => {
        // (a, "b#c") and ("a#b", c) must not meet in one idempotency record.
        const first = idempotencyOf(requestOf({ sub: a, key: `${b}#${c}` }));
        const second = idempotencyOf(requestOf({ sub: `${a}#${b}`, key: c }));
        expect(first?.key).not.toBe(second?.key);
      }),
    );
    fc.assert(
      fc.property(fc.tuple(subs, validKeys), fc.tuple(subs, validKeys), ([subA, keyA], [subB, keyB]) => {
        fc.pre(subA !== subB || keyA !== keyB);
        const first = idempotencyOf(requestOf({ sub: subA, key: keyA }));
        const second = idempotencyOf(requestOf({ sub: subB, key: keyB }));
        expect(first?.key).not.toBe(second?.key);
      }),
    );
  });
});
