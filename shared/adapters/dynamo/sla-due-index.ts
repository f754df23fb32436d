/**
 * The SLA due index on gsi10 (reserved for it). A record with a running SLA clock carries
 * `slaNextCheckAt`; its item then also carries `gsi10pk = sladue#<shard>` and
 * `gsi10sk = <slaNextCheckAt>#<kind>#<id>`, written by the same Put as the record, so the entry
 * moves atomically with every change. The sweep asks each shard for `gsi10sk <= now`: it reads
 * exactly the due records. Shards spread the writes of a busy desk over several partitions.
 */
export const slaDueShards = 4;

/** A stable shard from the record id (FNV-1a), so a record's entry never changes partition. */
export const slaDueShardOf = (id: string): number => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % slaDueShards;
};

export const slaDuePartition = (shard: number): string => `sladue#${shard}`;

/** The upper bound of a due Query: every entry due at or before `now` sorts below it. */
export const slaDueBound = (now: Date): string => `${now.toISOString()}~`;

/**
 * The due-index key attributes of a record item; none when no clock needs a check.
 *
 * @example
 * slaDueIndexAttributes('incident', { id: 'a1', slaNextCheckAt: '2026-06-15T09:00:00.000Z' });
 * // { gsi10pk: 'sladue#2', gsi10sk: '2026-06-15T09:00:00.000Z#incident#a1' }
 */
export const slaDueIndexAttributes = (
  kind: string,
  record: Record<string, unknown>,
): Record<string, string> =>
  typeof record.slaNextCheckAt === 'string'
    ? {
        gsi10pk: slaDuePartition(slaDueShardOf(String(record.id))),
        gsi10sk: `${record.slaNextCheckAt}#${kind}#${String(record.id)}`,
      }
    : {};
