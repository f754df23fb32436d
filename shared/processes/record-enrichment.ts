import type { RecordWrite } from '#ports/record-store.ts';
import type { FailureReporting, RecordDeps } from './dependencies.ts';

/**
 * Bounded work run once a change has committed, for what does not fit in its transaction (the
 * CMDB's health of far dependants). Idempotent: a lost follow-up is redone by the next change.
 * Built with `afterCommit`, so it never throws: the change stands either way.
 */
export interface FollowUp {
  run(): Promise<void>;
}

/**
 * A follow-up whose failure goes to `reportFailure` instead of the caller, whose change has
 * already committed. Needs a reporter, so only a wiring with one can defer work.
 * @example afterCommit(deps, () => recomputeHealth(deps, later, actor))
 */
export const afterCommit = (deps: FailureReporting, work: () => Promise<void>): FollowUp => ({
  run: () => work().catch((error: unknown) => deps.reportFailure('follow-up after commit failed', error)),
});

/** What an enricher returns: the record with its derived fields, and writes that must commit with it. */
export interface RecordEnrichment<T> {
  record: T;
  extraWrites: RecordWrite[];
  followUps?: FollowUp[];
}

/**
 * A capability that derives fields of a record whenever it is created or changed, inside the
 * same transaction: service levels fill `slas`, the CMDB fills `impactedServices` and health.
 * `before` is undefined on creation. `D` is what it needs from the wiring, so a use case that
 * runs it must have that too. An enricher holds no HTTP and no storage detail of others.
 */
export type RecordEnricher<T, D = RecordDeps> = (
  deps: D,
  change: { before: T | undefined; after: T; actor: string; now: string },
) => Promise<RecordEnrichment<T>>;

/**
 * Runs enrichers in order, each seeing the record the previous one returned.
 * @example const { record, extraWrites } = await enrichRecord(incidentEnrichers, deps, { before, after, actor, now });
 */
export const enrichRecord = async <T, D>(
  enrichers: readonly RecordEnricher<T, D>[],
  deps: D,
  change: { before: T | undefined; after: T; actor: string; now: string },
): Promise<Required<RecordEnrichment<T>>> => {
  let record = change.after;
  const extraWrites: RecordWrite[] = [];
  const followUps: FollowUp[] = [];
  for (const enricher of enrichers) {
    const result = await enricher(deps, { ...change, after: record });
    record = result.record;
    extraWrites.push(...result.extraWrites);
    followUps.push(...(result.followUps ?? []));
  }
  return { record, extraWrites, followUps };
};
