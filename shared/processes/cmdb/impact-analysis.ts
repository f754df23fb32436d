import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import {
  MAX_WALK_DEPTH,
  type WalkDirection,
  type WalkHit,
  type WalkRequest,
  walkGraph,
} from '#domain/cmdb/impact-walk.ts';
import { notFound } from '#domain/errors.ts';
import type { CmdbReader } from '#ports/cmdb-reader.ts';
import type { CmdbGraph } from '#ports/cmdb-store.ts';
import type { CmdbDeps } from '../dependencies.ts';

/** One CI of an impact or dependency list (README, CMDB). */
export interface WalkItem {
  ciId: string;
  name: string;
  type: ConfigurationItem['type'];
  status: ConfigurationItem['status'];
  health: ConfigurationItem['health'];
  distance: number;
  path: string[];
}

export interface CmdbWalk {
  hits: WalkHit[];
  /** The records of the start and of every CI reached. */
  cis: Map<string, ConfigurationItem>;
}

/**
 * Breadth-first walk over the stored graph: each level is one round trip that reads the
 * level's edges and records together; the last level's records cost one more.
 * @example const { hits, cis } = await walkCmdb(store, { startId: 'srv-1', direction: 'impact', depth: 5 });
 */
export const walkCmdb = async (store: CmdbGraph, request: WalkRequest): Promise<CmdbWalk> => {
  const cis = new Map<string, ConfigurationItem>();
  const hits = await walkGraph(request, async (ids, direction) => {
    const level = await store.level(ids, direction);
    for (const [id, ci] of level.cis) cis.set(id, ci);
    return level.neighbours;
  });
  const unread = hits.map((hit) => hit.ciId).filter((id) => !cis.has(id));
  if (unread.length > 0) for (const [id, ci] of await store.cis(unread)) cis.set(id, ci);
  return { hits, cis };
};

/**
 * The walk as the API lists it: every CI reached, with its name, type and one shortest path.
 * @example (await walkItems(store, { startId: 'srv', direction: 'impact' }))[0] // { ciId: 'app', distance: 1, ... }
 */
export const walkItems = (walk: CmdbWalk): WalkItem[] =>
  walk.hits.flatMap((hit) => {
    const ci = walk.cis.get(hit.ciId);
    return ci
      ? [{ ...hit, ciId: hit.ciId, name: ci.name, type: ci.type, status: ci.status, health: ci.health }]
      : [];
  });

/**
 * Active services (CIs of type `service`) among the CIs impact walks reached, their starts
 * included; sorted by name.
 * @example servicesIn([await walkCmdb(store, { startId: 'srv-1', direction: 'impact', depth: 10 })])
 * // [{ ciId: 'svc-1', name: 'Checkout' }]
 */
export const servicesIn = (walks: readonly CmdbWalk[]): Array<{ ciId: string; name: string }> => {
  const services = new Map<string, string>();
  for (const walk of walks) {
    for (const ci of walk.cis.values())
      if (ci.type === 'service' && ci.status === 'active') services.set(ci.id, ci.name);
  }
  return [...services]
    .map(([ciId, name]) => ({ ciId, name }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.ciId.localeCompare(b.ciId));
};

/** The impact walk, at the deepest depth, that impacted services and health propagation use. */
export const fullImpactWalk = (store: CmdbGraph, startId: string): Promise<CmdbWalk> =>
  walkCmdb(store, { startId, direction: 'impact', depth: MAX_WALK_DEPTH });

/**
 * Active services that need any of these CIs, directly or through a chain, the CIs themselves
 * included; sorted by name. The walks run side by side.
 * @example await impactedServices(store, ['srv-1']) // [{ ciId: 'svc-1', name: 'Checkout' }]
 */
export const impactedServices = async (
  store: CmdbGraph,
  ciIds: string[],
): Promise<Array<{ ciId: string; name: string }>> =>
  servicesIn(await Promise.all([...new Set(ciIds)].map((startId) => fullImpactWalk(store, startId))));

/**
 * `GET /cis/{id}/impact` and `/dependencies`: every CI that needs this one (or that it needs),
 * with distance and one shortest path. An unknown CI is 404; a bad depth 422.
 * @example await ciWalk(deps, serverId, 'impact', 5) // { items: [{ ciId: appId, distance: 1, ... }] }
 */
export const ciWalk = async (
  deps: CmdbDeps,
  id: string,
  direction: WalkDirection,
  depth?: number,
): Promise<{ items: WalkItem[] }> => {
  const walk = await walkCmdb(deps.cmdb.store, { startId: id, direction, depth });
  if (!walk.cis.has(id)) throw notFound('No CI with that id');
  return { items: walkItems(walk) };
};

/**
 * The CMDB over its graph store, as process dependencies carry it (`deps.cmdb`).
 * @example const deps = { ...others, cmdb: cmdbOver(new DynamoCmdbStore(client, table)) };
 */
export const cmdbOver = <Store extends CmdbGraph>(store: Store): CmdbReader & { store: Store } => ({
  store,
  impactedServices: (ciIds) => impactedServices(store, ciIds),
  relatedCis: (ciIds) => store.relatedCis(ciIds),
  changeFootprintWrites: (footprints) => footprints.map((footprint) => store.changeFootprintWrite(footprint)),
});
