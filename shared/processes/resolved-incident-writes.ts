import type { Incident } from '#domain/incident/incident.ts';
import type { FieldChange } from '#domain/record/record.ts';
import type { RecordWrite } from '#ports/record-store.ts';
import type { IncidentDeps } from './dependencies.ts';
import { incidentEnrichers } from './incident-enrichers.ts';
import { enrichRecord, type FollowUp } from './record-enrichment.ts';
import { now, revisionWrites } from './versioned-write.ts';

/** An incident's next version inside another record's unit, and what it defers past the commit. */
export interface LinkedIncidentWrites {
  writes: RecordWrite[];
  followUps: FollowUp[];
}

/**
 * Writes that resolve an incident as a side effect of another record (a problem, a parent
 * incident), with the incident enrichers run as for any incident change (service levels stop
 * their clocks, the CMDB moves health); their follow-ups run after the unit commits.
 * @example await resolvedIncidentWrites(deps, 'alice', child, resolveWithParent(child, parent, at))
 */
export const resolvedIncidentWrites = async (
  deps: IncidentDeps,
  actor: string,
  before: Incident,
  resolved: { incident: Incident; changes: FieldChange[] },
): Promise<LinkedIncidentWrites> => {
  const enriched = await enrichRecord(incidentEnrichers, deps, {
    before,
    after: { ...resolved.incident, version: before.version + 1 },
    actor,
    now: now(deps),
  });
  return {
    writes: [
      ...enriched.extraWrites,
      ...revisionWrites(deps, {
        kind: 'incident',
        record: enriched.record,
        actor,
        changes: resolved.changes,
        detailType: 'Incident Resolved',
      }),
    ],
    followUps: enriched.followUps,
  };
};

/**
 * Which incidents resolve inside another record's transaction (at most `limit`) and which one by
 * one right after it commits. Resolving an incident on a CI moves that CI's health, and its
 * dependants', which the record itself or another incident of the unit may move too; DynamoDB
 * refuses a transaction that writes one item twice, so each of those gets its own transaction,
 * which reads the CIs afresh.
 * @example const { alongside, after } = resolvedAlongside(children, 30);
 */
export const resolvedAlongside = (incidents: Incident[], limit: number) => {
  const alongside = incidents.filter((incident) => !incident.ciId).slice(0, limit);
  return { alongside, after: incidents.filter((incident) => !alongside.includes(incident)) };
};
