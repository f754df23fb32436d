import { expect } from 'vitest';
import { inPool } from './concurrency.ts';
import { type Answer, described, type FuzzClient, type SentRequest } from './fuzz-exchange.ts';
import type { DocumentedOperation, FuzzRequest } from './fuzz-request.ts';
import { type StoreSnapshot, snapshotDifferences } from './store-snapshot.ts';
import type { TableWrite, TableWrites } from './store-snapshot-stream.ts';

/**
 * The one write a refused create may leave: the number it took, and only when the refusal is a
 * conflict the transaction itself found (a CI's `externalId` taken meanwhile is a 409 at commit,
 * after the number). Every check before the commit (a `serviceId` naming a retired CI is a 422)
 * comes before the number, so such a refusal takes none. `StoreProof` counts and lists these.
 */
const numberTaken = (operation: DocumentedOperation, status: number, write: TableWrite) =>
  status === 409 &&
  operation.method === 'POST' &&
  !operation.path.includes('{') &&
  write.eventName === 'MODIFY' &&
  /^\["counter#[a-z_]+","counter"\]$/.test(write.key);

const listed = (writes: TableWrite[]) => writes.map((write) => `${write.eventName} ${write.key}`);

/**
 * Sends fuzzed requests and proves what each did to the store, from the table's stream: a
 * refusal, a read and a replay of an idempotent create leave no record on it. Change requests go
 * one at a time, so a record on the stream belongs to the request just answered; reads go a few
 * at once, and together must leave none. A full Scan checks the stream itself: around a chosen
 * refusal the table must be equal before and after, and the table must always be what the
 * stream's records rebuild (`checkMirror`).
 * @example const { answer } = await proof.sendAlone(operation, request);
 */
export class StoreProof {
  readonly counts = { refusalsUnchanged: 0, readsUnchanged: 0, scanPairs: 0, mirrorChecks: 0 };
  readonly timing = { exchangeMs: 0, takeMs: 0, readsMs: 0, mirrorMs: 0 };
  /** Refused creates that took a number (see `numberTaken`), described. */
  readonly numbersTaken: string[] = [];
  /** Set while requests are out: a test that stopped then leaves writes no later test made. */
  private unsettled = false;

  constructor(
    private readonly client: FuzzClient,
    private readonly writes: TableWrites,
    private readonly snapshot: () => Promise<StoreSnapshot>,
    private readonly readConcurrency: number,
  ) {}

  /** Takes into the mirror what a test that stopped halfway left on the stream. */
  async settleLeftovers() {
    if (this.unsettled) await this.writes.take();
    this.unsettled = false;
  }

  /** Fails with `what` if anything was written since the last look at the stream. */
  async noWrites(what: string) {
    expect(listed(await this.writes.take()), what).toEqual([]);
  }

  /** Fails if the table differs from what its stream's records rebuild. */
  async checkMirror(what: string) {
    const started = performance.now();
    expect(await this.writes.checkMirror(), what).toEqual([]);
    this.counts.mirrorChecks++;
    this.timing.mirrorMs += performance.now() - started;
  }

  /**
   * Sends one request alone and proves a refusal, a read or a replay wrote nothing; with
   * `scanned`, a refusal also leaves the Scan equal to one taken before it.
   */
  async sendAlone(
    operation: DocumentedOperation,
    request: FuzzRequest,
    scanned = false,
  ): Promise<{ sent: SentRequest; answer: Answer; taken: TableWrite[] }> {
    const before = scanned ? await this.snapshot() : undefined;
    this.unsettled = true;
    let started = performance.now();
    const { sent, answer } = await this.client.exchange(operation, request);
    this.timing.exchangeMs += performance.now() - started;
    started = performance.now();
    const taken = await this.writes.take();
    this.timing.takeMs += performance.now() - started;
    this.unsettled = false;

    this.client.check(operation, sent, answer);
    const refused = answer.status >= 400;
    const where = described(sent, answer);
    if (refused || operation.method === 'GET' || sent.reusedKey?.sameFingerprint) {
      const what = refused ? 'a refusal' : operation.method === 'GET' ? 'a read' : 'a replay';
      const number = refused ? taken.filter((write) => numberTaken(operation, answer.status, write)) : [];
      expect(listed(taken.filter((write) => !number.includes(write))), `${what} wrote: ${where}`).toEqual([]);
      if (refused) this.counts.refusalsUnchanged++;
      if (number.length > 0)
        this.numbersTaken.push(
          `${sent.method} ${sent.url.pathname} body=${sent.body?.slice(0, 120)} -> ${answer.status}: ${answer.text.slice(0, 240)}`,
        );
    }
    if (before && refused) {
      const except = (key: string) => numberTaken(operation, answer.status, { eventName: 'MODIFY', key });
      const differences = snapshotDifferences(before, await this.snapshot(), { except });
      expect(differences, `a refusal changed the table: ${where}`).toEqual([]);
      this.counts.scanPairs++;
    }
    return { sent, answer, taken };
  }

  /** Sends reads a few at once: together they must leave no record on the stream. */
  async sendReads(operation: DocumentedOperation, requests: FuzzRequest[]) {
    const started = performance.now();
    this.unsettled = true;
    const exchanges = await inPool(requests, this.readConcurrency, (request) =>
      this.client.exchange(operation, request),
    );
    await this.noWrites(`reads of ${operation.operationId} wrote (OPSDESK_FUZZ_CONCURRENCY=1 finds which)`);
    this.unsettled = false;
    for (const { sent, answer } of exchanges) this.client.check(operation, sent, answer);
    this.counts.readsUnchanged += exchanges.length;
    this.counts.refusalsUnchanged += exchanges.filter(({ answer }) => answer.status >= 400).length;
    this.timing.readsMs += performance.now() - started;
  }
}
