import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCmdbStore } from '#adapters/dynamo/dynamo-cmdb-store.ts';
import type { WalkDirection } from '#domain/cmdb/impact-walk.ts';
import { walkEdges } from '#domain/cmdb/in-memory-walk.ts';
import type { Relationship } from '#domain/cmdb/relationship.ts';
import { walkCmdb, walkItems } from '#processes/cmdb/impact-analysis.ts';
import { type Emulator, startDynamoDbLocal } from '../../infra/local/emulators.ts';
import { ensureTable } from '../../infra/local/local-aws.ts';
import { clientConfig } from '../../infra/local/platform.ts';
import { countCalls } from '../support/test-platform.ts';
import { countRoundTrips, type GeneratedGraph, generateGraph, writeGraph } from './cmdb-graph.ts';

let graph: GeneratedGraph;
const tableName = 'cmdb-graph';
let written: number;
let dynamo: Emulator;

/**
 * 10,000 CIs and 30,000 relationships, written with BatchWriteItem once for the file, on a
 * DynamoDB Local of its own: 70,000 writes on the shared one would stall the other test files.
 */
beforeAll(async () => {
  dynamo = await startDynamoDbLocal({});
  const client = new DynamoDBClient(clientConfig(dynamo.endpoint));
  await ensureTable(client, tableName);
  graph = generateGraph({ cis: 10_000, edges: 30_000 });
  written = await writeGraph(client, tableName, graph);
}, 600_000);
afterAll(async () => {
  await dynamo?.stop();
});

/** A store on its own client, so only the walk's calls are counted. */
const measuredStore = () => {
  const client = new DynamoDBClient(clientConfig(dynamo.endpoint));
  return {
    store: new DynamoCmdbStore(client, tableName),
    trips: countRoundTrips(client),
    calls: countCalls(client),
  };
};

const bottom = () => graph.ciIds[9]?.[17] as string;
const top = () => graph.ciIds[0]?.[17] as string;

const expected = (startId: string, direction: WalkDirection, depth: number) =>
  walkEdges(graph.edges as Relationship[], { startId, direction, depth }).map((hit) => [
    hit.ciId,
    hit.distance,
    hit.path.join('>'),
  ]);

describe('impact walks on DynamoDB Local over 10,000 CIs and 30,000 relationships', () => {
  it('holds the whole generated graph', () => {
    expect(graph.ciIds.flat()).toHaveLength(10_000);
    expect(graph.edges).toHaveLength(30_000);
    expect(written).toBe(10_000 + 2 * 30_000);
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'an impact walk of depth %i costs one round trip per level (the start included) and finds what the in-memory walk finds',
    async (depth) => {
      // Prepare
      const { store, trips } = measuredStore();
      // Act
      const walk = await walkCmdb(store, { startId: bottom(), direction: 'impact', depth });
      // Assess
      const items = walkItems(walk);
      expect(Math.max(...items.map((item) => item.distance))).toBe(depth);
      expect(trips.roundTrips).toBe(depth + 1);
      expect(items.map((item) => [item.ciId, item.distance, item.path.join('>')])).toEqual(
        expected(bottom(), 'impact', depth),
      );
      expect(items.every((item) => item.name.endsWith(item.ciId) && item.type !== undefined)).toBe(true);
    },
  );

  it('a dependency walk reads one Query per CI it expands and one BatchGetItem per 100 CIs of a level', async () => {
    // Prepare
    const { store, trips, calls } = measuredStore();
    const depth = 4;
    // Act
    const walk = await walkCmdb(store, { startId: top(), direction: 'dependencies', depth });
    // Assess
    const hits = walk.hits;
    const perLevel = [1, ...[1, 2, 3, 4].map((d) => hits.filter((hit) => hit.distance === d).length)];
    const expanded = perLevel.slice(0, depth).reduce((sum, size) => sum + size, 0);
    const batches = perLevel.reduce((sum, size) => sum + Math.ceil(size / 100), 0);
    expect(calls.filter((name) => name === 'QueryCommand')).toHaveLength(expanded);
    expect(calls.filter((name) => name === 'BatchGetItemCommand')).toHaveLength(batches);
    expect(trips.roundTrips).toBe(depth + 1);
    expect(hits.map((hit) => [hit.ciId, hit.distance, hit.path.join('>')])).toEqual(
      expected(top(), 'dependencies', depth),
    );
  });
});
