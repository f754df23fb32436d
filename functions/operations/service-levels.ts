import { servedBy } from '#http/operation.ts';
import type { ServiceLevelAdminDeps } from '#processes/dependencies.ts';
import {
  getCalendar,
  getPolicy,
  listCalendars,
  listPolicies,
  setCalendar,
  setPolicy,
} from '#processes/service-levels/sla-configuration.ts';
import { slaReport } from '#processes/service-levels/sla-report.ts';
import { serviceLevelContracts } from '../contracts/service-levels.ts';

/** Business calendars, SLA policies and the SLA report over HTTP (README, Service level management). */
export const serviceLevelOperations = servedBy<ServiceLevelAdminDeps>()(serviceLevelContracts, {
  setCalendar: async ({ params, body }, deps) => setCalendar(deps, params.id, body),
  getCalendar: async ({ params }, deps) => ({ body: await getCalendar(deps, params.id) }),
  listCalendars: async (_input, deps) => ({ body: await listCalendars(deps) }),
  setSlaPolicy: async ({ params, body }, deps) => setPolicy(deps, params.id, body),
  getSlaPolicy: async ({ params }, deps) => ({ body: await getPolicy(deps, params.id) }),
  listSlaPolicies: async ({ query }, deps) => ({ body: await listPolicies(deps, query.recordType) }),
  reportSlaAttainment: async ({ query }, deps) => ({
    body: await slaReport(deps, { from: new Date(query.from), to: new Date(query.to) }),
  }),
});
