import { describe, expect, it } from 'vitest';
import { ownHealth, worstHealth } from '#domain/cmdb/index.ts';

describe('ownHealth', () => {
  it('is ok with no open incident and no breached threshold', () => {
    // Act
    const health = ownHealth({ openIncidentPriorities: [], breachedThresholds: [] });
    // Assess
    expect(health).toBe('ok');
  });

  it.each([1, 2] as const)('is down with an open P%s incident', (priority) => {
    // Act
    const health = ownHealth({ openIncidentPriorities: [4, priority], breachedThresholds: [] });
    // Assess
    expect(health).toBe('down');
  });

  it.each([3, 4, 5] as const)('is only degraded with an open P%s incident', (priority) => {
    // Act
    const health = ownHealth({ openIncidentPriorities: [priority], breachedThresholds: [] });
    // Assess
    expect(health).toBe('degraded');
  });

  it('is degraded for a breached threshold and down for a critical one', () => {
    // Act
    const plain = ownHealth({ openIncidentPriorities: [], breachedThresholds: [{ key: 'cpu' }] });
    const critical = ownHealth({
      openIncidentPriorities: [],
      breachedThresholds: [{ key: 'cpu' }, { key: 'availability', critical: true }],
    });
    // Assess
    expect(plain).toBe('degraded');
    expect(critical).toBe('down');
  });
});

describe('worstHealth', () => {
  it('takes the worst and is ok for nothing', () => {
    // Assess
    expect(worstHealth(['degraded', 'down', 'ok'])).toBe('down');
    expect(worstHealth([])).toBe('ok');
  });
});
