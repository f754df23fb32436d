import {
  type AttributeValue,
  type DynamoDBClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { storeCall } from './store-failures.ts';

/**
 * Every page of a Query, following `LastEvaluatedKey`: one call per page (a page is at most
 * 1 MB), each failure classified like every store call.
 * @example for await (const page of queryPages(client, input)) items.push(...(page.Items ?? []));
 */
export async function* queryPages(
  client: DynamoDBClient,
  input: QueryCommandInput,
): AsyncGenerator<QueryCommandOutput> {
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await storeCall(client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey })));
    yield page;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
