import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ingestedThrough,
  lastIngestedAt,
  listingMarginMs,
  type ShardCursor,
} from '#domain/monitoring/ingest-plan.ts';

const cursor: ShardCursor = {
  '60': { through: '2026-11-28T10:05:00.000Z', listedAt: '2026-11-28T10:07:30.000Z' },
  '300': { through: '2026-11-28T10:00:00.000Z', listedAt: '2026-11-28T10:05:30.000Z' },
};
const minute = (seriesSince: string) => ({ periodSeconds: 60, seriesSince });

describe('ingestedThrough', () => {
  it('is the cursor of the binding’s period for a series that started well before the listing', () => {
    // Act, Assess
    expect(ingestedThrough(minute('2026-11-27T00:00:00.000Z'), cursor)).toEqual(cursor['60']);
    expect(ingestedThrough({ periodSeconds: 300, seriesSince: '2026-11-27T00:00:00.000Z' }, cursor)).toEqual(
      cursor['300'],
    );
  });

  it('counts a series started within the listing margin as never read', () => {
    // Act, Assess: listed at 10:07:30, margin 5 minutes, so 10:02:30 is the last start it trusts
    expect(ingestedThrough(minute('2026-11-28T10:02:30.000Z'), cursor)).toEqual(cursor['60']);
    expect(ingestedThrough(minute('2026-11-28T10:02:30.001Z'), cursor)).toBeUndefined();
    expect(ingestedThrough(minute('2026-11-28T10:07:00.000Z'), cursor)).toBeUndefined();
  });

  it('is undefined for a period the shard has never read', () => {
    // Act, Assess
    expect(ingestedThrough({ periodSeconds: 3600, seriesSince: '2026-01-01T00:00:00.000Z' }, cursor)).toBe(
      undefined,
    );
    expect(ingestedThrough(minute('2026-01-01T00:00:00.000Z'), {})).toBeUndefined();
  });
});

describe('lastIngestedAt', () => {
  it('is the last listing of the binding’s period that could have seen it', () => {
    // Act, Assess
    expect(lastIngestedAt(minute('2026-11-28T10:00:00.000Z'), cursor)).toBe('2026-11-28T10:07:30.000Z');
    expect(lastIngestedAt({ periodSeconds: 300, seriesSince: '2026-11-28T10:00:00.000Z' }, cursor)).toBe(
      '2026-11-28T10:05:30.000Z',
    );
  });

  it('has no margin: a series started just before the listing was read by it', () => {
    // Act, Assess
    expect(lastIngestedAt(minute('2026-11-28T10:07:30.000Z'), cursor)).toBe('2026-11-28T10:07:30.000Z');
    expect(lastIngestedAt(minute('2026-11-28T10:07:30.001Z'), cursor)).toBeUndefined();
  });

  it('is undefined when the shard has never read the period', () => {
    // Act, Assess
    expect(lastIngestedAt({ periodSeconds: 900, seriesSince: '2026-01-01T00:00:00.000Z' }, cursor)).toBe(
      undefined,
    );
  });
});

describe('ingest cursor properties', () => {
  const listed = Date.parse('2026-11-28T10:07:30.000Z');
  const offsets = fc.integer({ min: -86_400_000, max: 86_400_000 });

  it('trusts a series exactly when it started a listing margin or more before the listing', () => {
    fc.assert(
      fc.property(offsets, (offset) => {
        // Prepare
        const binding = minute(new Date(listed + offset).toISOString());
        // Act
        const entry = ingestedThrough(binding, cursor);
        // Assess
        expect(entry !== undefined).toBe(offset <= -listingMarginMs);
      }),
    );
  });

  it('never resumes a binding the listing did not report as read', () => {
    fc.assert(
      fc.property(offsets, (offset) => {
        // Prepare
        const binding = minute(new Date(listed + offset).toISOString());
        // Act, Assess: resumed implies listed, never the other way round
        if (ingestedThrough(binding, cursor)) expect(lastIngestedAt(binding, cursor)).toBeDefined();
      }),
    );
  });
});
