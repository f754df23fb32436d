import * as z from 'zod/mini';
import type { ApiOperation } from './api-operation.ts';

const health = z.object({ status: z.literal('ok'), time: z.string() });

export const platformOperations: ApiOperation[] = [
  {
    method: 'GET',
    path: '/health',
    summary: 'Liveness',
    role: 'public',
    response: { status: 200, schema: health },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document',
    role: 'public',
    response: { status: 200, schema: z.object({}) },
  },
];
