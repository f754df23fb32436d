import { useState } from 'preact/hooks';
import type { useSavedFilters } from './saved-filters.ts';

export interface Filter {
  /** The list's query parameter. */
  name: string;
  label: string;
  options?: Array<[value: string, label: string]>;
}

/** The filters a list offers (its API query parameters), with the user's saved filters. */
export const FilterBar = ({
  filters,
  state,
}: {
  filters: Filter[];
  state: ReturnType<typeof useSavedFilters>;
}) => {
  const [saveAs, setSaveAs] = useState('');
  const savedNames = Object.keys(state.saved);
  return (
    <form class="filters" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
      {filters.map((filter) => (
        <div class="filter" key={filter.name}>
          <label htmlFor={`filter-${filter.name}`}>{filter.label}</label>
          {filter.options ? (
            <select
              id={`filter-${filter.name}`}
              value={state.values[filter.name] ?? ''}
              onChange={(event) => state.set(filter.name, event.currentTarget.value)}
            >
              <option value="">Any</option>
              {filter.options.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          ) : (
            <TextFilter
              id={`filter-${filter.name}`}
              value={state.values[filter.name] ?? ''}
              onCommit={(value) => state.set(filter.name, value)}
            />
          )}
        </div>
      ))}
      <span class="saved">
        <label>
          Filter name
          <input type="text" value={saveAs} onInput={(event) => setSaveAs(event.currentTarget.value)} />
        </label>
        <button
          type="button"
          disabled={!saveAs.trim()}
          onClick={() => {
            state.save(saveAs.trim());
            setSaveAs('');
          }}
        >
          Save filter
        </button>
        {savedNames.length > 0 && (
          <label>
            Saved filters
            <select
              value=""
              onChange={(event) => {
                const chosen = state.saved[event.currentTarget.value];
                if (chosen) state.apply(chosen);
              }}
            >
              <option value="">Choose…</option>
              {savedNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => state.apply({})}>
          Clear filters
        </button>
      </span>
    </form>
  );
};

/**
 * A text filter: what is typed stays a draft until it is committed (Enter or leaving the field),
 * so a list refreshing or landing meanwhile never wipes it; a value committed from elsewhere (a
 * saved filter, "Clear filters") replaces the draft.
 *
 * The draft remembers the committed value it was typed over, and which one shows is worked out
 * while rendering, not in an effect: an effect runs only after the next paint, so one that copied
 * the value into the draft on mount wiped whatever was typed before the list page's first frame.
 */
const TextFilter = ({
  id,
  value,
  onCommit,
}: {
  id: string;
  value: string;
  onCommit: (value: string) => void;
}) => {
  const [draft, setDraft] = useState({ over: value, text: value });
  return (
    <input
      id={id}
      type="search"
      value={draft.over === value ? draft.text : value}
      onInput={(event) => setDraft({ over: value, text: event.currentTarget.value })}
      onChange={(event) => {
        const committed = event.currentTarget.value.trim();
        setDraft({ over: committed, text: committed });
        onCommit(committed);
      }}
    />
  );
};
