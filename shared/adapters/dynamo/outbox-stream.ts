import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { OutboxEntry } from '#processes/outbox-relay.ts';

/** Outbox entries from a DynamoDB stream batch: inserted `outbox` items only, in order. */
export const outboxEntries = (records: DynamoDBRecord[]): OutboxEntry[] =>
  records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (record.eventName !== 'INSERT' || !image || !sequenceNumber) return [];
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item.entity !== 'outbox') return [];
    return [
      {
        sequenceNumber,
        event: {
          source: String(item.source),
          detailType: String(item.detailType),
          detail: String(item.detail),
        },
      },
    ];
  });
