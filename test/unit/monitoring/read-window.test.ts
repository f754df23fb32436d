import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultIngestSettings, type IngestSettings, readWindow } from '#domain/monitoring/ingest-plan.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const span = (window: ReturnType<typeof readWindow>) =>
  window && { start: iso(window.startMs), end: iso(window.endMs), periodSeconds: window.periodSeconds };
const now = Date.parse('2026-11-28T10:07:30.000Z');

describe('readWindow, a first run', () => {
  it('reads 24 hours back to the last settled minute', () => {
    // Act
    const window = readWindow({ periodSeconds: 60 }, now);
    // Assess: 10:07:30 less the 120 s settle is 10:05:30, so the last whole minute ends at 10:05
    expect(span(window)).toEqual({
      start: '2026-11-27T10:05:00.000Z',
      end: '2026-11-28T10:05:00.000Z',
      periodSeconds: 60,
    });
  });

  it('aligns an hourly binding to the hour', () => {
    // Act
    const window = readWindow({ periodSeconds: 3600 }, now);
    // Assess
    expect(span(window)).toEqual({
      start: '2026-11-27T10:00:00.000Z',
      end: '2026-11-28T10:00:00.000Z',
      periodSeconds: 3600,
    });
  });

  it('leaves out a period that ended less than the settle time ago', () => {
    // Act: 10:05:00 ended 119 s ago, so 10:04 is the newest settled minute
    const window = readWindow({ periodSeconds: 60 }, Date.parse('2026-11-28T10:06:59.000Z'));
    // Assess
    expect(window && iso(window.endMs)).toBe('2026-11-28T10:04:00.000Z');
  });

  it('is undefined when no backfill is asked for', () => {
    // Act
    const window = readWindow({ periodSeconds: 60 }, now, { ...defaultIngestSettings, backfillSeconds: 0 });
    // Assess
    expect(window).toBeUndefined();
  });
});

describe('readWindow, a steady run', () => {
  it('re-reads five periods before where the last run stopped', () => {
    // Act
    const window = readWindow({ periodSeconds: 60, ingestedThrough: '2026-11-28T10:00:00.000Z' }, now);
    // Assess: 5 overlap + 5 new minutes
    expect(span(window)).toEqual({
      start: '2026-11-28T09:55:00.000Z',
      end: '2026-11-28T10:05:00.000Z',
      periodSeconds: 60,
    });
  });

  it('aligns an unaligned ingestedThrough down to its period', () => {
    // Act
    const window = readWindow({ periodSeconds: 300, ingestedThrough: '2026-11-28T09:58:20.000Z' }, now);
    // Assess: 09:55 less 5 × 5 minutes
    expect(span(window)).toEqual({
      start: '2026-11-28T09:30:00.000Z',
      end: '2026-11-28T10:05:00.000Z',
      periodSeconds: 300,
    });
  });

  it('never reads further back than the backfill, however long ago the last run', () => {
    // Act
    const window = readWindow({ periodSeconds: 60, ingestedThrough: '2026-11-20T00:00:00.000Z' }, now);
    // Assess
    expect(span(window)).toEqual({
      start: '2026-11-27T10:05:00.000Z',
      end: '2026-11-28T10:05:00.000Z',
      periodSeconds: 60,
    });
  });

  it('is undefined when nothing settled since the last run and no overlap is asked for', () => {
    // Act
    const window = readWindow({ periodSeconds: 60, ingestedThrough: '2026-11-28T10:05:00.000Z' }, now, {
      ...defaultIngestSettings,
      overlapPeriods: 0,
    });
    // Assess
    expect(window).toBeUndefined();
  });

  it('still re-reads the overlap when nothing new settled', () => {
    // Act
    const window = readWindow({ periodSeconds: 60, ingestedThrough: '2026-11-28T10:05:00.000Z' }, now);
    // Assess
    expect(span(window)).toEqual({
      start: '2026-11-28T10:00:00.000Z',
      end: '2026-11-28T10:05:00.000Z',
      periodSeconds: 60,
    });
  });

  it('treats an unreadable ingestedThrough as a first run', () => {
    // Act
    const window = readWindow({ periodSeconds: 60, ingestedThrough: 'not a time' }, now);
    // Assess
    expect(window && iso(window.startMs)).toBe('2026-11-27T10:05:00.000Z');
  });
});

const periods = fc.integer({ min: 1, max: 1440 }).map((minutes) => minutes * 60);
const nows = fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2035-01-01T00:00:00Z') });
const settings: fc.Arbitrary<IngestSettings> = fc.record({
  overlapPeriods: fc.integer({ min: 0, max: 20 }),
  settleSeconds: fc.integer({ min: 0, max: 900 }),
  backfillSeconds: fc.integer({ min: 0, max: 7 * 86_400 }),
});
/** Where the last run stopped: from two backfills before now to a day after it. */
const throughs = (nowMs: number) =>
  fc.option(fc.integer({ min: nowMs - 14 * 86_400_000, max: nowMs + 86_400_000 }).map(iso), {
    nil: undefined,
  });

describe('readWindow properties', () => {
  it('reads whole settled periods, no further back than the backfill', () => {
    fc.assert(
      fc.property(
        periods,
        settings,
        nows.chain((nowMs) => fc.tuple(fc.constant(nowMs), throughs(nowMs))),
        (periodSeconds, chosen, [nowMs, ingestedThrough]) => {
          // Act
          const window = readWindow({ periodSeconds, ingestedThrough }, nowMs, chosen);
          // Assess
          const periodMs = periodSeconds * 1000;
          const settledEdge = nowMs - chosen.settleSeconds * 1000;
          if (!window) return;
          expect(window.periodSeconds).toBe(periodSeconds);
          expect(window.startMs % periodMs).toBe(0);
          expect(window.endMs % periodMs).toBe(0);
          expect(window.startMs).toBeLessThan(window.endMs);
          expect(window.endMs).toBeLessThanOrEqual(settledEdge);
          expect(window.endMs).toBeGreaterThan(settledEdge - periodMs);
          expect(window.endMs - window.startMs).toBeLessThanOrEqual(
            Math.ceil(chosen.backfillSeconds / periodSeconds) * periodMs,
          );
        },
      ),
    );
  });

  it('starts the overlap before where the last run stopped, unless the backfill is nearer', () => {
    fc.assert(
      fc.property(
        periods,
        settings,
        nows.chain((nowMs) => fc.tuple(fc.constant(nowMs), throughs(nowMs))),
        (periodSeconds, chosen, [nowMs, ingestedThrough]) => {
          fc.pre(ingestedThrough !== undefined);
          // Act
          const window = readWindow({ periodSeconds, ingestedThrough }, nowMs, chosen);
          const firstRun = readWindow({ periodSeconds }, nowMs, chosen);
          // Assess
          const periodMs = periodSeconds * 1000;
          const through = Date.parse(ingestedThrough as string);
          const overlapStart = through - (through % periodMs) - chosen.overlapPeriods * periodMs;
          if (!window) {
            expect(firstRun === undefined || overlapStart >= (firstRun?.endMs ?? 0)).toBe(true);
            return;
          }
          expect(window.endMs).toBe(firstRun?.endMs);
          expect(window.startMs).toBe(Math.max(overlapStart, firstRun?.startMs ?? 0));
        },
      ),
    );
  });

  it('is undefined exactly when the start is not before the end', () => {
    fc.assert(
      fc.property(periods, settings, nows, (periodSeconds, chosen, nowMs) => {
        // Prepare: the last run stopped at or past the settled edge plus its overlap
        const periodMs = periodSeconds * 1000;
        const settled = nowMs - chosen.settleSeconds * 1000;
        const end = settled - (settled % periodMs);
        const ingestedThrough = iso(end + chosen.overlapPeriods * periodMs);
        // Act
        const window = readWindow({ periodSeconds, ingestedThrough }, nowMs, chosen);
        // Assess
        expect(window).toBeUndefined();
      }),
    );
  });
});
