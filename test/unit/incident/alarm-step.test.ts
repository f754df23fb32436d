import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AlarmChange, type AlarmStep, alarmStep } from '#domain/incident/alarm-step.ts';
import { type AlarmTrack, incidentAlarm, untrackedAlarm } from '#domain/incident/alarm-track.ts';
import type { AlarmState, IncidentAlarm } from '#domain/incident/incident.ts';

const arn = 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-cpu';
const minute = 60_000;
const base = Date.parse('2027-03-04T10:00:00.000Z');
const at = (minutes: number) => new Date(base + minutes * minute).toISOString();
const change = (state: AlarmState, minutes: number): AlarmChange => ({
  name: 'orders-db-cpu',
  arn,
  state,
  at: at(minutes),
});

interface Incident {
  alarm: IncidentAlarm;
  version: number;
  open: boolean;
}

/**
 * The state machine run the way `signalAlarm` runs it, one event at a time: a seen event id is a
 * duplicate, a stale step writes nothing, any other step moves the track and the open incident.
 */
const replay = (
  events: Array<{ id: string; change: AlarmChange }>,
  options: { autoResolve?: boolean; personEdits?: boolean } = {},
) => {
  let track: AlarmTrack = untrackedAlarm(arn);
  const incidents: Incident[] = [];
  const seen = new Set<string>();
  const steps: AlarmStep['action'][] = [];
  for (const event of events) {
    if (seen.has(event.id)) {
      steps.push('stale');
      continue;
    }
    const current = incidents.at(-1);
    const open = current?.open ? current : undefined;
    if (open && options.personEdits) open.version++;
    const step = alarmStep({
      track,
      open: open && { alarm: open.alarm, version: open.version },
      change: event.change,
      autoResolve: options.autoResolve ?? false,
    });
    steps.push(step.action);
    if (step.action === 'stale') continue;
    seen.add(event.id);
    track = { ...step.track, revision: track.revision + 1 };
    if (step.action === 'opened' && step.alarm) incidents.push({ alarm: step.alarm, version: 1, open: true });
    else if (open && step.alarm) {
      open.alarm = step.alarm;
      open.version++;
      open.open = step.action !== 'resolved';
    }
  }
  return { track, incidents, steps };
};

const cycle = (states: AlarmState[]) => states.map((state, n) => ({ id: `e${n}`, change: change(state, n) }));

describe('alarm state machine (README, Alarms to incidents)', () => {
  it('ALARM with nothing open opens an incident with one occurrence', () => {
    // Prepare / Act
    const step = alarmStep({ track: untrackedAlarm(arn), change: change('ALARM', 0), autoResolve: false });
    // Assess
    expect(step.action).toBe('opened');
    expect(step.alarm).toEqual({
      name: 'orders-db-cpu',
      arn,
      state: 'ALARM',
      occurrences: 1,
      firstAlarmAt: at(0),
      lastStateChangeAt: at(0),
      flapping: false,
    });
    expect(step.track).toMatchObject({ state: 'ALARM', lastStateChangeAt: at(0), incidentVersion: 1 });
  });

  it('ALARM while one is open adds an occurrence; OK records clearedAt; ALARM again clears it', () => {
    // Prepare / Act
    const { incidents, steps } = replay(cycle(['ALARM', 'ALARM', 'OK', 'ALARM']));
    // Assess
    expect(steps).toEqual(['opened', 'occurrence', 'cleared', 'occurrence']);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.alarm).toEqual({
      name: 'orders-db-cpu',
      arn,
      state: 'ALARM',
      occurrences: 3,
      firstAlarmAt: at(0),
      lastStateChangeAt: at(3),
      flapping: false,
    });
  });

  it('OK sets clearedAt and the state, and keeps the incident open with auto-resolve off', () => {
    // Prepare / Act
    const { incidents } = replay(cycle(['ALARM', 'OK']));
    // Assess
    expect(incidents[0]).toMatchObject({ open: true, alarm: { state: 'OK', clearedAt: at(1) } });
  });

  it('with auto-resolve on, OK resolves an incident nobody else changed, and the next ALARM opens another', () => {
    // Prepare / Act
    const { incidents, steps } = replay(cycle(['ALARM', 'OK', 'ALARM']), { autoResolve: true });
    // Assess
    expect(steps).toEqual(['opened', 'resolved', 'opened']);
    expect(incidents.map((incident) => incident.open)).toEqual([false, true]);
  });

  it('with auto-resolve on, OK never resolves an incident someone else changed', () => {
    // Prepare / Act
    const { steps } = replay(cycle(['ALARM', 'ALARM', 'OK']), { autoResolve: true, personEdits: true });
    // Assess
    expect(steps).toEqual(['opened', 'occurrence', 'cleared']);
  });

  it('a person edit before an alarm write is still remembered at the OK', () => {
    // Prepare: the alarm wrote version 1; someone wrote version 2; an occurrence then writes 3
    const opened = alarmStep({ track: untrackedAlarm(arn), change: change('ALARM', 0), autoResolve: true });
    const track1 = { ...opened.track, revision: 1 };
    const alarm = opened.alarm as IncidentAlarm;
    const occurrence = alarmStep({
      track: track1,
      open: { alarm, version: 2 },
      change: change('ALARM', 1),
      autoResolve: true,
    });
    // Act
    const ok = alarmStep({
      track: { ...occurrence.track, revision: 2 },
      open: { alarm: occurrence.alarm as IncidentAlarm, version: 3 },
      change: change('OK', 2),
      autoResolve: true,
    });
    // Assess
    expect(ok.action).toBe('cleared');
  });

  it('INSUFFICIENT_DATA is recorded and opens nothing', () => {
    // Prepare / Act
    const alone = replay(cycle(['INSUFFICIENT_DATA']));
    const onOpen = replay(cycle(['ALARM', 'INSUFFICIENT_DATA']));
    // Assess
    expect(alone.steps).toEqual(['recorded']);
    expect(alone.incidents).toEqual([]);
    expect(alone.track.state).toBe('INSUFFICIENT_DATA');
    expect(onOpen.steps).toEqual(['opened', 'recorded']);
    expect(onOpen.incidents[0]?.alarm).toMatchObject({ state: 'INSUFFICIENT_DATA', occurrences: 1 });
  });

  it('an OK older than the last state change changes nothing', () => {
    // Prepare / Act
    const { incidents, steps } = replay([
      { id: 'alarm', change: change('ALARM', 10) },
      { id: 'old-ok', change: change('OK', 5) },
    ]);
    // Assess
    expect(steps).toEqual(['opened', 'stale']);
    expect(incidents[0]?.alarm).toMatchObject({ state: 'ALARM', lastStateChangeAt: at(10) });
    expect(incidents[0]?.alarm.clearedAt).toBeUndefined();
  });

  it('an ALARM older than the last state change counts an occurrence but moves no state', () => {
    // Prepare / Act
    const { incidents, steps } = replay([
      { id: 'alarm', change: change('ALARM', 0) },
      { id: 'ok', change: change('OK', 10) },
      { id: 'late-alarm', change: change('ALARM', 5) },
    ]);
    // Assess
    expect(steps).toEqual(['opened', 'cleared', 'occurrence']);
    expect(incidents[0]?.alarm).toMatchObject({ state: 'OK', occurrences: 2, clearedAt: at(10) });
  });

  it('a late ALARM opens nothing once the alarm is OK and its incident resolved', () => {
    // Prepare / Act
    const { incidents, steps } = replay(
      [
        { id: 'alarm', change: change('ALARM', 0) },
        { id: 'ok', change: change('OK', 10) },
        { id: 'late-alarm', change: change('ALARM', 5) },
      ],
      { autoResolve: true },
    );
    // Assess
    expect(steps).toEqual(['opened', 'resolved', 'stale']);
    expect(incidents).toHaveLength(1);
  });

  it('five ALARM↔OK changes within 30 minutes set flapping, and a flapping incident is never auto-resolved', () => {
    // Prepare / Act: ALARM OK ALARM OK ALARM OK: the third OK is the fifth change
    const { incidents, steps } = replay(cycle(['ALARM', 'OK', 'ALARM', 'OK', 'ALARM', 'OK']), {
      autoResolve: true,
    });
    // Assess: each OK before the fifth change resolves; the fifth makes the third incident flap
    expect(steps).toEqual(['opened', 'resolved', 'opened', 'resolved', 'opened', 'cleared']);
    expect(incidents.at(-1)).toMatchObject({ open: true, alarm: { flapping: true, state: 'OK' } });
  });

  it('changes spread over more than 30 minutes do not flap', () => {
    // Prepare / Act: one change every 10 minutes: never 5 inside 30 minutes
    const events = ['ALARM', 'OK', 'ALARM', 'OK', 'ALARM', 'OK', 'ALARM', 'OK'].map((state, n) => ({
      id: `e${n}`,
      change: change(state as AlarmState, n * 10),
    }));
    const { incidents } = replay(events);
    // Assess
    expect(incidents[0]?.alarm.flapping).toBe(false);
  });

  it('flapping stays set on the incident once set', () => {
    // Prepare / Act
    const states: AlarmState[] = ['ALARM', 'OK', 'ALARM', 'OK', 'ALARM', 'OK'];
    const events = [...cycle(states), { id: 'much-later', change: change('ALARM', 300) }];
    const { incidents } = replay(events);
    // Assess
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.alarm.flapping).toBe(true);
  });

  it('reads an incident stored before firstAlarmAt and flapping existed', () => {
    // Prepare / Act
    const legacy = incidentAlarm({
      name: 'n',
      arn,
      state: 'ALARM',
      occurrences: 4,
      lastStateChangeAt: at(3),
    });
    // Assess
    expect(legacy).toEqual({
      name: 'n',
      arn,
      state: 'ALARM',
      occurrences: 4,
      firstAlarmAt: at(3),
      lastStateChangeAt: at(3),
      flapping: false,
    });
  });
});

describe('alarm state machine properties', () => {
  it('any order and any redelivery of distinct ALARM events: one incident, occurrences = distinct ids', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.infiniteStream(fc.nat()),
        (minutes, repeats, order) => {
          // Prepare: each event at its own time, some delivered again, the whole lot shuffled
          const events = minutes.map((m, n) => ({ id: `evt-${n}`, change: change('ALARM', m) }));
          const deliveries = [
            ...events,
            ...repeats.map((r) => events[r % events.length] as (typeof events)[0]),
          ];
          const keys = deliveries.map(() => order.next().value as number);
          const shuffled = deliveries
            .map((delivery, n) => ({ delivery, key: keys[n] as number }))
            .sort((a, b) => a.key - b.key)
            .map(({ delivery }) => delivery);
          // Act
          const { incidents } = replay(shuffled);
          // Assess
          expect(incidents).toHaveLength(1);
          expect(incidents[0]?.alarm.occurrences).toBe(events.length);
          expect(incidents[0]?.alarm.firstAlarmAt).toBe(at(Math.min(...minutes)));
          expect(incidents[0]?.alarm.lastStateChangeAt).toBe(at(Math.max(...minutes)));
        },
      ),
    );
  });

  it('the state ends as the newest event says, whatever order ALARM and OK events arrive in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        fc.infiniteStream(fc.nat()),
        (minutes, alarms, order) => {
          // Prepare
          const events = minutes.map((m, n) => ({
            id: `evt-${n}`,
            change: change(alarms[n] ? 'ALARM' : 'OK', m),
          }));
          const shuffled = events
            .map((event) => ({ event, key: order.next().value as number }))
            .sort((a, b) => a.key - b.key)
            .map(({ event }) => event);
          const newest = events.reduce((a, b) => (Date.parse(b.change.at) > Date.parse(a.change.at) ? b : a));
          // Act
          const { track, incidents } = replay(shuffled);
          // Assess: never two open incidents; the last state is the newest event's
          expect(incidents.filter((incident) => incident.open).length).toBeLessThanOrEqual(1);
          expect(track.state).toBe(newest.change.state);
        },
      ),
    );
  });
});
