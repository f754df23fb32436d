import autocannon from 'autocannon';

/** One request a workload sends; `label` names its row (a mixed workload has several). */
export interface LoadRequest {
  label: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called with the answer (before the next request of its connection is built). */
  settled?: (status: number, headers: Record<string, string | string[]>) => void;
}

/** What one label saw: every latency in ms (floats) and every status. */
export interface RouteFigures {
  latencies: number[];
  statuses: Map<number, number>;
}

export interface DriveResult {
  seconds: number;
  byLabel: Map<string, RouteFigures>;
  /** Socket errors and timeouts (autocannon's `errors` includes its `timeouts`). */
  errors: number;
  timeouts: number;
}

const figuresFor = (byLabel: Map<string, RouteFigures>, label: string) => {
  let figures = byLabel.get(label);
  if (!figures) {
    figures = { latencies: [], statuses: new Map() };
    byLabel.set(label, figures);
  }
  return figures;
};

/**
 * Runs autocannon against `url` for `seconds` on `connections` keep-alive connections; each
 * request is what `next()` returns at the moment it is sent. Latencies are kept per label at
 * full precision (autocannon's own histogram has whole milliseconds, too coarse for a 3 ms p50).
 * @example await drive({ url, connections: 16, seconds: 10, next: () => ({ label: 'GET /', method: 'GET', path: '/' }) })
 */
export const drive = (options: {
  url: string;
  connections: number;
  seconds: number;
  next: () => LoadRequest;
  /** Seconds a request may take before it counts as a timeout (10). */
  timeoutSeconds?: number;
}): Promise<DriveResult> =>
  new Promise((resolve, reject) => {
    const byLabel = new Map<string, RouteFigures>();
    // onResponse and the tracker's 'response' event fire back to back, synchronously, for the
    // same connection: the label of the request just answered passes between them here.
    let answered: LoadRequest | undefined;
    const started = performance.now();
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: options.timeoutSeconds ?? 10,
        requests: [
          {
            setupRequest: (request, context) => {
              const chosen = options.next();
              (context as { chosen?: LoadRequest }).chosen = chosen;
              return {
                ...request,
                method: chosen.method,
                path: chosen.path,
                headers: { ...request.headers, ...chosen.headers },
                body: chosen.body,
              };
            },
            onResponse: (status, _body, context, headers) => {
              answered = (context as { chosen?: LoadRequest }).chosen;
              answered?.settled?.(status, (headers ?? {}) as Record<string, string | string[]>);
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          seconds: (performance.now() - started) / 1000,
          byLabel,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      const figures = figuresFor(byLabel, answered?.label ?? '?');
      figures.latencies.push(responseTime);
      figures.statuses.set(status, (figures.statuses.get(status) ?? 0) + 1);
      answered = undefined;
    });
  });

/**
 * `inFlight` loops sending `call` back to back for `seconds`: the SDK baseline, no HTTP server
 * in between.
 */
export const loop = async (options: {
  label: string;
  inFlight: number;
  seconds: number;
  call: () => Promise<unknown>;
}): Promise<DriveResult> => {
  const figures: RouteFigures = { latencies: [], statuses: new Map() };
  let errors = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.inFlight }, async () => {
      while (performance.now() < until) {
        const sent = performance.now();
        try {
          await options.call();
          figures.latencies.push(performance.now() - sent);
          figures.statuses.set(200, (figures.statuses.get(200) ?? 0) + 1);
        } catch {
          errors++;
        }
      }
    }),
  );
  return {
    seconds: (performance.now() - started) / 1000,
    byLabel: new Map([[options.label, figures]]),
    errors,
    timeouts: 0,
  };
};

/** The p-th percentile (nearest rank) of values sorted ascending. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

/** Several runs of one workload as one: their time, answers and errors added up. */
export const mergeRuns = (runs: readonly DriveResult[]): DriveResult => {
  const byLabel = new Map<string, RouteFigures>();
  for (const run of runs)
    for (const [label, figures] of run.byLabel) {
      const merged = figuresFor(byLabel, label);
      for (const latency of figures.latencies) merged.latencies.push(latency);
      for (const [status, count] of figures.statuses)
        merged.statuses.set(status, (merged.statuses.get(status) ?? 0) + count);
    }
  return {
    seconds: runs.reduce((sum, run) => sum + run.seconds, 0),
    byLabel,
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    timeouts: runs.reduce((sum, run) => sum + run.timeouts, 0),
  };
};

/**
 * metrics-ingest invoked again as soon as a run ends, until `stop()`: the schedule's way (the
 * runner skips a tick while a run is on). Each run's duration is its latency; `stop` waits for the
 * run in progress.
 */
export const ingestBackToBack = (invokeUrl: string) => {
  const figures: RouteFigures = { latencies: [], statuses: new Map() };
  let running = true;
  let errors = 0;
  const started = performance.now();
  const runs = (async () => {
    while (running) {
      const sent = performance.now();
      try {
        const response = await fetch(`${invokeUrl}/2015-03-31/functions/metrics-ingest/invocations`, {
          method: 'POST',
        });
        await response.arrayBuffer();
        figures.latencies.push(performance.now() - sent);
        figures.statuses.set(response.status, (figures.statuses.get(response.status) ?? 0) + 1);
      } catch {
        errors++;
      }
    }
  })();
  return {
    stop: async (): Promise<DriveResult> => {
      running = false;
      await runs;
      return {
        seconds: (performance.now() - started) / 1000,
        byLabel: new Map([['metrics-ingest (invoke)', figures]]),
        errors,
        timeouts: 0,
      };
    },
  };
};
