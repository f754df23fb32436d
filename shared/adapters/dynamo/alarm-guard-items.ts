import { createHash } from 'node:crypto';
import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { AlarmGroup } from '#domain/incident/alarm-grouping.ts';
import type { AlarmTrack } from '#domain/incident/alarm-track.ts';
import type { ItemKey } from '#ports/record-store.ts';
import { fromItem, toItem } from './item-codec.ts';

/**
 * Where alarm deduplication keeps its guard items (README, Data design):
 *
 * | item              | pk                                   | sk      | TTL    |
 * |-------------------|--------------------------------------|---------|--------|
 * | alarm key track   | `alarm#<sha256(key)>`                | `alarm` | none   |
 * | applied event id  | `alarm-event#<sha256(key, event id)>`| `event` | 7 days |
 * | service's group   | `alarm-group#<service CI id>`        | `group` | 1 day  |
 *
 * Keys are hashes, so an ARN of any length fits a key; the items carry the plain key and id.
 * The track is replaced only at its next revision; an event id item only if absent.
 */
const eventTtlSeconds = 7 * 86_400;

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('base64url');

export const alarmTrackKey = (key: string): ItemKey => ({ pk: `alarm#${digest(key)}`, sk: 'alarm' });
export const alarmEventKey = (key: string, eventId: string): ItemKey => ({
  pk: `alarm-event#${digest(key, eventId)}`,
  sk: 'event',
});

const keyAttributes = (key: ItemKey): Record<string, AttributeValue> => ({
  pk: { S: key.pk },
  sk: { S: key.sk },
});

/** The Put of a track over the revision before it (over nothing for the first). */
export const alarmTrackPut = (tableName: string, track: AlarmTrack): TransactWriteItem => ({
  Put: {
    TableName: tableName,
    Item: toItem({ ...track, ...alarmTrackKey(track.key), entity: 'alarm-track' }),
    ...(track.revision <= 1
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: '#revision = :previous',
          ExpressionAttributeNames: { '#revision': 'revision' },
          ExpressionAttributeValues: { ':previous': { N: String(track.revision - 1) } },
        }),
  },
});

/** The Put of an applied event id, refused when it is there already. */
export const alarmEventPut = (
  tableName: string,
  write: { key: string; eventId: string },
  nowSeconds: number,
): TransactWriteItem => ({
  Put: {
    TableName: tableName,
    Item: toItem({
      ...alarmEventKey(write.key, write.eventId),
      entity: 'alarm-event',
      key: write.key,
      eventId: write.eventId,
      expiresAt: nowSeconds + eventTtlSeconds,
    }),
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** The keys `alarmTrack` reads together: the track and each event id's guard. */
export const alarmReadKeys = (key: string, eventIds: readonly string[]) => [
  keyAttributes(alarmTrackKey(key)),
  ...[...new Set(eventIds)].map((eventId) => keyAttributes(alarmEventKey(key, eventId))),
];

/** Reads the batch's answer: the track (if any) and the event ids already applied. */
export const alarmReadResult = (
  items: Array<Record<string, AttributeValue>>,
): { track: AlarmTrack | undefined; seen: string[] } => {
  const track = items.find((item) => item.entity?.S === 'alarm-track');
  return {
    track: track ? fromItem<AlarmTrack>(track) : undefined,
    seen: items.flatMap((item) =>
      item.entity?.S === 'alarm-event' && item.eventId?.S ? [item.eventId.S] : [],
    ),
  };
};

const groupTtlSeconds = 86_400;

export const alarmGroupKey = (serviceId: string): ItemKey => ({
  pk: `alarm-group#${serviceId}`,
  sk: 'group',
});

/** The Put of a service's group over the one it replaces (over nothing without `replaces`). */
export const alarmGroupPut = (
  tableName: string,
  write: { group: AlarmGroup; replaces?: string },
  nowSeconds: number,
): TransactWriteItem => ({
  Put: {
    TableName: tableName,
    Item: toItem({
      ...write.group,
      ...alarmGroupKey(write.group.serviceId),
      entity: 'alarm-group',
      expiresAt: nowSeconds + groupTtlSeconds,
    }),
    ...(write.replaces === undefined
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: '#incident = :replaced',
          ExpressionAttributeNames: { '#incident': 'incidentId' },
          ExpressionAttributeValues: { ':replaced': { S: write.replaces } },
        }),
  },
});

/** The keys of these services' groups, for one batch read. */
export const alarmGroupKeys = (serviceIds: readonly string[]) =>
  [...new Set(serviceIds)].map((serviceId) => keyAttributes(alarmGroupKey(serviceId)));
