import type { ChangeState } from '../change.ts';

/** The moves one change type allows from each state. Staying put is not a move. */
export type ChangePath = Readonly<Record<ChangeState, readonly ChangeState[]>>;
