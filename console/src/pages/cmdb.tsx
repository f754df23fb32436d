import { useState } from 'preact/hooks';
import { type BodyOf, type Ci, get, newIdempotencyKey, type Ok, request } from '../api.ts';
import { listRefreshMs, refresh, useQuery } from '../query.ts';
import { ErrorAlert, Loading } from '../ui/alerts.tsx';
import { FilterBar } from '../ui/filter-bar.tsx';
import { labelOf } from '../ui/format.ts';
import { type Column, RecordTable } from '../ui/record-table.tsx';
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
  const [creating, setCreating] = useState(false);
  const query = Object.fromEntries(Object.entries(filters.values).filter(([, value]) => value));
  const cis = useQuery({
    queryKey: ['cis', query],
    queryFn: () => get<Ok<'listCis'>>('/cis', { query: { ...query, limit: 200 } }),
    refetchInterval: listRefreshMs,
  });
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
      <p>
        <button type="button" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          New configuration item
        </button>
      </p>
      {creating && (
        <NewCiForm
          onCreated={() => {
            setCreating(false);
            void refresh('cis');
          }}
        />
      )}
      <ErrorAlert error={cis.error} />
      {cis.data ? (
        <RecordTable
          name="Configuration items"
          columns={columns}
          items={cis.data.items}
          initialSort={{ key: 'name', direction: 'ascending' }}
        />
      ) : (
        !cis.error && <Loading what="configuration items" />
      )}
    </section>
  );
};

const NewCiForm = ({ onCreated }: { onCreated: () => void }) => {
  const [error, setError] = useState<unknown>();
  const [key] = useState(newIdempotencyKey);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const tier = String(form.get('serviceTier') ?? '');
    const body: BodyOf<'createCi'> = {
      name: String(form.get('name') ?? ''),
      type: String(form.get('type')) as Ci['type'],
      ...(tier ? { serviceTier: Number(tier) as 1 | 2 | 3 | 4 } : {}),
    };
    try {
      await request('POST', '/cis', { body, idempotencyKey: key });
      onCreated();
    } catch (failure) {
      setError(failure);
    }
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
