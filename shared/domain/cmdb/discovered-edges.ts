import type { DiscoveredEdge } from './config-relationships.ts';

/** An edge discovery drew earlier, as stored: the key is `relationshipKey` over external ids. */
export interface EdgeChanges {
  add: DiscoveredEdge[];
  remove: DiscoveredEdge[];
}

const keyOf = (edge: DiscoveredEdge): string => `${edge.fromExternalId}|${edge.type}|${edge.toExternalId}`;

/**
 * Edges to add and remove so that the edges discovery drew from one resource's items match
 * its newest item. Only edges discovery owns are passed in `owned` (hand-drawn edges are
 * never removed). A deleted resource keeps its edges: retired CIs keep their links, so the
 * use case does not call this for a deletion.
 * @example reconcileEdges([], [edge]) // { add: [edge], remove: [] }
 */
export const reconcileEdges = (
  owned: readonly DiscoveredEdge[],
  discovered: readonly DiscoveredEdge[],
): EdgeChanges => {
  const ownedKeys = new Set(owned.map(keyOf));
  const discoveredKeys = new Set(discovered.map(keyOf));
  return {
    add: discovered.filter((edge) => !ownedKeys.has(keyOf(edge))),
    remove: owned.filter((edge) => !discoveredKeys.has(keyOf(edge))),
  };
};
