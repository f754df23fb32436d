import { isDeepStrictEqual } from 'node:util';
import { type AttributeValue, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** A table's items by primary key, as plain values (numbers kept as strings, sets as Sets). */
export type StoreSnapshot = Map<string, Record<string, unknown>>;

/** The primary key of an item or a stream record's `Keys`, as one string. */
export const itemKey = (key: Record<string, { S?: string }>): string =>
  JSON.stringify([key.pk?.S ?? '', key.sk?.S ?? '']);

/** The streams client reads an empty map (`{ M: {} }`) as `{}`: put the map back, at any depth. */
const withEmptyMaps = (value: AttributeValue): AttributeValue => {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.M) return { M: withEmptyMapsIn(value.M) };
  if (value.L) return { L: value.L.map(withEmptyMaps) };
  return value;
};
const withEmptyMapsIn = (item: Record<string, AttributeValue>) =>
  Object.fromEntries(Object.entries(item).map(([name, value]) => [name, withEmptyMaps(value)]));

/** An item as plain values: the same item compares equal whether a Scan or a stream carried it. */
export const plainItem = (item: Record<string, AttributeValue>): Record<string, unknown> =>
  unmarshall(withEmptyMapsIn(item), { wrapNumbers: true }) as Record<string, unknown>;

/**
 * Every item of the table, by a strongly consistent, paginated Scan: the ground truth a test
 * compares with an earlier snapshot (a rejected request must leave it as it was).
 * @example const before = await snapshotTable(client, tableName);
 */
export const snapshotTable = async (client: DynamoDBClient, tableName: string): Promise<StoreSnapshot> => {
  const snapshot: StoreSnapshot = new Map();
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) snapshot.set(itemKey(item), plainItem(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return snapshot;
};

/**
 * What differs between two snapshots, key by key (at most `limit` lines); empty when they are equal.
 * @example expect(snapshotDifferences(before, after)).toEqual([]);
 */
export const snapshotDifferences = (
  before: StoreSnapshot,
  after: StoreSnapshot,
  options: { limit?: number; except?: (key: string) => boolean } = {},
): string[] => {
  const { limit = 10, except = () => false } = options;
  const differences: string[] = [];
  for (const [key, item] of after) {
    if (except(key)) continue;
    const earlier = before.get(key);
    if (earlier === undefined) differences.push(`added ${key}: ${JSON.stringify(item).slice(0, 300)}`);
    else if (!isDeepStrictEqual(earlier, item))
      differences.push(`changed ${key}: ${JSON.stringify(item).slice(0, 300)}`);
  }
  for (const key of before.keys()) if (!after.has(key) && !except(key)) differences.push(`removed ${key}`);
  return differences.slice(0, limit);
};
