import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindingShard, shardGroups } from '#domain/monitoring/ingest-plan.ts';
import {
  ingestRequestDetailType,
  ingestRequestSource,
  shardsRequested,
} from '#processes/metrics/metric-ingest.ts';

describe('shardGroups', () => {
  it('fills a group until the next shard would pass one invocation', () => {
    // Act, Assess
    expect(shardGroups([4000, 4000, 4000], 10_000)).toEqual([[0, 1], [2]]);
  });

  it('is one group when everything fits: no fan-out', () => {
    // Act, Assess
    expect(
      shardGroups(
        Array.from({ length: 16 }, () => 625),
        10_000,
      ),
    ).toEqual([Array.from({ length: 16 }, (_, shard) => shard)]);
  });

  it('skips empty shards and never splits a shard larger than an invocation', () => {
    // Act, Assess
    expect(shardGroups([0, 12_000, 0, 1, 9_999, 0], 10_000)).toEqual([[1], [3, 4]]);
  });

  it('has no group for no bindings', () => {
    // Act, Assess
    expect(shardGroups([0, 0, 0], 10_000)).toEqual([]);
    expect(shardGroups([], 10_000)).toEqual([]);
  });

  it('splits 100,000 bindings over 16 shards into groups of at most 10,000', () => {
    // Act
    const groups = shardGroups(
      Array.from({ length: 16 }, () => 6250),
      10_000,
    );
    // Assess: one shard of 6,250 a group, since two make 12,500
    expect(groups).toEqual(Array.from({ length: 16 }, (_, shard) => [shard]));
  });
});

describe('shardGroups properties', () => {
  const counts = fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 32 });
  const limits = fc.integer({ min: 1, max: 30_000 });

  it('takes every non-empty shard once, in order, each group within the limit unless it is one shard', () => {
    fc.assert(
      fc.property(counts, limits, (shardCounts, perInvocation) => {
        // Act
        const groups = shardGroups(shardCounts, perInvocation);
        // Assess
        expect(groups.flat()).toEqual(shardCounts.flatMap((count, shard) => (count > 0 ? [shard] : [])));
        for (const group of groups) {
          const size = group.reduce((sum, shard) => sum + (shardCounts[shard] ?? 0), 0);
          expect(group.length).toBeGreaterThan(0);
          if (group.length > 1) expect(size).toBeLessThanOrEqual(perInvocation);
        }
      }),
    );
  });

  it('starts a new group only when the next shard does not fit', () => {
    fc.assert(
      fc.property(counts, limits, (shardCounts, perInvocation) => {
        // Act
        const groups = shardGroups(shardCounts, perInvocation);
        // Assess
        groups.slice(1).forEach((group, n) => {
          const before = groups[n] ?? [];
          const size = before.reduce((sum, shard) => sum + (shardCounts[shard] ?? 0), 0);
          expect(size + (shardCounts[group[0] ?? -1] ?? 0)).toBeGreaterThan(perInvocation);
        });
      }),
    );
  });
});

describe('bindingShard', () => {
  it('hashes CI id and key with 32-bit FNV-1a', () => {
    // Act, Assess: FNV-1a of 'ci-1#cpu' is 1,101,808,398
    expect(bindingShard('ci-1', 'cpu', 16)).toBe(1_101_808_398 % 16);
    expect(bindingShard('ci-1', 'cpu', 1_000_000_000)).toBe(101_808_398);
  });

  it('spreads 10,000 bindings over 16 shards within 20% of even', () => {
    // Prepare: 100 CIs with 100 keys each
    const counts = Array.from({ length: 16 }, () => 0);
    // Act
    for (let ci = 0; ci < 100; ci++)
      for (let key = 0; key < 100; key++) {
        const shard = bindingShard(`ci-${ci}`, `metric-${key}`, 16);
        counts[shard] = (counts[shard] ?? 0) + 1;
      }
    // Assess
    for (const count of counts) {
      expect(count).toBeGreaterThanOrEqual(500);
      expect(count).toBeLessThanOrEqual(750);
    }
  });

  it('spreads ULID-like CI ids as well', () => {
    // Prepare: ids that share a long prefix, as ULIDs made in one second do
    const counts = Array.from({ length: 16 }, () => 0);
    // Act
    for (let n = 0; n < 10_000; n++) {
      const shard = bindingShard(`01JD5W7K3M${n.toString(36).padStart(16, '0').toUpperCase()}`, 'cpu', 16);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    // Assess
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...counts)).toBeLessThanOrEqual(750);
  });

  it('is stable and in range for any CI id, key and shard count', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer({ min: 1, max: 1024 }), (ciId, key, shards) => {
        // Act
        const shard = bindingShard(ciId, key, shards);
        // Assess
        expect(Number.isInteger(shard)).toBe(true);
        expect(shard).toBeGreaterThanOrEqual(0);
        expect(shard).toBeLessThan(shards);
        expect(bindingShard(ciId, key, shards)).toBe(shard);
      }),
    );
  });
});

describe('shardsRequested', () => {
  const request = (detail: unknown) => ({
    source: ingestRequestSource,
    'detail-type': ingestRequestDetailType,
    detail,
  });

  it('reads the shards of a fan-out request', () => {
    // Act, Assess
    expect(shardsRequested(request({ shards: [1, 2] }), 16)).toEqual([1, 2]);
  });

  it('is undefined for the schedule: read every shard', () => {
    // Act, Assess
    expect(
      shardsRequested({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }, 16),
    ).toBeUndefined();
    expect(shardsRequested({}, 16)).toBeUndefined();
    expect(shardsRequested({ source: ingestRequestSource, 'detail-type': 'Other' }, 16)).toBeUndefined();
  });

  it('drops repeats and anything that is not a shard', () => {
    // Act, Assess
    expect(shardsRequested(request({ shards: [3, 3, -1, 16, 2.5, '4', null, 15, 0] }), 16)).toEqual([
      3, 15, 0,
    ]);
  });

  it('asks for nothing when the request names no shard list', () => {
    // Act, Assess
    expect(shardsRequested(request({ shards: 'all' }), 16)).toEqual([]);
    expect(shardsRequested(request(undefined), 16)).toEqual([]);
    expect(shardsRequested(request({ shards: [] }), 16)).toEqual([]);
  });
});
