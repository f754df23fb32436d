import type * as z from 'zod/mini';
import type { Role } from '#domain/record/record.ts';

/** One documented operation; the same schemas validate the requests. */
export interface ApiOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  role: Role | 'public';
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  response: { status: number; schema: z.ZodMiniType };
  /** Accepts `If-Match`; answers with an ETag. */
  versioned?: boolean;
  /** Accepts `Idempotency-Key`. */
  idempotent?: boolean;
}
