import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { StoreUnavailable } from '#ports/record-store.ts';
import { isServiceUnavailable } from '../service-failures.ts';

/** Cancellation codes of a transaction refused for capacity, not for its content. */
const throttledCodes = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded']);

/**
 * Runs one SDK call and turns "the store is unavailable" into `StoreUnavailable`, so callers tell
 * a failing store (503) from a defect (500) without knowing the SDK.
 * @example const result = await storeCall(client.send(new GetItemCommand(input)));
 */
export const storeCall = <T>(call: Promise<T>): Promise<T> =>
  call.catch((error: unknown) => {
    throw isServiceUnavailable(error) ? new StoreUnavailable(error) : error;
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
