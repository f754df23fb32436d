import { conflict } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ChangeMove } from './change-move.ts';

const replanned = ({ before, after }: ChangeMove): boolean =>
  before.plannedStart !== after.plannedStart ||
  before.plannedEnd !== after.plannedEnd ||
  before.ciIds.join() !== after.ciIds.join();

/**
 * A normal or standard change may not be scheduled into a blackout (README, Problem, change and
 * service-request management): entering `scheduled`, or moving a scheduled change's window or CIs
 * into one, is a 409 that lists the conflicts. An emergency change proceeds and keeps the conflicts
 * on record. Judged on the conflicts the caller recomputed into `after.conflicts`.
 */
export const blackoutBlocksScheduling: Rule<ChangeMove> = (move) => {
  const { before, after } = move;
  if (after.type === 'emergency' || after.state !== 'scheduled') return null;
  if (before.state === 'scheduled' && !replanned(move)) return null;
  const blackouts = after.conflicts.filter((found) => found.kind === 'blackout');
  return blackouts.length > 0
    ? conflict('The change window overlaps a blackout window', { conflicts: blackouts })
    : null;
};
