import { alarmImpact } from '#domain/incident/alarm-priority.ts';
import { withAlarm } from '#domain/incident/alarm-resolution.ts';
import { type AlarmStep, alarmStep } from '#domain/incident/alarm-step.ts';
import { type AlarmTrack, incidentAlarm, untrackedAlarm } from '#domain/incident/alarm-track.ts';
import {
  type AlarmState,
  type Incident,
  isOpenIncident,
  openIncident,
  trackedIncidentFields,
} from '#domain/incident/incident.ts';
import { type Actor, formatNumber } from '#domain/record/record.ts';
import { type RecordWrite, WriteConflict } from '#ports/record-store.ts';
import { alarmCi } from './alarm-ci.ts';
import type { AlarmDeps } from './dependencies.ts';
import { incidentEnrichers } from './incident-enrichers.ts';
import { enrichRecord } from './record-enrichment.ts';
import { now, type VersionedUnit, writeVersioned } from './versioned-write.ts';

export type { AlarmState };

/** One state change of something that alarms: a CloudWatch alarm, a metric threshold, a burn rate. */
export interface AlarmSignal {
  /** Dedup key: the alarm ARN; metric thresholds use `threshold:<ciId>:<bindingKey>`, burn rate `burn-rate:<ciId>:<bindingKey>`. */
  key: string;
  /** Becomes `incident.alarm.name`, e.g. `threshold:cpu`. */
  name: string;
  /** `incident.alarm.arn` (thresholds pass an `opsdesk:` URN). */
  arn: string;
  state: AlarmState;
  /** One occurrence; a repeat of the same id counts once. */
  eventId: string;
  /** ISO time of the state change. */
  at: string;
  /** The CI, already resolved by the caller; when absent, `externalIds` are looked up. */
  ciId?: string;
  /** External ids that may name the CI (an alarm event's resources, ARNs from its dimensions), looked up only when an incident opens. */
  externalIds?: string[];
  title: string;
  description: string;
}

export interface AlarmOutcome {
  incidentId?: string;
  action: 'opened' | 'occurrence' | 'cleared' | 'resolved' | 'duplicate' | 'stale' | 'recorded';
}

/** Who alarm-driven changes are by, in history and `createdBy`. */
export const alarmActor: Actor = { sub: 'opsdesk-alarms', roles: ['agent'] };

const maxTitle = 200;
const maxDescription = 20_000;

/**
 * Applies one alarm state change to the incidents of its key (README, Alarms to incidents): opens
 * an incident on ALARM when none is open, else counts an occurrence; records OK (`clearedAt`,
 * resolving with `autoResolve` when nobody else changed it and it does not flap) and
 * INSUFFICIENT_DATA; ignores a redelivered event id (`duplicate`) and an OK or INSUFFICIENT_DATA
 * older than the last state change (`stale`).
 *
 * Every change is one TransactWriteItems: the incident version (with its history and event), the
 * key's track at its next revision and the event id's guard. A writer that read anything stale
 * loses its condition and starts again from fresh reads, so concurrent and out-of-order
 * deliveries leave one open incident per key whose `occurrences` counts distinct ALARM event ids.
 * A repeated ALARM costs one BatchGetItem (track + event id), one GetItem and the transaction.
 * @example await signalAlarm(deps, { key: arn, name: 'cpu-high', arn, state: 'ALARM', eventId, at, title, description })
 */
export const signalAlarm = async (deps: AlarmDeps, signal: AlarmSignal): Promise<AlarmOutcome> => {
  let tracked: string | undefined;
  let reserved: { id: string; number: string } | undefined;
  const reserve = async () => {
    reserved ??= {
      number: formatNumber('INC', await deps.store.nextSequence('incident')),
      id: deps.ids.next(),
    };
    return reserved;
  };
  try {
    return await writeVersioned<AlarmOutcome>(deps, {
      what: 'incident',
      attempt: async () => {
        const read = await deps.store.alarmTrack(signal.key, signal.eventId);
        tracked = read.track?.incidentId;
        if (read.seen) return { done: { action: 'duplicate', incidentId: tracked } };
        const track = read.track ?? untrackedAlarm(signal.key);
        const last = track.incidentId
          ? await deps.store.get<Incident>('incident', track.incidentId)
          : undefined;
        const open = last && isOpenIncident(last) && last.alarm ? last : undefined;
        const step = alarmStep({
          track,
          open: open?.alarm && { alarm: incidentAlarm(open.alarm), version: open.version },
          change: { name: signal.name, arn: signal.arn, state: signal.state, at: signal.at },
          autoResolve: deps.alarms.autoResolve,
        });
        if (step.action === 'stale') return { done: { action: 'stale', incidentId: open?.id } };
        const guards = (next: AlarmTrack): RecordWrite[] => [
          { type: 'alarmTrack', track: { ...next, revision: track.revision + 1 } },
          { type: 'alarmEvent', key: signal.key, eventId: signal.eventId },
        ];
        if (!step.alarm)
          return { revisions: [], writes: guards(step.track), result: { action: step.action } };
        if (step.action === 'opened') return openedUnit(deps, signal, step, await reserve(), guards);
        return changedUnit(deps, open as Incident, step, guards);
      },
    });
  } catch (error) {
    if (error instanceof WriteConflict && error.reason === 'duplicate')
      return { action: 'duplicate', incidentId: tracked };
    throw error;
  }
};

/** A new incident for the alarm, on its CI with the CI's tier as impact and urgency. */
const openedUnit = async (
  deps: AlarmDeps,
  signal: AlarmSignal,
  step: AlarmStep,
  reserved: { id: string; number: string },
  guards: (track: AlarmTrack) => RecordWrite[],
): Promise<VersionedUnit<AlarmOutcome>> => {
  const at = now(deps);
  const found = await alarmCi(deps, signal);
  const description = [signal.description, found.ci ? undefined : found.note]
    .filter((part) => part !== undefined && part.length > 0)
    .join('\n\n');
  const built: Incident = {
    ...openIncident(
      {
        title: signal.title.slice(0, maxTitle),
        description: description.slice(0, maxDescription),
        ...alarmImpact(found.ci?.serviceTier),
        ...(found.ci ? { ciId: found.ci.id } : {}),
      },
      alarmActor,
      at,
    ),
    ...reserved,
    version: 1,
    alarm: step.alarm,
  };
  const enriched = await enrichRecord(incidentEnrichers, deps, {
    before: undefined,
    after: built,
    actor: alarmActor.sub,
    now: at,
  });
  const record = enriched.record;
  const changes = trackedIncidentFields.flatMap((field) =>
    record[field] === undefined ? [] : [{ field, from: null, to: record[field] }],
  );
  return {
    revisions: [{ kind: 'incident', record, actor: alarmActor.sub, changes, detailType: 'Incident Created' }],
    writes: [...enriched.extraWrites, ...guards({ ...step.track, incidentId: record.id })],
    followUps: enriched.followUps,
    result: { action: 'opened', incidentId: record.id },
  };
};

/** The open incident with its alarm's next state, resolved too when the step says so. */
const changedUnit = async (
  deps: AlarmDeps,
  open: Incident,
  step: AlarmStep,
  guards: (track: AlarmTrack) => RecordWrite[],
): Promise<VersionedUnit<AlarmOutcome>> => {
  const at = now(deps);
  const resolved = step.action === 'resolved';
  const next = withAlarm(open, step.alarm as NonNullable<AlarmStep['alarm']>, at, resolved);
  const enriched = await enrichRecord(incidentEnrichers, deps, {
    before: open,
    after: { ...next.incident, version: open.version + 1 },
    actor: alarmActor.sub,
    now: at,
  });
  return {
    revisions: [
      {
        kind: 'incident',
        record: enriched.record,
        actor: alarmActor.sub,
        changes: next.changes,
        detailType: resolved ? 'Incident Resolved' : 'Incident Updated',
      },
    ],
    writes: [...enriched.extraWrites, ...guards(step.track)],
    followUps: enriched.followUps,
    result: { action: step.action as AlarmOutcome['action'], incidentId: open.id },
  };
};
