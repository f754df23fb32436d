import {
  type FunctionSpec,
  type HttpMethod,
  manifest,
  type RuleSpec,
  routesOf,
} from '#functions/manifest.ts';

/** One HTTP route as the local runner serves it. */
export interface LocalRoute {
  routeKey: `${HttpMethod} ${string}`;
  method: HttpMethod;
  path: string;
  functionName: string;
  public: boolean;
  matcher: RegExp;
  parameterNames: string[];
}

const compilePath = (path: string) => {
  const parameterNames: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameterNames.push(parameter[1]);
      return '([^/]+)';
    })
    .join('/');
  return { matcher: new RegExp(`^${source}$`), parameterNames };
};

/**
 * Orders paths as API Gateway matches them: at the first segment where two differ, a static
 * segment beats a `{parameter}`, so `/problems/candidates` wins over `/problems/{id}` whatever
 * order the operations were declared in.
 */
export const bySpecificity = (a: { path: string }, b: { path: string }): number => {
  const left = a.path.split('/');
  const right = b.path.split('/');
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const leftParameter = left[index]?.startsWith('{') ? 1 : 0;
    const rightParameter = right[index]?.startsWith('{') ? 1 : 0;
    if (leftParameter !== rightParameter) return leftParameter - rightParameter;
  }
  return right.length - left.length;
};

/** Every route of the manifest, most specific first, as the local runner matches it. */
export const localRoutes = (functions: FunctionSpec[] = manifest): LocalRoute[] =>
  functions
    .flatMap((spec) =>
      routesOf(spec).map((route) => ({
        routeKey: `${route.method} ${route.path}` as const,
        method: route.method,
        path: route.path,
        functionName: spec.name,
        public: route.public,
        ...compilePath(route.path),
      })),
    )
    .sort(bySpecificity);

/** The route a request takes: the most specific route of its method whose path matches. */
export const matchRoute = <R extends { method: string; matcher: RegExp }>(
  routes: readonly R[],
  method: string,
  path: string,
): R | undefined => routes.find((route) => route.method === method && route.matcher.test(path));

/** Every schedule of the manifest with its period in milliseconds. */
export const localSchedules = (functions: FunctionSpec[] = manifest) =>
  functions.flatMap((spec) =>
    (spec.schedules ?? []).map((schedule) => ({
      functionName: spec.name,
      name: schedule.name,
      expression: schedule.expression,
      periodMs: ratePeriodMs(schedule.expression),
    })),
  );

/** Every event rule of the manifest. */
export const localRules = (
  functions: FunctionSpec[] = manifest,
): Array<RuleSpec & { functionName: string }> =>
  functions.flatMap((spec) => (spec.rules ?? []).map((rule) => ({ ...rule, functionName: spec.name })));

const unitMs: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Period of an EventBridge `rate(...)` expression in milliseconds. */
export const ratePeriodMs = (expression: string): number => {
  const match = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (!match?.[1] || !match[2]) throw new Error(`Unsupported schedule expression: ${expression}`);
  return Number(match[1]) * (unitMs[match[2]] ?? 0);
};
