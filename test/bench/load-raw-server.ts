import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type ServerResponse } from 'node:http';
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { awsClient } from '#adapters/aws-clients.ts';
import { configureLocalEnvironment } from '../../infra/local/function-host.ts';
import { clientConfig } from '../../infra/local/platform.ts';
import { probeRoutes } from './load-process-figures.ts';

/**
 * The floor for the two reads: node:http and one DynamoDB call per request with a plain SDK v3
 * client, answered as JSON. `GET /incidents/{id}` is one consistent GetItem; `GET /incidents` is
 * the list's Query (the incident partition of gsi1, newest first, 20 items). No auth, no routing
 * table, no middleware: what the runner adds on top of this is its overhead. `/figures` and
 * `/profile/...` as the runner's.
 *
 * Two switches tell apart what the runner's path adds besides its own code:
 * LOAD_FLOOR_CLIENT=handler builds the client as the handlers do (a deadline and timeouts per
 * call), LOAD_FLOOR_ALS=on runs each request in an AsyncLocalStorage as the handlers' logger does.
 */
const [dynamoEndpoint, tableName, motoEndpoint] = process.argv.slice(2);
if (!dynamoEndpoint || !tableName) throw new Error('usage: load-raw-server.ts DYNAMO_ENDPOINT TABLE_NAME');

const handlerClient = process.env.LOAD_FLOOR_CLIENT === 'handler';
if (handlerClient)
  configureLocalEnvironment({
    tableName,
    busName: 'unused',
    dynamoEndpoint,
    motoEndpoint: motoEndpoint ?? '',
  });
const client = handlerClient
  ? awsClient(DynamoDBClient, 'interactive')
  : new DynamoDBClient(clientConfig(dynamoEndpoint));
const scope = process.env.LOAD_FLOOR_ALS === 'on' ? new AsyncLocalStorage<object>() : undefined;
const probe = await probeRoutes();

const json = (response: ServerResponse, body: unknown) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

const getItem = async (response: ServerResponse, id: string) => {
  const result = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { pk: { S: `incident#${id}` }, sk: { S: 'record' } },
      ConsistentRead: true,
    }),
  );
  if (!result.Item) response.writeHead(404).end();
  else json(response, unmarshall(result.Item));
};

const query = async (response: ServerResponse) => {
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'gsi1pk' },
      ExpressionAttributeValues: { ':pk': { S: 'incident' } },
      ScanIndexForward: false,
      Limit: 20,
    }),
  );
  json(response, { items: (result.Items ?? []).map((item) => unmarshall(item)) });
};

const server = createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (path === '/figures' || path.startsWith('/profile/')) {
    void probe(request.method ?? 'GET', request.url ?? path).then((probed) => json(response, probed ?? {}));
    return;
  }
  const serve = () =>
    path === '/incidents' ? query(response) : getItem(response, path.split('/').pop() ?? '');
  const answered = scope ? scope.run({ request: path }, serve) : serve();
  answered.catch(() => response.writeHead(500).end());
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
});
process.on('disconnect', () => process.exit(0));
