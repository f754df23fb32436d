import { describe, expect, it } from 'vitest';
import {
  type NeighboursOf,
  neighboursInEdges,
  type Relationship,
  type RelationshipType,
  walkEdges,
  walkGraph,
} from '#domain/cmdb/index.ts';
import { DomainError } from '#domain/errors.ts';

const edge = (fromId: string, toId: string, type: RelationshipType = 'depends_on'): Relationship => ({
  fromId,
  toId,
  type,
});

/** A port over an edge list that records each call, as the DynamoDB adapter would make one batch. */
const countingPort = (edges: Relationship[]) => {
  const calls: string[][] = [];
  const port: NeighboursOf = async (ids, direction) => {
    calls.push([...ids]);
    return neighboursInEdges(edges, ids, direction);
  };
  return { port, calls };
};

// service depends_on application runs_on server (the README's end-to-end chain)
const chain = [edge('svc', 'app'), edge('app', 'srv', 'runs_on')];

describe('walkGraph on a chain', () => {
  it('lists who needs a server, with distances and paths', async () => {
    // Prepare
    const { port } = countingPort(chain);
    // Act
    const hits = await walkGraph({ startId: 'srv', direction: 'impact' }, port);
    // Assess
    expect(hits).toEqual([
      { ciId: 'app', distance: 1, path: ['srv', 'app'] },
      { ciId: 'svc', distance: 2, path: ['srv', 'app', 'svc'] },
    ]);
  });

  it('lists what a service needs in the dependencies direction', async () => {
    // Prepare
    const { port } = countingPort(chain);
    // Act
    const hits = await walkGraph({ startId: 'svc', direction: 'dependencies' }, port);
    // Assess
    expect(hits.map((h) => [h.ciId, h.distance])).toEqual([
      ['app', 1],
      ['srv', 2],
    ]);
  });

  it('finds nothing upstream of the top of the chain', async () => {
    // Act
    const hits = await walkGraph({ startId: 'svc', direction: 'impact' }, countingPort(chain).port);
    // Assess
    expect(hits).toEqual([]);
  });

  it('makes one port call per level, not per CI', async () => {
    // Prepare: a server with three apps, each needed by two services
    const edges = [
      ...['a1', 'a2', 'a3'].map((a) => edge(a, 'srv', 'runs_on')),
      ...['a1', 'a2', 'a3'].flatMap((a) => [edge(`${a}-s1`, a), edge(`${a}-s2`, a)]),
    ];
    const { port, calls } = countingPort(edges);
    // Act
    const hits = await walkGraph({ startId: 'srv', direction: 'impact', depth: 5 }, port);
    // Assess: level 1 (srv), level 2 (3 apps), level 3 (6 services, finds nothing) and no more
    expect(hits).toHaveLength(9);
    expect(calls).toEqual([
      ['srv'],
      ['a1', 'a2', 'a3'],
      ['a1-s1', 'a1-s2', 'a2-s1', 'a2-s2', 'a3-s1', 'a3-s2'],
    ]);
  });
});

describe('walkGraph on diamonds and cycles', () => {
  it('keeps one shortest path per CI in a diamond, the smallest by ids', () => {
    // Prepare: top needs left and right, both need bottom
    const edges = [
      edge('top', 'right'),
      edge('top', 'left'),
      edge('right', 'bottom'),
      edge('left', 'bottom'),
    ];
    // Act
    const hits = walkEdges(edges, { startId: 'bottom', direction: 'impact' });
    // Assess
    expect(hits).toEqual([
      { ciId: 'left', distance: 1, path: ['bottom', 'left'] },
      { ciId: 'right', distance: 1, path: ['bottom', 'right'] },
      { ciId: 'top', distance: 2, path: ['bottom', 'left', 'top'] },
    ]);
  });

  it('takes the short way round when a long one also exists', () => {
    // Prepare: svc needs db directly and through app
    const edges = [edge('svc', 'app'), edge('app', 'db'), edge('svc', 'db')];
    // Act
    const hits = walkEdges(edges, { startId: 'db', direction: 'impact' });
    // Assess
    expect(hits.find((h) => h.ciId === 'svc')).toEqual({ ciId: 'svc', distance: 1, path: ['db', 'svc'] });
  });

  it('stops on a cycle and never returns the start', () => {
    // Prepare: a -> b -> c -> a
    const edges = [edge('a', 'b'), edge('b', 'c'), edge('c', 'a')];
    // Act
    const hits = walkEdges(edges, { startId: 'a', direction: 'dependencies', depth: 10 });
    // Assess
    expect(hits.map((h) => h.ciId)).toEqual(['b', 'c']);
  });

  it('gives the same answer whatever order the edges come in', () => {
    // Prepare
    const edges = [edge('x', 'm'), edge('y', 'm'), edge('m', 'z'), edge('x', 'z'), edge('w', 'y')];
    // Act
    const forwards = walkEdges(edges, { startId: 'z', direction: 'impact' });
    const backwards = walkEdges([...edges].reverse(), { startId: 'z', direction: 'impact' });
    // Assess
    expect(backwards).toEqual(forwards);
  });
});

describe('walk depth', () => {
  // c7 needs c6 needs ... needs c0
  const long = [1, 2, 3, 4, 5, 6, 7].map((i) => edge(`c${i}`, `c${i - 1}`));

  it('stops at the depth asked for, with as many round trips', async () => {
    // Prepare
    const { port, calls } = countingPort(long);
    // Act
    const hits = await walkGraph({ startId: 'c0', direction: 'impact', depth: 2 }, port);
    // Assess
    expect(hits.map((h) => h.ciId)).toEqual(['c1', 'c2']);
    expect(calls).toHaveLength(2);
  });

  it('goes five levels by default', () => {
    // Act
    const hits = walkEdges(long, { startId: 'c0', direction: 'impact' });
    // Assess
    expect(Math.max(...hits.map((h) => h.distance))).toBe(5);
  });

  it.each([0, 11, 2.5])('refuses depth %s before any round trip', async (depth) => {
    // Prepare
    const { port, calls } = countingPort(long);
    // Act
    const walking = walkGraph({ startId: 'c0', direction: 'impact', depth }, port);
    // Assess
    await expect(walking).rejects.toBeInstanceOf(DomainError);
    await expect(walking).rejects.toMatchObject({ kind: 'validation', errors: [{ path: 'depth' }] });
    expect(calls).toEqual([]);
  });
});
