import type { CmdbDeps } from '../dependencies.ts';

/** The CMDB as processes reach it: its graph store, and the reader ITSM processes use. */
export type Cmdb = CmdbDeps['cmdb'];

/** The actor AWS Config discovery writes as. */
export const discoveryActor = { sub: 'discovery:aws.config', roles: ['agent' as const] };
