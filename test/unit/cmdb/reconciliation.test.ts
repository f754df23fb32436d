import { describe, expect, it } from 'vitest';
import { type DiscoveryState, manualEdit, parseConfigItemChange, reconcile } from '#domain/cmdb/index.ts';
import ec2 from '../../fixtures/config/ec2-instance.json' with { type: 'json' };
import ec2Deleted from '../../fixtures/config/ec2-instance-deleted.json' with { type: 'json' };

const discovered = parseConfigItemChange(ec2);
const deleted = parseConfigItemChange(ec2Deleted);

/** The CI as the first EC2 event leaves it. */
const created = (): DiscoveryState => {
  const result = reconcile(undefined, discovered, discovered.captureTime);
  if (result.outcome === 'unchanged') throw new Error('the first event creates the CI');
  return result.state;
};

/** The same instance, captured later with another instance type. */
const resized = (at: string) => ({
  itemStatus: 'OK' as const,
  attributes: { ...discovered.attributes, instanceType: 't3.large' },
  at,
});

describe('reconcile', () => {
  it('creates the CI from a first event, every attribute owned by discovery', () => {
    // Act
    const result = reconcile(undefined, discovered, discovered.captureTime);
    // Assess
    expect(result.outcome).toBe('created');
    if (result.outcome === 'unchanged') return;
    expect(result.state.status).toBe('active');
    expect(result.state.lastDiscoveredAt).toBe('2026-01-05T09:13:58.120Z');
    expect(Object.values(result.state.attributeSources).every((s) => s === 'discovery')).toBe(true);
    expect(result.changes).toContain('attributes.instanceType');
  });

  it('changes nothing when the same event is replayed', () => {
    // Act
    const result = reconcile(created(), discovered, discovered.captureTime);
    // Assess
    expect(result).toEqual({ outcome: 'unchanged', reason: 'replay' });
  });

  it('applies a newer event and names the changed field', () => {
    // Prepare
    const later = resized('2026-01-06T08:00:00.000Z');
    // Act
    const result = reconcile(created(), later, later.at);
    // Assess
    expect(result).toMatchObject({ outcome: 'updated', changes: ['attributes.instanceType'] });
  });

  it('ignores an event older than the last one applied (out-of-order delivery)', () => {
    // Prepare: the resize at 10:00 was applied, then the 09:13 creation event arrives late
    const later = resized('2026-01-05T10:00:00.000Z');
    const afterResize = reconcile(created(), later, later.at);
    if (afterResize.outcome === 'unchanged') throw new Error('the resize applies');
    // Act
    const result = reconcile(afterResize.state, discovered, discovered.captureTime);
    // Assess
    expect(result).toEqual({ outcome: 'unchanged', reason: 'stale' });
  });

  it('never overwrites an attribute a person set by hand', () => {
    // Prepare
    const edited = manualEdit(created(), { instanceType: 'm5.xlarge (reserved)', owner: 'payments' }).state;
    const later = resized('2026-01-06T08:00:00.000Z');
    // Act
    const result = reconcile(edited, later, later.at);
    // Assess
    if (result.outcome === 'unchanged') throw new Error('the newer event moves lastDiscoveredAt on');
    expect(result.state.attributes.instanceType).toBe('m5.xlarge (reserved)');
    expect(result.state.attributes.owner).toBe('payments');
    expect(result.changes).toEqual([]);
  });

  it('updates and removes the attributes discovery owns', () => {
    // Prepare: the newer item has no privateIpAddress any more
    const { privateIpAddress: _gone, ...rest } = discovered.attributes;
    // Act
    const result = reconcile(
      created(),
      { itemStatus: 'OK', attributes: { ...rest, state: 'stopped' } },
      '2026-01-07T00:00:00.000Z',
    );
    // Assess
    if (result.outcome === 'unchanged') throw new Error('a change applies');
    expect(result.changes).toEqual(['attributes.state', 'attributes.privateIpAddress']);
    expect(result.state.attributes).not.toHaveProperty('privateIpAddress');
    expect(result.state.attributeSources).not.toHaveProperty('privateIpAddress');
  });

  it('counts an attribute with no recorded owner as manual', () => {
    // Prepare
    const legacy: DiscoveryState = {
      attributes: { instanceType: 'custom' },
      attributeSources: {},
      status: 'active',
    };
    // Act
    const result = reconcile(legacy, discovered, discovered.captureTime);
    // Assess
    if (result.outcome === 'unchanged') throw new Error('first discovery applies');
    expect(result.state.attributes.instanceType).toBe('custom');
  });

  it('retires a deleted resource and keeps its attributes', () => {
    // Act
    const result = reconcile(created(), deleted, deleted.captureTime);
    // Assess
    expect(result).toMatchObject({ outcome: 'updated', changes: ['status'], state: { status: 'retired' } });
    if (result.outcome === 'unchanged') return;
    expect(result.state.attributes.instanceType).toBe('t3.medium');
  });

  it('creates a retired CI when the deletion arrives first, so the late creation is stale', () => {
    // Act
    const first = reconcile(undefined, deleted, deleted.captureTime);
    if (first.outcome === 'unchanged') throw new Error('the deletion records the CI');
    const late = reconcile(first.state, discovered, discovered.captureTime);
    // Assess
    expect(first.state.status).toBe('retired');
    expect(late).toEqual({ outcome: 'unchanged', reason: 'stale' });
  });

  it('changes nothing when Config stops recording the type', () => {
    // Act
    const result = reconcile(
      created(),
      { itemStatus: 'ResourceNotRecorded', attributes: {} },
      '2026-03-01T00:00:00.000Z',
    );
    // Assess
    expect(result).toEqual({ outcome: 'unchanged', reason: 'not_recorded' });
  });
});

describe('manualEdit', () => {
  it('marks edited attributes manual and leaves the others to discovery', () => {
    // Act
    const { state, changes } = manualEdit(created(), { instanceType: 't3.large' });
    // Assess
    expect(state.attributeSources.instanceType).toBe('manual');
    expect(state.attributeSources.state).toBe('discovery');
    expect(changes).toEqual(['attributes.instanceType']);
  });

  it('removes an attribute with null and hands it back to discovery', () => {
    // Prepare
    const edited = manualEdit(created(), { instanceType: 't3.large' }).state;
    // Act
    const cleared = manualEdit(edited, { instanceType: null, unknown: null });
    const rediscovered = reconcile(cleared.state, discovered, '2026-01-08T00:00:00.000Z');
    // Assess
    expect(cleared.changes).toEqual(['attributes.instanceType']);
    expect(rediscovered).toMatchObject({
      outcome: 'updated',
      state: { attributes: { instanceType: 't3.medium' } },
    });
  });
});
