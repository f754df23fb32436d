import { incidentWiring } from '#adapters/process-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { incidentOperations } from './operations/incidents.ts';

export const handler = httpApi(incidentOperations, incidentWiring());
