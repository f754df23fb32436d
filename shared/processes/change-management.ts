import {
  applyChangePatch,
  type Change,
  type ChangeConflict,
  type ChangePatch,
  findConflicts,
  type NewChange,
  openChange,
  recordApproval,
  trackedChangeFields,
  type VoteDecision,
} from '#domain/change/index.ts';
import { addedCiReferences, ciReferenceErrors } from '#domain/cmdb/ci-references.ts';
import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import { notFound, validationError } from '#domain/errors.ts';
import { type Actor, formatNumber } from '#domain/record/record.ts';
import type { Page, RecordWrite } from '#ports/record-store.ts';
import { causedIncidentWrites } from './change-caused-incidents.ts';
import { changeRisk, schedulingContext, utc } from './change-scheduling.ts';
import type { ChangeDeps, IdempotencyRequest, Outcome, RecordDeps } from './dependencies.ts';
import { type HistoryLine, recordHistory } from './record-history.ts';
import { changeRecord, createRecord, now } from './record-lifecycle.ts';

const notFoundMessage = 'No change with that id';

/**
 * The CIs a change newly names must be active CIs (422 at `ciIds.<n>` otherwise). One BatchGet,
 * sent beside the risk and scheduling reads, so it adds no round trip.
 */
const checkCiReferences = async (
  deps: RecordDeps,
  ciIds: readonly string[],
  existing: readonly string[] = [],
): Promise<void> => {
  const references = addedCiReferences('ciIds', ciIds, existing);
  if (references.length === 0) return;
  const cis = await deps.store.getMany<ConfigurationItem>(
    'ci',
    references.map((reference) => reference.id),
  );
  const errors = ciReferenceErrors(references, new Map(cis.map((ci) => [ci.id, ci])));
  if (errors.length > 0) throw validationError(errors, 'The change names a CI it cannot have');
};

/** Planned times in one UTC form, so the calendar index sorts them as times. */
const normalized = <T extends { plannedStart?: string; plannedEnd?: string }>(input: T): T => ({
  ...input,
  ...(input.plannedStart === undefined ? {} : { plannedStart: utc(input.plannedStart) }),
  ...(input.plannedEnd === undefined ? {} : { plannedEnd: utc(input.plannedEnd) }),
});

/**
 * Raises a change with its computed `risk` and `riskReasons` and the conflicts it has now.
 * Emits `Change Updated` (the contract has no `Change Created`). An unknown type, no CI or an
 * end before the start is 422 and writes nothing.
 * @example await raiseChange(deps, agent, { title: 'Patch DB', type: 'normal', ciIds: ['db-1'], plannedStart, plannedEnd });
 */
export const raiseChange = async (
  deps: ChangeDeps,
  actor: Actor,
  input: NewChange,
  idempotency?: IdempotencyRequest,
): Promise<Outcome<Change>> => {
  const planned = normalized(input);
  const [risk] = await Promise.all([changeRisk(deps, planned), checkCiReferences(deps, planned.ciIds)]);
  const draft = openChange(planned, actor, now(deps), risk);
  const conflicts = findConflicts({ ...draft, id: '' }, await schedulingContext(deps, { ...draft, id: '' }));
  return createRecord<Change>(deps, {
    kind: 'change',
    actor: actor.sub,
    idempotency,
    trackedFields: trackedChangeFields,
    detailType: 'Change Updated',
    build: (sequence, id) => ({ ...draft, conflicts, id, number: formatNumber('CHG', sequence), version: 1 }),
  });
};

export const getChange = async (deps: RecordDeps, id: string): Promise<Change> => {
  const change = await deps.store.get<Change>('change', id);
  if (!change) throw notFound(notFoundMessage);
  return change;
};

/**
 * Changes by state, type or risk; with `from`/`to` it is the change calendar: changes whose
 * planned start falls in [from, to), earliest first, from the index sorted by planned start.
 * @example await listChanges(deps, { from: '2026-12-01T00:00:00Z', to: '2026-12-08T00:00:00Z' })
 */
export const listChanges = (
  deps: RecordDeps,
  query: {
    limit?: number;
    cursor?: string;
    from?: string;
    to?: string;
    state?: string;
    type?: string;
    risk?: string;
  },
): Promise<Page<Change>> => {
  const { limit, cursor, from, to, ...filters } = query;
  const calendar = from !== undefined || to !== undefined;
  return deps.store.list<Change>('change', {
    filters,
    limit: limit ?? 50,
    cursor,
    ...(calendar
      ? {
          ascending: true,
          sortRange: {
            from: from === undefined ? undefined : utc(from),
            before: to === undefined ? undefined : utc(to),
          },
        }
      : {}),
  });
};

/**
 * Changes a change (`PATCH /changes/{id}`): risk is recomputed when its CIs or window move, the
 * conflicts always. Listing `causedIncidentIds` (a failed or backed-out change in review) adds
 * the change to each incident's `changeIds` in the same transaction.
 * @example await changeChange(deps, agent, id, { state: 'assess' });
 */
export const changeChange = (
  deps: ChangeDeps,
  actor: Actor,
  id: string,
  input: ChangePatch,
  ifMatch?: number,
): Promise<Change> =>
  changeRecord<Change>(deps, {
    kind: 'change',
    id,
    actor: actor.sub,
    ifMatch,
    notFoundMessage,
    mutate: async (current) => {
      const patch = normalized(input);
      const planned = {
        ...current,
        ciIds: patch.ciIds ?? current.ciIds,
        plannedStart: patch.plannedStart ?? current.plannedStart,
        plannedEnd: patch.plannedEnd ?? current.plannedEnd,
      };
      const replanned =
        planned.ciIds.join() !== current.ciIds.join() ||
        planned.plannedStart !== current.plannedStart ||
        planned.plannedEnd !== current.plannedEnd;
      const [risk, scheduling] = await Promise.all([
        replanned ? changeRisk(deps, planned) : undefined,
        schedulingContext(deps, planned),
        checkCiReferences(deps, planned.ciIds, current.ciIds),
      ]);
      const { change, changes } = applyChangePatch(current, patch, actor, now(deps), { scheduling, risk });
      const extraWrites = [
        ...(await causedIncidentWrites(deps, actor.sub, current, change)),
        ...implementationFootprints(deps, current, change),
      ];
      return { record: change, changes, detailType: 'Change Updated', extraWrites };
    },
  });

/**
 * When a change enters `implement`, the trace it leaves on each of its CIs, in the same
 * transaction: incidents opened on them, or on what needs them, in the next day find it there.
 */
const implementationFootprints = (deps: ChangeDeps, before: Change, after: Change): RecordWrite[] =>
  after.implementedAt && after.implementedAt !== before.implementedAt
    ? deps.cmdb.changeFootprintWrites(
        after.ciIds.map((ciId) => ({
          ciId,
          changeId: after.id,
          number: after.number,
          at: after.implementedAt as string,
        })),
      )
    : [];

/**
 * Records a change_manager's vote (`POST /changes/{id}/approvals`). Enough approvals schedule
 * the change and emit `Change Approved`; a rejection cancels it. For a normal change a blackout
 * conflict refuses the scheduling approval with 409 listing the conflicts; an emergency change
 * is scheduled and keeps them on record.
 * @example await voteOnChange(deps, manager, id, { decision: 'approve' });
 */
export const voteOnChange = (
  deps: ChangeDeps,
  actor: Actor,
  id: string,
  vote: { decision: VoteDecision; comment?: string },
  ifMatch?: number,
): Promise<Change> =>
  changeRecord<Change>(deps, {
    kind: 'change',
    id,
    actor: actor.sub,
    ifMatch,
    notFoundMessage,
    mutate: async (current) => {
      const scheduling = await schedulingContext(deps, current);
      const { change, changes, approved } = recordApproval(
        current,
        { approver: actor.sub, roles: actor.roles, ...vote },
        now(deps),
        scheduling,
      );
      return { record: change, changes, detailType: approved ? 'Change Approved' : 'Change Updated' };
    },
  });

/**
 * The change's conflicts as they stand now (`GET /changes/{id}/conflicts`): scheduled or
 * implementing changes overlapping it on the same or a related CI, and blackout windows.
 * @example (await currentConflicts(deps, id)).items // [{ kind: 'ci_overlap', changeId, ciId }]
 */
export const currentConflicts = async (
  deps: ChangeDeps,
  id: string,
): Promise<{ items: ChangeConflict[] }> => {
  const change = await getChange(deps, id);
  return { items: findConflicts(change, await schedulingContext(deps, change)) };
};

export const listChangeHistory = async (
  deps: RecordDeps,
  id: string,
  page: { limit?: number; cursor?: string },
): Promise<Page<HistoryLine>> => {
  await getChange(deps, id);
  return recordHistory(deps, 'change', id, page);
};
