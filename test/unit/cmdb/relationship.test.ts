import { describe, expect, it } from 'vitest';
import { relationshipKey, validateRelationship } from '#domain/cmdb/index.ts';

describe('validateRelationship', () => {
  it('accepts an edge between two active CIs', () => {
    // Prepare
    const ends = { from: { status: 'active' as const }, to: { status: 'active' as const } };
    // Act
    const errors = validateRelationship({ fromId: 'app', toId: 'srv', type: 'runs_on' }, ends);
    // Assess
    expect(errors).toEqual([]);
  });

  it('refuses a self-edge', () => {
    // Act
    const errors = validateRelationship({ fromId: 'app', toId: 'app', type: 'runs_on' });
    // Assess
    expect(errors).toEqual([{ path: 'toId', message: 'A CI cannot need itself' }]);
  });

  it('refuses an unknown type and an empty id', () => {
    // Act
    const errors = validateRelationship({ fromId: '', toId: 'srv', type: 'loves' });
    // Assess
    expect(errors.map((e) => e.path)).toEqual(['fromId', 'type']);
  });

  it('refuses an edge to an unknown CI or from a retired one', () => {
    // Prepare
    const ends = { from: { status: 'retired' as const }, to: undefined };
    // Act
    const errors = validateRelationship({ fromId: 'old', toId: 'ghost', type: 'depends_on' }, ends);
    // Assess
    expect(errors).toEqual([
      { path: 'fromId', message: 'A retired CI takes no new relationship' },
      { path: 'toId', message: 'No CI has this id' },
    ]);
  });

  it('gives duplicates the same key and other types another', () => {
    // Act
    const a = relationshipKey({ fromId: 'app', toId: 'srv', type: 'runs_on' });
    const b = relationshipKey({ fromId: 'app', toId: 'srv', type: 'runs_on' });
    const c = relationshipKey({ fromId: 'app', toId: 'srv', type: 'depends_on' });
    // Assess
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
