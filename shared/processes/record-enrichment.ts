import type { RecordWrite } from '#ports/record-store.ts';
import type { ProcessDependencies } from './dependencies.ts';

/** What an enricher returns: the record with its derived fields, and writes that must commit with it. */
export interface RecordEnrichment<T> {
  record: T;
  extraWrites: RecordWrite[];
  /**
   * Bounded work to run once the change has committed, for what does not fit in its transaction
   * (the CMDB's health of far dependants). Idempotent: a lost follow-up is redone by the next change.
   */
  followUps?: Array<() => Promise<void>>;
}

/**
 * A capability that derives fields of a record whenever it is created or changed, inside the
 * same transaction: service levels fill `slas`, the CMDB fills `impactedServices` and health.
 * `before` is undefined on creation. An enricher holds no HTTP and no storage detail of others.
 */
export type RecordEnricher<T> = (
  deps: ProcessDependencies,
  change: { before: T | undefined; after: T; actor: string; now: string },
) => Promise<RecordEnrichment<T>>;

/** Runs enrichers in order, each seeing the record the previous one returned. */
export const enrichRecord = async <T>(
  enrichers: readonly RecordEnricher<T>[],
  deps: ProcessDependencies,
  change: { before: T | undefined; after: T; actor: string; now: string },
): Promise<RecordEnrichment<T>> => {
  let record = change.after;
  const extraWrites: RecordWrite[] = [];
  const followUps: Array<() => Promise<void>> = [];
  for (const enricher of enrichers) {
    const result = await enricher(deps, { ...change, after: record });
    record = result.record;
    extraWrites.push(...result.extraWrites);
    followUps.push(...(result.followUps ?? []));
  }
  return { record, extraWrites, followUps };
};
