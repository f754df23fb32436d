import type { RecordKind } from '#domain/record/record.ts';
import { slaDueIndexAttributes } from './sla-due-index.ts';
import type { IndexName } from './table-layout.ts';

/**
 * Which index serves which list filter, per record kind. A list queries the index of the
 * first filter present in `filterOrder` (most selective first) and applies the others as
 * a filter expression on that Query; with no filter it queries the kind's own listing (gsi1).
 * Every index sorts by `<createdAt>#<id>` unless `sortOf` says otherwise.
 */
export interface IndexPlan {
  filterIndexes: Record<string, IndexName>;
  filterOrder: string[];
  /** Sort key of a record in every index (defaults to createdAt#id). */
  sortOf?: (record: Record<string, unknown>) => string;
}

export const indexPlans: Record<RecordKind, IndexPlan> = {
  incident: {
    filterIndexes: {
      state: 'gsi2',
      callerId: 'gsi3',
      assignee: 'gsi4',
      assignmentGroup: 'gsi5',
      ciId: 'gsi6',
      priority: 'gsi7',
      parentId: 'gsi8',
      problemId: 'gsi9',
    },
    filterOrder: [
      'parentId',
      'problemId',
      'ciId',
      'assignee',
      'callerId',
      'assignmentGroup',
      'state',
      'priority',
    ],
  },
  problem: {
    filterIndexes: { state: 'gsi2', ciId: 'gsi6', knownError: 'gsi7' },
    filterOrder: ['ciId', 'knownError', 'state'],
  },
  change: {
    filterIndexes: { state: 'gsi2', type: 'gsi3', risk: 'gsi7' },
    filterOrder: ['state', 'type', 'risk'],
    sortOf: (record) => `${String(record.plannedStart)}#${String(record.id)}`,
  },
  request: {
    filterIndexes: { state: 'gsi2', requestedFor: 'gsi3', createdBy: 'gsi4' },
    filterOrder: ['createdBy', 'requestedFor', 'state'],
  },
  // Sorted by end: windows overlapping [from, to) are those ending after `from` (the key
  // condition) that start before `to`; past windows never need reading.
  change_window: {
    filterIndexes: { kind: 'gsi2' },
    filterOrder: ['kind'],
    sortOf: (record) => `${String(record.end)}#${String(record.id)}`,
  },
  // Configuration items: `GET /cis?type=&name=&externalId=&status=`; an ARN names one CI.
  ci: {
    filterIndexes: { type: 'gsi2', name: 'gsi3', externalId: 'gsi4', status: 'gsi5' },
    filterOrder: ['externalId', 'name', 'type', 'status'],
  },
};

/** The partition value of a record in one index: `incident#state#new`; gsi1 is `incident`. */
export const indexPartition = (kind: RecordKind, field: string | undefined, value?: unknown): string =>
  field === undefined ? kind : `${kind}#${field}#${String(value)}`;

/** Index key attributes a record carries (sparse: only for fields it has). */
export const indexAttributes = (
  kind: RecordKind,
  record: Record<string, unknown>,
): Record<string, string> => {
  const plan = indexPlans[kind];
  const sort = plan.sortOf ? plan.sortOf(record) : `${String(record.createdAt)}#${String(record.id)}`;
  const attributes: Record<string, string> = { gsi1pk: indexPartition(kind, undefined), gsi1sk: sort };
  for (const [field, index] of Object.entries(plan.filterIndexes)) {
    const value = record[field];
    if (value === undefined || value === null || value === '') continue;
    attributes[`${index}pk`] = indexPartition(kind, field, value);
    attributes[`${index}sk`] = sort;
  }
  // gsi10 is the SLA due index, keyed by when the sweep must look at the record (sla-due-index.ts).
  return { ...attributes, ...slaDueIndexAttributes(kind, record) };
};
