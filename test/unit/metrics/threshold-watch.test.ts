import { describe, expect, it } from 'vitest';
import {
  INITIAL_THRESHOLD_STATE,
  type MetricPoint,
  type Threshold,
  watchThreshold,
} from '#domain/metrics/index.ts';

const T0 = Date.parse('2025-03-01T00:00:00.000Z');
const minute = (m: number) => new Date(T0 + m * 60_000).toISOString();
/** Values at consecutive minutes from `first`. */
const series = (first: number, ...values: number[]): MetricPoint[] =>
  values.map((v, i) => ({ t: minute(first + i), v }));
const cpu: Threshold = { comparison: '>', value: 90, forPeriods: 3 };

describe('watchThreshold', () => {
  it('breaches on the 3rd consecutive breaching point', () => {
    // Act
    const { state, transitions } = watchThreshold(INITIAL_THRESHOLD_STATE, series(0, 95, 96, 97), cpu);
    // Assess
    expect(transitions).toEqual([{ to: 'breached', at: minute(2), value: 97 }]);
    expect(state).toEqual({ breached: true, streak: 0, lastT: minute(2) });
  });

  it('resets the streak on a healthy point', () => {
    // Act
    const { transitions } = watchThreshold(INITIAL_THRESHOLD_STATE, series(0, 95, 50, 95, 96, 97), cpu);
    // Assess
    expect(transitions).toEqual([{ to: 'breached', at: minute(4), value: 97 }]);
  });

  it('does not count a re-read of the same points twice', () => {
    // Prepare
    const first = watchThreshold(INITIAL_THRESHOLD_STATE, series(0, 95, 96, 97), cpu);
    // Act
    const again = watchThreshold(first.state, series(0, 95, 96, 97), cpu);
    // Assess
    expect(again.transitions).toEqual([]);
    expect(again.state).toEqual(first.state);
  });

  it('carries a streak across batches, and skips the overlap of a re-read', () => {
    // Prepare
    const first = watchThreshold(INITIAL_THRESHOLD_STATE, series(0, 95, 96), cpu);
    // Act
    const second = watchThreshold(first.state, series(0, 95, 96, 97), cpu);
    // Assess
    expect(first.state).toEqual({ breached: false, streak: 2, lastT: minute(1) });
    expect(second.transitions).toEqual([{ to: 'breached', at: minute(2), value: 97 }]);
  });

  it('clears after 3 consecutive healthy points, a breaching one resetting the count', () => {
    // Prepare
    const breached = watchThreshold(INITIAL_THRESHOLD_STATE, series(0, 95, 96, 97), cpu).state;
    // Act
    const { state, transitions } = watchThreshold(breached, series(3, 50, 95, 50, 50, 50), cpu);
    // Assess
    expect(transitions).toEqual([{ to: 'cleared', at: minute(7), value: 50 }]);
    expect(state).toEqual({ breached: false, streak: 0, lastT: minute(7) });
  });

  it('processes points in time order whatever order they arrive in', () => {
    // Act: oldest first is 95 (0), 50 (1), 96 (2), 97 (3), 98 (4)
    const { transitions } = watchThreshold(
      INITIAL_THRESHOLD_STATE,
      [
        { t: minute(3), v: 97 },
        { t: minute(0), v: 95 },
        { t: minute(4), v: 98 },
        { t: minute(2), v: 96 },
        { t: minute(1), v: 50 },
      ],
      cpu,
    );
    // Assess
    expect(transitions).toEqual([{ to: 'breached', at: minute(4), value: 98 }]);
  });

  it('does not reset on a gap in time', () => {
    // Act
    const { transitions } = watchThreshold(
      INITIAL_THRESHOLD_STATE,
      [
        { t: minute(0), v: 95 },
        { t: minute(10), v: 96 },
        { t: minute(30), v: 97 },
      ],
      cpu,
    );
    // Assess
    expect(transitions).toEqual([{ to: 'breached', at: minute(30), value: 97 }]);
  });

  it('compares lastT as a time, not as text', () => {
    // Prepare
    const state = { breached: false, streak: 2, lastT: '2025-03-01T00:02:00Z' };
    // Act
    const { transitions } = watchThreshold(state, [{ t: '2025-03-01T00:02:00.000Z', v: 99 }], cpu);
    // Assess
    expect(transitions).toEqual([]);
  });

  it('flips on every contradicting point with forPeriods 1', () => {
    // Act
    const { transitions } = watchThreshold(INITIAL_THRESHOLD_STATE, series(0, 95, 96, 50, 97), {
      ...cpu,
      forPeriods: 1,
    });
    // Assess
    expect(transitions.map((t) => [t.to, t.at])).toEqual([
      ['breached', minute(0)],
      ['cleared', minute(2)],
      ['breached', minute(3)],
    ]);
  });

  it('leaves the state as it was without new points', () => {
    // Act
    const { state, transitions } = watchThreshold(INITIAL_THRESHOLD_STATE, [], cpu);
    // Assess
    expect(state).toEqual({ breached: false, streak: 0 });
    expect(transitions).toEqual([]);
  });
});
