import { type FieldError, validationError } from '#domain/errors.ts';
import type { RelationshipType } from './relationship.ts';

/** `impact`: who needs this CI (edges followed backwards); `dependencies`: what it needs (forwards). */
export type WalkDirection = 'impact' | 'dependencies';

/** One CI reached over one edge, as the store returns it. */
export interface Neighbour {
  ciId: string;
  type: RelationshipType;
}

/**
 * The port: the neighbours of a whole level in one call, so the adapter makes one batch of
 * reads per level. Ids with no neighbour may be missing from the map.
 */
export type NeighboursOf = (ids: string[], direction: WalkDirection) => Promise<Map<string, Neighbour[]>>;

/** A CI found by the walk, with one shortest path `[startId, ..., ciId]` (`distance` edges). */
export interface WalkHit {
  ciId: string;
  distance: number;
  path: string[];
}

export interface WalkRequest {
  startId: string;
  direction: WalkDirection;
  depth?: number;
}

export const DEFAULT_WALK_DEPTH = 5;
export const MAX_WALK_DEPTH = 10;

/** The state between two round trips: pure data, so a step is a pure function. */
export interface WalkState {
  readonly startId: string;
  readonly depth: number;
  readonly level: number;
  /** Paths of every CI seen so far, the start included. */
  readonly paths: ReadonlyMap<string, string[]>;
  /** CIs reached at `level`, in the order their paths sort. */
  readonly frontier: string[];
}

/**
 * Why a depth is refused; empty when it is an integer from 1 to 10.
 * @example walkDepthErrors(11) // [{ path: 'depth', message: 'depth is an integer from 1 to 10' }]
 */
export const walkDepthErrors = (depth: number): FieldError[] =>
  Number.isInteger(depth) && depth >= 1 && depth <= MAX_WALK_DEPTH
    ? []
    : [{ path: 'depth', message: `depth is an integer from 1 to ${MAX_WALK_DEPTH}` }];

/**
 * The state before the first round trip; throws a validation error for a bad depth.
 * @example startWalk('srv-1', 3).frontier // ['srv-1']
 */
export const startWalk = (startId: string, depth = DEFAULT_WALK_DEPTH): WalkState => {
  const errors = walkDepthErrors(depth);
  if (errors.length > 0) throw validationError(errors, 'The walk depth is not valid');
  return { startId, depth, level: 0, paths: new Map([[startId, [startId]]]), frontier: [startId] };
};

/**
 * True when no further round trip is needed.
 * @example isWalkDone(startWalk('srv-1')) // false
 */
export const isWalkDone = (state: WalkState): boolean =>
  state.frontier.length === 0 || state.level >= state.depth;

const comparePaths = (a: string[], b: string[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
};

/**
 * One level: the frontier's neighbours (one port answer) become the next frontier. Seen CIs
 * are skipped (cycle-safe). The frontier is visited in path order and neighbours in id order,
 * so each CI keeps the lexicographically smallest of its shortest paths: deterministic.
 * @example advanceWalk(startWalk('srv'), new Map([['srv', [{ ciId: 'app', type: 'runs_on' }]]])).frontier // ['app']
 */
export const advanceWalk = (
  state: WalkState,
  neighbours: ReadonlyMap<string, readonly Neighbour[]>,
): WalkState => {
  const paths = new Map(state.paths);
  const next: string[] = [];
  for (const id of state.frontier) {
    const base = paths.get(id) ?? [id];
    const ids = [...new Set((neighbours.get(id) ?? []).map((n) => n.ciId))].sort();
    for (const ciId of ids) {
      if (paths.has(ciId)) continue;
      paths.set(ciId, [...base, ciId]);
      next.push(ciId);
    }
  }
  next.sort((a, b) => comparePaths(paths.get(a) ?? [], paths.get(b) ?? []));
  return { startId: state.startId, depth: state.depth, level: state.level + 1, paths, frontier: next };
};

/**
 * Every CI reached, the start excluded, ordered by distance then id.
 * @example walkHits(startWalk('srv')) // []
 */
export const walkHits = (state: WalkState): WalkHit[] => {
  return [...state.paths.entries()]
    .filter(([ciId]) => ciId !== state.startId)
    .map(([ciId, path]) => ({ ciId, distance: path.length - 1, path }))
    .sort((a, b) => a.distance - b.distance || (a.ciId < b.ciId ? -1 : a.ciId > b.ciId ? 1 : 0));
};

/**
 * Breadth-first walk with exactly one `neighboursOf` call per level reached.
 * @example
 * const hits = await walkGraph({ startId: 'srv', direction: 'impact', depth: 5 }, store.neighboursOf);
 * // [{ ciId: 'app', distance: 1, path: ['srv', 'app'] }, { ciId: 'svc', distance: 2, path: ['srv', 'app', 'svc'] }]
 */
export const walkGraph = async (request: WalkRequest, neighboursOf: NeighboursOf): Promise<WalkHit[]> => {
  let state = startWalk(request.startId, request.depth);
  while (!isWalkDone(state)) {
    state = advanceWalk(state, await neighboursOf(state.frontier, request.direction));
  }
  return walkHits(state);
};
