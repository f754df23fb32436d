import {
  QueryClient,
  QueryObserver,
  type QueryObserverOptions,
  type QueryObserverResult,
} from '@tanstack/query-core';
import { useEffect, useReducer, useState } from 'preact/hooks';
import { ApiError } from './api.ts';

/** One cache for the whole console: records fetched once are shared by every page that shows them. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 2_000,
      // A problem answer is final; only a network failure is worth a retry.
      retry: (count, error) => !(error instanceof ApiError) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

/** How often open lists ask again, so a record created elsewhere shows within 10 seconds. */
export const listRefreshMs = 4_000;

/**
 * A query on the shared cache, for Preact: the component renders again whenever the result
 * changes.
 * @example const incidents = useQuery({ queryKey: ['incidents'], queryFn: () => get('/incidents') })
 */
export const useQuery = <T>(
  options: QueryObserverOptions<T, Error, T, T, readonly unknown[]>,
): QueryObserverResult<T, Error> => {
  const defaulted = queryClient.defaultQueryOptions(options);
  const [observer] = useState(
    () => new QueryObserver<T, Error, T, T, readonly unknown[]>(queryClient, defaulted),
  );
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  useEffect(() => observer.subscribe(() => rerender(0)), [observer]);
  useEffect(() => {
    observer.setOptions(defaulted);
  });
  useEffect(() => () => observer.destroy(), [observer]);
  return observer.getOptimisticResult(defaulted);
};

/** Marks every query whose key starts with `prefix` stale and fetches the open ones again. */
export const refresh = (...prefix: unknown[]) => queryClient.invalidateQueries({ queryKey: prefix });
