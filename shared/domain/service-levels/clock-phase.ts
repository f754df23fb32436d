import type { RecordLifecycle } from './record-lifecycle.ts';
import type { SlaPolicy } from './sla-policy.ts';

/**
 * What the clock does between two events. `terminal` phases ignore all later events; `sinceMs` is
 * when a clock stopped.
 */
export type ClockPhase =
  | { kind: 'counting' | 'paused'; terminal: false }
  | { kind: 'stopped' | 'canceled'; terminal: boolean; sinceMs: number };

const counting: ClockPhase = { kind: 'counting', terminal: false };
const paused: ClockPhase = { kind: 'paused', terminal: false };

/**
 * The phase after the record enters `state` at `atMs`. Response runs only in the start state and
 * stops for good when the record first leaves it (canceled if it left straight to an end state).
 * Resolution stops at a resolved state and resumes on reopen; an end state cancels a clock that was
 * still open but keeps the verdict of one that had stopped at resolve.
 *
 * @example
 * nextPhase(policy, RECORD_LIFECYCLES.incident, undefined, 'new', 0); // { kind: 'counting', ... }
 */
export const nextPhase = (
  policy: Pick<SlaPolicy, 'metric' | 'pauseStates'>,
  lifecycle: RecordLifecycle,
  previous: ClockPhase | undefined,
  state: string,
  atMs: number,
): ClockPhase => {
  if (previous?.terminal) return previous;
  const ended = lifecycle.ended.includes(state);
  if (policy.metric === 'response' && state !== lifecycle.start) {
    return { kind: ended ? 'canceled' : 'stopped', terminal: true, sinceMs: atMs };
  }
  if (ended) {
    return previous?.kind === 'stopped'
      ? { ...previous, terminal: true }
      : { kind: 'canceled', terminal: true, sinceMs: atMs };
  }
  if (lifecycle.resolved.includes(state)) {
    // A second resolved entry (say, a priority change while resolved) keeps the first stop time.
    return previous?.kind === 'stopped' ? previous : { kind: 'stopped', terminal: false, sinceMs: atMs };
  }
  return policy.pauseStates.includes(state) ? paused : counting;
};
