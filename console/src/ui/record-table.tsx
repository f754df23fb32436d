import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface Column<T> {
  key: string;
  label: string;
  /** What the column sorts by. */
  value: (item: T) => string | number | undefined;
  render?: (item: T) => ComponentChildren;
}

/**
 * A table of records with sortable columns: each header is a button, and `aria-sort` tells a
 * screen reader the order.
 */
export const RecordTable = <T extends { id: string }>({
  name,
  columns,
  items,
  initialSort,
}: {
  name: string;
  columns: Column<T>[];
  items: T[];
  initialSort?: { key: string; direction: 'ascending' | 'descending' };
}) => {
  const [sort, setSort] = useState(initialSort);
  const column = columns.find((candidate) => candidate.key === sort?.key);
  const sorted = column
    ? [...items].sort((a, b) => {
        const left = column.value(a) ?? '';
        const right = column.value(b) ?? '';
        const order = left < right ? -1 : left > right ? 1 : 0;
        return sort?.direction === 'descending' ? -order : order;
      })
    : items;
  const toggle = (key: string) =>
    setSort((previous) => ({
      key,
      direction: previous?.key === key && previous.direction === 'ascending' ? 'descending' : 'ascending',
    }));
  return (
    <table aria-label={name}>
      <thead>
        <tr>
          {columns.map((candidate) => (
            <th
              key={candidate.key}
              scope="col"
              aria-sort={sort?.key === candidate.key ? sort.direction : 'none'}
            >
              <button type="button" class="sort" onClick={() => toggle(candidate.key)}>
                {candidate.label}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.length === 0 && (
          <tr>
            <td colSpan={columns.length}>Nothing here.</td>
          </tr>
        )}
        {sorted.map((item) => (
          <tr key={item.id}>
            {columns.map((candidate) => (
              <td key={candidate.key}>{candidate.render ? candidate.render(item) : candidate.value(item)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
};
