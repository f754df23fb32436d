import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoCmdbStore } from '#adapters/dynamo/dynamo-cmdb-store.ts';
import { walkCmdb } from '#processes/cmdb/impact-analysis.ts';
import { ensureTable } from '../../infra/local/local-aws.ts';
import { clientConfig } from '../../infra/local/platform.ts';
import { countRoundTrips, generateGraph, writeGraph } from '../integration/cmdb-graph.ts';

const walksPerDepth = 15;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

/**
 * Impact walks (`GET /cis/{id}/impact`) on a fresh table holding 10,000 CIs and 30,000
 * relationships: for depth 1 to 6, the DynamoDB round trips (a level's Queries and BatchGetItem
 * are sent together and count once), the SDK calls, the CIs found and the median time, over
 * walks from 15 CIs of the bottom layer.
 */
export async function run(context: { dynamoEndpoint: string; motoEndpoint: string }) {
  const writer = new DynamoDBClient(clientConfig(context.dynamoEndpoint));
  const tableName = `bench-cmdb-${Date.now()}`;
  await ensureTable(writer, tableName);
  const graph = generateGraph({ cis: 10_000, edges: 30_000 });
  const buildStarted = performance.now();
  const items = await writeGraph(writer, tableName, graph);
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  const reader = new DynamoDBClient(clientConfig(context.dynamoEndpoint));
  const counter = countRoundTrips(reader);
  const store = new DynamoCmdbStore(reader, tableName);
  // Bottom-layer CIs that something needs (about 5% of them nothing does, and a walk from one ends at once).
  const needed = new Set(graph.edges.map((edge) => edge.toId));
  const starts = (graph.ciIds[9] ?? []).filter((id) => needed.has(id)).slice(0, walksPerDepth);
  const lines = [
    `Graph: ${graph.ciIds.flat().length} CIs, ${graph.edges.length} relationships (${items} items, BatchWriteItem, ${buildSeconds.toFixed(1)} s). ${walksPerDepth} walks per depth from bottom-layer CIs.`,
    '',
    '| depth | round trips (levels incl. start) | SDK calls per walk (median) | CIs found (median) | p50 ms | ms per round trip |',
    '|---|---|---|---|---|---|',
  ];
  await walkCmdb(store, { startId: starts[0] as string, direction: 'impact', depth: 2 }); // warm-up
  for (let depth = 1; depth <= 6; depth++) {
    const trips: number[] = [];
    const calls: number[] = [];
    const found: number[] = [];
    const times: number[] = [];
    for (const startId of starts) {
      counter.roundTrips = 0;
      counter.calls = 0;
      const started = performance.now();
      const walk = await walkCmdb(store, { startId, direction: 'impact', depth });
      times.push(performance.now() - started);
      trips.push(counter.roundTrips);
      calls.push(counter.calls);
      found.push(walk.hits.length);
    }
    const roundTrips = `${Math.min(...trips)}${Math.max(...trips) === Math.min(...trips) ? '' : `–${Math.max(...trips)}`}`;
    const p50 = median(times);
    lines.push(
      `| ${depth} | ${roundTrips} (goal ${depth + 1}) | ${median(calls)} | ${median(found)} | ${p50.toFixed(1)} | ${(p50 / median(trips)).toFixed(1)} |`,
    );
  }
  writer.destroy();
  reader.destroy();
  return { title: 'CMDB impact walk (10,000 CIs, 30,000 relationships)', lines };
}
