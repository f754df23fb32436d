import { type CiReference, ciReferenceErrors } from '#domain/cmdb/ci-references.ts';
import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import { incidentSignalMoves, movedOpenIncidents } from '#domain/cmdb/incident-signals.ts';
import { validationError } from '#domain/errors.ts';
import type { Incident } from '#domain/incident/incident.ts';
import type { CmdbDeps, FailureReporting, RecordDeps } from '../dependencies.ts';
import { afterCommit, type RecordEnricher } from '../record-enrichment.ts';
import {
  ciRevisionWrites,
  healthRevisions,
  healthRevisionsPerTransaction,
  recomputeHealth,
} from './health-recompute.ts';
import { type CmdbWalk, fullImpactWalk, servicesIn } from './impact-analysis.ts';

/**
 * The CMDB's part of every incident change, in the incident's own transaction:
 * - references: a `ciId` or `serviceId` set or changed must name an active CI (422 "no CI with
 *   that id" / "CI is retired"), read from the walk the CI gets anyway (no extra round trip;
 *   a `serviceId` other than the CI costs one BatchGet, sent beside the walk);
 * - `impactedServices`: the services that need the incident's CI, set when the CI changes;
 * - health: when the incident opens, closes, moves CI or changes priority, the CI's open
 *   incidents and own health change, and so may the health of everything that needs it. The
 *   nearest 25 CIs that change are written with the incident (a race with another writer of
 *   one of them retries the whole change); any further ones right after it commits.
 * @example incidentEnrichers.push(cmdbIncidentEnricher);
 */
export const cmdbIncidentEnricher: RecordEnricher<
  Incident,
  RecordDeps & CmdbDeps & FailureReporting
> = async (deps, change) => {
  const { store } = deps.cmdb;
  const { before, after } = change;
  const ciChanged = before === undefined || before.ciId !== after.ciId;
  const moves = incidentSignalMoves(before, after);
  // One impact walk per CI touched serves both impacted services and health: its first level
  // reads the CI itself.
  const starts = new Set([...moves.keys(), ...(ciChanged && after.ciId ? [after.ciId] : [])]);
  const references: CiReference[] = [
    ...(ciChanged && after.ciId ? [{ path: 'ciId', id: after.ciId }] : []),
    ...(after.serviceId && after.serviceId !== before?.serviceId
      ? [{ path: 'serviceId', id: after.serviceId }]
      : []),
  ];
  const unwalked = references.map((reference) => reference.id).filter((id) => !starts.has(id));
  const [walked, others] = await Promise.all([
    Promise.all([...starts].map(async (id) => [id, await fullImpactWalk(store, id)] as const)),
    unwalked.length > 0 ? store.cis(unwalked) : new Map<string, ConfigurationItem>(),
  ]);
  const walks = new Map(walked);
  const found = new Map(others);
  for (const [id, walk] of walks) {
    const ci = walk.cis.get(id);
    if (ci) found.set(id, ci);
  }
  const errors = ciReferenceErrors(references, found);
  if (errors.length > 0) throw validationError(errors, 'The incident names a CI it cannot have');
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
    extraWrites: now.flatMap((revision) => ciRevisionWrites(deps, revision, change.actor)),
    followUps: later.length > 0 ? [afterCommit(deps, () => recomputeHealth(deps, later, change.actor))] : [],
  };
};
