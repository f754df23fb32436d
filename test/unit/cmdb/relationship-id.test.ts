import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRelationshipId, RELATIONSHIP_TYPES, relationshipId } from '#domain/cmdb/relationship.ts';

describe('relationship ids', () => {
  it('names an edge by its ends and type', () => {
    expect(relationshipId({ fromId: 'app', type: 'runs_on', toId: 'srv' })).toBe('app_runs_on_srv');
    expect(parseRelationshipId('app_runs_on_srv')).toEqual({ fromId: 'app', type: 'runs_on', toId: 'srv' });
  });

  it('reads back every id it issues for CI ids (UUIDs)', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.constantFrom(...RELATIONSHIP_TYPES), fc.uuid(), (fromId, type, toId) => {
        expect(parseRelationshipId(relationshipId({ fromId, type, toId }))).toEqual({ fromId, type, toId });
      }),
    );
  });

  it('refuses ids it never issued', () => {
    for (const id of ['app_likes_srv', 'app_runs_on_', '_runs_on_srv', 'app-runs_on-srv', 'a_runs_on_b_c'])
      expect(parseRelationshipId(id)).toBeUndefined();
  });
});
