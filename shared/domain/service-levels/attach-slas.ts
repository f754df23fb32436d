import { notFound } from '../errors.ts';
import type { BusinessCalendar } from './business-calendar.ts';
import type { SlaRecordKind } from './record-lifecycle.ts';
import { timelineAsOf } from './record-timeline.ts';
import { computeSla } from './sla-clock.ts';
import type { RecordTimeline, SlaPolicy, SlaStatus } from './sla-policy.ts';

const matchesPriority = (policy: SlaPolicy, priority: number | undefined) =>
  !policy.priorities || (priority !== undefined && policy.priorities.includes(priority));

/**
 * The SLAs a record carries at `now`, re-derived from its whole history like ServiceNow's SLA repair:
 * each policy for the record type that matches the CURRENT priority runs from the record's creation,
 * as if the record had always had that priority; a policy that matched an earlier priority only is
 * `canceled` (stopped when the priority left it, whatever it had counted, since retroactively it
 * never applied); policies that never matched are absent.
 *
 * @throws DomainError `not_found` when a policy names a calendar missing from `calendars`.
 * @example
 * attachSlas(policies, { 'berlin-office': calendar }, 'incident', timeline, new Date());
 * // [{ policyId: 'p1-resolution', state: 'canceled', ... }, { policyId: 'p3-resolution', state: 'running', ... }]
 */
export const attachSlas = (
  policies: readonly SlaPolicy[],
  calendars: Readonly<Record<string, BusinessCalendar>>,
  recordType: SlaRecordKind,
  timeline: RecordTimeline,
  now: Date,
): SlaStatus[] => {
  const events = timelineAsOf(timeline, now.getTime());
  const current = events.at(-1)?.priority;
  const statuses: SlaStatus[] = [];
  for (const policy of policies) {
    if (policy.recordType !== recordType) continue;
    const calendar = policy.calendarId === undefined ? undefined : calendars[policy.calendarId];
    if (policy.calendarId !== undefined && !calendar) {
      throw notFound(`Business calendar ${policy.calendarId} of SLA policy ${policy.id} does not exist`);
    }
    if (matchesPriority(policy, current)) {
      statuses.push(computeSla(policy, calendar, timeline, now));
      continue;
    }
    const lastMatching = events.findLastIndex((event) => matchesPriority(policy, event.priority));
    const leftAt = events[lastMatching + 1];
    if (lastMatching < 0 || !leftAt) continue;
    const { breachedAt: _breachedAt, ...atLeave } = computeSla(
      policy,
      calendar,
      timeline,
      new Date(leftAt.atMs),
    );
    statuses.push({ ...atLeave, state: 'canceled', stoppedAt: new Date(leftAt.atMs).toISOString() });
  }
  return statuses;
};
