import { validationError } from '#domain/errors.ts';
import { type AlarmRound, alarmRound } from '#domain/incident/alarm-batch.ts';
import { alarmImpact } from '#domain/incident/alarm-priority.ts';
import { withAlarm } from '#domain/incident/alarm-resolution.ts';
import { type AlarmTrack, incidentAlarm, untrackedAlarm } from '#domain/incident/alarm-track.ts';
import {
  type AlarmState,
  type Incident,
  type IncidentAlarm,
  isOpenIncident,
  type NewIncident,
  openIncident,
  trackedIncidentFields,
} from '#domain/incident/incident.ts';
import { assertCanLogIncident } from '#domain/incident/incident-access.ts';
import { type Actor, formatNumber } from '#domain/record/record.ts';
import { type RecordWrite, WriteConflict } from '#ports/record-store.ts';
import { alarmCi } from './alarm-ci.ts';
import { alarmGrouping } from './alarm-grouping.ts';
import { inKeyLane } from './alarm-lanes.ts';
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
  /**
   * Opens with exactly these fields, by this actor, instead of from the CI's tier (an inbound
   * `Create Incident` with a `dedupKey`): its CI, service and parent must exist, as for `POST /incidents`.
   */
  opening?: { input: NewIncident; actor: Actor };
}

export interface AlarmOutcome {
  incidentId?: string;
  action: 'opened' | 'occurrence' | 'cleared' | 'resolved' | 'duplicate' | 'stale' | 'recorded';
}

/** Who alarm-driven changes are by, in history and `createdBy`. */
export const alarmActor: Actor = { sub: 'opsdesk-alarms', roles: ['agent'] };

const maxTitle = 200;
const maxDescription = 20_000;
/** Deliveries of one key written together at most: their guards, the track and the incident fit one transaction. */
const maxRound = 40;
/** DynamoDB's limit of items in one TransactWriteItems. */
const transactionItems = 100;
/** Rounds retried from fresh reads when another container applied one of their event ids first. */
const duplicateRetries = 3;

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
 * A repeated ALARM costs one BatchGetItem (track + event id), one GetItem and the transaction;
 * deliveries of one key that arrive together in one container share a round (`inKeyLane`).
 * @example await signalAlarm(deps, { key: arn, name: 'cpu-high', arn, state: 'ALARM', eventId, at, title, description })
 */
export const signalAlarm = (deps: AlarmDeps, signal: AlarmSignal): Promise<AlarmOutcome> =>
  inKeyLane(deps, signal.key, signal, (signals) => applyRound(deps, signals), maxRound);

/** One round of a key's signals: what it takes, in one versioned write. */
const applyRound = async (deps: AlarmDeps, signals: AlarmSignal[]): Promise<AlarmOutcome[]> => {
  const first = signals[0] as AlarmSignal;
  let reserved: { id: string; number: string } | undefined;
  const reserve = async () => {
    reserved ??= {
      number: formatNumber('INC', await deps.store.nextSequence('incident')),
      id: deps.ids.next(),
    };
    return reserved;
  };
  for (let retry = 0; ; retry++) {
    try {
      return await writeVersioned<AlarmOutcome[]>(deps, {
        what: 'incident',
        attempt: async () => {
          const read = await deps.store.alarmTrack(
            first.key,
            signals.map((signal) => signal.eventId),
          );
          const track = read.track ?? untrackedAlarm(first.key);
          const seen = new Set(read.seen);
          if (signals.every((signal) => seen.has(signal.eventId)))
            return { done: signals.map(() => duplicateOf(track)) };
          const last = track.incidentId
            ? await deps.store.get<Incident>('incident', track.incidentId)
            : undefined;
          const open = last?.alarm && isOpenIncident(last) ? last : undefined;
          const view = open?.alarm && { alarm: incidentAlarm(open.alarm), version: open.version };
          // A round that would not fit one transaction (an incident whose CI moves the health of
          // many dependants) takes fewer deliveries; the rest wait for the next round.
          for (let count = signals.length; ; ) {
            const round = alarmRound({
              track,
              open: view,
              events: signals.slice(0, count).map((signal) => ({
                eventId: signal.eventId,
                change: { name: signal.name, arn: signal.arn, state: signal.state, at: signal.at },
              })),
              seen,
              autoResolve: deps.alarms.autoResolve,
            });
            const unit = await roundUnit(deps, signals, track, open, round, reserve);
            const items = 'done' in unit ? 0 : unitItems(unit);
            if (items <= transactionItems || round.taken <= 1) return unit;
            count = Math.max(1, round.taken - (items - transactionItems));
          }
        },
      });
    } catch (error) {
      // Another container applied one of these event ids first: read again, it is now a duplicate.
      if (error instanceof WriteConflict && error.reason === 'duplicate' && retry < duplicateRetries)
        continue;
      throw error;
    }
  }
};

/** A redelivery answered from the key's track alone: the incident last opened for it. */
const duplicateOf = (track: AlarmTrack): AlarmOutcome =>
  track.incidentId ? { action: 'duplicate', incidentId: track.incidentId } : { action: 'duplicate' };

/** How many items a unit writes: three per record version (record, history, event) and its other writes. */
const unitItems = (unit: VersionedUnit<unknown>): number =>
  unit.revisions.length * 3 + (unit.writes?.length ?? 0);

/** The unit of one round: the key's track, one guard per applied event id, and the incident version. */
const roundUnit = async (
  deps: AlarmDeps,
  signals: AlarmSignal[],
  track: AlarmTrack,
  open: Incident | undefined,
  round: AlarmRound,
  reserve: () => Promise<{ id: string; number: string }>,
): Promise<VersionedUnit<AlarmOutcome[]> | { done: AlarmOutcome[] }> => {
  const opened = round.incident?.opens ? await reserve() : undefined;
  const incidentId = opened?.id ?? open?.id;
  const outcomes = round.actions.map(
    (action): AlarmOutcome => (incidentId ? { action, incidentId } : { action }),
  );
  if (round.applied.length === 0) return { done: outcomes };
  const next = { ...round.track, incidentId: opened?.id ?? track.incidentId, revision: track.revision + 1 };
  const guards: RecordWrite[] = [
    { type: 'alarmTrack', track: next },
    ...round.applied.map((eventId): RecordWrite => ({ type: 'alarmEvent', key: track.key, eventId })),
  ];
  if (!round.incident) return { revisions: [], writes: guards, result: outcomes };
  const unit = opened
    ? await openedUnit(
        deps,
        signals[round.actions.indexOf('opened')] as AlarmSignal,
        round.incident.alarm,
        opened,
      )
    : await changedUnit(deps, open as Incident, round.incident);
  return { ...unit, writes: [...(unit.writes ?? []), ...guards], result: outcomes };
};

/** A new incident for the alarm, on its CI with the CI's tier as impact and urgency. */
const openedUnit = async (
  deps: AlarmDeps,
  signal: AlarmSignal,
  alarm: IncidentAlarm,
  reserved: { id: string; number: string },
): Promise<Omit<VersionedUnit<unknown>, 'result'>> => {
  const at = now(deps);
  const { input, actor } = signal.opening ?? (await alarmOpening(deps, signal));
  if (signal.opening) {
    assertCanLogIncident(actor, input);
    if (input.parentId && !(await deps.store.get<Incident>('incident', input.parentId)))
      throw validationError([{ path: 'parentId', message: 'no incident with that id' }]);
  }
  const built: Incident = { ...openIncident(input, actor, at), ...reserved, version: 1, alarm };
  const enriched = await enrichRecord(incidentEnrichers, deps, {
    before: undefined,
    after: built,
    actor: actor.sub,
    now: at,
  });
  // An alarm (not an inbound Create Incident, which names its own parent) may join a group.
  const grouping = signal.opening ? { writes: [] } : await alarmGrouping(deps, enriched.record, at);
  const record = grouping.parentId ? { ...enriched.record, parentId: grouping.parentId } : enriched.record;
  const changes = trackedIncidentFields.flatMap((field) =>
    record[field] === undefined ? [] : [{ field, from: null, to: record[field] }],
  );
  return {
    revisions: [{ kind: 'incident', record, actor: actor.sub, changes, detailType: 'Incident Created' }],
    writes: [...enriched.extraWrites, ...grouping.writes],
    followUps: enriched.followUps,
  };
};

/** What an alarm's incident opens with: its CI (if any matched), the tier's impact and urgency. */
const alarmOpening = async (
  deps: AlarmDeps,
  signal: AlarmSignal,
): Promise<{ input: NewIncident; actor: Actor }> => {
  const found = await alarmCi(deps, signal);
  const description = [signal.description, found.ci ? undefined : found.note]
    .filter((part) => part !== undefined && part.length > 0)
    .join('\n\n');
  return {
    actor: alarmActor,
    input: {
      title: signal.title.slice(0, maxTitle),
      description: description.slice(0, maxDescription),
      ...alarmImpact(found.ci?.serviceTier),
      ...(found.ci ? { ciId: found.ci.id } : {}),
    },
  };
};

/** The open incident with its alarm's next state, resolved too when the round says so. */
const changedUnit = async (
  deps: AlarmDeps,
  open: Incident,
  change: NonNullable<AlarmRound['incident']>,
): Promise<Omit<VersionedUnit<unknown>, 'result'>> => {
  const at = now(deps);
  const next = withAlarm(open, change.alarm, at, change.resolves);
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
        detailType: change.resolves ? 'Incident Resolved' : 'Incident Updated',
      },
    ],
    writes: enriched.extraWrites,
    followUps: enriched.followUps,
  };
};
