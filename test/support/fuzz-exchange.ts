import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { DocumentedOperation, FuzzRequest } from './fuzz-request.ts';
import { segmentOf } from './fuzz-request.ts';
import type { FuzzTargets, UsedIdempotencyKey } from './fuzz-targets.ts';
import { hostileAuthorization } from './fuzz-values.ts';
import { checkResponseContract } from './response-contract.ts';

/** A fuzzed request made concrete against what exists at the moment it is sent. */
export interface SentRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  role: string | undefined;
  params: Record<string, string>;
  /** `If-Match` named a version other than the one just read: the change must not apply. */
  staleIfMatch: boolean;
  /** The caller's earlier key this request reuses, and whether it promises the same thing. */
  reusedKey: (UsedIdempotencyKey & { sameFingerprint: boolean }) | undefined;
  idempotencyKey: string | undefined;
  fingerprint: string;
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: unknown;
}

/** Percent-encodes what `encodeURIComponent` refuses (a lone surrogate) byte by byte. */
const encodeSegment = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  }
};

/** One line naming a request and its answer, for failure messages. */
export const described = (sent: SentRequest, answer?: Answer) =>
  [
    `${sent.method} ${sent.url.pathname}${sent.url.search}`,
    `role=${sent.role}`,
    ...['content-type', 'if-match', 'idempotency-key'].map((name) => `${name}=${sent.headers[name]}`),
    `body=${sent.body?.slice(0, 300)}`,
    answer ? `-> ${answer.status}: ${answer.text.slice(0, 300)}` : '',
  ].join(' ');

/**
 * Sends fuzzed requests to the platform and holds every answer to the contract: a 2xx that
 * matches the operation's declared schema, or a problem+json 4xx whose `status` is the answer's;
 * never a 5xx, never HTML, never silence (a timeout). It learns ids, cursors and idempotency keys
 * from what it is answered, for later careful requests.
 * @example const { answer } = await client.exchange(operation, request);
 */
export class FuzzClient {
  readonly counts = { requests: 0, helperRequests: 0, byStatus: new Map<number, number>() };
  /** The version (ETag) last answered for each record path, e.g. `/incidents/<id>`. */
  private readonly versions = new Map<string, number>();
  /** Statuses an operation answered that its document does not list (`operationId status`). */
  readonly undeclared = new Set<string>();

  constructor(
    private readonly baseUrl: string,
    private readonly tokens: ReadonlyMap<string, string>,
    private readonly targets: FuzzTargets,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Sends one request (throwing only when no answer comes) and learns from a 2xx. */
  async exchange(operation: DocumentedOperation, request: FuzzRequest) {
    const sent = await this.resolve(operation, request);
    const answer = await this.send(sent);
    this.counts.requests++;
    this.counts.byStatus.set(answer.status, (this.counts.byStatus.get(answer.status) ?? 0) + 1);
    this.learn(operation, sent, answer);
    return { sent, answer };
  }

  private authorization(role: string | undefined) {
    if (role === undefined) return undefined;
    return hostileAuthorization[role] ?? `Bearer ${this.tokens.get(role)}`;
  }

  private async resolve(operation: DocumentedOperation, request: FuzzRequest): Promise<SentRequest> {
    const { method, path } = operation;
    const params = Object.fromEntries(
      Object.entries(request.path).map(([name, value]) => [
        name,
        'literal' in value
          ? value.literal
          : this.targets.idFor(segmentOf(path, name), value.existing, method === 'DELETE'),
      ]),
    );
    const url = new URL(
      `${this.baseUrl}${path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeSegment(params[name] ?? ''))}`,
    );
    for (const [name, value] of Object.entries(request.query)) {
      if (value === undefined) continue;
      if (typeof value === 'string') url.searchParams.set(name, value);
      else {
        const issued = this.targets.cursorsOf(url.pathname);
        const cursor = issued[value.issued % Math.max(issued.length, 1)];
        if (cursor !== undefined) url.searchParams.set(name, cursor);
      }
    }
    if (request.extraQuery) url.searchParams.append(...request.extraQuery);

    const headers: Record<string, string> = {};
    const authorization = this.authorization(request.role);
    if (authorization) headers.authorization = authorization;
    if (request.contentType) headers['content-type'] = request.contentType;
    const body = method !== 'GET' && method !== 'DELETE' ? request.body : undefined;
    const documents = (name: string) => operation.parameters.some((parameter) => parameter.name === name);

    let staleIfMatch = false;
    if (request.ifMatch?.kind === 'literal') headers['if-match'] = request.ifMatch.value;
    else if (request.ifMatch && (method === 'GET' || !documents('If-Match'))) headers['if-match'] = '"2"';
    else if (request.ifMatch) {
      // The version last answered for the record is current enough for a careful client; a
      // stale one is read first, so a change applied under it is certainly a defect.
      const record = `/${path.split('/')[1]}/${encodeSegment(params.id ?? '')}`;
      const version =
        request.ifMatch.kind === 'current' && this.versions.has(record)
          ? this.versions.get(record)
          : await this.currentVersion(record);
      if (version === undefined) headers['if-match'] = '"1"';
      else {
        staleIfMatch = request.ifMatch.kind === 'stale';
        headers['if-match'] = `"${staleIfMatch ? (version > 1 ? version - 1 : version + 1) : version}"`;
      }
    }

    const fingerprint = `${method} ${path}\n${JSON.stringify(params)}\n${body ?? ''}`;
    let reusedKey: SentRequest['reusedKey'];
    let idempotencyKey: string | undefined;
    if (request.idempotencyKey?.kind === 'reuse' && documents('Idempotency-Key')) {
      const used = this.targets.usedKeyFor(request.role ?? '', request.idempotencyKey.pick);
      idempotencyKey = used?.key ?? randomUUID();
      reusedKey = used && { ...used, sameFingerprint: used.fingerprint === fingerprint };
    } else if (request.idempotencyKey?.kind === 'reuse') idempotencyKey = randomUUID();
    else idempotencyKey = request.idempotencyKey?.value;
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;

    return {
      method,
      url,
      headers,
      body,
      role: request.role,
      params,
      staleIfMatch,
      reusedKey,
      idempotencyKey,
      fingerprint,
    };
  }

  /** The version a record is at now (its ETag), read as an admin; undefined if it is not there. */
  private async currentVersion(recordPath: string): Promise<number | undefined> {
    const response = await fetch(`${this.baseUrl}${recordPath}`, {
      headers: { authorization: `Bearer ${this.tokens.get('admin')}` },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await response.text();
    this.counts.helperRequests++;
    expect(response.status, `GET ${recordPath}`).toBeLessThan(500);
    const etag = /^"(\d+)"$/.exec(response.headers.get('etag') ?? '');
    return response.ok && etag ? Number(etag[1]) : undefined;
  }

  private async send(sent: SentRequest): Promise<Answer> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(sent.url, {
        method: sent.method,
        headers: sent.headers,
        body: sent.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new Error(`No answer within ${this.timeoutMs} ms (${String(error)}): ${described(sent)}`);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const etag = /^"(\d+)"$/.exec(response.headers.get('etag') ?? '');
    const record = /^\/[\w-]+\/[^/]+/.exec(sent.url.pathname)?.[0];
    if (response.ok && etag && record) this.versions.set(record, Number(etag[1]));
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body };
  }

  /** Holds an answer to the contract; throws (failing the test) on any difference. */
  check(operation: DocumentedOperation, sent: SentRequest, answer: Answer) {
    const where = described(sent, answer);
    const { status } = answer;
    expect(status < 500, `a 5xx: ${where}`).toBe(true);
    expect((status >= 200 && status < 300) || status >= 400, `neither 2xx nor 4xx: ${where}`).toBe(true);
    expect(answer.contentType, `HTML: ${where}`).not.toMatch(/html/i);
    expect(answer.text, `HTML: ${where}`).not.toMatch(/^\s*</);
    if (status >= 400) {
      expect(answer.contentType, where).toMatch(/^application\/problem\+json/);
      expect((answer.body as { status?: unknown } | undefined)?.status, where).toBe(status);
    } else if (answer.text) {
      expect(answer.contentType, where).toMatch(/^application\/json/);
      expect(typeof answer.body, `not JSON: ${where}`).toBe('object');
    }
    try {
      checkResponseContract(sent.method, `${sent.url.pathname}${sent.url.search}`, status, answer.body);
    } catch (error) {
      throw new Error(`${(error as Error).message}: ${where}`);
    }
    if (!operation.statuses.has(status)) this.undeclared.add(`${operation.operationId} ${status}`);
    const accepted = status < 300;
    if (sent.staleIfMatch) expect(accepted, `a stale If-Match was applied: ${where}`).toBe(false);
    if (sent.reusedKey && !sent.reusedKey.sameFingerprint)
      expect(accepted, `an Idempotency-Key reused with another request was accepted: ${where}`).toBe(false);
    if (sent.reusedKey?.sameFingerprint && accepted) {
      expect(status, `a replay answered another status: ${where}`).toBe(sent.reusedKey.status);
      expect((answer.body as { id?: unknown }).id, `a replay answered another id: ${where}`).toBe(
        sent.reusedKey.id,
      );
    }
  }

  private learn(operation: DocumentedOperation, sent: SentRequest, answer: Answer) {
    if (answer.status >= 300) return;
    const body = (answer.body ?? {}) as { id?: unknown; nextCursor?: unknown };
    const segment = operation.path.split('/')[1] ?? '';
    const hasParams = operation.path.includes('{');
    if (sent.method === 'POST' && !hasParams && typeof body.id === 'string')
      this.targets.addId(segment, body.id);
    if (sent.method === 'PUT')
      for (const [name, value] of Object.entries(sent.params))
        this.targets.addId(segmentOf(operation.path, name), value);
    if (sent.method === 'GET' && typeof body.nextCursor === 'string')
      this.targets.addCursor(sent.url.pathname, body.nextCursor);
    const documentsKey = operation.parameters.some((parameter) => parameter.name === 'Idempotency-Key');
    if (documentsKey && sent.idempotencyKey && !sent.reusedKey && sent.role && typeof body.id === 'string')
      this.targets.usedKeys.push({
        role: sent.role,
        key: sent.idempotencyKey,
        fingerprint: sent.fingerprint,
        status: answer.status,
        id: body.id,
      });
  }
}
