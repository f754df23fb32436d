import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClient } from '#adapters/aws-clients.ts';
import { storeCall } from '#adapters/dynamo/store-failures.ts';
import { StoreUnavailable } from '#ports/record-store.ts';

/**
 * A loopback server that answers DynamoDB's GetItem with an empty item, or, while `hanging`,
 * accepts the request and never answers (a paused store).
 */
let server: Server;
let hanging = false;
beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    if (hanging) return;
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const getItem = (client: DynamoDBClient) =>
  storeCall(
    client.send(new GetItemCommand({ TableName: 'opsdesk', Key: { pk: { S: 'x' }, sk: { S: 'y' } } })),
  );

const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  const outcome = await work().then(
    () => 'answered',
    (error: unknown) => error,
  );
  return { outcome, ms: performance.now() - started };
};

describe('awsClient (interactive budget)', () => {
  it('answers as usual while the service answers', async () => {
    const client = awsClient(DynamoDBClient, 'interactive');
    expect((await timed(() => getItem(client))).outcome).toBe('answered');
  });

  it('gives up on a service that never answers within the deadline, retries included, as unavailable', async () => {
    // Prepare
    const client = awsClient(DynamoDBClient, 'interactive');
    hanging = true;
    try {
      // Act
      const { outcome, ms } = await timed(() => getItem(client));

      // Assess: one deadline (1.5 s), not three attempts of it
      expect(outcome).toBeInstanceOf(StoreUnavailable);
      expect(ms).toBeGreaterThanOrEqual(1_450);
      expect(ms).toBeLessThan(2_300);
    } finally {
      hanging = false;
    }
  });

  it('a deadline missed holds back no later call', async () => {
    // Prepare
    const failing = awsClient(DynamoDBClient, 'interactive');
    const other = awsClient(DynamoDBClient, 'interactive');
    hanging = true;
    await timed(() => getItem(failing));
    hanging = false;

    // Act
    const { outcome } = await timed(() => getItem(other));

    // Assess
    expect(outcome).toBe('answered');
  });
});
