import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { BusinessDays } from '#domain/service-levels/business-intervals.ts';
import type * as businessTime from '#domain/service-levels/business-time.ts';
import {
  computeSla,
  nextSweepAt,
  type RecordTimeline,
  type SlaPolicy,
  thresholdInstants,
} from '#domain/service-levels/index.ts';
import { caseArb, DAY_MS } from './business-time-arbitraries.ts';
import { policy } from './fixtures.ts';

// The SLA clock (pauses, resumes, stops, breach instants) and its warning thresholds, computed once with
// the business-time arithmetic and once with the interval-by-interval reference it replaced: the one mock
// here switches between the two, so the clock's own code runs unchanged on both.
const engine = vi.hoisted(() => ({ reference: false }));
vi.mock('#domain/service-levels/business-time.ts', async (importOriginal) => {
  const fast = await importOriginal<typeof businessTime>();
  const { referenceAddBusinessMs, referenceBusinessMsBetween } = await import('./business-time-reference.ts');
  return {
    ...fast,
    businessMsBetween: (...args: Parameters<typeof fast.businessMsBetween>) =>
      engine.reference ? referenceBusinessMsBetween(...args) : fast.businessMsBetween(...args),
    addBusinessMs: (...args: Parameters<typeof fast.addBusinessMs>) =>
      engine.reference ? referenceAddBusinessMs(...args) : fast.addBusinessMs(...args),
  };
});

const both = <T>(compute: () => T): [T, T] => {
  engine.reference = false;
  const fast = compute();
  engine.reference = true;
  try {
    return [fast, compute()];
  } finally {
    engine.reference = false;
  }
};

const STATES = ['new', 'in_progress', 'in_progress', 'on_hold', 'on_hold', 'resolved', 'closed'];

/** Up to ten changes, hours to days apart: pauses and resumes, resolves and reopens. */
const stepsArb = fc.array(
  fc.tuple(
    fc.integer({ min: 0, max: 4 * DAY_MS }),
    fc.constantFrom(...STATES),
    fc.integer({ min: 1, max: 5 }),
  ),
  { maxLength: 10 },
);

describe('the SLA clock against the interval-by-interval reference', () => {
  it('gives the same status, due and breach instants, thresholds and next sweep', () => {
    fc.assert(
      fc.property(
        caseArb(),
        stepsArb,
        fc.constantFrom<SlaPolicy['metric']>('response', 'resolution'),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 30 * DAY_MS }),
        ({ calendar, fromMs }, steps, metric, share, laterMs) => {
          // A target of up to four ordinary weeks, so that the reference walks a few weeks at most
          const targetSeconds = Math.max(
            1,
            Math.round((share * 4 * new BusinessDays(calendar).weekMs) / 1000),
          );
          const sla = policy({ metric, targetSeconds, warnAt: [50, 75, 90] });
          let atMs = fromMs;
          const timeline: RecordTimeline = [
            { at: new Date(fromMs).toISOString(), state: 'new', priority: 2 },
          ];
          for (const [gapMs, state, priority] of steps) {
            atMs += gapMs;
            timeline.push({ at: new Date(atMs).toISOString(), state, priority });
          }
          const now = new Date(fromMs + laterMs);

          const [fast, reference] = both(() => {
            const status = computeSla(sla, calendar, timeline, now);
            return {
              status,
              thresholds: thresholdInstants(sla, calendar, status, now),
              sweep: nextSweepAt(sla, calendar, status, now),
            };
          });

          expect(fast).toEqual(reference);
        },
      ),
      { numRuns: 80 },
    );
  });
});
