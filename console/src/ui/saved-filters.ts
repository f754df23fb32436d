import { useState } from 'preact/hooks';
import { currentSession } from '../session.ts';

export type FilterValues = Record<string, string>;

interface Stored {
  current: FilterValues;
  saved: Record<string, FilterValues>;
}

const keyOf = (list: string) => `opsdesk.filters.${currentSession()?.user ?? 'anonymous'}.${list}`;

const read = (list: string): Stored => {
  try {
    const stored = JSON.parse(localStorage.getItem(keyOf(list)) ?? '') as Stored;
    return { current: stored.current ?? {}, saved: stored.saved ?? {} };
  } catch {
    return { current: {}, saved: {} };
  }
};

/**
 * A list's filters, kept per user in this browser: the last ones used come back on the next
 * visit, and named filters can be saved and applied again.
 */
export const useSavedFilters = (list: string) => {
  const [stored, setStored] = useState(() => read(list));
  const write = (next: Stored) => {
    localStorage.setItem(keyOf(list), JSON.stringify(next));
    setStored(next);
  };
  return {
    values: stored.current,
    saved: stored.saved,
    set: (name: string, value: string) => write({ ...stored, current: { ...stored.current, [name]: value } }),
    apply: (values: FilterValues) => write({ ...stored, current: { ...values } }),
    save: (name: string) => write({ ...stored, saved: { ...stored.saved, [name]: { ...stored.current } } }),
    remove: (name: string) => {
      const { [name]: _removed, ...rest } = stored.saved;
      write({ ...stored, saved: rest });
    },
  };
};
