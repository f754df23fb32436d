import { conflict, type FieldError, notFound, validationError } from '#domain/errors.ts';
import type { Incident } from '#domain/incident/incident.ts';
import {
  applyProblemChange,
  candidateWindowMs,
  incidentsToResolveWithProblem,
  linkIncidentToProblem,
  type NewProblem,
  openProblem,
  type Problem,
  type ProblemCandidate,
  type ProblemPatch,
  problemCandidates,
  resolveWithProblem,
  trackedProblemFields,
} from '#domain/problem/index.ts';
import { type Actor, formatNumber } from '#domain/record/record.ts';
import type { Page, RecordWrite } from '#ports/record-store.ts';
import type { IdempotencyRequest, Outcome, ProblemDeps, RecordDeps } from './dependencies.ts';
import { incidentEnrichers } from './incident-enrichers.ts';
import { linkedIncidentWrites } from './linked-incident-writes.ts';
import type { FollowUp } from './record-enrichment.ts';
import { allPages, type HistoryLine, recordHistory } from './record-history.ts';
import { changeRecord, createRecord, now, replayed } from './record-lifecycle.ts';
import { resolvedAlongside, resolvedIncidentWrites } from './resolved-incident-writes.ts';

const notFoundMessage = 'No problem with that id';
/** Waiting incidents resolved in the problem's own transaction (3 writes each, 100 per transaction). */
const incidentsInProblemTransaction = 25;

/** Incidents that a problem may link: they exist and no other problem links them yet. */
const linkableIncidents = async (
  deps: RecordDeps,
  ids: readonly string[],
  problemId: string | undefined,
  path: (position: number) => string,
): Promise<Incident[]> => {
  const found = await deps.store.getMany<Incident>('incident', [...ids]);
  const byId = new Map(found.map((incident) => [incident.id, incident]));
  const missing: FieldError[] = ids.flatMap((id, position) =>
    byId.has(id) ? [] : [{ path: path(position), message: 'no incident with that id' }],
  );
  if (missing.length > 0) throw validationError(missing, 'Some incidents do not exist');
  const taken = found.filter((incident) => incident.problemId && incident.problemId !== problemId);
  if (taken.length > 0)
    throw conflict('An incident is already linked to another problem', {
      incidents: taken.map((incident) => ({ id: incident.id, problemId: incident.problemId })),
    });
  return [...byId.values()];
};

/**
 * Records a problem (`Problem Updated` on creation too: the contract has no `Problem Created`).
 * Listed incidents are linked in the same transaction: each gets `problemId`, a history entry and
 * an `Incident Updated` event. An unknown incident is 422 and nothing is written.
 * @example await recordProblem(deps, agent, { title: 'Mail queue stalls', incidentIds: ['inc-1'] });
 */
export const recordProblem = async (
  deps: RecordDeps,
  actor: Actor,
  input: NewProblem,
  idempotency?: IdempotencyRequest,
): Promise<Outcome<Problem>> => {
  // A replay answers first: the incidents it would find taken are the ones its first request linked.
  const earlier = idempotency && (await replayed<Problem>(deps, idempotency));
  if (earlier) return earlier;
  const draft = openProblem(input, actor, now(deps));
  const incidents = await linkableIncidents(
    deps,
    draft.incidentIds,
    undefined,
    (position) => `incidentIds.${position}`,
  );
  // An incident changing between this read and the commit fails the unit: 409, try again.
  return createRecord<Problem>(deps, {
    kind: 'problem',
    actor: actor.sub,
    idempotency,
    trackedFields: trackedProblemFields,
    detailType: 'Problem Updated',
    build: (sequence, id) => ({ ...draft, id, number: formatNumber('PRB', sequence), version: 1 }),
    extraWrites: (problem) =>
      incidents.flatMap((incident) =>
        linkedIncidentWrites(deps, actor.sub, incident, { problemId: problem.id }),
      ),
  });
};

export const getProblem = async (deps: RecordDeps, id: string): Promise<Problem> => {
  const problem = await deps.store.get<Problem>('problem', id);
  if (!problem) throw notFound(notFoundMessage);
  return problem;
};

/** Problems by state, CI or known-error flag (`knownError=true` is the KEDB), from an index. */
export const listProblems = (
  deps: RecordDeps,
  query: { limit?: number; cursor?: string; state?: string; ciId?: string; knownError?: 'true' | 'false' },
): Promise<Page<Problem>> => {
  const { limit, cursor, knownError, ...filters } = query;
  return deps.store.list<Problem>('problem', {
    filters: { ...filters, knownError: knownError === undefined ? undefined : knownError === 'true' },
    limit: limit ?? 50,
    cursor,
  });
};

/**
 * Changes a problem. Resolving it resolves its linked incidents that wait on it (`on_hold`,
 * `awaiting_problem`): up to 25 on no CI in the problem's own transaction, the rest (and those on
 * a CI) one by one right after.
 * @example await changeProblem(deps, agent, id, { state: 'resolved', rootCause: 'Disk full' });
 */
export const changeProblem = async (
  deps: ProblemDeps,
  actor: Actor,
  id: string,
  patch: ProblemPatch,
  ifMatch?: number,
): Promise<Problem> => {
  let remaining: Incident[] = [];
  const changed = await changeRecord<Problem>(deps, {
    kind: 'problem',
    id,
    actor: actor.sub,
    ifMatch,
    notFoundMessage,
    mutate: async (current) => {
      const { problem, changes } = applyProblemChange(current, patch, actor, now(deps));
      if (current.state === 'resolved' || problem.state !== 'resolved')
        return { record: problem, changes, detailType: 'Problem Updated' };
      const waiting = incidentsToResolveWithProblem(await linkedIncidents(deps, current.id));
      const { alongside, after } = resolvedAlongside(waiting, incidentsInProblemTransaction);
      remaining = after;
      const extraWrites: RecordWrite[] = [];
      const followUps: FollowUp[] = [];
      for (const incident of alongside) {
        const resolved = resolveWithProblem(incident, problem, now(deps));
        const linked = await resolvedIncidentWrites(deps, actor.sub, incident, resolved);
        extraWrites.push(...linked.writes);
        followUps.push(...linked.followUps);
      }
      return { record: problem, changes, detailType: 'Problem Updated', extraWrites, followUps };
    },
  });
  for (const incident of remaining) await resolveWaitingIncident(deps, actor, incident.id, changed);
  return changed;
};

const linkedIncidents = (deps: RecordDeps, problemId: string): Promise<Incident[]> =>
  allPages((cursor) => deps.store.list<Incident>('incident', { filters: { problemId }, limit: 200, cursor }));

/** A bounded follow-up: one waiting incident in its own transaction, if it still waits. */
const resolveWaitingIncident = (deps: ProblemDeps, actor: Actor, id: string, problem: Problem) =>
  changeRecord<Incident, ProblemDeps>(deps, {
    kind: 'incident',
    id,
    enrichers: incidentEnrichers,
    actor: actor.sub,
    notFoundMessage: 'No incident with that id',
    mutate: (current) => {
      const waiting = incidentsToResolveWithProblem([current]).length > 0 && current.problemId === problem.id;
      if (!waiting) return { record: current, changes: [], detailType: 'Incident Resolved' };
      const { incident, changes } = resolveWithProblem(current, problem, now(deps));
      return { record: incident, changes, detailType: 'Incident Resolved' };
    },
  });

/**
 * Links an incident to a problem (`POST /problems/{id}/incidents`): the problem lists it and the
 * incident gets `problemId`, in one transaction. An unknown incident is 422 and writes nothing.
 * @example await linkIncident(deps, agent, problemId, 'inc-1');
 */
export const linkIncident = (
  deps: RecordDeps,
  actor: Actor,
  id: string,
  incidentId: string,
  ifMatch?: number,
): Promise<Problem> =>
  changeRecord<Problem>(deps, {
    kind: 'problem',
    id,
    actor: actor.sub,
    ifMatch,
    notFoundMessage,
    mutate: async (current) => {
      const { problem, changes } = linkIncidentToProblem(current, incidentId, actor, now(deps));
      const [incident] = await linkableIncidents(deps, [incidentId], current.id, () => 'incidentId');
      const extraWrites = incident ? linkedIncidentWrites(deps, actor.sub, incident, { problemId: id }) : [];
      return { record: problem, changes, detailType: 'Problem Updated', extraWrites };
    },
  });

/**
 * Groups of 3+ incidents on one CI within the last 7 days that no problem links yet, read with
 * one Query per page on the incidents' creation-time listing (gsi1), never a scan.
 * @example (await problemCandidatesNow(deps))[0] // { ciId, incidentIds, firstAt, lastAt }
 */
export const problemCandidatesNow = async (deps: RecordDeps): Promise<ProblemCandidate[]> => {
  const at = now(deps);
  const from = new Date(Date.parse(at) - candidateWindowMs).toISOString();
  const recent = await allPages((cursor) =>
    deps.store.list<Incident>('incident', { filters: {}, sortRange: { from }, limit: 200, cursor }),
  );
  return problemCandidates(recent, at);
};

export const listProblemHistory = async (
  deps: RecordDeps,
  id: string,
  page: { limit?: number; cursor?: string },
): Promise<Page<HistoryLine>> => {
  await getProblem(deps, id);
  return recordHistory(deps, 'problem', id, page);
};
