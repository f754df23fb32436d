import { type AlarmChange, type AlarmStep, alarmStep, type OpenAlarmIncident } from './alarm-step.ts';
import type { AlarmTrack } from './alarm-track.ts';
import type { IncidentAlarm } from './incident.ts';

/** One delivered event of an alarm key. */
export interface AlarmDelivery {
  eventId: string;
  change: AlarmChange;
}

/** What one round of a key's deliveries does, all in one write. */
export interface AlarmRound {
  /** How many deliveries, from the first, this round takes; the rest wait for the next round. */
  taken: number;
  /** The action of each delivery taken, in order. */
  actions: Array<AlarmStep['action'] | 'duplicate'>;
  /** The key's next track (`incidentVersion` is the version this round writes). */
  track: AlarmTrack;
  /** The one incident write of the round: a new incident, or the open one's next version. */
  incident?: { opens: boolean; alarm: IncidentAlarm; resolves: boolean };
  /** The event ids the round applies (not duplicates, not stale): each gets its guard. */
  applied: string[];
}

/**
 * Folds deliveries for one key through `alarmStep`, in order, into a round that writes the key's
 * track, at most one incident version and one guard per applied event id: an id seen before or
 * twice in the round is a duplicate. A round ends before an event that would open a second
 * incident, and right after one that resolves: each incident version is its own write.
 * @example alarmRound({ track, events: [first, second], seen: new Set(), autoResolve: false }).actions // ['opened', 'occurrence']
 */
export const alarmRound = (input: {
  track: AlarmTrack;
  open?: OpenAlarmIncident;
  events: readonly AlarmDelivery[];
  seen: ReadonlySet<string>;
  autoResolve: boolean;
}): AlarmRound => {
  const readVersion = input.open?.version;
  let track = input.track;
  let open = input.open;
  let incident: AlarmRound['incident'];
  const actions: AlarmRound['actions'] = [];
  const applied: string[] = [];
  const inRound = new Set<string>();
  for (const event of input.events) {
    if (input.seen.has(event.eventId) || inRound.has(event.eventId)) {
      actions.push('duplicate');
      continue;
    }
    const step = alarmStep({ track, open, change: event.change, autoResolve: input.autoResolve });
    if (step.action === 'opened' && incident) break;
    actions.push(step.action);
    if (step.action === 'stale') continue;
    inRound.add(event.eventId);
    applied.push(event.eventId);
    track = step.track;
    if (step.alarm) {
      const resolves = step.action === 'resolved';
      incident = { opens: incident?.opens === true || step.action === 'opened', alarm: step.alarm, resolves };
      open = resolves ? undefined : { alarm: step.alarm, version: (open?.version ?? 0) + 1 };
      if (resolves) break;
    }
  }
  const written = incident ? { incidentVersion: incident.opens ? 1 : (readVersion ?? 0) + 1 } : {};
  return { taken: actions.length, actions, track: { ...track, ...written }, incident, applied };
};
