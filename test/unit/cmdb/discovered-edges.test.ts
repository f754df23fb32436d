import { describe, expect, it } from 'vitest';
import { type DiscoveredEdge, parseConfigItemChange, reconcileEdges } from '#domain/cmdb/index.ts';
import ec2 from '../../fixtures/config/ec2-instance.json' with { type: 'json' };

const edges = parseConfigItemChange(ec2).edges;

describe('reconcileEdges', () => {
  it('adds nothing and removes nothing on a replay', () => {
    // Act
    const changes = reconcileEdges(edges, edges);
    // Assess
    expect(changes).toEqual({ add: [], remove: [] });
  });

  it('adds new edges and removes those Config no longer reports', () => {
    // Prepare: the security group was swapped
    const newSg: DiscoveredEdge = {
      fromExternalId: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f67890',
      toExternalId: 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0bbbbbbbbbbbbbbbb',
      type: 'connects_to',
      configName: 'Is associated with SecurityGroup',
    };
    const next = [...edges.filter((e) => !e.toExternalId.includes('security-group')), newSg];
    // Act
    const changes = reconcileEdges(edges, next);
    // Assess
    expect(changes.add).toEqual([newSg]);
    expect(changes.remove.map((e) => e.toExternalId)).toEqual([
      'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123456789abcdef0',
    ]);
  });
});
