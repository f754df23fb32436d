import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { newIdempotencyKey } from '../api.ts';
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
