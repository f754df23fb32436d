import { processDependencies } from '#adapters/process-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { bodyOf, pathId, queryOf } from '#http/route-input.ts';
import {
  getCalendar,
  getPolicy,
  listCalendars,
  listPolicies,
  setCalendar,
  setPolicy,
} from '#processes/service-levels/sla-configuration.ts';
import { slaReport } from '#processes/service-levels/sla-report.ts';
import { calendarBody, policiesQuery, policyBody, slaReportQuery } from '#schemas/service-levels.ts';

const deps = processDependencies();

export const handler = httpApi({
  'PUT /calendars/{id}': {
    role: 'admin',
    handle: async (request) => setCalendar(deps, pathId(request, 'calendar'), bodyOf(request, calendarBody)),
  },
  'GET /calendars/{id}': {
    role: 'agent',
    handle: async (request) => ({ status: 200, body: await getCalendar(deps, pathId(request, 'calendar')) }),
  },
  'GET /calendars': {
    role: 'agent',
    handle: async () => ({ status: 200, body: await listCalendars(deps) }),
  },
  'PUT /sla-policies/{id}': {
    role: 'admin',
    handle: async (request) => setPolicy(deps, pathId(request, 'SLA policy'), bodyOf(request, policyBody)),
  },
  'GET /sla-policies/{id}': {
    role: 'agent',
    handle: async (request) => ({ status: 200, body: await getPolicy(deps, pathId(request, 'SLA policy')) }),
  },
  'GET /sla-policies': {
    role: 'agent',
    handle: async (request) => ({
      status: 200,
      body: await listPolicies(deps, queryOf(request, policiesQuery).recordType),
    }),
  },
  'GET /reports/sla': {
    role: 'agent',
    handle: async (request) => {
      const query = queryOf(request, slaReportQuery);
      return {
        status: 200,
        body: await slaReport(deps, { from: new Date(query.from), to: new Date(query.to) }),
      };
    },
  },
});
