import { ApiError } from '../api.ts';

/**
 * Every API error shows here with its problem `detail`, in a `role="alert"` region so a screen
 * reader announces it; a 412 (someone changed the record first) offers to reload it.
 */
export const ErrorAlert = ({ error, onReload }: { error: unknown; onReload?: () => void }) => {
  if (!error) return null;
  const detail =
    error instanceof ApiError
      ? (error.problem.detail ?? error.problem.title)
      : ((error as Error).message ?? String(error));
  const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return (
    <div role="alert" class="alert">
      <p>{detail}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={field.path}>
              {field.path}: {field.message}
            </li>
          ))}
        </ul>
      )}
      {error instanceof ApiError && error.status === 412 && onReload && (
        <button type="button" onClick={onReload}>
          Reload
        </button>
      )}
    </div>
  );
};

export const Loading = ({ what }: { what: string }) => (
  <p class="loading" aria-live="polite">
    Loading {what}…
  </p>
);
