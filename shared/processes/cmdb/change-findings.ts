import {
  findingsDepth,
  findingsLookbackSeconds,
  recentChangeFindings,
} from '#domain/incident/change-findings.ts';
import type { Incident } from '#domain/incident/incident.ts';
import type { CmdbDeps } from '../dependencies.ts';
import type { RecordEnricher } from '../record-enrichment.ts';
import { walkCmdb } from './impact-analysis.ts';

/**
 * Change correlation: when an incident opens on a CI, or moves to another, `findings` lists the
 * changes implemented in the 24 hours before it opened on that CI (distance 0) or on a CI it
 * needs (up to 3 relationships away), from each CI's change footprints: a walk of what the CI
 * needs (one round trip a level, the CI's own footprints read beside the first) and one Query per
 * CI it reached, in parallel. Nothing is read when the CI stays the same.
 * @example incidentEnrichers.push(changeFindingsEnricher);
 */
export const changeFindingsEnricher: RecordEnricher<Incident, CmdbDeps> = async (deps, change) => {
  const { before, after } = change;
  if (before !== undefined && before.ciId === after.ciId) return { record: after, extraWrites: [] };
  if (!after.ciId) return { record: { ...after, findings: [] }, extraWrites: [] };
  const { store } = deps.cmdb;
  const opened = Date.parse(after.createdAt);
  const range = {
    from: new Date(opened - findingsLookbackSeconds * 1000).toISOString(),
    to: after.createdAt,
  };
  // The CI's own footprints go with the walk's first level: one round trip for a CI that needs nothing.
  const [walk, own] = await Promise.all([
    walkCmdb(store, { startId: after.ciId, direction: 'dependencies', depth: findingsDepth }),
    store.recentChanges([after.ciId], range),
  ]);
  const needed = walk.hits.map((hit) => hit.ciId);
  const footprints = new Map([
    ...own,
    ...(needed.length > 0 ? await store.recentChanges(needed, range) : []),
  ]);
  const reached = [{ ciId: after.ciId, distance: 0 }, ...walk.hits];
  return { record: { ...after, findings: recentChangeFindings(reached, footprints) }, extraWrites: [] };
};
