import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { InvalidCursor } from '#ports/record-store.ts';

/** A cursor is the query's last evaluated key, string attributes only, base64url JSON. */
export const encodeCursor = (key: Record<string, AttributeValue> | undefined): string | null => {
  if (!key) return null;
  const plain = Object.fromEntries(Object.entries(key).map(([name, value]) => [name, value.S ?? '']));
  return Buffer.from(JSON.stringify(plain)).toString('base64url');
};

/**
 * Decodes a cursor and checks it belongs to this query: exactly the expected key attributes,
 * all strings, and the partition it was issued for. Anything else is `InvalidCursor` (400).
 */
export const decodeCursor = (
  cursor: string | undefined,
  expected: { names: string[]; partition?: { name: string; value: string } },
): Record<string, AttributeValue> | undefined => {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidCursor();
  const entries = Object.entries(parsed);
  const names = entries.map(([name]) => name).sort();
  if (JSON.stringify(names) !== JSON.stringify([...expected.names].sort())) throw new InvalidCursor();
  // DynamoDB keys hold at most 1024 bytes (sort keys; 2048 partition keys, none of ours that long).
  if (
    entries.some(
      ([, value]) =>
        typeof value !== 'string' || value.length === 0 || Buffer.byteLength(value, 'utf8') > 1024,
    )
  )
    throw new InvalidCursor();
  const key = Object.fromEntries(entries.map(([name, value]) => [name, { S: value as string }]));
  if (expected.partition && key[expected.partition.name]?.S !== expected.partition.value)
    throw new InvalidCursor();
  return key;
};

/**
 * A Query that starts at a client's cursor. A cursor this query never issued can still decode
 * well (another range's, another prefix's, a forged sort key); DynamoDB then refuses the start
 * key, and that is `InvalidCursor` (400), not a store failure (500).
 * @example const result = await fromCursor(page.cursor, client.send(new QueryCommand(input)));
 */
export const fromCursor = <T>(cursor: string | undefined, query: Promise<T>): Promise<T> =>
  cursor === undefined
    ? query
    : query.catch((error: unknown) => {
        const refusedStart =
          error instanceof Error &&
          error.name === 'ValidationException' &&
          /starting key|exclusive ?start ?key/i.test(error.message);
        throw refusedStart ? new InvalidCursor() : error;
      });
