import { useState } from 'preact/hooks';
import { type BodyOf, type Change, get, newIdempotencyKey, type Ok, request } from '../api.ts';
import { listRefreshMs, refresh, useQuery } from '../query.ts';
import { Activity } from '../ui/activity.tsx';
import { ErrorAlert, Loading } from '../ui/alerts.tsx';
import { FilterBar } from '../ui/filter-bar.tsx';
import { formatTime, labelOf } from '../ui/format.ts';
import { NewRecordToggle, Pager, QueueTable, useCreateForm, useQueuePages } from '../ui/queue.tsx';
import type { Column } from '../ui/record-table.tsx';
import { useSavedFilters } from '../ui/saved-filters.ts';

const states = [
  'new',
  'assess',
  'authorize',
  'scheduled',
  'implement',
  'review',
  'closed',
  'canceled',
] as const;

const columns: Column<Change>[] = [
  {
    key: 'number',
    label: 'Number',
    value: (change) => change.number,
    render: (change) => <a href={`#/changes/${change.id}`}>{change.number}</a>,
  },
  { key: 'title', label: 'Title', value: (change) => change.title },
  { key: 'type', label: 'Type', value: (change) => change.type },
  { key: 'state', label: 'State', value: (change) => change.state, render: (c) => labelOf(c.state) },
  { key: 'risk', label: 'Risk', value: (change) => change.risk },
  {
    key: 'plannedStart',
    label: 'Planned start',
    value: (c) => c.plannedStart,
    render: (c) => formatTime(c.plannedStart),
  },
];

/** The change queue, with a link to the change calendar and the "New change" form. */
export const ChangesPage = () => {
  const filters = useSavedFilters('changes');
  const query = Object.fromEntries(Object.entries(filters.values).filter(([, value]) => value));
  const { result: changes, pager } = useQueuePages('changes', query, (cursor) =>
    get<Ok<'listChanges'>>('/changes', { query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } }),
  );
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">Changes</h1>
      <p>
        <a href="#/changes/calendar">Change calendar</a>
      </p>
      <FilterBar
        state={filters}
        filters={[
          { name: 'state', label: 'State', options: states.map((state) => [state, labelOf(state)]) },
          { name: 'type', label: 'Type', options: ['standard', 'normal', 'emergency'].map((t) => [t, t]) },
          { name: 'risk', label: 'Risk', options: ['low', 'moderate', 'high'].map((r) => [r, r]) },
        ]}
      />
      <NewRecordToggle
        label="New change"
        form={(done) => (
          <NewChangeForm
            onCreated={() => {
              done();
              void refresh('changes');
            }}
          />
        )}
      />
      <QueueTable name="Changes" what="changes" columns={columns} result={changes} />
      <Pager label="Changes" {...pager} />
    </section>
  );
};

const localInput = (date: Date) =>
  new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

const NewChangeForm = ({ onCreated }: { onCreated: () => void }) => {
  const { error, key, attempt } = useCreateForm();
  const cis = useQuery({
    queryKey: ['cis', { status: 'active' }],
    queryFn: () => get<Ok<'listCis'>>('/cis', { query: { status: 'active', limit: 200 } }),
  });
  const start = new Date(Date.now() + 86_400_000);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const iso = (name: string) => new Date(String(form.get(name))).toISOString();
    await attempt(async () => {
      const body: BodyOf<'raiseChange'> = {
        title: String(form.get('title') ?? ''),
        type: String(form.get('type')) as Change['type'],
        ciIds: form.getAll('ciIds').map(String),
        plannedStart: iso('plannedStart'),
        plannedEnd: iso('plannedEnd'),
      };
      await request('POST', '/changes', { body, idempotencyKey: key });
      onCreated();
    });
  };
  return (
    <form class="card" aria-labelledby="new-change-heading" onSubmit={submit}>
      <h2 id="new-change-heading">New change</h2>
      <ErrorAlert error={error} />
      <label>
        Title
        <input name="title" type="text" required />
      </label>
      <label>
        Type
        <select name="type">
          <option value="standard">standard</option>
          <option value="normal" selected>
            normal
          </option>
          <option value="emergency">emergency</option>
        </select>
      </label>
      <label>
        Configuration items
        <select name="ciIds" multiple size={4}>
          {(cis.data?.items ?? []).map((ci) => (
            <option key={ci.id} value={ci.id}>
              {ci.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Planned start
        <input name="plannedStart" type="datetime-local" defaultValue={localInput(start)} />
      </label>
      <label>
        Planned end
        <input
          name="plannedEnd"
          type="datetime-local"
          defaultValue={localInput(new Date(start.getTime() + 3_600_000))}
        />
      </label>
      <button type="submit">Create</button>
    </form>
  );
};

/** One change: risk and its reasons, conflicts, approvals, Approve/Reject in `authorize`, activity. */
export const ChangePage = ({ id, changeManager }: { id: string; changeManager: boolean }) => {
  const change = useQuery({
    queryKey: ['change', id],
    queryFn: () => get<Change>('/changes/{id}', { path: { id } }),
  });
  const conflicts = useQuery({
    queryKey: ['change', id, 'conflicts'],
    queryFn: () => get<Ok<'listChangeConflicts'>>('/changes/{id}/conflicts', { path: { id } }),
  });
  const history = useQuery({
    queryKey: ['change', id, 'history'],
    queryFn: () =>
      get<Ok<'listChangeHistory'>>('/changes/{id}/history', { path: { id }, query: { limit: 200 } }),
  });
  const [error, setError] = useState<unknown>();
  const [comment, setComment] = useState('');
  if (!change.data) return change.error ? <ErrorAlert error={change.error} /> : <Loading what="the change" />;
  const record = change.data;
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      await refresh('change', id);
      void refresh('changes');
    } catch (failure) {
      setError(failure);
    }
  };
  const vote = (decision: 'approve' | 'reject') =>
    act(() =>
      request('POST', '/changes/{id}/approvals', {
        path: { id },
        body: { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        idempotencyKey: newIdempotencyKey(),
      }),
    );
  const save = (event: Event) => {
    event.preventDefault();
    const state = String(new FormData(event.currentTarget as HTMLFormElement).get('state'));
    if (state === record.state) return;
    void act(() =>
      request('PATCH', '/changes/{id}', {
        path: { id },
        body: { state: state as Change['state'] },
        ifMatch: record.version,
      }),
    );
  };
  return (
    <article aria-labelledby="page-heading">
      <h1 id="page-heading">
        {record.number}: {record.title}
      </h1>
      <p class="meta">
        <span class="badge">{record.type}</span> <span class="badge">{labelOf(record.state)}</span>{' '}
        <span class={`badge risk-${record.risk}`}>risk {record.risk}</span> planned{' '}
        {formatTime(record.plannedStart)} – {formatTime(record.plannedEnd)}
      </p>
      {record.description && <p class="description">{record.description}</p>}
      <ErrorAlert error={error} onReload={() => void refresh('change', id)} />
      {record.state === 'authorize' && changeManager && (
        <section class="card" aria-labelledby="approval-heading">
          <h2 id="approval-heading">Approval</h2>
          <label>
            Approval comment
            <input type="text" value={comment} onInput={(event) => setComment(event.currentTarget.value)} />
          </label>
          <button type="button" onClick={() => void vote('approve')}>
            Approve
          </button>{' '}
          <button type="button" class="danger" onClick={() => void vote('reject')}>
            Reject
          </button>
        </section>
      )}
      <form class="card fields" aria-label="Change fields" onSubmit={save} key={record.version}>
        <label>
          State
          <select name="state">
            {states.map((state) => (
              <option key={state} value={state} selected={state === record.state}>
                {labelOf(state)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Save</button>
      </form>
      <div class="columns">
        <section aria-labelledby="risk-heading">
          <h2 id="risk-heading">Risk reasons</h2>
          <ul aria-labelledby="risk-heading">
            {record.riskReasons.map((reason) => (
              <li key={reason.code}>{reason.detail}</li>
            ))}
            {record.riskReasons.length === 0 && <li>No risk factor.</li>}
          </ul>
        </section>
        <section aria-labelledby="conflicts-heading">
          <h2 id="conflicts-heading">Conflicts</h2>
          <ErrorAlert error={conflicts.error} />
          <ul aria-labelledby="conflicts-heading">
            {(conflicts.data?.items ?? []).map((conflict, index) => (
              <li key={`${conflict.kind}-${index}`}>
                {labelOf(conflict.kind)} on <a href={`#/cis/${conflict.ciId}`}>CI</a>
                {conflict.changeId && (
                  <>
                    {' '}
                    with <a href={`#/changes/${conflict.changeId}`}>another change</a>
                  </>
                )}
              </li>
            ))}
            {conflicts.data?.items.length === 0 && <li>No conflict.</li>}
          </ul>
        </section>
        <section aria-labelledby="approvals-heading">
          <h2 id="approvals-heading">Approvals</h2>
          <ul aria-labelledby="approvals-heading">
            {record.approvals.map((approval) => (
              <li key={approval.approver}>
                {approval.approver}: {approval.decision} {approval.comment && `(${approval.comment})`} at{' '}
                {formatTime(approval.at)}
              </li>
            ))}
            {record.approvals.length === 0 && <li>None yet.</li>}
          </ul>
        </section>
        <section aria-labelledby="cis-heading">
          <h2 id="cis-heading">Configuration items</h2>
          <ul aria-labelledby="cis-heading">
            {record.ciIds.map((ciId) => (
              <li key={ciId}>
                <a href={`#/cis/${ciId}`}>{ciId}</a>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <Activity history={history.data?.items ?? []} />
    </article>
  );
};

const dayMs = 86_400_000;
const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());
const weekStart = (date: Date) => {
  const day = startOfDay(date);
  return new Date(day.getTime() - ((day.getDay() + 6) % 7) * dayMs);
};
const dayLabel = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const monthLabel = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });

/**
 * The change calendar: scheduled and planned changes by day, a week or a month at a time, with the
 * blackout and maintenance windows over them; a change manager declares windows here.
 */
export const ChangeCalendarPage = ({ changeManager }: { changeManager: boolean }) => {
  const [view, setView] = useState<'week' | 'month'>('week');
  const [anchor, setAnchor] = useState(() => new Date());
  const first =
    view === 'week' ? weekStart(anchor) : weekStart(new Date(anchor.getFullYear(), anchor.getMonth(), 1));
  const last =
    view === 'week'
      ? new Date(first.getTime() + 7 * dayMs)
      : new Date(weekStart(new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0)).getTime() + 7 * dayMs);
  const days = Array.from(
    { length: Math.round((last.getTime() - first.getTime()) / dayMs) },
    (_, index) => new Date(first.getTime() + index * dayMs),
  );
  const changes = useQuery({
    queryKey: ['changes', 'calendar', first.toISOString(), last.toISOString()],
    queryFn: () =>
      get<Ok<'listChanges'>>('/changes', {
        query: { from: first.toISOString(), to: last.toISOString(), limit: 200 },
      }),
    refetchInterval: listRefreshMs,
  });
  const windows = useQuery({
    queryKey: ['change-windows', first.toISOString(), last.toISOString()],
    queryFn: () =>
      get<Ok<'listChangeWindows'>>('/change-windows', {
        query: { from: first.toISOString(), to: last.toISOString(), limit: 200 },
      }),
    refetchInterval: listRefreshMs,
  });
  const windowsOn = (day: Date) =>
    (windows.data?.items ?? []).filter(
      (window) => Date.parse(window.start) < day.getTime() + dayMs && Date.parse(window.end) > day.getTime(),
    );
  const move = (direction: number) =>
    setAnchor(
      view === 'week'
        ? new Date(anchor.getTime() + direction * 7 * dayMs)
        : new Date(anchor.getFullYear(), anchor.getMonth() + direction, 1),
    );
  const on = (day: Date) =>
    (changes.data?.items ?? []).filter(
      (change) =>
        Date.parse(change.plannedStart) < day.getTime() + dayMs &&
        Date.parse(change.plannedEnd) > day.getTime(),
    );
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">Change calendar</h1>
      <fieldset class="toolbar">
        <legend class="visually-hidden">Calendar view</legend>
        <button type="button" aria-pressed={view === 'week'} onClick={() => setView('week')}>
          Week
        </button>
        <button type="button" aria-pressed={view === 'month'} onClick={() => setView('month')}>
          Month
        </button>
        <button type="button" onClick={() => move(-1)}>
          Previous
        </button>
        <button type="button" onClick={() => setAnchor(new Date())}>
          Today
        </button>
        <button type="button" onClick={() => move(1)}>
          Next
        </button>
        <span aria-live="polite">
          {view === 'week' ? `Week of ${dayLabel.format(first)}` : monthLabel.format(anchor)}
        </span>
      </fieldset>
      <ErrorAlert error={changes.error} />
      <ErrorAlert error={windows.error} />
      {changeManager && (
        <NewRecordToggle
          label="Declare a window"
          form={(done) => (
            <NewWindowForm
              onCreated={() => {
                done();
                void refresh('change-windows');
              }}
            />
          )}
        />
      )}
      <ol class={`calendar calendar-${view}`} aria-label="Change calendar">
        {days.map((day) => (
          <li key={day.toISOString()} class="day">
            <h2 class="day-label">{dayLabel.format(day)}</h2>
            <ul>
              {windowsOn(day).map((window) => (
                <li key={window.id} class={`window window-${window.kind}`}>
                  {labelOf(window.kind)} window: {window.reason}{' '}
                  <span class="muted">
                    ({formatTime(window.start)} to {formatTime(window.end)}
                    {window.ciIds?.length ? `, ${window.ciIds.length} CIs` : ', all CIs'})
                  </span>
                </li>
              ))}
              {on(day).map((change) => (
                <li key={change.id} class={`risk-${change.risk}`}>
                  <a href={`#/changes/${change.id}`}>
                    {change.number} {change.title}
                  </a>{' '}
                  <span class="muted">({labelOf(change.state)})</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
};

/** A change manager's blackout or maintenance window (no CIs named: all CIs). */
const NewWindowForm = ({ onCreated }: { onCreated: () => void }) => {
  const { error, key, attempt } = useCreateForm();
  const start = new Date(Date.now() + dayMs);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const iso = (name: string) => new Date(String(form.get(name))).toISOString();
    await attempt(async () => {
      const body: BodyOf<'declareChangeWindow'> = {
        kind: String(form.get('kind')) as BodyOf<'declareChangeWindow'>['kind'],
        start: iso('start'),
        end: iso('end'),
        reason: String(form.get('reason') ?? ''),
      };
      await request('POST', '/change-windows', { body, idempotencyKey: key });
      onCreated();
    });
  };
  return (
    <form class="card" aria-labelledby="new-window-heading" onSubmit={submit}>
      <h2 id="new-window-heading">Declare a window</h2>
      <ErrorAlert error={error} />
      <label>
        Kind
        <select name="kind">
          <option value="blackout">blackout</option>
          <option value="maintenance">maintenance</option>
        </select>
      </label>
      <label>
        Starts
        <input name="start" type="datetime-local" required value={localInput(start)} />
      </label>
      <label>
        Ends
        <input
          name="end"
          type="datetime-local"
          required
          value={localInput(new Date(start.getTime() + 4 * 3_600_000))}
        />
      </label>
      <label>
        Reason
        <input name="reason" type="text" required />
      </label>
      <button type="submit">Declare</button>
    </form>
  );
};
