import { type Health, ownHealth } from '#domain/cmdb/ci-health.ts';
import { healthRecomputeSet, propagateHealth } from '#domain/cmdb/health-propagation.ts';
import type { Priority } from '#domain/incident/priority.ts';
import { diffFields } from '#domain/record/record.ts';
import type { CmdbStore, ConfigurationItem } from '#ports/cmdb-store.ts';
import { type RecordWrite, WriteConflict } from '#ports/record-store.ts';
import type { ProcessDependencies } from '../dependencies.ts';
import { now, recordEvent } from '../record-lifecycle.ts';
import { cmdbOf } from './cmdb-access.ts';
import { type CmdbWalk, fullImpactWalk } from './impact-analysis.ts';

/** A CI whose own signals change: its stored record and its open incidents from now on. */
export interface HealthSeed {
  ci: ConfigurationItem;
  openIncidents: Record<string, Priority>;
}

/** One CI to write: as stored, and as it should be. */
export interface CiRevision {
  before: ConfigurationItem;
  after: ConfigurationItem;
}

/** CIs whose health changes that are written with the change that caused it (3 writes each). */
export const healthRevisionsPerTransaction = 25;

const trackedHealthFields = ['health', 'ownHealth', 'openIncidents'] as const;

const ownHealthOf = (openIncidents: Record<string, Priority>): Health =>
  ownHealth({ openIncidentPriorities: Object.values(openIncidents), breachedThresholds: [] });

/**
 * The CIs whose stored health must change when the seeds' own signals change: the seeds and
 * everything that needs them (impact walks, depth 10), with effective health propagated from
 * what each needs. Nearest first: seeds, then by walk distance. Reads only, writes nothing;
 * `walked` holds impact walks already made from some seeds, so they are not walked twice.
 * @example await healthRevisions(store, [{ ci: server, openIncidents: { inc1: 1 } }]) // server and app go `down`
 */
export const healthRevisions = async (
  store: CmdbStore,
  seeds: HealthSeed[],
  walked: ReadonlyMap<string, CmdbWalk> = new Map(),
): Promise<CiRevision[]> => {
  if (seeds.length === 0) return [];
  const walks = await Promise.all(
    seeds.map((seed) => walked.get(seed.ci.id) ?? fullImpactWalk(store, seed.ci.id)),
  );
  const known = new Map<string, ConfigurationItem>();
  const distance = new Map<string, number>();
  for (const walk of walks) {
    for (const [id, ci] of walk.cis) known.set(id, ci);
    for (const hit of walk.hits)
      distance.set(hit.ciId, Math.min(hit.distance, distance.get(hit.ciId) ?? hit.distance));
  }
  for (const seed of seeds) {
    known.set(seed.ci.id, seed.ci);
    distance.set(seed.ci.id, 0);
  }
  const affected: string[] = healthRecomputeSet(
    seeds.map((seed) => seed.ci.id),
    walks.flatMap((walk) => walk.hits),
  ).filter((id) => known.has(id));
  const seedOpen = new Map(seeds.map((seed) => [seed.ci.id, seed.openIncidents]));
  const own = new Map(
    affected.map((id) => {
      const open = seedOpen.get(id);
      return [id, open ? ownHealthOf(open) : (known.get(id) as ConfigurationItem).ownHealth];
    }),
  );
  const { neighbours } = await store.level(affected, 'dependencies');
  const needs = new Map([...neighbours].map(([id, list]) => [id, list.map((n) => n.ciId)]));
  const affectedIds = new Set(affected);
  const outside = [...new Set([...needs.values()].flat())].filter((id) => !affectedIds.has(id));
  const storedCis = outside.length > 0 ? await store.cis(outside) : new Map<string, ConfigurationItem>();
  const stored = new Map([...storedCis].map(([id, ci]) => [id, ci.health]));
  const health = propagateHealth({ affected, own, needs, stored });
  return affected
    .map((id) => {
      const before = known.get(id) as ConfigurationItem;
      const after: ConfigurationItem = {
        ...before,
        openIncidents: seedOpen.get(id) ?? before.openIncidents,
        ownHealth: own.get(id) ?? before.ownHealth,
        health: health.get(id) ?? before.health,
      };
      return { before, after };
    })
    .filter(({ before, after }) => diffFields(before, after, trackedHealthFields).length > 0)
    .sort((a, b) => (distance.get(a.before.id) ?? 0) - (distance.get(b.before.id) ?? 0));
};

/**
 * The writes of one CI revision: the record (version + 1, only if still at the version read),
 * its history entry and its `CI Updated` event.
 * @example deps.store.commit(revisionWrites(deps, revision, 'alice'));
 */
export const revisionWrites = (
  deps: ProcessDependencies,
  revision: CiRevision,
  actor: string,
  fields: readonly (keyof ConfigurationItem)[] = trackedHealthFields,
): RecordWrite[] => {
  const at = now(deps);
  const { before } = revision;
  const after = { ...revision.after, version: before.version + 1, updatedAt: at };
  const changes = diffFields(before, after, fields);
  return [
    { type: 'update', kind: 'ci', record: after, expectedVersion: before.version },
    {
      type: 'history',
      kind: 'ci',
      recordId: after.id,
      entry: { version: after.version, at, actor, changes },
    },
    recordEvent(deps, 'ci', 'CI Updated', after, changes),
  ];
};

const maxAttempts = 6;

/**
 * Recomputes and stores the health of these CIs and of everything that needs them, in
 * transactions of 25 CIs (nearest first); a lost race with another writer starts over from
 * fresh reads. Used after edges change and for what an incident's transaction could not hold.
 * @example await recomputeHealth(deps, ['app-1'], 'alice');
 */
export const recomputeHealth = async (deps: ProcessDependencies, ciIds: string[], actor: string) => {
  const { store } = cmdbOf(deps);
  for (let attempt = 1; ; attempt++) {
    const cis = await store.cis(ciIds);
    const seeds = [...cis.values()].map((ci) => ({ ci, openIncidents: ci.openIncidents }));
    const revisions = await healthRevisions(store, seeds);
    try {
      for (let start = 0; start < revisions.length; start += healthRevisionsPerTransaction) {
        const chunk = revisions.slice(start, start + healthRevisionsPerTransaction);
        await deps.store.commit(chunk.flatMap((revision) => revisionWrites(deps, revision, actor)));
      }
      return;
    } catch (error) {
      if (!(error instanceof WriteConflict) || error.reason !== 'version' || attempt >= maxAttempts)
        throw error;
    }
  }
};
