import { notFound, validationError } from '#domain/errors.ts';
import {
  applyIncidentChange,
  type Incident,
  type IncidentPatch,
  isOpenIncident,
  type NewIncident,
  openIncident,
  resolveWithParent,
  trackedIncidentFields,
} from '#domain/incident/incident.ts';
import {
  assertCanChangeIncident,
  assertCanLogIncident,
  assertCanSeeIncident,
  assertCanWriteComment,
  listScopeFor,
} from '#domain/incident/incident-access.ts';
import { type Actor, formatNumber, hasRole } from '#domain/record/record.ts';
import type { Comment, Page, RecordWrite } from '#ports/record-store.ts';
import type { IdempotencyRequest, IncidentDeps, Outcome, RecordDeps } from './dependencies.ts';
import { incidentEnrichers } from './incident-enrichers.ts';
import type { FollowUp } from './record-enrichment.ts';
import { type HistoryLine, recordHistory } from './record-history.ts';
import { changeRecord, createRecord, now } from './record-lifecycle.ts';
import { resolvedAlongside, resolvedIncidentWrites } from './resolved-incident-writes.ts';

const notFoundMessage = 'No incident with that id';
/** Children resolved in the parent's own transaction (3 writes each, 100 per transaction). */
const childrenInParentTransaction = 30;

/**
 * Logs a new incident: computed priority, next number, history, `Incident Created` event. An
 * agent may log a child (`parentId`, which must exist: one GetItem more); the CI and service it
 * names must be active CIs (checked by the CMDB enricher from the reads it makes anyway).
 * @example await logIncident(deps, actor, { title: 'VPN down', impact: 2, urgency: 1 });
 */
export const logIncident = async (
  deps: IncidentDeps,
  actor: Actor,
  input: NewIncident,
  idempotency?: IdempotencyRequest,
): Promise<Outcome<Incident>> => {
  assertCanLogIncident(actor, input);
  // A requester logs incidents for themself; agents may log on behalf of a caller.
  const callerId = hasRole(actor, 'agent') ? input.callerId : actor.sub;
  if (input.parentId) await assertIncidentExists(deps, input.parentId, 'parentId');
  return createRecord<Incident, IncidentDeps>(deps, {
    kind: 'incident',
    actor: actor.sub,
    idempotency,
    trackedFields: trackedIncidentFields,
    enrichers: incidentEnrichers,
    detailType: 'Incident Created',
    build: (sequence, id) => ({
      ...openIncident({ ...input, callerId }, actor, now(deps)),
      id,
      number: formatNumber('INC', sequence),
      version: 1,
    }),
  });
};

export const getIncident = async (deps: RecordDeps, actor: Actor, id: string): Promise<Incident> => {
  const incident = await deps.store.get<Incident>('incident', id);
  if (!incident) throw notFound(notFoundMessage);
  assertCanSeeIncident(actor, incident);
  return incident;
};

export const listIncidents = (
  deps: RecordDeps,
  actor: Actor,
  query: { limit?: number; cursor?: string } & Record<string, string | number | undefined>,
): Promise<Page<Incident>> => {
  const { limit, cursor, ...filters } = query;
  return deps.store.list<Incident>('incident', {
    filters: { ...filters, callerId: listScopeFor(actor, filters.callerId as string | undefined) },
    limit: limit ?? 50,
    cursor,
  });
};

/**
 * Changes an incident. Resolving a parent resolves its open children in the same transaction
 * (up to 30 on no CI; more, and those on a CI, one by one right after).
 */
export const changeIncident = async (
  deps: IncidentDeps,
  actor: Actor,
  id: string,
  patch: IncidentPatch,
  ifMatch?: number,
): Promise<Incident> => {
  assertCanChangeIncident(actor);
  let remainingChildren: Incident[] = [];
  const changed = await changeRecord<Incident, IncidentDeps>(deps, {
    kind: 'incident',
    id,
    actor: actor.sub,
    ifMatch,
    notFoundMessage,
    enrichers: incidentEnrichers,
    mutate: async (current) => {
      if (patch.parentId) await assertIncidentExists(deps, patch.parentId, 'parentId');
      const { incident, changes } = applyIncidentChange(current, patch, now(deps));
      const resolving = current.state !== 'resolved' && incident.state === 'resolved';
      if (!resolving) return { record: incident, changes, detailType: 'Incident Updated' };
      const children = (await openChildren(deps, current.id)).filter((child) => child.id !== current.id);
      const { alongside, after } = resolvedAlongside(children, childrenInParentTransaction);
      remainingChildren = after;
      const extraWrites: RecordWrite[] = [];
      const followUps: FollowUp[] = [];
      for (const child of alongside) {
        const resolved = resolveWithParent(child, incident, now(deps));
        const linked = await resolvedIncidentWrites(deps, actor.sub, child, resolved);
        extraWrites.push(...linked.writes);
        followUps.push(...linked.followUps);
      }
      return { record: incident, changes, detailType: 'Incident Resolved', extraWrites, followUps };
    },
  });
  for (const child of remainingChildren) await resolveChild(deps, actor, child.id, changed);
  return changed;
};

const assertIncidentExists = async (deps: RecordDeps, id: string, path: string) => {
  if (!(await deps.store.get<Incident>('incident', id)))
    throw validationError([{ path, message: 'no incident with that id' }]);
};

const openChildren = async (deps: RecordDeps, parentId: string): Promise<Incident[]> => {
  const children: Incident[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.list<Incident>('incident', { filters: { parentId }, limit: 200, cursor });
    children.push(...page.items.filter(isOpenIncident));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return children;
};

const resolveChild = (deps: IncidentDeps, actor: Actor, childId: string, parent: Incident) =>
  changeRecord<Incident, IncidentDeps>(deps, {
    kind: 'incident',
    id: childId,
    actor: actor.sub,
    enrichers: incidentEnrichers,
    notFoundMessage,
    mutate: (current) => {
      if (!isOpenIncident(current)) return { record: current, changes: [], detailType: 'Incident Resolved' };
      const { incident, changes } = resolveWithParent(current, parent, now(deps));
      return { record: incident, changes, detailType: 'Incident Resolved' };
    },
  });

/**
 * Adds a comment or work note. A comment is a journal entry beside the incident: it does not
 * change the incident's version, so concurrent comments never conflict.
 */
export const addIncidentComment = async (
  deps: RecordDeps,
  actor: Actor,
  id: string,
  input: { body: string; visibility: 'public' | 'work_note' },
): Promise<Comment> => {
  const incident = await getIncident(deps, actor, id);
  assertCanWriteComment(actor, input.visibility);
  const comment: Comment = { id: deps.ids.next(), ...input, author: actor.sub, createdAt: now(deps) };
  await deps.store.commit([
    { type: 'exists', kind: 'incident', id: incident.id },
    { type: 'comment', kind: 'incident', recordId: incident.id, comment },
  ]);
  return comment;
};

export const listIncidentComments = async (
  deps: RecordDeps,
  actor: Actor,
  id: string,
  page: { limit?: number; cursor?: string },
): Promise<Page<Comment>> => {
  await getIncident(deps, actor, id);
  return deps.store.comments('incident', id, {
    limit: page.limit ?? 50,
    cursor: page.cursor,
    publicOnly: !hasRole(actor, 'agent'),
  });
};

/** The incident's history, one line per field change; a page holds whole versions. */
export const listIncidentHistory = async (
  deps: RecordDeps,
  actor: Actor,
  id: string,
  page: { limit?: number; cursor?: string },
): Promise<Page<HistoryLine>> => {
  await getIncident(deps, actor, id);
  return recordHistory(deps, 'incident', id, page);
};
