/**
 * How long one SDK call may take, retries included, before it counts as "the service is not
 * answering". A request a person waits on fails fast (the API answers 503 with `Retry-After`
 * within 2 s, README "Faults"); background work (sweeps, the ingest, the outbox) may wait longer
 * but never until its Lambda timeout.
 */
export type CallBudget = 'interactive' | 'background';

const budgets: Record<CallBudget, { deadlineMs: number; connectionTimeout: number }> = {
  interactive: { deadlineMs: 1_500, connectionTimeout: 500 },
  background: { deadlineMs: 10_000, connectionTimeout: 1_000 },
};

/** The error a call past its budget fails with; the store's failure mapping reads it as unavailable. */
class CallDeadlineExceeded extends Error {
  override readonly name = 'TimeoutError';
  readonly $fault = 'server';
}

type Deadlined = {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
};

/**
 * Bounds every call of `client`, retries included, to `deadlineMs`: the SDK's own timeouts are
 * per attempt, so a paused server would otherwise cost attempts × timeout. Each call has its own
 * deadline: a slow answer under load fails only the request that waited for it.
 */
const withDeadline = <C>(client: C, deadlineMs: number): C => {
  const call = (next: (args: unknown) => Promise<unknown>, args: unknown) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new CallDeadlineExceeded(`No answer within ${deadlineMs} ms`)),
        deadlineMs,
      );
      next(args).then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  (client as unknown as Deadlined).middlewareStack.add((next) => (args) => call(next, args), {
    step: 'initialize',
    name: 'opsdeskCallDeadline',
  });
  return client;
};

/**
 * An SDK client for a function, bounded by `budget`: timeouts per attempt inside the call's
 * deadline. The endpoint comes from the environment (`AWS_ENDPOINT_URL_DYNAMODB` and the like
 * locally), so no function has a local branch.
 * @example const client = awsClient(DynamoDBClient, 'interactive'); // an HTTP API's store
 */
export const awsClient = <C>(
  Client: new (config: {
    requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
  }) => C,
  budget: CallBudget,
): C => {
  const { deadlineMs, connectionTimeout } = budgets[budget];
  const requestHandler = { connectionTimeout, requestTimeout: deadlineMs, throwOnRequestTimeout: true };
  return withDeadline(new Client({ requestHandler }), deadlineMs);
};
