import type { SlaRecordKind } from '#domain/service-levels/index.ts';
import type { SlaSubject } from '#domain/service-levels/sla-subject.ts';
import { extendTimeline, trackSlas, withTracking } from '#domain/service-levels/sla-tracking.ts';
import type { ServiceLevelDeps } from '../dependencies.ts';
import type { RecordEnricher } from '../record-enrichment.ts';

/**
 * The enricher that keeps a record's SLAs: it appends state and priority moves to `slaTimeline`,
 * recomputes `slas` from it: at creation with every policy of the record type that matches the
 * priority, later with the SLAs attached then (each at its attach-time target), and on a priority
 * change re-evaluated from history with the current policies (like ServiceNow's SLA repair); it sets
 * `slaNextCheckAt`, which the store turns into the record's due-index entry in the same write.
 * Cost: one Query for all policies and calendars, none while the per-container cache is warm.
 *
 * @example
 * export const incidentEnrichers: RecordEnricher<Incident>[] = [trackServiceLevels('incident')];
 */
export const trackServiceLevels = <T extends SlaSubject>(
  recordType: SlaRecordKind,
): RecordEnricher<T, ServiceLevelDeps> =>
  async function attachServiceLevels(deps, change) {
    const timeline = extendTimeline(change.before, change.after, change.now);
    const config = await deps.serviceLevels.config();
    const at = new Date(Math.max(Date.parse(change.now), Date.parse(change.after.createdAt)));
    // Policies attach at creation; a priority change re-evaluates them (attaching any that match
    // now); any other change keeps the SLAs the record has, each with its attach-time target.
    const scope = change.before && {
      attached: change.before.slas,
      attachNew: change.before.priority !== change.after.priority,
    };
    const tracking = trackSlas(config, recordType, timeline, change.after.slaEmitted ?? [], at, scope);
    return { record: withTracking(change.after, timeline, tracking), extraWrites: [] };
  };
