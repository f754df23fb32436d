import { isFlapping, recentFlips } from './alarm-flapping.ts';
import type { AlarmTrack } from './alarm-track.ts';
import type { AlarmState, IncidentAlarm } from './incident.ts';

/** One state change of an alarm, as the state machine sees it. */
export interface AlarmChange {
  name: string;
  arn: string;
  state: AlarmState;
  /** When the alarm changed state (ISO time). */
  at: string;
}

/** The incident currently open for the key: its alarm and its version. */
export interface OpenAlarmIncident {
  alarm: IncidentAlarm;
  version: number;
}

/**
 * What one (first-seen) event does:
 * - `opened`: a new incident with `alarm`; `cleared`/`occurrence`/`recorded`/`resolved`: the open
 *   incident takes `alarm` (and, for `resolved`, is resolved);
 * - `recorded` without `alarm`: no incident is open, the track alone records the state;
 * - `stale`: an event older than the last state change that counts nothing: nothing is written.
 */
export interface AlarmStep {
  action: 'opened' | 'occurrence' | 'cleared' | 'resolved' | 'recorded' | 'stale';
  /** The key's next track (its `incidentId` is the caller's to set when an incident opens). */
  track: AlarmTrack;
  /** The open or new incident's next alarm; absent when no incident changes. */
  alarm?: IncidentAlarm;
}

const earlier = (a: string, b: string): boolean => Date.parse(a) < Date.parse(b);

/**
 * The alarm state machine (README, Alarms to incidents), for an event not seen before:
 * - ALARM with no open incident opens one; while one is open it adds an occurrence. An ALARM
 *   older than the last state change still counts (it happened) but moves no state, and opens
 *   nothing when no incident is open.
 * - OK records `clearedAt` and the state; with `autoResolve` it resolves an incident nobody else
 *   changed (its version is the one the alarm last wrote) unless it flaps.
 * - INSUFFICIENT_DATA is recorded and opens nothing.
 * - An OK or INSUFFICIENT_DATA older than the last state change is stale: nothing moves.
 * - Five ALARM↔OK changes within 30 minutes set `flapping`, which stays set on that incident.
 * @example
 * alarmStep({ track: untrackedAlarm(key), change: { name, arn, state: 'ALARM', at }, autoResolve: false }).action // 'opened'
 */
export const alarmStep = (input: {
  track: AlarmTrack;
  open?: OpenAlarmIncident;
  change: AlarmChange;
  autoResolve: boolean;
}): AlarmStep => {
  const { track, open, change } = input;
  const last = [track.lastStateChangeAt, open?.alarm.lastStateChangeAt]
    .filter((at): at is string => at !== undefined)
    .sort((a, b) => Date.parse(a) - Date.parse(b))
    .at(-1);
  const stale = last !== undefined && earlier(change.at, last);
  if (stale) {
    if (change.state !== 'ALARM' || !open) return { action: 'stale', track };
    const alarm = countOccurrence(open.alarm, change.at);
    return { action: 'occurrence', track: written(track, open), alarm };
  }
  const flips = recentFlips(track.flips, track.lastDecisiveState, change.state, change.at);
  const moved: AlarmTrack = {
    ...track,
    state: change.state,
    lastStateChangeAt: change.at,
    lastDecisiveState: change.state === 'INSUFFICIENT_DATA' ? track.lastDecisiveState : change.state,
    flips,
  };
  if (!open) {
    if (change.state !== 'ALARM') return { action: 'recorded', track: moved };
    const alarm: IncidentAlarm = {
      name: change.name,
      arn: change.arn,
      state: 'ALARM',
      occurrences: 1,
      firstAlarmAt: change.at,
      lastStateChangeAt: change.at,
      flapping: isFlapping(flips),
    };
    return { action: 'opened', track: { ...moved, incidentVersion: 1, changedByOthers: false }, alarm };
  }
  const track2 = written(moved, open);
  const base = {
    ...open.alarm,
    name: change.name,
    arn: change.arn,
    state: change.state,
    lastStateChangeAt: change.at,
    flapping: open.alarm.flapping || isFlapping(flips),
  };
  if (change.state === 'ALARM') {
    const { clearedAt: _cleared, ...alarm } = countOccurrence(base, change.at);
    return { action: 'occurrence', track: track2, alarm };
  }
  if (change.state === 'INSUFFICIENT_DATA') return { action: 'recorded', track: track2, alarm: base };
  const alarm = {
    ...base,
    clearedAt: open.alarm.state === 'OK' ? (open.alarm.clearedAt ?? change.at) : change.at,
  };
  const resolves = input.autoResolve && !alarm.flapping && !track2.changedByOthers;
  return { action: resolves ? 'resolved' : 'cleared', track: track2, alarm };
};

const countOccurrence = (alarm: IncidentAlarm, at: string): IncidentAlarm => ({
  ...alarm,
  occurrences: alarm.occurrences + 1,
  firstAlarmAt: earlier(at, alarm.firstAlarmAt) ? at : alarm.firstAlarmAt,
});

/**
 * The track once the alarm writes the open incident's next version; a version the alarm did not
 * write means someone else changed the incident, which the track keeps in mind.
 */
const written = (track: AlarmTrack, open: OpenAlarmIncident): AlarmTrack => ({
  ...track,
  incidentVersion: open.version + 1,
  changedByOthers: track.changedByOthers === true || track.incidentVersion !== open.version,
});
