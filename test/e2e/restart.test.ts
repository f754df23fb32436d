import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../../infra/local/emulators.ts';
import { localKeys, signLocalToken } from '../../infra/local/local-auth.ts';
import { startPlatform } from '../../infra/local/platform.ts';
import { checkResponseContract } from '../support/response-contract.ts';

describe('npm start keeps its data', () => {
  it('an incident created before a restart is there after it', async () => {
    // Prepare: a persistent platform with its own DynamoDB Local on disk
    const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-restart-'));
    const options = {
      port: 0,
      dataDir,
      persistent: true,
      dynamoPort: await freePort(),
      motoEndpoint: inject('motoEndpoint'),
      schedules: false,
    };
    const first = await startPlatform(options);
    const token = await signLocalToken(await localKeys(dataDir), { sub: 'agent-1', roles: ['agent'] });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const createdResponse = await fetch(`${first.url}/incidents`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Survives', impact: 3, urgency: 3 }),
    });
    const created = (await createdResponse.json()) as { id: string; number: string };
    checkResponseContract('POST', '/incidents', createdResponse.status, created);
    await first.stop();
    // Act
    const second = await startPlatform(options);
    const read = await fetch(`${second.url}/incidents/${created.id}`, { headers });
    const body = await read.json();
    checkResponseContract('GET', `/incidents/${created.id}`, read.status, body);
    await second.stop();
    // Assess
    expect(read.status).toBe(200);
    expect(body).toMatchObject({ id: created.id, title: 'Survives', number: created.number });
  });
});
