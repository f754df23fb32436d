import { type AttributeValue, BatchGetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { AlarmGroup } from '#domain/incident/alarm-grouping.ts';
import type { AlarmTrack } from '#domain/incident/alarm-track.ts';
import type { AlarmRecordStore, AlarmWrite } from '#ports/record-store.ts';
import {
  alarmEventPut,
  alarmGroupKeys,
  alarmGroupPut,
  alarmReadKeys,
  alarmReadResult,
  alarmTrackPut,
} from './alarm-guard-items.ts';
import { DynamoRecordStore } from './dynamo-record-store.ts';
import { fromItem } from './item-codec.ts';
import { storeCall } from './store-failures.ts';

/**
 * The record store with alarm deduplication's guard items (layout: `alarm-guard-items.ts`), for
 * alarm intake and the ingest's alarm path. A track, its event ids and the incident's writes
 * still commit in one TransactWriteItems, the record store's.
 * @example const store = new DynamoAlarmRecordStore(new DynamoDBClient({}), process.env.TABLE_NAME);
 */
export class DynamoAlarmRecordStore extends DynamoRecordStore implements AlarmRecordStore {
  async alarmTrack(
    key: string,
    eventIds: string[],
  ): Promise<{ track: AlarmTrack | undefined; seen: string[] }> {
    return alarmReadResult(await this.consistentBatch(alarmReadKeys(key, eventIds)));
  }

  async alarmGroups(serviceIds: string[]): Promise<AlarmGroup[]> {
    if (serviceIds.length === 0) return [];
    return (await this.consistentBatch(alarmGroupKeys(serviceIds))).map((item) => fromItem<AlarmGroup>(item));
  }

  protected override alarmItem(write: AlarmWrite): TransactWriteItem {
    switch (write.type) {
      case 'alarmTrack':
        return alarmTrackPut(this.tableName, write.track);
      case 'alarmEvent':
        return alarmEventPut(this.tableName, write, this.nowSeconds());
      case 'alarmGroup':
        return alarmGroupPut(this.tableName, write, this.nowSeconds());
    }
  }

  /** Items by key in one strongly consistent BatchGetItem (at most 100 keys), unprocessed ones read again. */
  private async consistentBatch(keys: Array<Record<string, AttributeValue>>) {
    const items: Record<string, AttributeValue>[] = [];
    let pending = keys;
    while (pending.length > 0) {
      const result = await storeCall(
        this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        ),
      );
      items.push(...(result.Responses?.[this.tableName] ?? []));
      pending = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as typeof keys;
    }
    return items;
  }
}
