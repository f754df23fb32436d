import { describe, expect, it } from 'vitest';
import {
  availabilityTarget,
  BURN_RATE_WINDOWS,
  type BurnRateWindow,
  burnAlert,
  burnRates,
  errorBudgetRemaining,
  type PeriodVerdict,
  TIER_TARGETS,
} from '#domain/metrics/index.ts';

const T0 = Date.parse('2025-03-01T00:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 3_600_000;

describe('availabilityTarget', () => {
  it('takes the availabilityTarget attribute first, as a number or a numeric string', () => {
    // Assess
    expect(availabilityTarget({ attributes: { availabilityTarget: 0.98 }, serviceTier: 1 })).toBe(0.98);
    expect(availabilityTarget({ attributes: { availabilityTarget: ' 0.97 ' } })).toBe(0.97);
  });

  it('falls back to the service tier, also when the attribute is not a target', () => {
    // Assess
    expect(availabilityTarget({ attributes: {}, serviceTier: 3 })).toBe(0.995);
    expect(availabilityTarget({ attributes: { availabilityTarget: '1.5' }, serviceTier: 2 })).toBe(0.999);
    expect(availabilityTarget({ attributes: { availabilityTarget: 1 }, serviceTier: 4 })).toBe(0.99);
    expect(availabilityTarget({ attributes: { availabilityTarget: 'high' }, serviceTier: 1 })).toBe(0.9995);
    expect(availabilityTarget({ attributes: { availabilityTarget: '' }, serviceTier: 1 })).toBe(0.9995);
  });

  it('is undefined with neither a valid attribute nor a known tier', () => {
    // Assess
    expect(availabilityTarget({ attributes: {} })).toBeUndefined();
    expect(availabilityTarget({ attributes: { availabilityTarget: 0 }, serviceTier: 5 })).toBeUndefined();
  });

  it('has the tier targets', () => {
    // Assess
    expect(TIER_TARGETS).toEqual({ 1: 0.9995, 2: 0.999, 3: 0.995, 4: 0.99 });
  });
});

describe('errorBudgetRemaining', () => {
  it('is 0 when availability meets the target exactly, -1 when twice the budget is spent', () => {
    // Assess
    expect(errorBudgetRemaining(0.999, 0.999)).toBe(0);
    expect(errorBudgetRemaining(0.998, 0.999)).toBeCloseTo(-1, 9);
    expect(errorBudgetRemaining(0.9995, 0.999)).toBeCloseTo(0.5, 9);
    expect(errorBudgetRemaining(1, 0.999)).toBe(1);
  });
});

/** One verdict per minute over the 3 days before `end`, unhealthy for the last `unhealthy` minutes. */
const minutesBefore = (end: number, unhealthy: number): PeriodVerdict[] =>
  Array.from({ length: 3 * 24 * 60 }, (_, i) => ({
    t: new Date(end - (i + 1) * MINUTE).toISOString(),
    healthy: i >= unhealthy,
  }));

describe('burnRates', () => {
  const end = T0 + 3 * 24 * HOUR;

  it('gives each window its unhealthy share over the budget', () => {
    // Act: the last 5 of 4320 minutes unhealthy, budget 0.001
    const rates = burnRates(minutesBefore(end, 5), 60, new Date(end).toISOString(), 0.999);
    // Assess
    const expected: Record<BurnRateWindow, number> = {
      '5m': 1000,
      '30m': 5000 / 30,
      '1h': 5000 / 60,
      '2h': 5000 / 120,
      '6h': 5000 / 360,
      '24h': 5000 / 1440,
      '3d': 5000 / 4320,
    };
    for (const window of Object.keys(BURN_RATE_WINDOWS) as BurnRateWindow[])
      expect(rates[window], window).toBeCloseTo(expected[window], 6);
  });

  it('counts only periods that have ended: mid-period, the running one is left out', () => {
    // Prepare: a verdict for the running minute, which must not count
    const verdicts = [...minutesBefore(end, 5), { t: new Date(end).toISOString(), healthy: true }];
    // Act
    const rates = burnRates(verdicts, 60, new Date(end + 30_000).toISOString(), 0.999);
    // Assess
    expect(rates['5m']).toBeCloseTo(1000, 6);
    expect(rates['1h']).toBeCloseTo(5000 / 60, 6);
  });

  it('uses the newest finished period for a window shorter than the period', () => {
    // Prepare: hourly periods, 08:00 healthy and 09:00 unhealthy, now 10:20
    const verdicts = [
      { t: '2025-03-01T08:00:00.000Z', healthy: true },
      { t: '2025-03-01T09:00:00.000Z', healthy: false },
      { t: '2025-03-01T10:00:00.000Z', healthy: true },
    ];
    // Act
    const rates = burnRates(verdicts, 3600, '2025-03-01T10:20:00.000Z', 0.99);
    // Assess
    expect(rates['5m']).toBeCloseTo(100, 9);
    expect(rates['30m']).toBeCloseTo(100, 9);
    expect(rates['1h']).toBeCloseTo(100, 9);
    expect(rates['2h']).toBeCloseTo(50, 9);
    expect(rates['3d']).toBeCloseTo(50, 9);
  });

  it('leaves periods without a verdict out, and is null when a window counts none', () => {
    // Prepare: of the last 5 minutes only 2 have verdicts, one unhealthy
    const verdicts = [
      { t: new Date(end - 5 * MINUTE).toISOString(), healthy: true },
      { t: new Date(end - 2 * MINUTE).toISOString(), healthy: false },
      { t: new Date(end - 2 * HOUR).toISOString(), healthy: true },
    ];
    // Act
    const rates = burnRates(verdicts, 60, new Date(end).toISOString(), 0.999);
    const none = burnRates([], 60, new Date(end).toISOString(), 0.999);
    // Assess
    expect(rates['5m']).toBeCloseTo(500, 6);
    expect(rates['1h']).toBeCloseTo(500, 6);
    expect(rates['2h']).toBeCloseTo(1000 / 3, 6);
    expect(Object.values(none)).toEqual([null, null, null, null, null, null, null]);
  });
});

const rates = (
  given: Partial<Record<BurnRateWindow, number | null>>,
): Record<BurnRateWindow, number | null> => ({
  '5m': 0,
  '30m': 0,
  '1h': 0,
  '2h': 0,
  '6h': 0,
  '24h': 0,
  '3d': 0,
  ...given,
});

describe('burnAlert', () => {
  it('is fast when 1h and 5m both burn over 14.4', () => {
    // Assess
    expect(burnAlert(rates({ '1h': 15, '5m': 20 }))).toEqual({
      speed: 'fast',
      windows: ['1h', '5m'],
      rates: [15, 20],
    });
  });

  it('prefers fast when slow also holds', () => {
    // Assess
    expect(burnAlert(rates({ '1h': 15, '5m': 20, '6h': 7, '30m': 7 }))?.speed).toBe('fast');
  });

  it('is slow when 6h and 30m both burn over 6 but the fast pair does not', () => {
    // Assess
    expect(burnAlert(rates({ '1h': 15, '5m': 10, '6h': 7, '30m': 6.5 }))).toEqual({
      speed: 'slow',
      windows: ['6h', '30m'],
      rates: [7, 6.5],
    });
  });

  it('is nothing at exactly the limits, with one window of a pair low, or with a rate missing', () => {
    // Assess
    expect(burnAlert(rates({ '1h': 14.4, '5m': 100, '6h': 6, '30m': 100 }))).toBeUndefined();
    expect(burnAlert(rates({ '1h': 100, '5m': 1, '6h': 100, '30m': 1 }))).toBeUndefined();
    expect(burnAlert(rates({ '1h': 100, '5m': null, '6h': null, '30m': 100 }))).toBeUndefined();
    expect(burnAlert(rates({}))).toBeUndefined();
  });
});
