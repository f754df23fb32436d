import type { ChangeFootprint } from './cmdb-store.ts';
import type { RecordWrite } from './record-store.ts';

/**
 * What ITSM processes ask of the CMDB. Implemented by the CMDB adapter; when the CMDB holds no
 * relationships the answers fall back to the CIs themselves (a change then counts its CIs).
 */
export interface CmdbReader {
  /** Services (CIs of type `service`) that need any of these CIs, directly or through a chain. */
  impactedServices(ciIds: string[]): Promise<Array<{ ciId: string; name: string }>>;
  /** For each CI, the CIs one relationship hop away in either direction. */
  relatedCis(ciIds: string[]): Promise<Record<string, string[]>>;
  /** The traces an implemented change leaves on its CIs, for the incidents' findings. */
  changeFootprintWrites(footprints: ChangeFootprint[]): RecordWrite[];
}
