import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_WALK_DEPTH, type Relationship, walkEdges } from '#domain/cmdb/index.ts';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const edges = fc.array(
  fc.record({
    fromId: fc.constantFrom(...ids),
    toId: fc.constantFrom(...ids),
    type: fc.constantFrom('depends_on' as const, 'runs_on' as const, 'hosted_on' as const),
  }),
  { maxLength: 24 },
);

const hasEdge = (list: Relationship[], here: string, there: string, direction: 'impact' | 'dependencies') =>
  list.some((e) =>
    direction === 'impact' ? e.toId === here && e.fromId === there : e.fromId === here && e.toId === there,
  );

describe('walkEdges properties', () => {
  it('never returns the start, never goes past the depth, and every path is a chain of edges', () => {
    fc.assert(
      fc.property(
        edges,
        fc.constantFrom(...ids),
        fc.constantFrom('impact' as const, 'dependencies' as const),
        fc.integer({ min: 1, max: MAX_WALK_DEPTH }),
        (list, startId, direction, depth) => {
          // Act
          const hits = walkEdges(list, { startId, direction, depth });
          // Assess
          for (const hit of hits) {
            expect(hit.ciId).not.toBe(startId);
            expect(hit.distance).toBeGreaterThanOrEqual(1);
            expect(hit.distance).toBeLessThanOrEqual(depth);
            expect(hit.path).toHaveLength(hit.distance + 1);
            expect(hit.path[0]).toBe(startId);
            expect(hit.path.at(-1)).toBe(hit.ciId);
            for (let i = 0; i < hit.distance; i++) {
              expect(hasEdge(list, hit.path[i] as string, hit.path[i + 1] as string, direction)).toBe(true);
            }
          }
          expect(new Set(hits.map((h) => h.ciId)).size).toBe(hits.length);
        },
      ),
    );
  });

  it('finds each CI at its shortest distance: no hit has a neighbour of its predecessor level missing', () => {
    fc.assert(
      fc.property(edges, fc.constantFrom(...ids), (list, startId) => {
        // Act
        const hits = walkEdges(list, { startId, direction: 'dependencies', depth: MAX_WALK_DEPTH });
        const distance = new Map(hits.map((h) => [h.ciId, h.distance]));
        distance.set(startId, 0);
        // Assess: along any edge, the distance grows by at most one (BFS layering)
        for (const e of list) {
          const from = distance.get(e.fromId);
          if (from === undefined || from >= MAX_WALK_DEPTH) continue;
          expect(distance.get(e.toId)).toBeLessThanOrEqual(from + 1);
        }
      }),
    );
  });
});
