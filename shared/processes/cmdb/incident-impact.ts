import type { Incident } from '#domain/incident/incident.ts';
import type { RecordEnricher } from '../record-enrichment.ts';
import {
  healthRevisions,
  healthRevisionsPerTransaction,
  recomputeHealth,
  revisionWrites,
} from './health-recompute.ts';
import { type CmdbWalk, fullImpactWalk, servicesIn } from './impact-analysis.ts';
import { incidentSignalMoves, movedOpenIncidents } from './incident-signals.ts';

/**
 * The CMDB's part of every incident change, in the incident's own transaction:
 * - `impactedServices`: the services that need the incident's CI, set when the CI changes;
 * - health: when the incident opens, closes, moves CI or changes priority, the CI's open
 *   incidents and own health change, and so may the health of everything that needs it. The
 *   nearest 25 CIs that change are written with the incident (a race with another writer of
 *   one of them retries the whole change); any further ones right after it commits.
 * Without a CMDB in the wiring it changes nothing.
 * @example incidentEnrichers.push(cmdbIncidentEnricher);
 */
export const cmdbIncidentEnricher: RecordEnricher<Incident> = async (deps, change) => {
  const cmdb = deps.cmdb;
  const { before, after } = change;
  const ciChanged = before === undefined || before.ciId !== after.ciId;
  const moves = incidentSignalMoves(before, after);
  if (!cmdb) return { record: after, extraWrites: [] };
  const store = cmdb.store;
  if (!store) {
    if (!ciChanged) return { record: after, extraWrites: [] };
    const impacted = after.ciId ? await cmdb.impactedServices([after.ciId]) : [];
    return { record: { ...after, impactedServices: impacted }, extraWrites: [] };
  }
  // One impact walk per CI touched serves both impacted services and health: its first level
  // reads the CI itself.
  const starts = new Set([...moves.keys(), ...(ciChanged && after.ciId ? [after.ciId] : [])]);
  const walks = new Map(
    await Promise.all([...starts].map(async (id) => [id, await fullImpactWalk(store, id)] as const)),
  );
  const record = ciChanged
    ? { ...after, impactedServices: servicesIn(after.ciId ? [walks.get(after.ciId) as CmdbWalk] : []) }
    : after;
  const seeds = [...moves].flatMap(([ciId, priority]) => {
    const ci = walks.get(ciId)?.cis.get(ciId);
    if (!ci) return [];
    const openIncidents = movedOpenIncidents(ci.openIncidents ?? {}, after.id, priority);
    return openIncidents === ci.openIncidents ? [] : [{ ci, openIncidents }];
  });
  const revisions = await healthRevisions(store, seeds, walks);
  const now = revisions.slice(0, healthRevisionsPerTransaction);
  const later = revisions.slice(healthRevisionsPerTransaction).map((revision) => revision.before.id);
  return {
    record,
    extraWrites: now.flatMap((revision) => revisionWrites(deps, revision, change.actor)),
    followUps: later.length > 0 ? [() => recomputeHealth(deps, later, change.actor)] : [],
  };
};
