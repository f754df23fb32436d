import { changeWiring } from '#adapters/process-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { changeOperations } from './operations/changes.ts';

export const handler = httpApi(changeOperations, changeWiring());
