import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availabilityFromOutages,
  availabilityOfPeriods,
  COMPARISONS,
  forecastCapacity,
  INITIAL_THRESHOLD_STATE,
  type MetricPoint,
  outageSeconds,
  percentile,
  periodVerdicts,
  summarisePerformance,
  TREAT_MISSING_DATA,
  watchThreshold,
} from '#domain/metrics/index.ts';

const T0 = Date.parse('2027-06-01T00:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true });
/** Distinct minute offsets within 14 days, as points carrying the given values. */
const pointsOf = (values: fc.Arbitrary<number>, maxLength = 60) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 20_159 }), { maxLength })
    .chain((minutes) =>
      fc.tuple(
        fc.constant(minutes),
        fc.array(values, { minLength: minutes.length, maxLength: minutes.length }),
      ),
    )
    .map(([minutes, vs]): MetricPoint[] => minutes.map((m, i) => ({ t: at(m * 60), v: vs[i] ?? 0 })));
const intervals = fc.array(
  fc.tuple(fc.integer({ min: -50, max: 250 }), fc.integer({ min: -50, max: 250 })).map(([a, b]) => ({
    start: at(a),
    end: at(b),
  })),
  { maxLength: 12 },
);

describe('capacity forecast properties', () => {
  it('a constant series below the limit never forecasts exhaustion', () => {
    fc.assert(
      fc.property(
        finite,
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 60 }),
        (c, gap, n) => {
          // Prepare
          const points = Array.from({ length: n }, (_, i) => ({ t: at(i * 60), v: c }));
          // Act
          const forecast = forecastCapacity(points, c + gap);
          // Assess
          expect(forecast.exhaustionAt).toBeNull();
          if (n >= 2) expect(forecast.fit.r2).toBe(1);
        },
      ),
    );
  });

  it('does not depend on the order the points arrive in', () => {
    fc.assert(
      fc.property(pointsOf(finite), finite, (points, limit) => {
        // Assess
        expect(forecastCapacity([...points].reverse(), limit)).toEqual(forecastCapacity(points, limit));
      }),
    );
  });
});

describe('performance properties', () => {
  it('a constant series is never an anomaly, as values or as percentiles', () => {
    fc.assert(
      fc.property(finite, fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 200 }), (c, w, b) => {
        // Prepare
        const baseline = Array.from({ length: b }, () => c);
        // Act
        const fromValues = summarisePerformance(
          Array.from({ length: w }, () => c),
          baseline,
        );
        const fromPercentiles = summarisePerformance({ p50: c, p95: c, p99: c }, baseline);
        // Assess
        expect(fromValues.anomaly).toBe(false);
        expect(fromPercentiles.anomaly).toBe(false);
      }),
    );
  });

  it('percentile is monotone in p and stays within [min, max]', () => {
    fc.assert(
      fc.property(
        fc.array(finite, { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, p, q) => {
          // Prepare
          const sorted = [...values].sort((a, b) => a - b);
          const [low, high] = p <= q ? [p, q] : [q, p];
          // Act
          const atLow = percentile(sorted, low);
          const atHigh = percentile(sorted, high);
          // Assess
          expect(atLow).toBeLessThanOrEqual(atHigh);
          expect(atLow).toBeGreaterThanOrEqual(sorted[0] ?? Number.NaN);
          expect(atHigh).toBeLessThanOrEqual(sorted.at(-1) ?? Number.NaN);
        },
      ),
    );
  });
});

describe('availability properties', () => {
  it('stays within [0, 1] for any verdicts', () => {
    fc.assert(
      fc.property(
        pointsOf(finite),
        fc.constantFrom(...COMPARISONS),
        finite,
        fc.constantFrom(...TREAT_MISSING_DATA),
        fc.constantFrom(60, 300, 3600),
        (points, comparison, value, treatMissingData, periodSeconds) => {
          // Act
          const verdicts = periodVerdicts({
            points,
            periodSeconds,
            from: at(0),
            to: at(2 * 86_400),
            threshold: { comparison, value },
            treatMissingData,
          });
          const summary = availabilityOfPeriods(verdicts, periodSeconds);
          // Assess
          expect(summary.availability).toBeGreaterThanOrEqual(0);
          expect(summary.availability).toBeLessThanOrEqual(1);
          expect(summary.downtimeSeconds).toBe(summary.unhealthyPeriods * periodSeconds);
        },
      ),
    );
  });

  it('stays within [0, 1] for any outages', () => {
    fc.assert(
      fc.property(intervals, fc.integer({ min: 1, max: 200 }), (outages, length) => {
        // Act
        const { availability } = availabilityFromOutages(outages, { start: at(0), end: at(length) });
        // Assess
        expect(availability).toBeGreaterThanOrEqual(0);
        expect(availability).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('outageSeconds is the union: second by second, unchanged by duplicates or order, at most the window', () => {
    fc.assert(
      fc.property(intervals, (outages) => {
        // Prepare: every interval lies on whole seconds, so the union is the covered seconds counted one by one
        const window = { start: at(0), end: at(200) };
        const covered = Array.from({ length: 200 }, (_, s) =>
          outages.some((o) => Date.parse(o.start) <= T0 + s * 1000 && T0 + s * 1000 < Date.parse(o.end)),
        ).filter(Boolean).length;
        // Act
        const seconds = outageSeconds(outages, window);
        // Assess
        expect(seconds).toBe(covered);
        expect(outageSeconds([...outages, ...outages], window)).toBe(seconds);
        expect(outageSeconds([...outages].reverse(), window)).toBe(seconds);
        expect(seconds).toBeLessThanOrEqual(200);
      }),
    );
  });
});

describe('threshold watch properties', () => {
  const threshold = fc.record({
    comparison: fc.constantFrom(...COMPARISONS),
    value: fc.integer({ min: 0, max: 10 }),
    forPeriods: fc.integer({ min: 1, max: 4 }),
  });
  const points = pointsOf(fc.integer({ min: 0, max: 10 }), 40).map((list) =>
    [...list].sort((a, b) => Date.parse(a.t) - Date.parse(b.t)),
  );

  it('gives the same result in one call as in two, also when the second re-reads an overlap', () => {
    fc.assert(
      fc.property(points, threshold, fc.nat(), fc.nat(), (list, limit, cut, back) => {
        // Prepare
        const split = cut % (list.length + 1);
        const overlapFrom = split - (back % (split + 1));
        // Act
        const whole = watchThreshold(INITIAL_THRESHOLD_STATE, list, limit);
        const first = watchThreshold(INITIAL_THRESHOLD_STATE, list.slice(0, split), limit);
        const second = watchThreshold(first.state, list.slice(overlapFrom), limit);
        // Assess
        expect(second.state).toEqual(whole.state);
        expect([...first.transitions, ...second.transitions]).toEqual(whole.transitions);
      }),
    );
  });

  it('re-feeding the same points adds no transition and changes nothing', () => {
    fc.assert(
      fc.property(points, threshold, (list, limit) => {
        // Prepare
        const once = watchThreshold(INITIAL_THRESHOLD_STATE, list, limit);
        // Act
        const again = watchThreshold(once.state, list, limit);
        // Assess
        expect(again.transitions).toEqual([]);
        expect(again.state).toEqual(once.state);
      }),
    );
  });
});
