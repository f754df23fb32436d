import type { RecordKind } from '#domain/record/record.ts';
import type { HistoryEntry, Page } from '#ports/record-store.ts';
import type { RecordDeps } from './dependencies.ts';

/** One line of a record's history: who, when, field, from, to (README, Incident management). */
export interface HistoryLine {
  version: number;
  at: string;
  actor: string;
  field: string;
  from: unknown;
  to: unknown;
}

const historyLines = (entry: HistoryEntry): HistoryLine[] =>
  entry.changes.map((change) => ({ version: entry.version, at: entry.at, actor: entry.actor, ...change }));

/**
 * A record's history, one line per field change; a page holds whole versions.
 * @example await recordHistory(deps, 'change', id, { limit: 50 })
 */
export const recordHistory = async (
  deps: RecordDeps,
  kind: RecordKind,
  id: string,
  page: { limit?: number; cursor?: string },
): Promise<Page<HistoryLine>> => {
  const entries = await deps.store.history(kind, id, page.limit ?? 50, page.cursor);
  return { items: entries.items.flatMap(historyLines), nextCursor: entries.nextCursor };
};

/** Hard stop for reads that follow every page of a bounded range (a week of incidents, a calendar). */
const maxPages = 50;

/**
 * Every item of a paged list, following cursors (at most 50 pages of up to 200).
 * @example await allPages((cursor) => deps.store.list('incident', { filters, limit: 200, cursor }))
 */
export const allPages = async <T>(read: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const next = await read(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return items;
};
