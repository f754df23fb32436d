import { type Health, ownHealth } from '#domain/cmdb/ci-health.ts';
import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import { healthRecomputeSet, propagateHealth } from '#domain/cmdb/health-propagation.ts';
import type { Priority } from '#domain/incident/priority.ts';
import { diffFields } from '#domain/record/record.ts';
import type { CmdbGraph } from '#ports/cmdb-store.ts';
import type { RecordWrite } from '#ports/record-store.ts';
import type { CmdbDeps, RecordDeps } from '../dependencies.ts';
import { now, type RecordRevision, revisionWrites, writeVersioned } from '../versioned-write.ts';
import { type CmdbWalk, fullImpactWalk } from './impact-analysis.ts';

/** A CI whose own signals change: its stored record and its open incidents from now on. */
export interface HealthSeed {
  ci: ConfigurationItem;
  openIncidents: Record<string, Priority>;
  /** The metric thresholds breached on it from now on; the stored ones when left out. */
  breachedThresholds?: string[];
}

/** One CI to write: as stored, and as it should be. */
export interface CiRevision {
  before: ConfigurationItem;
  after: ConfigurationItem;
}

/** CIs whose health changes that are written with the change that caused it (3 writes each). */
export const healthRevisionsPerTransaction = 25;

const trackedHealthFields = ['health', 'ownHealth', 'openIncidents', 'breachedThresholds'] as const;

const ownHealthOf = (openIncidents: Record<string, Priority>, breached: readonly string[]): Health =>
  ownHealth({
    openIncidentPriorities: Object.values(openIncidents),
    breachedThresholds: breached.map((key) => ({ key })),
  });

/**
 * The CIs whose stored health must change when the seeds' own signals change: the seeds and
 * everything that needs them (impact walks, depth 10), with effective health propagated from
 * what each needs. Nearest first: seeds, then by walk distance. Reads only, writes nothing;
 * `walked` holds impact walks already made from some seeds, so they are not walked twice.
 * @example await healthRevisions(store, [{ ci: server, openIncidents: { inc1: 1 } }]) // server and app go `down`
 */
export const healthRevisions = async (
  store: CmdbGraph,
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
  const seedBreached = new Map(
    seeds.map((seed) => [seed.ci.id, seed.breachedThresholds ?? seed.ci.breachedThresholds ?? []]),
  );
  const own = new Map(
    affected.map((id) => {
      const open = seedOpen.get(id);
      return [
        id,
        open ? ownHealthOf(open, seedBreached.get(id) ?? []) : (known.get(id) as ConfigurationItem).ownHealth,
      ];
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
        ...breachedField(seedBreached.get(id) ?? before.breachedThresholds),
        ownHealth: own.get(id) ?? before.ownHealth,
        health: health.get(id) ?? before.health,
      };
      return { before, after };
    })
    .filter(({ before, after }) => diffFields(before, after, trackedHealthFields).length > 0)
    .sort((a, b) => (distance.get(a.before.id) ?? 0) - (distance.get(b.before.id) ?? 0));
};

/** The field as stored: absent when nothing is breached. */
const breachedField = (keys: readonly string[] | undefined) =>
  keys && keys.length > 0 ? { breachedThresholds: [...keys].sort() } : { breachedThresholds: undefined };

/** A CI revision as a version: the record (version + 1, updated now), history and `CI Updated`. */
const ciVersion = (
  deps: Pick<RecordDeps, 'clock'>,
  revision: CiRevision,
  actor: string,
  fields: readonly (keyof ConfigurationItem)[],
): RecordRevision<ConfigurationItem> => {
  const { before } = revision;
  const after = { ...revision.after, version: before.version + 1, updatedAt: now(deps) };
  return {
    kind: 'ci',
    record: after,
    actor,
    changes: diffFields(before, after, fields),
    detailType: 'CI Updated',
  };
};

/**
 * The writes of one CI revision inside another record's unit (an incident moving a CI's health):
 * the record only if still at the version read, its history entry and its `CI Updated` event.
 * @example extraWrites.push(...ciRevisionWrites(deps, revision, 'alice'));
 */
export const ciRevisionWrites = (
  deps: Pick<RecordDeps, 'clock' | 'ids'>,
  revision: CiRevision,
  actor: string,
  fields: readonly (keyof ConfigurationItem)[] = trackedHealthFields,
): RecordWrite[] => revisionWrites(deps, ciVersion(deps, revision, actor, fields));

/**
 * Recomputes and stores the health of these CIs and of everything that needs them, as versioned
 * writes of 25 CIs each (nearest first), each from fresh reads: a lost race with another writer
 * reads again under the one write retry policy, and what a unit did not hold is recomputed for
 * the next. Used after edges change and for what an incident's transaction could not hold.
 * @example await recomputeHealth(deps, ['app-1'], 'alice');
 */
export const recomputeHealth = async (deps: RecordDeps & CmdbDeps, ciIds: string[], actor: string) => {
  const { store } = deps.cmdb;
  let more = true;
  while (more)
    more = await writeVersioned<boolean>(deps, {
      what: 'CI health',
      attempt: async () => {
        const cis = await store.cis(ciIds);
        const seeds = [...cis.values()].map((ci) => ({ ci, openIncidents: ci.openIncidents }));
        const revisions = await healthRevisions(store, seeds);
        if (revisions.length === 0) return { done: false };
        return {
          revisions: revisions
            .slice(0, healthRevisionsPerTransaction)
            .map((revision) => ciVersion(deps, revision, actor, trackedHealthFields)),
          result: revisions.length > healthRevisionsPerTransaction,
        };
      },
    });
};

/**
 * Marks a metric threshold of a CI breached or cleared: the CI's own health is at least
 * `degraded` while any threshold is breached, propagated to everything that needs it, in
 * versioned writes of 25 CIs (the CI first). Nothing is written when the mark is already so.
 * @example await markThreshold(deps, ciId, 'cpu', true, 'opsdesk:metrics-ingest');
 */
export const markThreshold = async (
  deps: RecordDeps & CmdbDeps,
  ciId: string,
  key: string,
  breached: boolean,
  actor: string,
) => {
  const { store } = deps.cmdb;
  const more = await writeVersioned<boolean>(deps, {
    what: 'CI health',
    attempt: async () => {
      const ci = (await store.cis([ciId])).get(ciId);
      if (!ci) return { done: false };
      const keys = new Set(ci.breachedThresholds ?? []);
      if (breached === keys.has(key)) return { done: false };
      if (breached) keys.add(key);
      else keys.delete(key);
      const revisions = await healthRevisions(store, [
        { ci, openIncidents: ci.openIncidents, breachedThresholds: [...keys] },
      ]);
      return {
        revisions: revisions
          .slice(0, healthRevisionsPerTransaction)
          .map((revision) => ciVersion(deps, revision, actor, trackedHealthFields)),
        result: revisions.length > healthRevisionsPerTransaction,
      };
    },
  });
  if (more) await recomputeHealth(deps, [ciId], actor);
};
