import { describe, expect, it } from 'vitest';
import { indexAttributes } from '#adapters/dynamo/index-plans.ts';
import { slaDueBound, slaDueShardOf, slaDueShards } from '#adapters/dynamo/sla-due-index.ts';

describe('the SLA due index (gsi10)', () => {
  it('keys a record by its next check, in a stable shard', () => {
    // Act
    const attributes = indexAttributes('incident', {
      id: 'a1',
      createdAt: '2026-06-15T07:00:00.000Z',
      state: 'new',
      slaNextCheckAt: '2026-06-15T09:00:00.000Z',
    });
    // Assess
    expect(attributes.gsi10pk).toBe(`sladue#${slaDueShardOf('a1')}`);
    expect(attributes.gsi10sk).toBe('2026-06-15T09:00:00.000Z#incident#a1');
    expect(slaDueShardOf('a1')).toBe(slaDueShardOf('a1'));
  });

  it('leaves a record without a running clock out of the index', () => {
    const attributes = indexAttributes('incident', { id: 'a1', createdAt: '2026-06-15T07:00:00.000Z' });
    expect(attributes.gsi10pk).toBeUndefined();
    expect(attributes.gsi10sk).toBeUndefined();
  });

  it('spreads records over every shard and bounds a due Query at now inclusive', () => {
    const shards = new Set(Array.from({ length: 200 }, (_, index) => slaDueShardOf(`record-${index}`)));
    const now = new Date('2026-06-15T09:00:00.000Z');
    expect(shards.size).toBe(slaDueShards);
    expect('2026-06-15T09:00:00.000Z#incident#zz' <= slaDueBound(now)).toBe(true);
    expect('2026-06-15T09:00:00.001Z#incident#a1' <= slaDueBound(now)).toBe(false);
  });
});
