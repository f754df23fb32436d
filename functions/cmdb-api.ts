import { cmdbWiring } from '#adapters/process-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { cmdbOperations } from './operations/cmdb.ts';

export const handler = httpApi(cmdbOperations, cmdbWiring());
