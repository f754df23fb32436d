import * as z from 'zod/mini';
import { isoTimestamp, onFirstUse } from './common.ts';

/** One entry of a record's `slas` (README, Service level management). */
export const slaStatusDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    policyId: z.string(),
    metric: z.enum(['response', 'resolution']),
    state: z.enum(['running', 'paused', 'met', 'breached', 'canceled']),
    startedAt: isoTimestamp,
    dueAt: isoTimestamp,
    elapsedSeconds: z.int(),
    percentElapsed: z.number(),
    targetSeconds: z.optional(z.int()),
    breachedAt: z.optional(isoTimestamp),
    stoppedAt: z.optional(isoTimestamp),
  }),
);
