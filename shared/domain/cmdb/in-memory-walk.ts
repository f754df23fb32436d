import {
  advanceWalk,
  isWalkDone,
  type Neighbour,
  startWalk,
  type WalkDirection,
  type WalkHit,
  type WalkRequest,
  walkHits,
} from './impact-walk.ts';
import type { Relationship } from './relationship.ts';

/**
 * The neighbours of `ids` in an edge list, in the port's shape: `impact` follows edges whose
 * `to` is the CI (who needs it), `dependencies` edges whose `from` is the CI (what it needs).
 * @example neighboursInEdges([{ fromId: 'app', toId: 'srv', type: 'runs_on' }], ['srv'], 'impact')
 * // Map { 'srv' => [{ ciId: 'app', type: 'runs_on' }] }
 */
export const neighboursInEdges = (
  edges: readonly Relationship[],
  ids: readonly string[],
  direction: WalkDirection,
): Map<string, Neighbour[]> => {
  const wanted = new Set(ids);
  const result = new Map<string, Neighbour[]>();
  for (const edge of edges) {
    const [here, there] = direction === 'impact' ? [edge.toId, edge.fromId] : [edge.fromId, edge.toId];
    if (!wanted.has(here)) continue;
    const list = result.get(here) ?? [];
    list.push({ ciId: there, type: edge.type });
    result.set(here, list);
  }
  return result;
};

/**
 * The same walk as `walkGraph`, synchronously over an edge list held in memory.
 * @example walkEdges([{ fromId: 'app', toId: 'srv', type: 'runs_on' }], { startId: 'srv', direction: 'impact' })
 * // [{ ciId: 'app', distance: 1, path: ['srv', 'app'] }]
 */
export const walkEdges = (edges: readonly Relationship[], request: WalkRequest): WalkHit[] => {
  let state = startWalk(request.startId, request.depth);
  while (!isWalkDone(state)) {
    state = advanceWalk(state, neighboursInEdges(edges, state.frontier, request.direction));
  }
  return walkHits(state);
};
