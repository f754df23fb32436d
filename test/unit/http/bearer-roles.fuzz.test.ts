import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Role, roles } from '#domain/record/record.ts';
import type { ApiEvent } from '#http/api-types.ts';
import { actorOf, groupsFromClaim, maxSubjectBytes } from '#http/middleware/bearer-roles.ts';
import { HttpProblem } from '#http/problem.ts';

const groupsClaim = 'cognito:groups';
const eventWith = (claims: unknown): ApiEvent =>
  ({ requestContext: { authorizer: { jwt: { claims, scopes: [] } } } }) as unknown as ApiEvent;

/** Claim values of every shape: JSON, boxed, null-prototype, sparse, symbols, functions. */
const anyClaim = fc.anything({
  withBoxedValues: true,
  withNullPrototype: true,
  withSparseArray: true,
  withMap: true,
  withSet: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withObjectString: true,
});
const roleSets = fc.subarray([...roles]);
const blanks = fc.constantFrom('', ' ', '  ', '\t', '\n');
/** The shapes a groups claim arrives in: a real array, API Gateway's `[a b]`, a JSON-array string, CSV. */
const deliveries = (held: Role[], before: string, after: string): unknown[] => [
  held,
  `${before}[${held.join(' ')}]${after}`,
  `${before}${JSON.stringify(held)}${after}`,
  `${before}${held.join(',')}${after}`,
  `${before}${held.join(', ')}${after}`,
  `${before}${held.join(' ')}${after}`,
];

describe('groupsFromClaim and actorOf under fuzzing', () => {
  it('read any claim value without throwing, as a list of strings', () => {
    fc.assert(
      fc.property(anyClaim, (claim) => {
        const groups = groupsFromClaim(claim);
        expect(Array.isArray(groups)).toBe(true);
        for (const group of groups) expect(typeof group).toBe('string');
      }),
    );
  });

  it('yield only known roles for any claim value', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.oneof(anyClaim, fc.array(fc.oneof(fc.constantFrom(...roles), anyClaim))),
        (sub, claim) => {
          const actor = actorOf(eventWith({ sub, [groupsClaim]: claim }), groupsClaim);
          expect(actor.sub).toBe(sub);
          for (const role of actor.roles) expect(roles).toContain(role);
        },
      ),
    );
  });

  it('read the same roles from every shape the claim arrives in', () => {
    fc.assert(
      fc.property(roleSets, blanks, blanks, (held, before, after) => {
        for (const claim of deliveries(held, before, after)) {
          const actor = actorOf(eventWith({ sub: 'user-1', [groupsClaim]: claim }), groupsClaim);
          expect(new Set(actor.roles), JSON.stringify(claim)).toEqual(new Set(held));
        }
      }),
    );
  });

  it('never grant a role from a group that merely resembles one', () => {
    const lookalikes = fc
      .tuple(fc.constantFrom(...roles), fc.constantFrom('x', '-', '_', 'S', '.', ':'), fc.boolean())
      .map(([role, extra, front]) => (front ? `${extra}${role}` : `${role}${extra}`));
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            lookalikes,
            fc.constantFrom(...roles).map((r) => r.toUpperCase()),
          ),
        ),
        (groups) => {
          for (const claim of [groups, `[${groups.join(' ')}]`, JSON.stringify(groups), groups.join(',')])
            expect(actorOf(eventWith({ sub: 'user-1', [groupsClaim]: claim }), groupsClaim).roles).toEqual(
              [],
            );
        },
      ),
    );
  });

  it('answer 401 without a non-empty string subject, never another error', () => {
    const noSubject = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.record({
        sub: fc.oneof(
          fc.constant(''),
          anyClaim.filter((value) => typeof value !== 'string'),
        ),
      }),
      fc.record({ [groupsClaim]: anyClaim }),
    );
    fc.assert(
      fc.property(noSubject, (claims) => {
        let caught: unknown;
        try {
          actorOf(eventWith(claims), groupsClaim);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(HttpProblem);
        expect((caught as HttpProblem).status).toBe(401);
      }),
    );
  });
});

describe('token subjects that feed keys', () => {
  const eventWith = (sub: string) =>
    ({ requestContext: { authorizer: { jwt: { claims: { sub, 'cognito:groups': '[agent]' } } } } }) as never;

  it('accepts a subject up to the byte limit and refuses a longer one with 401', () => {
    expect(actorOf(eventWith('é'.repeat(maxSubjectBytes / 2))).sub).toHaveLength(maxSubjectBytes / 2);
    expect(() => actorOf(eventWith(`${'é'.repeat(maxSubjectBytes / 2)}x`))).toThrow(
      expect.objectContaining({ status: 401 }),
    );
  });
});
