import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { incomingKey, outgoingKey } from '#adapters/dynamo/cmdb-keys.ts';
import { indexAttributes } from '#adapters/dynamo/index-plans.ts';
import { toItem } from '#adapters/dynamo/item-codec.ts';
import type { CiType, ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import type { RelationshipType, StoredRelationship } from '#domain/cmdb/relationship.ts';

/** Top (needs everything below) to bottom (needed by everything above). */
const layerTypes: CiType[] = [
  'service',
  'application',
  'api',
  'function',
  'container',
  'server',
  'database',
  'queue',
  'storage',
  'network',
];

export interface GeneratedGraph {
  ciIds: string[][];
  edges: Array<Pick<StoredRelationship, 'fromId' | 'toId' | 'type'>>;
}

/** A small seeded PRNG (mulberry32), so every run builds the same graph. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

/**
 * A layered CMDB: `layers` × `perLayer` CIs; each CI needs 3 CIs of the layer below, and the
 * rest of `edgeCount` are edges that skip a layer or point back up (so the graph has diamonds
 * and cycles). Impact walks from the bottom layer fan out by about 3 per level.
 */
export const generateGraph = (options: { cis: number; edges: number; seed?: number }): GeneratedGraph => {
  const random = seeded(options.seed ?? 42);
  const perLayer = Math.floor(options.cis / layerTypes.length);
  const ciIds = layerTypes.map((_, layer) =>
    Array.from({ length: perLayer }, (_, n) => `ci-${layer}-${String(n).padStart(5, '0')}`),
  );
  const pick = (layer: number) => ciIds[layer]?.[Math.floor(random() * perLayer)] as string;
  const seen = new Set<string>();
  const edges: GeneratedGraph['edges'] = [];
  const add = (fromId: string, type: RelationshipType, toId: string) => {
    const key = `${fromId}|${type}|${toId}`;
    if (fromId === toId || seen.has(key) || edges.length >= options.edges) return;
    seen.add(key);
    edges.push({ fromId, type, toId });
  };
  const types: RelationshipType[] = ['depends_on', 'runs_on', 'hosted_on', 'connects_to'];
  for (let layer = 0; layer < layerTypes.length - 1; layer++) {
    for (const fromId of ciIds[layer] ?? []) {
      for (let n = 0; n < 3; n++)
        add(fromId, types[layer % types.length] as RelationshipType, pick(layer + 1));
    }
  }
  while (edges.length < options.edges) {
    const layer = Math.floor(random() * (layerTypes.length - 2));
    if (random() < 0.7) add(pick(layer), 'depends_on', pick(layer + 2));
    else add(pick(layer + 1), 'connects_to', pick(layer));
  }
  return { ciIds, edges };
};

const ciItem = (id: string, layer: number, at: string): Record<string, AttributeValue> => {
  const ci: ConfigurationItem = {
    id,
    number: `CI${id}`,
    name: `${layerTypes[layer]} ${id}`,
    type: layerTypes[layer] as CiType,
    status: 'active',
    attributes: { layer },
    attributeSources: { layer: 'manual' },
    health: 'ok',
    ownHealth: 'ok',
    openIncidents: {},
    createdAt: at,
    updatedAt: at,
    createdBy: 'generator',
    version: 1,
  };
  return toItem({
    ...ci,
    ...indexAttributes('ci', ci as unknown as Record<string, unknown>),
    pk: `ci#${id}`,
    sk: 'record',
    entity: 'ci',
  });
};

const edgeItems = (edge: GeneratedGraph['edges'][number], at: string) => {
  const stored = { ...edge, source: 'manual', createdAt: at, createdBy: 'generator', entity: 'ci-edge' };
  return [
    toItem({ ...stored, direction: 'out', ...outgoingKey(edge.fromId, edge.type, edge.toId) }),
    toItem({ ...stored, direction: 'in', ...incomingKey(edge.fromId, edge.type, edge.toId) }),
  ];
};

/**
 * Writes the graph with BatchWriteItem (25 items a call, `parallel` calls at a time), as the
 * stores would lay it out: CI records plus both copies of every edge.
 * @example await writeGraph(client, tableName, generateGraph({ cis: 10_000, edges: 30_000 }));
 */
export const writeGraph = async (
  client: DynamoDBClient,
  tableName: string,
  graph: GeneratedGraph,
  parallel = 8,
): Promise<number> => {
  const at = new Date('2026-01-01T00:00:00.000Z').toISOString();
  const items = [
    ...graph.ciIds.flatMap((ids, layer) => ids.map((id) => ciItem(id, layer, at))),
    ...graph.edges.flatMap((edge) => edgeItems(edge, at)),
  ];
  const batches: WriteRequest[][] = [];
  for (let start = 0; start < items.length; start += 25)
    batches.push(items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++] as WriteRequest[];
      while (requests.length > 0) {
        const result = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = result.UnprocessedItems?.[tableName] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return items.length;
};

/**
 * Counts round trips through a client: a round trip starts when a call is sent while none is in
 * flight, so calls sent together (one walk level) count once.
 */
// biome-ignore lint/suspicious/noExplicitAny: the SDK's middleware stack takes any middleware shape.
export const countRoundTrips = (client: { middlewareStack: { add: (...args: any[]) => void } }) => {
  const counter = { roundTrips: 0, calls: 0, inFlight: 0 };
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
      if (counter.inFlight === 0) counter.roundTrips++;
      counter.inFlight++;
      counter.calls++;
      try {
        return await next(args);
      } finally {
        counter.inFlight--;
      }
    },
    { step: 'initialize', name: 'countRoundTrips' },
  );
  return counter;
};
