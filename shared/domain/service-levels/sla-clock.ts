import type { BusinessCalendar } from './business-calendar.ts';
import { addBusinessMs, businessMsBetween } from './business-time.ts';
import { type ClockPhase, nextPhase } from './clock-phase.ts';
import { RECORD_LIFECYCLES } from './record-lifecycle.ts';
import { timelineAsOf } from './record-timeline.ts';
import type { RecordTimeline, SlaPolicy, SlaState, SlaStatus } from './sla-policy.ts';

const iso = (ms: number) => new Date(ms).toISOString();

const stateOf = (phase: ClockPhase, breached: boolean): SlaState => {
  // A breach is a fact: canceling or resolving the record afterwards does not undo it.
  if (breached) return 'breached';
  if (phase.kind === 'stopped') return 'met';
  return phase.kind === 'counting' ? 'running' : phase.kind;
};

/**
 * One policy's SLA for one record, from its history alone: replaying the timeline is how the live
 * clock and an SLA repair both get their answer, so they cannot disagree.
 *
 * - Only business time of the calendar counts, never while in a pause state.
 * - `breached` as soon as elapsed reaches the target, even while still counting; `breachedAt` is the
 *   exact instant it did.
 * - `dueAt` is when the remaining time runs out if the clock runs from now on. While paused it is
 *   computed as if resumed now (so it drifts as the pause lasts); once stopped, as if it had kept
 *   running from the stop; once breached it is `breachedAt`.
 * - Entries after `now` are ignored; a `now` before creation counts as creation.
 *
 * @example
 * const status = computeSla(policy, calendar, [{ at: '2026-06-15T07:00:00Z', state: 'new', priority: 1 }], now);
 * status.state; // 'running'
 */
export const computeSla = (
  policy: SlaPolicy,
  calendar: BusinessCalendar | undefined,
  timeline: RecordTimeline,
  now: Date,
): SlaStatus => {
  if (!(policy.targetSeconds > 0)) throw new RangeError(`SLA policy ${policy.id} needs a positive target`);
  const lifecycle = RECORD_LIFECYCLES[policy.recordType];
  const events = timelineAsOf(timeline, now.getTime());
  const createdMs = events[0]?.atMs ?? 0;
  const nowMs = Math.max(now.getTime(), createdMs);
  const targetMs = policy.targetSeconds * 1000;

  let elapsedMs = 0;
  let breachedAtMs: number | undefined;
  let phase: ClockPhase | undefined;
  for (const [index, event] of events.entries()) {
    phase = nextPhase(policy, lifecycle, phase, event.state, event.atMs);
    if (phase.kind !== 'counting') continue;
    const counted = businessMsBetween(calendar, event.atMs, events[index + 1]?.atMs ?? nowMs);
    if (breachedAtMs === undefined && elapsedMs + counted >= targetMs) {
      breachedAtMs = addBusinessMs(calendar, event.atMs, targetMs - elapsedMs);
    }
    elapsedMs += counted;
  }
  if (!phase) throw new RangeError('A record timeline starts with its creation');

  const stoppedMs = phase.kind === 'stopped' || phase.kind === 'canceled' ? phase.sinceMs : undefined;
  const elapsedSeconds = Math.floor(elapsedMs / 1000);
  return {
    policyId: policy.id,
    metric: policy.metric,
    state: stateOf(phase, breachedAtMs !== undefined),
    startedAt: iso(createdMs),
    dueAt: iso(breachedAtMs ?? addBusinessMs(calendar, stoppedMs ?? nowMs, targetMs - elapsedMs)),
    elapsedSeconds,
    // Truncated, not rounded, so that 100.00 is never shown for a clock that has not breached.
    percentElapsed: Math.floor((elapsedSeconds * 10_000) / policy.targetSeconds) / 100,
    ...(breachedAtMs === undefined ? {} : { breachedAt: iso(breachedAtMs) }),
    ...(stoppedMs === undefined ? {} : { stoppedAt: iso(stoppedMs) }),
  };
};
