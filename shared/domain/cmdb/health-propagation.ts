import { type Health, worstHealth } from './ci-health.ts';
import type { WalkHit } from './impact-walk.ts';

/**
 * A CI's effective health is the worst of its own and of the effective health of everything
 * it needs, passed on unchanged: a server `down` makes the application that runs on it and
 * the service that depends on that `down` too. Stored on the CI, recomputed on change.
 */
export interface HealthPropagationInput {
  /** The CIs to recompute: `healthRecomputeSet`. */
  affected: readonly string[];
  /** Own health of every affected CI (missing counts as `ok`). */
  own: ReadonlyMap<string, Health>;
  /** What each affected CI needs (its `dependencies` neighbours, one level). */
  needs: ReadonlyMap<string, readonly string[]>;
  /** Stored effective health of needed CIs outside `affected` (missing counts as `ok`). */
  stored: ReadonlyMap<string, Health>;
}

/**
 * The CIs whose effective health may change when the own health of `changedCiIds` changes:
 * those CIs and everything that needs them (an impact walk from each, at depth 10).
 * @example healthRecomputeSet(['srv'], [{ ciId: 'app', distance: 1, path: ['srv', 'app'] }]) // ['srv', 'app']
 */
export const healthRecomputeSet = (changedCiIds: readonly string[], impact: readonly WalkHit[]): string[] => [
  ...new Set([...changedCiIds, ...impact.map((hit) => hit.ciId)]),
];

/**
 * New effective health of every affected CI. Each starts from its own health and is raised to
 * the worst of what it needs until nothing moves (a fixpoint): correct for diamonds, for a CI
 * needing two affected CIs at the same distance, and for cycles, which never invent an outage.
 * @example
 * propagateHealth({ affected: ['srv', 'app'], own: new Map([['srv', 'down']]),
 *   needs: new Map([['app', ['srv']]]), stored: new Map() }) // Map { 'srv' => 'down', 'app' => 'down' }
 */
export const propagateHealth = (input: HealthPropagationInput): Map<string, Health> => {
  const result = new Map<string, Health>(input.affected.map((id) => [id, input.own.get(id) ?? 'ok']));
  const healthOf = (id: string): Health => result.get(id) ?? input.stored.get(id) ?? 'ok';
  let moved = true;
  while (moved) {
    moved = false;
    for (const id of input.affected) {
      const next = worstHealth([healthOf(id), ...(input.needs.get(id) ?? []).map(healthOf)]);
      if (next !== result.get(id)) {
        result.set(id, next);
        moved = true;
      }
    }
  }
  return result;
};
