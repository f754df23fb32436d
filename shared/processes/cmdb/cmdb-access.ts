import type { CmdbReader } from '#ports/cmdb-reader.ts';
import type { CmdbStore } from '#ports/cmdb-store.ts';
import type { ProcessDependencies } from '../dependencies.ts';

/** The CMDB as processes reach it: its graph store, and the reader ITSM processes use. */
export interface Cmdb extends CmdbReader {
  store: CmdbStore;
}

/** The CMDB of a wiring that must have one (the CMDB's own functions). */
export const cmdbOf = (deps: ProcessDependencies): Cmdb => {
  if (!deps.cmdb?.store) throw new Error('These process dependencies have no CMDB store');
  return deps.cmdb as Cmdb;
};

/** The actor AWS Config discovery writes as. */
export const discoveryActor = { sub: 'discovery:aws.config', roles: ['agent' as const] };
