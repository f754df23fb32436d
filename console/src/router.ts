import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes (`#/incidents/ID`): the console is one static file set, so S3 and the local runner
 * serve it without a fallback rule, and no sign-in redirect ever carries a record id away.
 */
export const currentRoute = () => window.location.hash.replace(/^#/, '') || '/';

export const useRoute = (): string => {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const changed = () => setRoute(currentRoute());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
};

export const navigate = (route: string) => {
  window.location.hash = route;
};

/** `match('/incidents/:id', '/incidents/abc')` → `{ id: 'abc' }`. */
export const match = (pattern: string, route: string): Record<string, string> | undefined => {
  const [path = ''] = route.split('?');
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const value = have[index] ?? '';
    if (segment.startsWith(':')) parameters[segment.slice(1)] = decodeURIComponent(value);
    else if (segment !== value) return undefined;
  }
  return parameters;
};
