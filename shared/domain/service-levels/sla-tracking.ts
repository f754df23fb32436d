import {
  attachSlas,
  type BusinessCalendar,
  dueThresholds,
  nextSweepAt,
  type RecordTimeline,
  type SlaPolicy,
  type SlaRecordKind,
  type SlaStatus,
} from '#domain/service-levels/index.ts';
import type { ServiceLevelConfig } from './service-level-config.ts';
import type { SlaSubject, SlaTracking } from './sla-subject.ts';

/**
 * The record's timeline after a change: the creation entry on create, one more entry when the
 * state or priority moved. Older records that predate SLA tracking start from their current values.
 *
 * @example
 * extendTimeline(undefined, { createdAt: '2026-06-15T07:00:00.000Z', state: 'new', priority: 3, ... }, now);
 * // [{ at: '2026-06-15T07:00:00.000Z', state: 'new', priority: 3 }]
 */
export const extendTimeline = (
  before: SlaSubject | undefined,
  after: SlaSubject,
  now: string,
): RecordTimeline => {
  const entry = (at: string, record: SlaSubject) => ({
    at,
    state: record.state,
    ...(record.priority === undefined ? {} : { priority: record.priority }),
  });
  if (!before) return [entry(after.createdAt, after)];
  const timeline = before.slaTimeline ?? [entry(before.createdAt, before)];
  if (before.state === after.state && before.priority === after.priority) return timeline;
  const last = timeline.at(-1)?.at ?? after.createdAt;
  // The clock replays in order; a clock skew between containers must not reorder the history.
  return [...timeline, entry(now > last ? now : last, after)];
};

/** Policies usable for a record type: a policy whose calendar is gone is skipped, not fatal. */
const usablePolicies = (config: ServiceLevelConfig, recordType: SlaRecordKind): SlaPolicy[] =>
  config.policies.filter(
    (policy) =>
      policy.recordType === recordType &&
      (policy.calendarId === undefined || config.calendars[policy.calendarId] !== undefined),
  );

export const calendarOf = (config: ServiceLevelConfig, policy: SlaPolicy): BusinessCalendar | undefined =>
  policy.calendarId === undefined ? undefined : config.calendars[policy.calendarId];

export const emittedFor = (emitted: readonly string[], policyId: string): number[] =>
  emitted.flatMap((key) => {
    const at = key.lastIndexOf('@');
    return key.slice(0, at) === policyId ? [Number(key.slice(at + 1))] : [];
  });

/**
 * Which SLAs a record has: the ones already attached (its `slas` entries), each with the target it
 * had when it attached, so a policy edited later does not change a clock that was already running.
 * `attachNew` (creation, a priority change) also attaches every current policy not attached yet.
 */
export interface SlaScope {
  attached: readonly unknown[];
  attachNew: boolean;
}

/**
 * The policies a record's SLAs are computed with: every usable one without a scope (creation),
 * else the attached ones with their attach-time target, plus the others if `attachNew`.
 *
 * @example
 * scopedPolicies(config, 'incident', { attached: record.slas, attachNew: false });
 */
export const scopedPolicies = (
  config: ServiceLevelConfig,
  recordType: SlaRecordKind,
  scope?: SlaScope,
): SlaPolicy[] => {
  const usable = usablePolicies(config, recordType);
  if (!scope) return usable;
  const attached = new Map(
    (scope.attached as Partial<SlaStatus>[]).map((status) => [status.policyId, status.targetSeconds]),
  );
  return usable.flatMap((policy) => {
    if (!attached.has(policy.id)) return scope.attachNew ? [policy] : [];
    const targetSeconds = attached.get(policy.id);
    // Entries stored before targets were kept on them count with the current target.
    return [targetSeconds === undefined ? policy : { ...policy, targetSeconds }];
  });
};

/**
 * Every SLA of a record at `now`, recomputed from its timeline, and when the sweep must look next:
 * the earliest threshold ahead of a running clock, or `now` if a reached threshold is still owed
 * (a priority change can attach a policy that is already past its warnings). Each entry carries
 * the `targetSeconds` it is measured against. Without `scope`, every current policy attaches.
 *
 * @example
 * const { slas, slaNextCheckAt } = trackSlas(config, 'incident', timeline, [], new Date());
 */
export const trackSlas = (
  config: ServiceLevelConfig,
  recordType: SlaRecordKind,
  timeline: RecordTimeline,
  emitted: readonly string[],
  now: Date,
  scope?: SlaScope,
): SlaTracking => {
  const policies = scopedPolicies(config, recordType, scope);
  const slas = attachSlas(policies, config.calendars, recordType, timeline, now).map((status) => ({
    ...status,
    targetSeconds: policies.find((policy) => policy.id === status.policyId)?.targetSeconds,
  }));
  let next: string | undefined;
  for (const status of slas) {
    const policy = policies.find((candidate) => candidate.id === status.policyId);
    if (!policy) continue;
    const owed = dueThresholds(policy, status, emittedFor(emitted, policy.id)).length > 0;
    const at = owed ? now.toISOString() : nextSweepAt(policy, calendarOf(config, policy), status, now);
    if (at !== undefined && (next === undefined || at < next)) next = at;
  }
  return { slas, slaNextCheckAt: next };
};

/** A threshold the sweep announces: `SLA Warning` below 100, `SLA Breached` at 100. */
export interface SlaEmission {
  policy: SlaPolicy;
  status: SlaStatus;
  percent: number;
}

/**
 * The thresholds reached and not yet announced, per SLA, in order.
 *
 * @example
 * owedEmissions(config, slas, ['p1@50']); // [{ policy, status, percent: 75 }, { ..., percent: 100 }]
 */
export const owedEmissions = (
  config: ServiceLevelConfig,
  slas: readonly SlaStatus[],
  emitted: readonly string[],
): SlaEmission[] =>
  slas.flatMap((status) => {
    const current = config.policies.find((candidate) => candidate.id === status.policyId);
    if (!current) return [];
    const policy =
      status.targetSeconds === undefined ? current : { ...current, targetSeconds: status.targetSeconds };
    return dueThresholds(policy, status, emittedFor(emitted, policy.id)).map((percent) => ({
      policy,
      status,
      percent,
    }));
  });

/** The record with its tracked fields replaced (`slaNextCheckAt` left out when nothing is ahead). */
export const withTracking = <T extends SlaSubject>(
  record: T,
  timeline: RecordTimeline,
  tracking: SlaTracking,
  emitted?: readonly string[],
): T => {
  const { slaNextCheckAt: _previous, ...rest } = record;
  return {
    ...rest,
    slas: tracking.slas,
    slaTimeline: timeline,
    ...(emitted === undefined ? {} : { slaEmitted: [...emitted] }),
    ...(tracking.slaNextCheckAt === undefined ? {} : { slaNextCheckAt: tracking.slaNextCheckAt }),
  } as T;
};
