import { useState } from 'preact/hooks';
import { type BodyOf, get, type Ok, request, type Schemas } from '../api.ts';
import { refresh, useQuery } from '../query.ts';
import { Activity } from '../ui/activity.tsx';
import { ErrorAlert, Loading } from '../ui/alerts.tsx';
import { FilterBar } from '../ui/filter-bar.tsx';
import { formatTime, labelOf } from '../ui/format.ts';
import { NewRecordToggle, Pager, QueueTable, useCreateForm, useQueuePages } from '../ui/queue.tsx';
import type { Column } from '../ui/record-table.tsx';
import { useSavedFilters } from '../ui/saved-filters.ts';
import { SlaTimers, slaSummary } from '../ui/sla-timers.tsx';

type ServiceRequest = Schemas['Request'];
const states = ['submitted', 'approved', 'fulfilling', 'fulfilled', 'rejected', 'canceled'] as const;

const columns: Column<ServiceRequest>[] = [
  {
    key: 'number',
    label: 'Number',
    value: (item) => item.number,
    render: (item) => <a href={`#/requests/${item.id}`}>{item.number}</a>,
  },
  { key: 'item', label: 'Item', value: (item) => item.item },
  { key: 'quantity', label: 'Quantity', value: (item) => item.quantity },
  { key: 'state', label: 'State', value: (item) => item.state, render: (item) => labelOf(item.state) },
  { key: 'createdBy', label: 'Requested by', value: (item) => item.createdBy },
  { key: 'sla', label: 'SLA', value: (item) => slaSummary(item.slas) },
];

/** Service requests: an agent's queue, or a requester's own requests; "New request" for both. */
export const RequestsPage = ({ agent }: { agent: boolean }) => {
  const filters = useSavedFilters('requests');
  const query = Object.fromEntries(Object.entries(filters.values).filter(([, value]) => value));
  const { result: requests, pager } = useQueuePages('requests', query, (cursor) =>
    get<Ok<'listRequests'>>('/requests', { query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } }),
  );
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">{agent ? 'Requests' : 'My requests'}</h1>
      <FilterBar
        state={filters}
        filters={[
          { name: 'state', label: 'State', options: states.map((state) => [state, labelOf(state)]) },
          ...(agent ? [{ name: 'createdBy', label: 'Requested by' }] : []),
        ]}
      />
      <NewRecordToggle
        label="New request"
        form={(done) => (
          <NewRequestForm
            onCreated={() => {
              done();
              void refresh('requests');
            }}
          />
        )}
      />
      <QueueTable name="Requests" what="requests" columns={columns} result={requests} />
      <Pager label="Requests" {...pager} />
    </section>
  );
};

const NewRequestForm = ({ onCreated }: { onCreated: () => void }) => {
  const { error, key, attempt } = useCreateForm();
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const justification = String(form.get('justification') ?? '').trim();
    const body: BodyOf<'submitRequest'> = {
      item: String(form.get('item') ?? ''),
      quantity: Number(form.get('quantity') ?? 1),
      ...(justification ? { justification } : {}),
    };
    await attempt(async () => {
      await request('POST', '/requests', { body, idempotencyKey: key });
      onCreated();
    });
  };
  return (
    <form class="card" aria-labelledby="new-request-heading" onSubmit={submit}>
      <h2 id="new-request-heading">New request</h2>
      <ErrorAlert error={error} />
      <label>
        Item
        <input name="item" type="text" required />
      </label>
      <label>
        Quantity
        <input name="quantity" type="number" min={1} defaultValue="1" />
      </label>
      <label>
        Justification
        <textarea name="justification" rows={2} />
      </label>
      <button type="submit">Create</button>
    </form>
  );
};

/** One request: its state (agents move it), SLAs and activity. */
export const RequestPage = ({ id, agent }: { id: string; agent: boolean }) => {
  const record = useQuery({
    queryKey: ['request', id],
    queryFn: () => get<ServiceRequest>('/requests/{id}', { path: { id } }),
  });
  const history = useQuery({
    queryKey: ['request', id, 'history'],
    queryFn: () =>
      get<Ok<'listRequestHistory'>>('/requests/{id}/history', { path: { id }, query: { limit: 200 } }),
  });
  const [error, setError] = useState<unknown>();
  if (!record.data)
    return record.error ? <ErrorAlert error={record.error} /> : <Loading what="the request" />;
  const current = record.data;
  const save = async (event: Event) => {
    event.preventDefault();
    const state = String(new FormData(event.currentTarget as HTMLFormElement).get('state'));
    setError(undefined);
    try {
      await request('PATCH', '/requests/{id}', {
        path: { id },
        body: { state: state as ServiceRequest['state'] },
        ifMatch: current.version,
      });
      await refresh('request', id);
      void refresh('requests');
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <article aria-labelledby="page-heading">
      <h1 id="page-heading">
        {current.number}: {current.item}
      </h1>
      <p class="meta">
        <span class="badge">{labelOf(current.state)}</span> quantity {current.quantity}, requested{' '}
        {formatTime(current.createdAt)} by {current.createdBy}
      </p>
      {current.justification && <p class="description">{current.justification}</p>}
      {agent && (
        <form class="card fields" aria-label="Request fields" onSubmit={save} key={current.version}>
          <ErrorAlert error={error} onReload={() => void refresh('request', id)} />
          <label>
            State
            <select name="state">
              {states.map((state) => (
                <option key={state} value={state} selected={state === current.state}>
                  {labelOf(state)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Save</button>
        </form>
      )}
      <SlaTimers slas={current.slas} />
      <ErrorAlert error={history.error} />
      <Activity history={history.data?.items ?? []} />
    </article>
  );
};
