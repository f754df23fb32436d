import { describe, expect, it } from 'vitest';
import {
  availabilityFromOutages,
  availabilityOfPeriods,
  type MetricPoint,
  outageSeconds,
  periodVerdicts,
  type TreatMissingData,
} from '#domain/metrics/index.ts';

const T0 = Date.parse('2025-03-01T00:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const minute = (m: number) => at(m * 60);

/** Healthy host count per minute: fewer than 1 is an outage. Minutes 2 and 4 have no data. */
const points: MetricPoint[] = [
  { t: minute(3), v: 2 },
  { t: minute(0), v: 1 },
  { t: minute(1), v: 0 },
];
const verdictsWith = (treatMissingData: TreatMissingData, extra: MetricPoint[] = []) =>
  periodVerdicts({
    points: [...points, ...extra],
    periodSeconds: 60,
    from: minute(0),
    to: minute(5),
    threshold: { comparison: '<', value: 1 },
    treatMissingData,
  });

describe('periodVerdicts', () => {
  it.each(['missing', 'ignore'] as const)('leaves periods without data out with %s', (treatMissingData) => {
    // Act
    const verdicts = verdictsWith(treatMissingData);
    // Assess
    expect(verdicts).toEqual([
      { t: minute(0), healthy: true },
      { t: minute(1), healthy: false },
      { t: minute(3), healthy: true },
    ]);
  });

  it('counts periods without data unhealthy with breaching', () => {
    // Assess
    expect(verdictsWith('breaching').map((v) => v.healthy)).toEqual([true, false, false, true, false]);
  });

  it('counts periods without data healthy with notBreaching', () => {
    // Assess
    expect(verdictsWith('notBreaching').map((v) => v.healthy)).toEqual([true, false, true, true, true]);
  });

  it('ignores points outside [from, to), the end excluded', () => {
    // Act
    const verdicts = verdictsWith('missing', [
      { t: minute(5), v: 0 },
      { t: minute(-1), v: 0 },
    ]);
    // Assess
    expect(verdicts.map((v) => v.t)).toEqual([minute(0), minute(1), minute(3)]);
  });

  it('counts a period unhealthy when any of its points breaches', () => {
    // Act
    const verdicts = verdictsWith('missing', [{ t: at(30), v: 0 }]);
    // Assess
    expect(verdicts[0]).toEqual({ t: minute(0), healthy: false });
  });

  it('gives verdicts for whole periods only', () => {
    // Act
    const verdicts = periodVerdicts({
      points,
      periodSeconds: 60,
      from: at(30),
      to: at(210),
      threshold: { comparison: '<', value: 1 },
      treatMissingData: 'breaching',
    });
    // Assess
    expect(verdicts).toEqual([
      { t: minute(1), healthy: false },
      { t: minute(2), healthy: false },
    ]);
  });

  it('gives nothing for an empty or reversed range', () => {
    // Act
    const reversed = periodVerdicts({
      points,
      periodSeconds: 60,
      from: minute(5),
      to: minute(0),
      threshold: { comparison: '<', value: 1 },
      treatMissingData: 'breaching',
    });
    // Assess
    expect(reversed).toEqual([]);
  });
});

describe('availabilityOfPeriods', () => {
  it('is healthy periods over periods counted, downtime the unhealthy periods', () => {
    // Act
    const summary = availabilityOfPeriods(verdictsWith('missing'), 60);
    // Assess
    expect(summary).toEqual({
      availability: 2 / 3,
      downtimeSeconds: 60,
      periodsCounted: 3,
      unhealthyPeriods: 1,
    });
  });

  it('is 1 with nothing counted', () => {
    // Assess
    expect(availabilityOfPeriods([], 60)).toEqual({
      availability: 1,
      downtimeSeconds: 0,
      periodsCounted: 0,
      unhealthyPeriods: 0,
    });
  });
});

describe('outageSeconds', () => {
  const window = { start: at(0), end: at(100) };
  const span = (start: number, end: number) => ({ start: at(start), end: at(end) });

  it('counts overlapping outages once: [0,10) + [5,15) is 15 s', () => {
    // Assess
    expect(outageSeconds([span(0, 10), span(5, 15)], window)).toBe(15);
  });

  it('clips outages to the window', () => {
    // Assess
    expect(outageSeconds([span(-10, 5), span(95, 120)], window)).toBe(10);
    expect(outageSeconds([span(-50, 150)], window)).toBe(100);
  });

  it('counts duplicates and contained outages once, and adjacent ones end to end', () => {
    // Assess
    expect(outageSeconds([span(20, 30), span(22, 25), span(20, 30)], window)).toBe(10);
    expect(outageSeconds([span(10, 20), span(0, 10)], window)).toBe(20);
  });

  it('counts nothing for empty, reversed or outside outages', () => {
    // Assess
    expect(outageSeconds([span(5, 5), span(30, 20), span(200, 300)], window)).toBe(0);
    expect(outageSeconds([], window)).toBe(0);
  });
});

describe('availabilityFromOutages', () => {
  it('is 1 minus the outage time over the window, with no periods', () => {
    // Act
    const summary = availabilityFromOutages(
      [
        { start: at(0), end: at(10) },
        { start: at(5), end: at(15) },
      ],
      { start: at(0), end: at(100) },
    );
    // Assess
    expect(summary).toEqual({
      availability: expect.closeTo(0.85, 12),
      downtimeSeconds: 15,
      periodsCounted: 0,
      unhealthyPeriods: 0,
    });
  });

  it('is 1 without outages and for an empty window', () => {
    // Assess
    expect(availabilityFromOutages([], { start: at(0), end: at(100) }).availability).toBe(1);
    expect(availabilityFromOutages([{ start: at(0), end: at(9) }], { start: at(5), end: at(5) })).toEqual({
      availability: 1,
      downtimeSeconds: 0,
      periodsCounted: 0,
      unhealthyPeriods: 0,
    });
  });
});
