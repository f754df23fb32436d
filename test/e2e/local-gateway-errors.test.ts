import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localKeys, signLocalToken } from '../../infra/local/local-auth.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { tempDataDir } from './local-processes.ts';

/** Sends `raw` bytes as they are and returns the whole answer, head and body. */
const rawExchange = (url: string, raw: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => socket.write(raw));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => reject(new Error(`no answer; got so far: ${answer}`)));
  });

const split = (answer: string) => {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { statusLine: head.split('\r\n')[0], head: head.toLowerCase(), body };
};

describe('the local gateway answers every error as problem+json', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('an over-long URL is a 431 problem document, not a bare status line', async () => {
    // Act
    const response = await fetch(`${platform.url}/health?padding=${'a'.repeat(20_000)}`);
    const body = await response.json();
    // Assess
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(body).toEqual({
      type: 'about:blank',
      title: 'Request Header Fields Too Large',
      status: 431,
      detail: expect.stringMatching(/KiB/),
    });
  });

  it('a request that is not HTTP is a 400 problem document', async () => {
    // Act
    const answer = split(await rawExchange(platform.url, 'NOT HTTP AT ALL\r\n\r\n'));
    // Assess
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.head).toContain('content-type: application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
  });

  it('a malformed percent-encoding in a path id is a 400 problem document', async () => {
    // Act
    const response = await fetch(`${platform.url}/incidents/%E0%A4%A`, {
      headers: { authorization: `Bearer ${await platform.token('agent')}` },
    });
    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 400, title: 'Bad Request' });
  });

  it('a token signed for another data directory is a 401 saying so, unlike a missing or expired one', async () => {
    // Prepare
    const foreignKeys = await localKeys(tempDataDir('foreign'));
    const foreign = await signLocalToken(foreignKeys, { sub: 'alice', roles: ['agent'] });
    const expired = await signLocalToken(await localKeys(platform.dataDir), {
      sub: 'alice',
      roles: ['agent'],
      expiresIn: '-1m',
    });
    const detailFor = async (authorization?: string) => {
      const response = await fetch(`${platform.url}/incidents`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      return ((await response.json()) as { detail: string }).detail;
    };
    // Act
    const details = {
      foreign: await detailFor(`Bearer ${foreign}`),
      missing: await detailFor(),
      malformed: await detailFor('Bearer not-a-jwt'),
      expired: await detailFor(`Bearer ${expired}`),
    };
    // Assess
    expect(details.foreign).toBe(
      'The token was signed by a key this platform does not know: mint it with `npm run token` for this OPSDESK_DATA_DIR',
    );
    expect(details.missing).toMatch(/bearer token is required/i);
    expect(details.malformed).toMatch(/not a valid JWT/);
    expect(details.expired).toMatch(/expired/);
    expect(new Set(Object.values(details)).size).toBe(4);
  });
});
