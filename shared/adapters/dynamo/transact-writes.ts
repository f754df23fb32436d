import {
  type DynamoDBClient,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { StoreUnavailable, WriteConflict, WriteContention } from '#ports/record-store.ts';
import type { WriteRetry } from '#ports/write-retry.ts';
import { cancellation, storeCall } from './store-failures.ts';

/**
 * One TransactWriteItems, all or nothing. A failed condition is `WriteConflict` naming its write
 * (`reasonOf` says what that write's condition meant); a throttled item is `StoreUnavailable`;
 * cancellations by concurrent transactions alone are retried on `retry`'s budget, then
 * `WriteContention`.
 * @example await transactWrites(client, items, writeRetry, (index) => (index === 0 ? 'version' : 'exists'));
 */
export const transactWrites = async (
  client: DynamoDBClient,
  items: TransactWriteItem[],
  retry: WriteRetry,
  reasonOf: (writeIndex: number) => WriteConflict['reason'],
): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await storeCall(client.send(new TransactWriteItemsCommand({ TransactItems: items })));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const cancelled = cancellation(error.CancellationReasons ?? []);
      if (cancelled.kind === 'condition')
        throw new WriteConflict(reasonOf(cancelled.writeIndex), cancelled.writeIndex);
      if (cancelled.kind === 'throttled') throw new StoreUnavailable(error);
      if (cancelled.kind === 'other') throw error;
      // Only concurrent transactions on the same items: every condition still held, try again.
      if (attempt >= retry.attempts) throw new WriteContention();
      await retry.pause(attempt);
    }
  }
};
