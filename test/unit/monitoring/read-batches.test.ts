import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getMetricDataLimits, type ReadWindow, readBatches } from '#domain/monitoring/ingest-plan.ts';

const end = Date.parse('2026-11-28T10:05:00.000Z');
const minutes = (count: number, periodSeconds = 60): ReadWindow => ({
  startMs: end - count * 60_000,
  endMs: end,
  periodSeconds,
});
const reads = (count: number, window: ReadWindow, from = 0) =>
  Array.from({ length: count }, (_, n) => ({ item: from + n, window }));
const sizes = (batches: ReturnType<typeof readBatches>) => batches.map((batch) => batch.items.length);

describe('readBatches', () => {
  it('packs a steady run of 10,000 ten-minute windows into 20 calls of 500', () => {
    // Act
    const batches = readBatches(reads(10_000, minutes(10)));
    // Assess
    expect(sizes(batches)).toEqual(Array.from({ length: 20 }, () => 500));
    expect(batches.flatMap((batch) => batch.items)).toEqual(reads(10_000, minutes(10)).map((r) => r.item));
  });

  it('fits 70 first-run bindings of 24 hours of one-minute points in a call', () => {
    // Act: 1,440 points each; 70 × 1,440 = 100,800
    const batches = readBatches(reads(1000, minutes(1440)));
    // Assess
    expect(sizes(batches)).toEqual([...Array.from({ length: 14 }, () => 70), 20]);
  });

  it('keeps windows of another period, start or end in calls of their own', () => {
    // Prepare
    const steady = minutes(10);
    const hourly = minutes(10 * 60, 3600);
    const shifted = { ...steady, startMs: steady.startMs - 60_000 };
    const earlier = { ...steady, endMs: steady.endMs - 60_000 };
    // Act
    const batches = readBatches([
      { item: 'a', window: steady },
      { item: 'b', window: hourly },
      { item: 'c', window: shifted },
      { item: 'd', window: steady },
      { item: 'e', window: earlier },
      { item: 'f', window: hourly },
    ]);
    // Assess: groups in the order they first appear, items in the order given
    expect(batches).toEqual([
      { window: steady, items: ['a', 'd'] },
      { window: hourly, items: ['b', 'f'] },
      { window: shifted, items: ['c'] },
      { window: earlier, items: ['e'] },
    ]);
  });

  it('groups equal windows that are different objects', () => {
    // Act
    const batches = readBatches([
      { item: 1, window: minutes(10) },
      { item: 2, window: minutes(10) },
    ]);
    // Assess
    expect(sizes(batches)).toEqual([2]);
  });

  it('reads a window longer than one call allows one binding a call', () => {
    // Act: 100 days of minutes is 144,000 datapoints, past the limit even for one query
    const batches = readBatches(reads(3, minutes(144_000)));
    // Assess
    expect(sizes(batches)).toEqual([1, 1, 1]);
  });

  it('plans nothing for nothing', () => {
    // Act, Assess
    expect(readBatches([])).toEqual([]);
  });
});

/** A few windows over a day; the ingest's items are (binding, shard) pairs, here their positions. */
const windows = fc.constantFrom<ReadWindow>(
  minutes(10),
  minutes(1440),
  minutes(60, 300),
  minutes(1440, 3600),
  { ...minutes(10), startMs: end - 11 * 60_000 },
  minutes(2880),
);

describe('readBatches properties', () => {
  it('puts every read in exactly one batch of its own window, in order, within the limits', () => {
    fc.assert(
      fc.property(fc.array(windows, { maxLength: 1500 }), (chosen) => {
        // Prepare
        const planned = chosen.map((window, item) => ({ item, window }));
        // Act
        const batches = readBatches(planned);
        // Assess
        const placed = batches.flatMap((batch) => batch.items);
        expect([...placed].sort((a, b) => a - b)).toEqual(planned.map((read) => read.item));
        for (const batch of batches) {
          const points = (batch.window.endMs - batch.window.startMs) / (batch.window.periodSeconds * 1000);
          expect(batch.items.length).toBeGreaterThan(0);
          expect(batch.items.length).toBeLessThanOrEqual(getMetricDataLimits.queries);
          expect(batch.items.length * points).toBeLessThanOrEqual(getMetricDataLimits.datapoints);
          for (const item of batch.items) expect(planned[item]?.window).toEqual(batch.window);
          // Within a batch, and so within a group, items keep the order they came in
          expect(batch.items).toEqual([...batch.items].sort((a, b) => a - b));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('fills every call of a group but its last', () => {
    fc.assert(
      fc.property(fc.array(windows, { maxLength: 1500 }), (chosen) => {
        // Act
        const batches = readBatches(chosen.map((window, item) => ({ item, window })));
        // Assess
        const byWindow = new Map<string, number[]>();
        for (const batch of batches) {
          const key = JSON.stringify(batch.window);
          byWindow.set(key, [...(byWindow.get(key) ?? []), batch.items.length]);
        }
        for (const [key, counts] of byWindow) {
          const window = JSON.parse(key) as ReadWindow;
          const points = (window.endMs - window.startMs) / (window.periodSeconds * 1000);
          const full = Math.min(500, Math.floor(getMetricDataLimits.datapoints / points));
          expect(counts.slice(0, -1).every((count) => count === full)).toBe(true);
          expect(counts.at(-1)).toBeLessThanOrEqual(full);
        }
      }),
      { numRuns: 50 },
    );
  });
});
