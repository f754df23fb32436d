import { createHash } from 'node:crypto';
import type { RelationshipType } from '#domain/cmdb/relationship.ts';
import type { ItemKey } from '#ports/record-store.ts';

/**
 * Where the CMDB keeps its items beside the CI records (`ci#<id>` / `record`):
 *
 * | item             | pk               | sk                    |
 * |------------------|------------------|-----------------------|
 * | edge, from side  | `ci#<from>`      | `out#<type>#<to>`     |
 * | edge, to side    | `ci#<to>`        | `in#<type>#<from>`    |
 * | external id guard| `ciext#<arn>`    | `guard`               |
 *
 * So "what X needs" and "who needs X" are each one Query on X's partition, and an edge's
 * identity is its key: a second copy of the same edge fails its conditional put.
 */
export const ciPartition = (ciId: string): string => `ci#${ciId}`;

export const outgoingPrefix = 'out#';
export const incomingPrefix = 'in#';

export const outgoingKey = (fromId: string, type: RelationshipType, toId: string): ItemKey => ({
  pk: ciPartition(fromId),
  sk: `${outgoingPrefix}${type}#${toId}`,
});

export const incomingKey = (fromId: string, type: RelationshipType, toId: string): ItemKey => ({
  pk: ciPartition(toId),
  sk: `${incomingPrefix}${type}#${fromId}`,
});

/** Key attributes are at most 2 KB: a very long external id is guarded by its hash. */
export const externalIdGuardKey = (externalId: string): ItemKey => ({
  pk:
    externalId.length <= 1500
      ? `ciext#${externalId}`
      : `ciext#sha256:${createHash('sha256').update(externalId).digest('base64url')}`,
  sk: 'guard',
});

/** Changes implemented on one CI, by time: `ci-change#<ciId>` / `<at>#<changeId>`. */
export const changeFootprintPartition = (ciId: string) => `ci-change#${ciId}`;
export const changeFootprintKey = (footprint: { ciId: string; at: string; changeId: string }) => ({
  pk: changeFootprintPartition(footprint.ciId),
  sk: `${footprint.at}#${footprint.changeId}`,
});
