import type { ChangeType } from '#domain/change/change.ts';
import {
  assessChangeRisk,
  type ChangeWindow,
  type PlannedChange,
  type RiskAssessment,
  type SchedulingContext,
} from '#domain/change/index.ts';
import { recentIncidentDays } from '#domain/change/risk/recent-incidents.ts';
import type { Incident } from '#domain/incident/incident.ts';
import type { ChangeDeps, RecordDeps } from './dependencies.ts';
import { allPages } from './record-history.ts';
import { now } from './record-lifecycle.ts';

/** States in which a change holds its slot on the calendar (see the domain's `holdsSlot`). */
const slotStates = ['scheduled', 'implement'] as const;
/**
 * How far around a change maintenance windows count: a change a week away from every
 * maintenance window of its CIs is "outside a maintenance window" too.
 */
const maintenanceHorizonMs = 7 * 86_400_000;
const shift = (timestamp: string, ms: number) => new Date(Date.parse(timestamp) + ms).toISOString();
/** Incidents read per CI for the risk: enough to count "3 or more" with room to report. */
const incidentsPerCi = 50;

/** Timestamps are stored in one form (UTC, milliseconds) so index sort keys compare as times. */
export const utc = (timestamp: string): string => new Date(timestamp).toISOString();

/**
 * Change windows overlapping [start, end): one Query on the windows' index sorted by end
 * (`end >= start` in the key condition), the start checked on what it returns.
 * @example await overlappingWindows(deps, '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z')
 */
export const overlappingWindows = async (
  deps: RecordDeps,
  start: string,
  end: string,
  kind?: ChangeWindow['kind'],
): Promise<ChangeWindow[]> => {
  const windows = await allPages((cursor) =>
    deps.store.list<ChangeWindow>('change_window', {
      filters: { kind },
      sortRange: { from: start },
      ascending: true,
      limit: 200,
      cursor,
    }),
  );
  return windows.filter((window) => window.start < end && window.end > start);
};

/**
 * Other changes holding a slot (scheduled or implementing) that overlap the change's window:
 * one Query per slot state on the state index, sorted by planned start (`plannedStart < end`
 * in the key condition); only changes not yet finished sit in those partitions.
 */
const overlappingChanges = async (deps: RecordDeps, change: PlannedChange) => {
  const found = await Promise.all(
    slotStates.map((state) =>
      allPages((cursor) =>
        deps.store.list<PlannedChange>('change', {
          filters: { state },
          sortRange: { before: change.plannedEnd },
          limit: 200,
          cursor,
        }),
      ),
    ),
  );
  return found.flat().filter((other) => other.id !== change.id && other.plannedEnd > change.plannedStart);
};

/**
 * What the conflict rules need about a change: overlapping changes, overlapping windows, and the
 * CMDB's one-hop related CIs.
 * @example findConflicts(change, await schedulingContext(deps, change))
 */
export const schedulingContext = async (
  deps: ChangeDeps,
  change: PlannedChange,
): Promise<SchedulingContext> => {
  const [otherChanges, windows, relatedCis] = await Promise.all([
    overlappingChanges(deps, change),
    overlappingWindows(deps, change.plannedStart, change.plannedEnd),
    deps.cmdb.relatedCis([...change.ciIds]),
  ]);
  return { otherChanges, windows, relatedCis };
};

/**
 * A change's risk from what the stores know: services impacted through the CMDB, incidents on its CIs in the last 30 days (one Query per CI on the incidents' CI
 * index, bounded by creation time), its type and the maintenance windows within a week of it.
 * @example (await changeRisk(deps, { type: 'normal', ciIds: ['ci-1'], plannedStart, plannedEnd })).risk
 */
export const changeRisk = async (
  deps: ChangeDeps,
  change: { type: ChangeType; ciIds: readonly string[]; plannedStart: string; plannedEnd: string },
): Promise<RiskAssessment> => {
  const at = now(deps);
  const since = new Date(Date.parse(at) - recentIncidentDays * 86_400_000).toISOString();
  const [services, incidentPages, windows] = await Promise.all([
    deps.cmdb.impactedServices([...change.ciIds]),
    Promise.all(
      change.ciIds.map((ciId) =>
        deps.store.list<Incident>('incident', {
          filters: { ciId },
          sortRange: { from: since },
          limit: incidentsPerCi,
        }),
      ),
    ),
    overlappingWindows(
      deps,
      shift(change.plannedStart, -maintenanceHorizonMs),
      shift(change.plannedEnd, maintenanceHorizonMs),
      'maintenance',
    ),
  ]);
  return assessChangeRisk({
    ...change,
    impactedServiceIds: [...new Set(services.map((service) => service.ciId))],
    incidents: incidentPages.flatMap((page) => page.items),
    windows,
    now: at,
  });
};
