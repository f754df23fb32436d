import { problemWiring } from '#adapters/process-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { problemOperations } from './operations/problems.ts';

export const handler = httpApi(problemOperations, problemWiring());
