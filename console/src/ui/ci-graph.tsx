import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'preact/hooks';
import type { Ci, Schemas } from '../api.ts';
import { navigate } from '../router.ts';

type WalkItem = Schemas['Walk']['items'][number];

const healthColour = { ok: '#1a7f37', degraded: '#b35900', down: '#c62828' } as const;

/** Nodes and "needs" edges from the impact walk (who needs this CI) and the dependency walk. */
export const graphOf = (ci: Ci, impact: WalkItem[], dependencies: WalkItem[]) => {
  const nodes = new Map<string, { id: string; name: string; health: string; distance: number }>();
  nodes.set(ci.id, { id: ci.id, name: ci.name, health: ci.health, distance: 0 });
  for (const item of [...impact, ...dependencies])
    nodes.set(item.ciId, { id: item.ciId, name: item.name, health: item.health, distance: item.distance });
  const edges = new Set<string>();
  // An impact path [ci, a, b] means a needs ci and b needs a; a dependency path [ci, a] means ci needs a.
  for (const item of impact)
    for (let index = 1; index < item.path.length; index++)
      edges.add(`${item.path[index]}>${item.path[index - 1]}`);
  for (const item of dependencies)
    for (let index = 1; index < item.path.length; index++)
      edges.add(`${item.path[index - 1]}>${item.path[index]}`);
  return {
    nodes: [...nodes.values()],
    edges: [...edges]
      .map((edge) => edge.split('>') as [string, string])
      .filter(([from, to]) => nodes.has(from) && nodes.has(to)),
  };
};

/**
 * The relationship graph, layered with what needs the CI above it and what it needs below;
 * each node has its health colour, and clicking one walks to that CI.
 */
export const CiGraph = ({
  ci,
  impact,
  dependencies,
}: {
  ci: Ci;
  impact: WalkItem[];
  dependencies: WalkItem[];
}) => {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const graph = graphOf(ci, impact, dependencies);
    const instance = cytoscape({
      container: container.current,
      elements: [
        ...graph.nodes.map((node) => ({
          data: {
            id: node.id,
            label: node.name,
            colour: healthColour[node.health as keyof typeof healthColour] ?? '#555',
          },
          classes: node.id === ci.id ? 'focus' : '',
        })),
        ...graph.edges.map(([from, to]) => ({ data: { id: `${from}-${to}`, source: from, target: to } })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(colour)',
            label: 'data(label)',
            color: '#1b1f24',
            'font-size': 12,
            'text-valign': 'bottom',
            'text-margin-y': 4,
            width: 26,
            height: 26,
          },
        },
        {
          selector: 'node.focus',
          style: { 'border-width': 4, 'border-color': '#0b4f9c', width: 34, height: 34 },
        },
        {
          selector: 'edge',
          style: {
            width: 2,
            'line-color': '#8a94a0',
            'target-arrow-color': '#8a94a0',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
          },
        },
      ],
      // Layered: what needs nothing's attention first (the services on top), then what they need.
      layout: {
        name: 'breadthfirst',
        directed: true,
        roots: graph.nodes
          .filter((node) => !graph.edges.some(([, to]) => to === node.id))
          .map((node) => node.id),
        spacingFactor: 1.1,
        padding: 20,
      },
      userZoomingEnabled: false,
      boxSelectionEnabled: false,
    });
    instance.on('tap', 'node', (event) => {
      const id = event.target.id() as string;
      if (id !== ci.id) navigate(`/cis/${id}`);
    });
    return () => instance.destroy();
  }, [ci.id, ci.health, impact, dependencies]);
  return <div ref={container} class="graph" data-testid="ci-graph" />;
};
