import { requestWiring } from '#adapters/process-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { requestOperations } from './operations/requests.ts';

export const handler = httpApi(requestOperations, requestWiring());
