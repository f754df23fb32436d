import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import type { Neighbour, WalkDirection } from '#domain/cmdb/impact-walk.ts';
import type { RelationshipType, StoredRelationship } from '#domain/cmdb/relationship.ts';
import type { ChangeFootprint } from '#domain/incident/change-findings.ts';
import type { Page, RecordWrite } from './record-store.ts';

export type { ChangeFootprint };

/** What one walk level reads in one round trip: the edges out of the level and its CIs. */
export interface GraphLevel {
  neighbours: Map<string, Neighbour[]>;
  cis: Map<string, ConfigurationItem>;
}

/**
 * The CMDB graph as ITSM processes read it: walks, CI records, neighbours and the changes
 * implemented on CIs. CI records themselves live in the record store (kind `ci`); this port reads
 * the edges beside them. Adapter: `#adapters/dynamo/dynamo-cmdb-graph.ts`.
 */
export interface CmdbGraph {
  /**
   * One round trip (the reads of a level run in parallel): the neighbours of every id in one
   * direction, and the CI records of those ids (strongly consistent).
   */
  level(ids: string[], direction: WalkDirection): Promise<GraphLevel>;
  /** CI records by id, one round trip (parallel batches); unknown ids are left out. */
  cis(ids: string[]): Promise<Map<string, ConfigurationItem>>;
  /** Every edge of one CI in both directions (deletion and discovery; reads page after page). */
  allRelationships(ciId: string): Promise<StoredRelationship[]>;
  /** For each id, the CIs one hop away in either direction (one round trip). */
  relatedCis(ids: string[]): Promise<Record<string, string[]>>;
  /** The trace a change leaves on one of its CIs when it is implemented (kept 30 days). */
  changeFootprintWrite(footprint: ChangeFootprint): RecordWrite;
  /** Changes implemented on these CIs within [from, to], per CI (one Query per CI, in parallel). */
  recentChanges(
    ciIds: string[],
    range: { from: string; to: string },
  ): Promise<Map<string, ChangeFootprint[]>>;
}

/**
 * The CMDB's graph store as the CMDB's own processes keep it (CIs, relationships, discovery, an
 * alarm finding its CI): the graph, plus edges a page at a time, external ids and the writes that
 * commit with CI changes in one transaction. Adapter: `#adapters/dynamo/dynamo-cmdb-store.ts`.
 */
export interface CmdbStore extends CmdbGraph {
  /** Edges of one CI in both directions, a page at a time. */
  relationships(ciId: string, page: { limit: number; cursor?: string }): Promise<Page<StoredRelationship>>;
  /** One stored edge, or undefined. */
  relationship(fromId: string, type: RelationshipType, toId: string): Promise<StoredRelationship | undefined>;
  /** The CI holding an external id (ARN), from its uniqueness guard. */
  ciIdByExternalId(externalId: string): Promise<string | undefined>;
  /** Claims an external id for a CI: fails the transaction (`exists`) when another CI holds it. */
  externalIdGuard(externalId: string, ciId: string): RecordWrite;
  /** Both copies of a new edge, failing (`exists`) on a duplicate, and checks that both ends are active. */
  relationshipWrites(edge: StoredRelationship): RecordWrite[];
  /** Removes both copies of an edge. */
  relationshipRemoval(edge: Pick<StoredRelationship, 'fromId' | 'toId' | 'type'>): RecordWrite[];
}
