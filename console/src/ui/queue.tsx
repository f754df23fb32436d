import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { newIdempotencyKey } from '../api.ts';
import { listRefreshMs, useQuery } from '../query.ts';
import { ErrorAlert, Loading } from './alerts.tsx';
import { type Column, RecordTable } from './record-table.tsx';

/**
 * A queue's "New …" button and the form it opens; the form calls `done` once it has created the
 * record, which closes it.
 */
export const NewRecordToggle = ({
  label,
  form,
}: {
  label: string;
  form: (done: () => void) => ComponentChildren;
}) => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <p>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {label}
        </button>
      </p>
      {open && form(() => setOpen(false))}
    </>
  );
};

/** A queue's records in a sortable table, its error in an alert, or that it is loading. */
export const QueueTable = <T extends { id: string }>({
  name,
  what,
  columns,
  result,
  initialSort = { key: 'number', direction: 'descending' },
}: {
  name: string;
  what: string;
  columns: Column<T>[];
  result: { data?: { items: T[] }; error: unknown };
  initialSort?: { key: string; direction: 'ascending' | 'descending' };
}) => (
  <>
    <ErrorAlert error={result.error} />
    {result.data ? (
      <RecordTable name={name} columns={columns} items={result.data.items} initialSort={initialSort} />
    ) : (
      !result.error && <Loading what={what} />
    )}
  </>
);

/**
 * What a create form keeps: its error (shown in its alert), one Idempotency-Key for the form's
 * life (a double submit creates once), and `attempt`, which runs the create and keeps its error.
 * @example const { error, key, attempt } = useCreateForm(); attempt(() => request('POST', '/problems', { body, idempotencyKey: key }))
 */
export const useCreateForm = () => {
  const [error, setError] = useState<unknown>();
  const [key] = useState(newIdempotencyKey);
  const attempt = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    }
  };
  return { error, key, attempt };
};

/** A list page as the API answers it. */
interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One page of a queue at a time, on the shared cache with live refresh: the API's `nextCursor`
 * leads to the next page, the cursors walked so far lead back. Changing the filters starts again
 * at the first page.
 * @example const { result, pager } = useQueuePages('incidents', query, (cursor) => get('/incidents', { query: { ...query, cursor, limit: 50 } }))
 */
export const useQueuePages = <T,>(
  collection: string,
  query: Record<string, unknown>,
  fetchPage: (cursor: string | undefined) => Promise<ListPage<T>>,
) => {
  const filterKey = JSON.stringify(query);
  const [walked, setWalked] = useState<{ filterKey: string; cursors: string[] }>({ filterKey, cursors: [] });
  const cursors = walked.filterKey === filterKey ? walked.cursors : [];
  const cursor = cursors.at(-1);
  const result = useQuery({
    queryKey: [collection, query, cursor ?? null],
    queryFn: () => fetchPage(cursor),
    refetchInterval: listRefreshMs,
  });
  const nextCursor = result.data?.nextCursor;
  const pager = {
    page: cursors.length + 1,
    next: nextCursor ? () => setWalked({ filterKey, cursors: [...cursors, nextCursor] }) : undefined,
    previous: cursors.length > 0 ? () => setWalked({ filterKey, cursors: cursors.slice(0, -1) }) : undefined,
  };
  return { result, pager };
};

/** "Previous page" and "Next page" under a queue, when there is more than one page. */
export const Pager = ({
  label,
  page,
  next,
  previous,
}: { label: string } & ReturnType<typeof useQueuePages>['pager']) =>
  next || previous ? (
    <nav aria-label={`${label} pages`} class="pager">
      <button type="button" disabled={!previous} onClick={previous}>
        Previous page
      </button>
      <span aria-live="polite">Page {page}</span>
      <button type="button" disabled={!next} onClick={next}>
        Next page
      </button>
    </nav>
  ) : null;
