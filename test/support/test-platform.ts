import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { localKeys, signLocalToken } from '../../infra/local/local-auth.ts';
import { ensureTable } from '../../infra/local/local-aws.ts';
import { clientConfig, type RunningPlatform, startPlatform } from '../../infra/local/platform.ts';
import { checkResponseContract } from './response-contract.ts';

export interface TestPlatform extends RunningPlatform {
  dataDir: string;
  token(role: string, sub?: string): Promise<string>;
  /**
   * fetch against the platform with a bearer token for the role; every response is held to its
   * operation's declared schema (a mismatch fails the test).
   */
  call(
    method: string,
    path: string,
    options?: {
      role?: string;
      sub?: string;
      body?: unknown;
      headers?: Record<string, string>;
      rawBody?: string;
    },
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of every shape.
  ): Promise<{ status: number; headers: Headers; body: any }>;
}

/** A platform on the shared emulators with its own table and bus, on a free port. */
export const startTestPlatform = async (
  options: Pick<Parameters<typeof startPlatform>[0], 'registerSelf'> = {},
): Promise<TestPlatform> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-test-'));
  const suffix = randomUUID().slice(0, 8);
  const platform = await startPlatform({
    port: 0,
    dataDir,
    dynamoEndpoint: inject('dynamoEndpoint'),
    motoEndpoint: inject('motoEndpoint'),
    tableName: `opsdesk-${suffix}`,
    busName: `opsdesk-${suffix}`,
    schedules: false,
    // Tests drain the outbox and rule queues themselves, so every assertion sees a settled state.
    background: false,
    ...options,
  });
  const keys = await localKeys(dataDir);
  const token = (role: string, sub = `${role}-user`) => signLocalToken(keys, { sub, roles: [role] });
  return {
    ...platform,
    dataDir,
    token,
    call: async (method, path, options = {}) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.role && !headers.authorization)
        headers.authorization = `Bearer ${await token(options.role, options.sub)}`;
      const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const response = await fetch(`${platform.url}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      checkResponseContract(method, path, response.status, parsed);
      return { status: response.status, headers: response.headers, body: parsed };
    },
  };
};

/** A fresh table on the shared DynamoDB Local, for integration tests through the SDK. */
export const freshTable = async (): Promise<{ client: DynamoDBClient; tableName: string }> => {
  const client = new DynamoDBClient(clientConfig(inject('dynamoEndpoint')));
  const tableName = `it-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  return { client, tableName };
};

/** Counts SDK commands sent through a client, by command name. */
// biome-ignore lint/suspicious/noExplicitAny: any SDK v3 client's middleware stack.
export const countCalls = (client: { middlewareStack: { add: (...args: any[]) => void } }) => {
  const calls: string[] = [];
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName: string }) => (args: unknown) => {
      calls.push(context.commandName);
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  return calls;
};
