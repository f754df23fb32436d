import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxBodyBytes, parseJsonBody } from '#http/middleware/json-request-body.ts';
import { HttpProblem } from '#http/problem.ts';

/** What a call did: its value, or the error it threw. */
const outcomeOf = <T>(action: () => T): { value: T } | { error: unknown } => {
  try {
    return { value: action() };
  } catch (error) {
    return { error };
  }
};

const statusOf = (action: () => unknown): number | undefined => {
  const outcome = outcomeOf(action);
  if (!('error' in outcome)) return undefined;
  if (!(outcome.error instanceof HttpProblem)) throw outcome.error;
  return outcome.error.status;
};

const methods = fc.oneof(
  fc.constantFrom('GET', 'DELETE', 'POST', 'PUT', 'PATCH', 'HEAD', 'OPTIONS'),
  fc.string({ maxLength: 8 }),
);
const bodyMethods = fc.constantFrom('POST', 'PUT', 'PATCH');
const jsonMediaTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON',
  ' application/json ;charset=UTF-8',
  'application/merge-patch+json',
  'application/problem+json',
  'application/vnd.opsdesk.v1+json',
);
const contentTypes = fc.oneof(jsonMediaTypes, fc.string(), fc.constant(undefined));
const headersWith = (contentType: string | undefined) =>
  contentType === undefined ? {} : { 'content-type': contentType };
/** Any UTF-16 code unit, lone surrogates included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const anyText = fc.oneof(fc.string({ unit: anyUnit, maxLength: 200 }), fc.string({ unit: 'binary' }));
const jsonObjects = fc.dictionary(fc.string({ unit: anyUnit }), fc.jsonValue({ maxDepth: 3 }), {
  maxKeys: 8,
});

describe('parseJsonBody under fuzzing', () => {
  it('answers arbitrary text with a value or a 400, 413 or 415 HttpProblem, nothing else', () => {
    fc.assert(
      fc.property(
        methods,
        contentTypes,
        fc.option(anyText),
        fc.option(fc.boolean()),
        (m, type, body, b64) => {
          const status = statusOf(() =>
            parseJsonBody(m, headersWith(type), body ?? undefined, b64 ?? undefined),
          );
          expect([undefined, 400, 413, 415]).toContain(status);
        },
      ),
    );
  });

  it('answers arbitrary bytes sent base64-encoded with a value or a 4xx HttpProblem', () => {
    fc.assert(
      fc.property(bodyMethods, contentTypes, fc.uint8Array({ maxLength: 300 }), (m, type, bytes) => {
        const body = Buffer.from(bytes).toString('base64');
        const status = statusOf(() => parseJsonBody(m, headersWith(type), body, true));
        expect([undefined, 400, 413, 415]).toContain(status);
      }),
    );
  });

  it('answers arbitrary base64-ish text flagged as base64 with a value or a 4xx HttpProblem', () => {
    fc.assert(
      fc.property(jsonMediaTypes, fc.base64String({ maxLength: 300 }), anyText, (type, base64, junk) => {
        const status = statusOf(() => parseJsonBody('POST', headersWith(type), base64 + junk, true));
        expect([undefined, 400]).toContain(status);
      }),
    );
  });

  it('round-trips any JSON object sent as JSON, plain or base64-encoded', () => {
    fc.assert(
      fc.property(bodyMethods, jsonMediaTypes, jsonObjects, fc.boolean(), (m, type, object, b64) => {
        const text = JSON.stringify(object);
        const body = b64 ? Buffer.from(text, 'utf8').toString('base64') : text;
        const { parsed, raw } = parseJsonBody(m, headersWith(type), body, b64);
        // Base64 carries UTF-8 bytes, so a lone surrogate comes back as U+FFFD; plain text is kept.
        expect(raw).toBe(b64 ? Buffer.from(text, 'utf8').toString('utf8') : text);
        expect(parsed).toEqual(JSON.parse(raw));
      }),
    );
  });

  it('refuses a body of any other media type with 415', () => {
    const otherTypes = fc
      .oneof(
        fc.constantFrom('text/plain', 'application/xml', 'application/jsonx', 'application/+json', 'json'),
        fc.string(),
      )
      .filter((type) => {
        const media = type.split(';')[0]?.trim().toLowerCase() ?? '';
        return media !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(media);
      });
    fc.assert(
      fc.property(bodyMethods, fc.option(otherTypes), jsonObjects, (m, type, object) => {
        const body = JSON.stringify(object);
        expect(statusOf(() => parseJsonBody(m, headersWith(type ?? undefined), body, false))).toBe(415);
      }),
    );
  });

  it('refuses a body over the limit in UTF-8 bytes with 413, whatever its media type', () => {
    const units = fc.constantFrom('x', 'é', '€', '😀');
    fc.assert(
      fc.property(bodyMethods, contentTypes, units, fc.nat(64), fc.boolean(), (m, type, unit, extra, b64) => {
        const unitBytes = Buffer.byteLength(unit, 'utf8');
        const text = unit.repeat(Math.floor(maxBodyBytes / unitBytes) + 1 + extra);
        const body = b64 ? Buffer.from(text, 'utf8').toString('base64') : text;
        expect(statusOf(() => parseJsonBody(m, headersWith(type), body, b64))).toBe(413);
      }),
      { numRuns: 30 },
    );
  });

  it('gives no body for GET, DELETE and empty bodies, whatever else is sent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.constantFrom('GET', 'DELETE'), fc.option(anyText)),
          fc.tuple(methods, fc.constantFrom(undefined, '')),
        ),
        contentTypes,
        fc.boolean(),
        ([m, body], type, b64) => {
          expect(parseJsonBody(m, headersWith(type), body ?? undefined, b64)).toEqual({
            parsed: undefined,
            raw: '',
          });
        },
      ),
    );
  });
});
