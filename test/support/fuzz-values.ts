import fc from 'fast-check';
import { hostileStrings } from './schema-arbitrary.ts';

/** `limit` values every list must refuse or clamp: out of range, not integers, not numbers. */
export const hostileLimits = [
  '0',
  '-1',
  '-0',
  '201',
  '1000000000',
  '9007199254740993',
  '1e309',
  '1.5',
  'abc',
  '',
  ' 1',
  '0x10',
  '+5',
  '1,2',
  'NaN',
  'Infinity',
  '\u0663',
] as const;

/** Payloads a forged cursor might carry once base64-decoded: wrong shapes, pollution, oversize. */
const hostileCursorPayloads = [
  'null',
  '[]',
  '"text"',
  '1',
  '{}',
  '{"pk":"x"}',
  '{"pk":{"S":"x"},"sk":{"S":"y"}}',
  '{"__proto__":{"polluted":"yes"},"pk":"x","sk":"y"}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"pk":"","sk":""}',
  `{"pk":"${'x'.repeat(2000)}","sk":"y"}`,
  '{"pk":"x","sk":"y","gsi1pk":"z","gsi1sk":"w","extra":"v"}',
  '{"pk":"x"',
];

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/**
 * A cursor a well-behaved client holds (`issued`, from a list's own `nextCursor`) gone wrong: one
 * attribute swapped for a hostile value, removed, or joined by another, re-encoded.
 */
const tamperedCursor = (issued: string) =>
  fc
    .record({
      attribute: fc.nat(),
      change: fc.constantFrom('hostile', 'number', 'drop', 'add', 'empty', 'wide'),
      hostile: fc.constantFrom(...hostileStrings),
    })
    .map(({ attribute, change, hostile }) => {
      let decoded: Record<string, unknown>;
      try {
        decoded = JSON.parse(Buffer.from(issued, 'base64url').toString('utf8')) as Record<string, unknown>;
      } catch {
        return issued;
      }
      const names = Object.keys(decoded);
      const name = names[attribute % Math.max(names.length, 1)] ?? 'pk';
      if (change === 'hostile') decoded[name] = hostile;
      if (change === 'number') decoded[name] = 7;
      if (change === 'drop') delete decoded[name];
      if (change === 'add') decoded.gsi9pk = hostile;
      if (change === 'empty') decoded[name] = '';
      // 1024 characters, 2048 bytes: within a length check, past DynamoDB's key size.
      if (change === 'wide') decoded[name] = '\u00e9'.repeat(1024);
      return base64url(JSON.stringify(decoded));
    });

/**
 * `cursor` values: garbage, base64 (url-safe and not) of hostile JSON, cursors a list really
 * issued (often another list's), and those tampered with. `issued` is read when values are drawn,
 * so cursors harvested meanwhile take part.
 */
export const cursorArbitrary = (issued: () => readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...hostileStrings),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
    fc.constantFrom(...hostileCursorPayloads).map(base64url),
    fc.constantFrom(...hostileCursorPayloads).map((payload) => Buffer.from(payload).toString('base64')),
    fc.nat().chain((pick) => {
      const cursors = issued();
      const cursor = cursors[pick % Math.max(cursors.length, 1)];
      return cursor === undefined
        ? fc.constant('bm90LWEtY3Vyc29y')
        : fc.oneof(fc.constant(cursor), tamperedCursor(cursor));
    }),
  );

/** What `If-Match` holds: the record's version as read just before, an older one, or a literal. */
export type IfMatchValue = { kind: 'current' } | { kind: 'stale' } | { kind: 'literal'; value: string };

export const ifMatchArbitrary: fc.Arbitrary<IfMatchValue> = fc.oneof(
  fc.constant({ kind: 'current' } as const),
  fc.constant({ kind: 'stale' } as const),
  fc
    .constantFrom(
      '"1"',
      '*',
      'W/"2"',
      '"0"',
      '"-1"',
      '"99999999999999"',
      '"1", "2"',
      '"1',
      'W/',
      '""',
      'garbage',
      '\u00e9',
      ' "1" ',
    )
    .map((value) => ({ kind: 'literal', value }) as const),
);

/** What `Idempotency-Key` holds: a new key, one already used by this caller, or a literal. */
export type IdempotencyKeyValue =
  | { kind: 'fresh'; value: string }
  | { kind: 'reuse'; pick: number }
  | { kind: 'literal'; value: string };

export const idempotencyKeyArbitrary = (hostile: boolean): fc.Arbitrary<IdempotencyKeyValue> => {
  const fresh = fc.uuid().map((value) => ({ kind: 'fresh', value }) as const);
  const reuse = fc.nat().map((pick) => ({ kind: 'reuse', pick }) as const);
  if (!hostile) return fc.oneof(fresh, reuse);
  return fc.oneof(
    reuse,
    fc
      .constantFrom(' ', 'k'.repeat(255), 'k'.repeat(256), '\u00e9', 'a#b', '%23', 'fuzz-key', '\t')
      .map((value) => ({ kind: 'literal', value }) as const),
  );
};

/** Bodies that are not the JSON an operation wants: broken, the wrong shape, polluting, too large. */
export const hostileBodies = [
  '{',
  'null',
  '[]',
  '"text"',
  '{"a":',
  '\u0000',
  '\ufeff{}',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"title":"a","title":"b"}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  JSON.stringify({ padding: 'x'.repeat(70_000) }),
];

export const hostileContentTypes = [
  'text/plain',
  'application/merge-patch+json',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'text/html',
];

/** Who asks: a role's token, no token, or credentials that are no token of ours. */
export const hostileRoles = [
  'admin',
  'agent',
  'change_manager',
  'requester',
  undefined,
  'forged',
  'basic',
  'garbage',
] as const;

export const hostileAuthorization: Record<string, string> = {
  forged: 'Bearer eyJhbGciOiJub25lIn0.e30.',
  basic: 'Basic YWRtaW46YWRtaW4=',
  garbage: 'Bearer x.y.z',
};
