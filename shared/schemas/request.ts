import * as z from 'zod/mini';
import { requestStates } from '#domain/request/service-request.ts';
import {
  identifier,
  isoTimestamp,
  longText,
  onFirstUse,
  pageOf,
  pageQuery,
  recordBase,
  shortText,
} from './common.ts';
import { slaStatusDocument } from './sla-status.ts';

const quantity = /* @__PURE__ */ onFirstUse(() => z.int().check(z.minimum(1), z.maximum(10_000)));

export const createRequestBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    item: shortText,
    quantity: z.optional(quantity),
    justification: z.optional(longText),
  }),
);

export const patchRequestBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    state: z.optional(z.enum(requestStates)),
    item: z.optional(shortText),
    quantity: z.optional(quantity),
    justification: z.optional(z.nullable(longText)),
  }),
);

export const listRequestsQuery = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    ...pageQuery,
    state: z.optional(z.enum(requestStates)),
    /** Agents may list one requester's requests; a requester always sees only their own. */
    createdBy: z.optional(identifier),
  }),
);

export const requestDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    ...recordBase,
    item: z.string(),
    quantity: z.int(),
    justification: z.optional(z.string()),
    state: z.enum(requestStates),
    slas: z.array(slaStatusDocument),
    approvedBy: z.optional(z.string()),
    approvedAt: z.optional(isoTimestamp),
    fulfilledAt: z.optional(isoTimestamp),
    closedAt: z.optional(isoTimestamp),
  }),
);

export const requestPage = /* @__PURE__ */ onFirstUse(() => pageOf(requestDocument));
