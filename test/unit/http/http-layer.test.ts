import { describe, expect, it } from 'vitest';
import { conflict, validationError } from '#domain/errors.ts';
import { groupsFromClaim } from '#http/middleware/bearer-roles.ts';
import { maxBodyBytes, parseJsonBody } from '#http/middleware/json-request-body.ts';
import { ifMatchVersion } from '#http/preconditions.ts';
import { HttpProblem, toProblem } from '#http/problem.ts';

const problemStatus = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return toProblem(error).status;
  }
  return undefined;
};

describe('toProblem', () => {
  it('maps domain errors to their status and keeps the field list', () => {
    const problem = toProblem(validationError([{ path: 'title', message: 'required' }]));
    expect(problem).toMatchObject({
      status: 422,
      title: 'Unprocessable Content',
      errors: [{ path: 'title', message: 'required' }],
    });
    expect(toProblem(conflict('no')).status).toBe(409);
  });

  it('never leaks an unknown error’s message or stack', () => {
    const problem = toProblem(new Error('ConditionalCheckFailed at arn:aws:dynamodb:secret-table'));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('secret-table');
    expect(JSON.stringify(problem)).not.toContain('at ');
  });
});

describe('parseJsonBody', () => {
  const json = { 'content-type': 'application/json' };
  it('parses JSON and accepts +json media types', () => {
    expect(parseJsonBody('POST', json, '{"a":1}', false).parsed).toEqual({ a: 1 });
    expect(
      parseJsonBody('POST', { 'content-type': 'application/merge-patch+json' }, '{}', false).parsed,
    ).toEqual({});
  });
  it('refuses malformed JSON (400), another media type (415) and oversized bodies (413)', () => {
    expect(problemStatus(() => parseJsonBody('POST', json, '{"a":', false))).toBe(400);
    expect(problemStatus(() => parseJsonBody('POST', { 'content-type': 'text/plain' }, '{}', false))).toBe(
      415,
    );
    expect(problemStatus(() => parseJsonBody('POST', json, `"${'x'.repeat(maxBodyBytes)}"`, false))).toBe(
      413,
    );
  });
  it('ignores bodies on GET', () => {
    expect(parseJsonBody('GET', {}, 'junk', false).parsed).toBeUndefined();
  });
});

describe('ifMatchVersion', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
    ['*', undefined],
  ])('reads %s', (header, expected) => {
    expect(ifMatchVersion({ 'if-match': header })).toBe(expected);
  });
  it('refuses an ETag it never issued with 400', () => {
    expect(problemStatus(() => ifMatchVersion({ 'if-match': '"abc"' }))).toBe(400);
  });
});

describe('groupsFromClaim', () => {
  it('reads API Gateway flattened arrays, real arrays and CSV', () => {
    expect(groupsFromClaim('[agent admin]')).toEqual(['agent', 'admin']);
    expect(groupsFromClaim(['agent'])).toEqual(['agent']);
    expect(groupsFromClaim('agent,requester')).toEqual(['agent', 'requester']);
    expect(groupsFromClaim(undefined)).toEqual([]);
  });
  it('a 401 HttpProblem keeps its status and detail', () => {
    expect(toProblem(new HttpProblem(401, 'A valid bearer token is required'))).toMatchObject({
      status: 401,
      detail: 'A valid bearer token is required',
    });
  });
});

describe('publicJson', () => {
  it('leaves out the SLA bookkeeping fields at any depth and keeps the rest', async () => {
    const { publicJson } = await import('#schemas/public-representation.ts');
    const page = {
      items: [
        { id: 'i', slas: [{ state: 'running' }], slaTimeline: [], slaEmitted: {}, slaNextCheckAt: 'x' },
      ],
    };
    expect(JSON.parse(publicJson(page))).toEqual({ items: [{ id: 'i', slas: [{ state: 'running' }] }] });
  });
});
