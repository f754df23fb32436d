import { type BodyOf, type Ci, get, type Ok, request } from '../api.ts';
import { refresh } from '../query.ts';
import { ErrorAlert } from '../ui/alerts.tsx';
import { FilterBar } from '../ui/filter-bar.tsx';
import { labelOf } from '../ui/format.ts';
import { NewRecordToggle, Pager, QueueTable, useCreateForm, useQueuePages } from '../ui/queue.tsx';
import type { Column } from '../ui/record-table.tsx';
import { useSavedFilters } from '../ui/saved-filters.ts';

export const ciTypes = [
  'service',
  'application',
  'server',
  'database',
  'function',
  'load_balancer',
  'queue',
  'table',
  'api',
  'network',
  'storage',
  'container',
  'other',
] as const;

const columns: Column<Ci>[] = [
  {
    key: 'name',
    label: 'Name',
    value: (ci) => ci.name,
    render: (ci) => <a href={`#/cis/${ci.id}`}>{ci.name}</a>,
  },
  { key: 'number', label: 'Number', value: (ci) => ci.number },
  { key: 'type', label: 'Type', value: (ci) => ci.type, render: (ci) => labelOf(ci.type) },
  {
    key: 'health',
    label: 'Health',
    value: (ci) => ci.health,
    render: (ci) => <span class={`health health-${ci.health}`}>{ci.health}</span>,
  },
  { key: 'status', label: 'Status', value: (ci) => ci.status },
  { key: 'tier', label: 'Service tier', value: (ci) => ci.serviceTier ?? '' },
];

/** The CMDB: configuration items with search by name, type and status. */
export const CmdbPage = () => {
  const filters = useSavedFilters('cmdb');
  const query = Object.fromEntries(Object.entries(filters.values).filter(([, value]) => value));
  const { result: cis, pager } = useQueuePages('cis', query, (cursor) =>
    get<Ok<'listCis'>>('/cis', { query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } }),
  );
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">Configuration items</h1>
      <FilterBar
        state={filters}
        filters={[
          { name: 'name', label: 'Name' },
          { name: 'type', label: 'Type', options: ciTypes.map((type) => [type, labelOf(type)]) },
          {
            name: 'status',
            label: 'Status',
            options: [
              ['active', 'active'],
              ['retired', 'retired'],
            ],
          },
        ]}
      />
      <NewRecordToggle
        label="New configuration item"
        form={(done) => (
          <NewCiForm
            onCreated={() => {
              done();
              void refresh('cis');
            }}
          />
        )}
      />
      <QueueTable
        name="Configuration items"
        what="configuration items"
        columns={columns}
        result={cis}
        initialSort={{ key: 'name', direction: 'ascending' }}
      />
      <Pager label="Configuration items" {...pager} />
    </section>
  );
};

const NewCiForm = ({ onCreated }: { onCreated: () => void }) => {
  const { error, key, attempt } = useCreateForm();
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const tier = String(form.get('serviceTier') ?? '');
    const body: BodyOf<'createCi'> = {
      name: String(form.get('name') ?? ''),
      type: String(form.get('type')) as Ci['type'],
      ...(tier ? { serviceTier: Number(tier) as 1 | 2 | 3 | 4 } : {}),
    };
    await attempt(async () => {
      await request('POST', '/cis', { body, idempotencyKey: key });
      onCreated();
    });
  };
  return (
    <form class="card" aria-labelledby="new-ci-heading" onSubmit={submit}>
      <h2 id="new-ci-heading">New configuration item</h2>
      <ErrorAlert error={error} />
      <label>
        Name
        <input name="name" type="text" required />
      </label>
      <label>
        Type
        <select name="type">
          {ciTypes.map((type) => (
            <option key={type} value={type} selected={type === 'application'}>
              {labelOf(type)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Service tier
        <select name="serviceTier">
          <option value="">None</option>
          {[1, 2, 3, 4].map((tier) => (
            <option key={tier} value={tier}>
              {tier}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Create</button>
    </form>
  );
};
