import { describe, expect, it } from 'vitest';
import {
  type CapacityForecast,
  exhaustsWithin,
  fitLine,
  forecastCapacity,
  type MetricPoint,
  valueAt,
} from '#domain/metrics/index.ts';

const T0 = Date.parse('2025-03-01T00:00:00.000Z');
const HOUR = 3_600_000;
const hourly = (...values: number[]): MetricPoint[] =>
  values.map((v, i) => ({ t: new Date(T0 + i * HOUR).toISOString(), v }));

describe('fitLine', () => {
  it('fits a perfect line exactly, r2 1, and reads it back at any time', () => {
    // Act
    const fit = fitLine(hourly(10, 20, 30));
    // Assess
    expect(fit).toBeDefined();
    if (!fit) return;
    expect(fit.slopePerMs * HOUR).toBeCloseTo(10, 12);
    expect(fit.r2).toBe(1);
    expect(fit.points).toBe(3);
    expect(valueAt(fit, T0)).toBeCloseTo(10, 9);
    expect(valueAt(fit, T0 + 4 * HOUR)).toBeCloseTo(50, 9);
  });

  it('gives the least-squares line and r2 of a noisy series (hand-computed)', () => {
    // Act: x = 0, 1, 2 h; y = 0, 1, 3: slope 1.5/h, line through (1 h, 4/3), r2 = 9 / (2 × 14/3) = 27/28
    const fit = fitLine(hourly(0, 1, 3));
    // Assess
    expect(fit?.slopePerMs).toBeCloseTo(1.5 / HOUR, 15);
    expect(fit?.centreMs).toBe(T0 + HOUR);
    expect(fit?.intercept).toBeCloseTo(4 / 3, 12);
    expect(fit?.r2).toBeCloseTo(27 / 28, 12);
  });

  it('has r2 1 for a constant series', () => {
    // Assess
    expect(fitLine(hourly(7, 7, 7))?.r2).toBe(1);
  });

  it('is undefined for fewer than 2 points or points all at one time', () => {
    // Assess
    expect(fitLine([])).toBeUndefined();
    expect(fitLine(hourly(5))).toBeUndefined();
    expect(fitLine([...hourly(5), ...hourly(6)])).toBeUndefined();
  });
});

describe('forecastCapacity', () => {
  it('forecasts a perfect line 10, 20, 30 hourly reaching 50 exactly 2 h after the last point', () => {
    // Act
    const forecast = forecastCapacity(hourly(10, 20, 30), 50);
    // Assess
    expect(forecast).toEqual({
      current: 30,
      slopePerDay: expect.closeTo(240, 9),
      limit: 50,
      exhaustionAt: '2025-03-01T04:00:00.000Z',
      method: 'least_squares',
      fit: { r2: 1, points: 3 },
    });
  });

  it('sorts points that arrive out of order', () => {
    // Prepare
    const [a, b, c] = hourly(10, 20, 30) as [MetricPoint, MetricPoint, MetricPoint];
    // Act
    const forecast = forecastCapacity([c, a, b], 50);
    // Assess
    expect(forecast.current).toBe(30);
    expect(forecast.exhaustionAt).toBe('2025-03-01T04:00:00.000Z');
  });

  it('rounds the crossing of a fitted (not exact) line to the ms', () => {
    // Act: line 4/3 + 1.5/h × (t − 1 h) reaches 6 after 28/9 h = 11 200 s past the centre
    const forecast = forecastCapacity(hourly(0, 1, 3), 6);
    // Assess
    expect(forecast.exhaustionAt).toBe('2025-03-01T04:06:40.000Z');
    expect(forecast.slopePerDay).toBeCloseTo(36, 9);
    expect(forecast.fit.r2).toBeCloseTo(27 / 28, 12);
  });

  it('never forecasts exhaustion for a constant or falling series', () => {
    // Act
    const constant = forecastCapacity(hourly(40, 40, 40), 50);
    const falling = forecastCapacity(hourly(45, 40, 30), 50);
    // Assess
    expect(constant.exhaustionAt).toBeNull();
    expect(constant.slopePerDay).toBe(0);
    expect(falling.exhaustionAt).toBeNull();
    expect(falling.slopePerDay).toBeCloseTo(-180, 9);
  });

  it("gives the newest point's own time when it is already at or over the limit", () => {
    // Act
    const atLimit = forecastCapacity(hourly(10, 20, 50), 50);
    const overButFalling = forecastCapacity(
      [
        { t: '2025-03-01T00:00:00Z', v: 90 },
        { t: '2025-03-01T01:00:00Z', v: 60 },
      ],
      50,
    );
    // Assess
    expect(atLimit.exhaustionAt).toBe('2025-03-01T02:00:00.000Z');
    expect(overButFalling.exhaustionAt).toBe('2025-03-01T01:00:00Z');
  });

  it('has no slope and no forecast with fewer than 2 points', () => {
    // Act
    const one = forecastCapacity(hourly(10), 50);
    const none = forecastCapacity([], 50);
    // Assess
    expect(one).toEqual({
      current: 10,
      slopePerDay: null,
      limit: 50,
      exhaustionAt: null,
      method: 'least_squares',
      fit: { r2: null, points: 1 },
    });
    expect(none.current).toBeNull();
    expect(none.exhaustionAt).toBeNull();
    expect(none.fit).toEqual({ r2: null, points: 0 });
  });

  it('still reports exhaustion for one point already over the limit', () => {
    // Assess
    expect(forecastCapacity(hourly(60), 50).exhaustionAt).toBe('2025-03-01T00:00:00.000Z');
  });

  it('stays exact on 14 days of one-minute points at real epoch times', () => {
    // Prepare: 20 160 points rising 0.001 per minute from 100; limit 150 is reached after 50 000 minutes
    const start = Date.parse('2027-06-01T00:00:00.000Z');
    const points = Array.from({ length: 20_160 }, (_, i) => ({
      t: new Date(start + i * 60_000).toISOString(),
      v: 100 + i * 0.001,
    }));
    // Act
    const forecast = forecastCapacity(points, 150);
    // Assess
    expect(forecast.exhaustionAt).toBe(new Date(start + 50_000 * 60_000).toISOString());
    expect(forecast.slopePerDay).toBeCloseTo(1.44, 9);
    expect(forecast.fit.r2).toBeCloseTo(1, 12);
  });

  it('has no forecast when the crossing lies beyond what a date can hold', () => {
    // Assess
    expect(forecastCapacity(hourly(1, 1 + 1e-12), 1e12).exhaustionAt).toBeNull();
  });
});

describe('exhaustsWithin', () => {
  const forecast = (exhaustionAt: string | null): CapacityForecast => ({
    current: 30,
    slopePerDay: 240,
    limit: 50,
    exhaustionAt,
    method: 'least_squares',
    fit: { r2: 1, points: 3 },
  });

  it('is true when exhaustion falls within the horizon, the boundary included', () => {
    // Assess
    expect(exhaustsWithin(forecast('2025-03-15T00:00:00.000Z'), '2025-03-01T00:00:00.000Z', 14)).toBe(true);
    expect(exhaustsWithin(forecast('2025-03-02T00:00:00.000Z'), '2025-03-01T00:00:00Z', 1)).toBe(true);
    expect(exhaustsWithin(forecast('2025-02-01T00:00:00.000Z'), '2025-03-01T00:00:00Z', 14)).toBe(true);
  });

  it('is false beyond the horizon or without exhaustion', () => {
    // Assess
    expect(exhaustsWithin(forecast('2025-03-15T00:00:00.001Z'), '2025-03-01T00:00:00.000Z', 14)).toBe(false);
    expect(exhaustsWithin(forecast(null), '2025-03-01T00:00:00.000Z', 14)).toBe(false);
  });
});
