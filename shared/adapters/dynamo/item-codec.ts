import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

const storageAttributes = /^(pk|sk|entity|expiresAt|gsi\d+pk|gsi\d+sk)$/;

/** Marshals a plain object; `undefined` fields are left out. */
export const toItem = (value: object): Record<string, AttributeValue> =>
  marshall(value, { removeUndefinedValues: true, convertEmptyValues: false });

/** Unmarshals an item and drops the storage attributes (keys, index keys, entity, TTL). */
export const fromItem = <T>(item: Record<string, AttributeValue>): T => {
  const plain = unmarshall(item);
  for (const name of Object.keys(plain)) if (storageAttributes.test(name)) delete plain[name];
  return plain as T;
};

export const recordKey = (kind: string, id: string) => ({ pk: { S: `${kind}#${id}` }, sk: { S: 'record' } });
