import { describe, expect, it } from 'vitest';
import { type AlarmDelivery, alarmRound } from '#domain/incident/alarm-batch.ts';
import { untrackedAlarm } from '#domain/incident/alarm-track.ts';
import type { AlarmState } from '#domain/incident/incident.ts';

const arn = 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:queue-depth';
const at = (minute: number) => new Date(Date.UTC(2027, 2, 4, 10, minute)).toISOString();
const delivery = (eventId: string, state: AlarmState, minute: number): AlarmDelivery => ({
  eventId,
  change: { name: 'queue-depth', arn, state, at: at(minute) },
});

describe('alarm rounds: deliveries of one key written together', () => {
  it('opens once, counts the rest and skips ids seen before or twice in the round', () => {
    // Prepare / Act
    const round = alarmRound({
      track: untrackedAlarm(arn),
      events: [
        delivery('a', 'ALARM', 0),
        delivery('b', 'ALARM', 1),
        delivery('a', 'ALARM', 0),
        delivery('c', 'ALARM', 2),
      ],
      seen: new Set(['c']),
      autoResolve: false,
    });
    // Assess
    expect(round.actions).toEqual(['opened', 'occurrence', 'duplicate', 'duplicate']);
    expect(round.applied).toEqual(['a', 'b']);
    expect(round.incident).toMatchObject({ opens: true, resolves: false, alarm: { occurrences: 2 } });
    expect(round.track).toMatchObject({ incidentVersion: 1, state: 'ALARM', lastStateChangeAt: at(1) });
  });

  it('writes the open incident once, whatever the number of deliveries', () => {
    // Prepare
    const opened = alarmRound({
      track: untrackedAlarm(arn),
      events: [delivery('a', 'ALARM', 0)],
      seen: new Set(),
      autoResolve: false,
    });
    const open = { alarm: opened.incident?.alarm ?? (undefined as never), version: 1 };
    // Act
    const round = alarmRound({
      track: { ...opened.track, revision: 1 },
      open,
      events: [delivery('b', 'ALARM', 1), delivery('c', 'OK', 2), delivery('d', 'ALARM', 3)],
      seen: new Set(),
      autoResolve: false,
    });
    // Assess
    expect(round.actions).toEqual(['occurrence', 'cleared', 'occurrence']);
    expect(round.track.incidentVersion).toBe(2);
    expect(round.incident).toMatchObject({ opens: false, alarm: { occurrences: 3, state: 'ALARM' } });
  });

  it('ends right after a resolve, so the next ALARM opens the next incident in a round of its own', () => {
    // Prepare
    const opened = alarmRound({
      track: untrackedAlarm(arn),
      events: [delivery('a', 'ALARM', 0)],
      seen: new Set(),
      autoResolve: true,
    });
    // Act
    const round = alarmRound({
      track: { ...opened.track, revision: 1 },
      open: { alarm: opened.incident?.alarm ?? (undefined as never), version: 1 },
      events: [delivery('b', 'OK', 1), delivery('c', 'ALARM', 2)],
      seen: new Set(),
      autoResolve: true,
    });
    // Assess
    expect(round.taken).toBe(1);
    expect(round.actions).toEqual(['resolved']);
    expect(round.incident).toMatchObject({ resolves: true, alarm: { state: 'OK', clearedAt: at(1) } });
  });

  it('records without an incident when none is open, and leaves stale events unguarded', () => {
    // Prepare / Act
    const round = alarmRound({
      track: { ...untrackedAlarm(arn), revision: 1, state: 'OK', lastStateChangeAt: at(5) },
      events: [delivery('a', 'INSUFFICIENT_DATA', 6), delivery('b', 'OK', 1)],
      seen: new Set(),
      autoResolve: false,
    });
    // Assess
    expect(round.actions).toEqual(['recorded', 'stale']);
    expect(round.applied).toEqual(['a']);
    expect(round.incident).toBeUndefined();
  });
});
