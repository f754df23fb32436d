import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { StoreUnavailable } from '#ports/record-store.ts';

/** Error names DynamoDB and the SDK give a throttled, failing or unreachable store. */
const unavailableNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Socket-level failures Node reports as `code`. */
const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
]);

/** Cancellation codes of a transaction refused for capacity, not for its content. */
const throttledCodes = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded']);

/**
 * Whether an error says the store itself is unavailable (throttled, 5xx, network, timeout), as
 * opposed to refusing this request for what it asks.
 * @example isStoreUnavailable(Object.assign(new Error('slow down'), { name: 'ThrottlingException' })) // true
 */
export const isStoreUnavailable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const { $fault, code } = error as { $fault?: string; code?: string };
  return unavailableNames.has(error.name) || $fault === 'server' || (!!code && networkCodes.has(code));
};

/**
 * Runs one SDK call and turns "the store is unavailable" into `StoreUnavailable`, so callers tell
 * a failing store (503) from a defect (500) without knowing the SDK.
 * @example const result = await storeCall(client.send(new GetItemCommand(input)));
 */
export const storeCall = <T>(call: Promise<T>): Promise<T> =>
  call.catch((error: unknown) => {
    throw isStoreUnavailable(error) ? new StoreUnavailable(error) : error;
  });

/** Why DynamoDB cancelled a transaction, in the terms `commit` answers with. */
export type Cancellation =
  | { kind: 'condition'; writeIndex: number }
  | { kind: 'conflict' }
  | { kind: 'throttled' }
  | { kind: 'other' };

/**
 * Reads a TransactionCanceledException's reasons (one per write, in order): a failed condition
 * names its write; a throttled item means the store is unavailable; a conflict with a concurrent
 * transaction may be retried as it is.
 * @example cancellation([{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }]) // { kind: 'condition', writeIndex: 1 }
 */
export const cancellation = (reasons: readonly CancellationReason[]): Cancellation => {
  const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
  if (failed >= 0) return { kind: 'condition', writeIndex: failed };
  if (reasons.some((reason) => throttledCodes.has(reason.Code ?? ''))) return { kind: 'throttled' };
  if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return { kind: 'conflict' };
  return { kind: 'other' };
};
