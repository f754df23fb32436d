import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '#adapters/dynamo/cursor.ts';
import { InvalidCursor } from '#ports/record-store.ts';

type Expected = Parameters<typeof decodeCursor>[1];

/** What decoding did: a key, or InvalidCursor; any other error fails the property. */
const decodeOrInvalid = (cursor: string, expected: Expected) => {
  try {
    return decodeCursor(cursor, expected);
  } catch (error) {
    if (error instanceof InvalidCursor) return 'invalid' as const;
    throw error;
  }
};

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const attributeValues = fc.oneof(
  fc.string({ minLength: 1, maxLength: 64 }),
  fc.string({ unit: anyUnit, minLength: 1, maxLength: 64 }),
  fc.string({ minLength: 1000, maxLength: 1024 }),
);
/** A query's key: one to three distinct attribute names, string values, one of them the partition. */
const keys = fc
  .uniqueArray(fc.oneof(fc.constantFrom('pk', 'sk', 'gsi1pk', '__proto__'), fc.string({ minLength: 1 })), {
    minLength: 1,
    maxLength: 3,
  })
  .chain((names) =>
    fc.record({
      names: fc.constant(names),
      values: fc.array(attributeValues, { minLength: names.length, maxLength: names.length }),
      partitionAt: fc.option(fc.nat(names.length - 1)),
    }),
  )
  .map(({ names, values, partitionAt }) => {
    // fromEntries, not assignment, so a name like `__proto__` stays an own attribute.
    const key: Record<string, AttributeValue> = Object.fromEntries(
      names.map((name, at) => [name, { S: values[at] ?? 'x' }]),
    );
    const partitionName = partitionAt === null ? undefined : names[partitionAt];
    const expected: Expected = {
      names,
      ...(partitionName === undefined
        ? {}
        : { partition: { name: partitionName, value: key[partitionName]?.S ?? '' } }),
    };
    return { key, expected };
  });
const expectations = keys.map(({ expected }) => expected);

describe('decodeCursor and encodeCursor under fuzzing', () => {
  it('round-trips any string key through a cursor', () => {
    fc.assert(
      fc.property(keys, ({ key, expected }) => {
        const cursor = encodeCursor(key);
        expect(cursor).toMatch(/^[\w-]*$/);
        expect(decodeCursor(cursor ?? undefined, expected)).toEqual(key);
      }),
    );
  });

  it('decodes arbitrary text to a matching key or InvalidCursor, nothing else', () => {
    const cursors = fc.oneof(
      fc.string(),
      fc.string({ unit: anyUnit }),
      fc.base64String(),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
    );
    fc.assert(
      fc.property(cursors, expectations, (cursor, expected) => {
        const decoded = decodeOrInvalid(cursor, expected);
        if (decoded !== 'invalid')
          expect(Object.keys(decoded ?? {}).sort()).toEqual([...expected.names].sort());
      }),
    );
  });

  it('decodes any JSON a client forges to a key of the expected shape or InvalidCursor', () => {
    const forged = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.constantFrom('pk', 'sk', 'gsi1pk', 'gsi1sk'), fc.jsonValue({ maxDepth: 1 })),
    );
    fc.assert(
      fc.property(forged, expectations, (json, expected) => {
        const cursor = Buffer.from(JSON.stringify(json) ?? '').toString('base64url');
        const decoded = decodeOrInvalid(cursor, expected);
        if (decoded === 'invalid') return;
        expect(Object.keys(decoded ?? {}).sort()).toEqual([...expected.names].sort());
        for (const value of Object.values(decoded ?? {})) {
          expect(typeof value.S).toBe('string');
          expect(value.S?.length).toBeGreaterThan(0);
          expect(value.S?.length).toBeLessThanOrEqual(1024);
        }
        if (expected.partition) expect(decoded?.[expected.partition.name]?.S).toBe(expected.partition.value);
      }),
    );
  });

  it('refuses a cursor issued for another partition', () => {
    fc.assert(
      fc.property(keys, fc.string({ minLength: 1 }), ({ key, expected }, otherValue) => {
        fc.pre(expected.partition !== undefined && expected.partition.value !== otherValue);
        const partition = { name: expected.partition?.name ?? '', value: otherValue };
        expect(decodeOrInvalid(encodeCursor(key) ?? '', { ...expected, partition })).toBe('invalid');
      }),
    );
  });

  it('has no cursor without a key, and no key without a cursor', () => {
    fc.assert(
      fc.property(expectations, (expected) => {
        expect(encodeCursor(undefined)).toBeNull();
        expect(decodeCursor(undefined, expected)).toBeUndefined();
      }),
    );
  });
});
