import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ifMatchVersion } from '#http/preconditions.ts';
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

/** Versions this API issues: up to 12 digits. */
const versions = fc.integer({ min: 0, max: 999_999_999_999 });
const padding = fc.constantFrom('', ' ', '\t', '  ');
/** Exactly the accepted shapes: `"N"`, `W/"N"` and bare `N`. */
const issuedForms = (n: number) => [`"${n}"`, `W/"${n}"`, `${n}`];
/** Near misses: fragments of ETags glued together, so half-quoted or doubled forms come up often. */
const etagLike = fc
  .array(
    fc.constantFrom('W/', 'w/', '"', "'", '1', '23', '007', '*', ' ', '-', '+', 'x', ',', '.', '/', 'W'),
    {
      maxLength: 6,
    },
  )
  .map((parts) => parts.join(''));
/** Any UTF-16 code unit, lone surrogates included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const accepted = /^(?:W\/"\d{1,12}"|"\d{1,12}"|\d{1,12})$/;

describe('ifMatchVersion under fuzzing', () => {
  it('reads "N", W/"N" and N as version N, with or without surrounding blanks', () => {
    fc.assert(
      fc.property(versions, fc.nat(2), padding, padding, (n, form, before, after) => {
        const header = `${before}${issuedForms(n)[form]}${after}`;
        expect(ifMatchVersion({ 'if-match': header })).toBe(n);
      }),
    );
  });

  it('means any version for * or no header', () => {
    fc.assert(
      fc.property(padding, padding, fc.dictionary(fc.string(), fc.string()), (before, after, others) => {
        const { 'if-match': _dropped, ...withoutIfMatch } = others;
        expect(ifMatchVersion({ ...withoutIfMatch, 'if-match': `${before}*${after}` })).toBeUndefined();
        expect(ifMatchVersion(withoutIfMatch)).toBeUndefined();
      }),
    );
  });

  it('refuses everything else with a 400 HttpProblem naming If-Match', () => {
    fc.assert(
      fc.property(fc.oneof(etagLike, fc.string(), fc.string({ unit: anyUnit })), (header) => {
        const trimmed = header.trim();
        fc.pre(trimmed !== '*' && !accepted.test(trimmed));
        const problem = problemOf(() => ifMatchVersion({ 'if-match': header }));
        expect(problem?.status).toBe(400);
        expect(problem?.errors).toEqual([{ path: 'If-Match', message: 'is not a version ETag' }]);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses half-quoted, unquoted-weak and over-long versions', () => {
    fc.assert(
      fc.property(versions, (n) => {
        for (const header of [
          `"${n}`,
          `${n}"`,
          `W/${n}`,
          `W/"${n}`,
          `w/"${n}"`,
          `""${n}""`,
          `${n}0000000000000`,
        ])
          expect(problemOf(() => ifMatchVersion({ 'if-match': header }))?.status).toBe(400);
      }),
    );
  });
});
