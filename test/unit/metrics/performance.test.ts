import { describe, expect, it } from 'vitest';
import {
  baselineBand,
  PERFORMANCE_METHOD,
  percentile,
  percentilesOf,
  summarisePerformance,
} from '#domain/metrics/index.ts';

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
/** Baseline with median 100 and MAD 5: band 100 ± 3 × 1.4826 × 5 = 100 ± 22.239, p99 109.8. */
const baseline = [90, 95, 100, 105, 110];

describe('percentile', () => {
  it('interpolates between closest ranks on 1..100 (type 7)', () => {
    // Assess
    expect(percentile(oneToHundred, 50)).toBeCloseTo(50.5, 12);
    expect(percentile(oneToHundred, 95)).toBeCloseTo(95.05, 12);
    expect(percentile(oneToHundred, 99)).toBeCloseTo(99.01, 12);
    expect(percentile(oneToHundred, 0)).toBe(1);
    expect(percentile(oneToHundred, 100)).toBe(100);
  });

  it('gives the median of an even count and the value of a single one', () => {
    // Assess
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([7], 99)).toBe(7);
  });

  it('throws a RangeError for no values or p outside 0..100', () => {
    // Assess
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('percentilesOf', () => {
  it('sorts the values first and is null for none', () => {
    // Act
    const result = percentilesOf([3, 1, 2]);
    // Assess
    expect(result?.p50).toBe(2);
    expect(result?.p95).toBeCloseTo(2.9, 12);
    expect(result?.p99).toBeCloseTo(2.98, 12);
    expect(percentilesOf([])).toBeNull();
    expect(percentilesOf([Number.NaN])).toBeNull();
  });
});

describe('baselineBand', () => {
  it('is the median ± 3 scaled MADs', () => {
    // Act
    const band = baselineBand(baseline);
    // Assess
    expect(band?.median).toBe(100);
    expect(band?.halfWidth).toBeCloseTo(22.239, 9);
  });

  it('has a 5 % floor on a flat baseline', () => {
    // Assess
    expect(baselineBand([100, 100, 100])).toEqual({ median: 100, halfWidth: 5, low: 95, high: 105 });
    expect(baselineBand([])).toBeNull();
  });
});

describe('summarisePerformance', () => {
  it('reports the window and baseline percentiles and the method', () => {
    // Act
    const summary = summarisePerformance([101, 99, 100], baseline);
    // Assess
    expect(summary).toEqual({
      p50: 100,
      p95: expect.closeTo(100.9, 9),
      p99: expect.closeTo(100.98, 9),
      baseline: { p50: 100, p95: expect.closeTo(109, 9), p99: expect.closeTo(109.8, 9) },
      anomaly: false,
      method: PERFORMANCE_METHOD,
    });
    expect(summary.method).toMatch(/^baseline-band:/);
  });

  it('flags a window whose p50 leaves the band, above or below', () => {
    // Assess
    expect(summarisePerformance([130, 131, 132], baseline).anomaly).toBe(true);
    expect(summarisePerformance([70, 71, 72], baseline).anomaly).toBe(true);
    expect(summarisePerformance([120, 121, 122], baseline).anomaly).toBe(false);
  });

  it('flags a tail that grows past the band top and the baseline p99 by more than the half-width', () => {
    // Prepare: p50 100 in band; p99 200, and then 140, against the limit max(122.239, 109.8) + 22.239 = 144.478
    const heavyTail = [...Array.from({ length: 98 }, () => 100), 200, 200];
    const mildTail = [...Array.from({ length: 98 }, () => 100), 140, 140];
    // Assess
    expect(summarisePerformance(heavyTail, baseline).anomaly).toBe(true);
    expect(summarisePerformance(mildTail, baseline).anomaly).toBe(false);
  });

  it("takes the window as percentiles already computed (CloudWatch's own statistic)", () => {
    // Act
    const flagged = summarisePerformance({ p50: 100, p95: 110, p99: 150 }, baseline);
    const calm = summarisePerformance({ p50: 100, p95: 110, p99: 144 }, baseline);
    // Assess
    expect(flagged).toMatchObject({ p50: 100, p95: 110, p99: 150, anomaly: true });
    expect(calm.anomaly).toBe(false);
  });

  it('does not flag tiny noise around a flat baseline', () => {
    // Assess
    expect(summarisePerformance([100.5, 100.4, 100.6], [100, 100.01, 99.99, 100]).anomaly).toBe(false);
  });

  it('never flags a constant series', () => {
    // Act
    const summary = summarisePerformance(
      [42, 42, 42],
      Array.from({ length: 10 }, () => 42),
    );
    // Assess
    expect(summary).toMatchObject({
      p50: 42,
      p95: 42,
      p99: 42,
      baseline: { p50: 42, p95: 42, p99: 42 },
      anomaly: false,
    });
  });

  it('has no anomaly without a baseline or without a window', () => {
    // Act
    const noBaseline = summarisePerformance([500, 600], []);
    const noWindow = summarisePerformance(null, baseline);
    const emptyWindow = summarisePerformance([], baseline);
    // Assess
    expect(noBaseline).toMatchObject({ p50: 550, baseline: null, anomaly: false });
    expect(noWindow).toMatchObject({ p50: null, p95: null, p99: null, anomaly: false });
    expect(emptyWindow).toMatchObject({ p50: null, anomaly: false });
  });
});
