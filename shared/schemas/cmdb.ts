import * as z from 'zod/mini';
import { HEALTH_STATES } from '#domain/cmdb/ci-health.ts';
import { CI_STATUSES, CI_TYPES } from '#domain/cmdb/configuration-item.ts';
import { MAX_WALK_DEPTH } from '#domain/cmdb/impact-walk.ts';
import { RELATIONSHIP_TYPES } from '#domain/cmdb/relationship.ts';
import {
  identifier,
  isoTimestamp,
  keyValueBytes,
  maxBytes,
  onFirstUse,
  pageOf,
  pageQuery,
  queryCount,
  recordBase,
  shortText,
} from './common.ts';

const ciType = /* @__PURE__ */ onFirstUse(() => z.enum(CI_TYPES));
const serviceTier = /* @__PURE__ */ onFirstUse(() => z.literal([1, 2, 3, 4]));
/**
 * An ARN partitions the CI's external-id index (`ci#externalId#<arn>`, at most 2048 bytes), so
 * it may have 2034 bytes; its uniqueness guard (`ciext#<arn>`) fits in that too.
 */
const externalIdBytes = keyValueBytes('ci#externalId#');
const externalId = /* @__PURE__ */ onFirstUse(() =>
  z.string().check(z.minLength(1), z.maxLength(externalIdBytes, { abort: true }), maxBytes(externalIdBytes)),
);
/** Values are checked by the domain (`validateNewCi`), which names every failing attribute. */
const attributes = /* @__PURE__ */ onFirstUse(() => z.record(z.string(), z.unknown()));

export const createCiBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    name: shortText,
    type: ciType,
    attributes: z.optional(attributes),
    externalId: z.optional(externalId),
    serviceTier: z.optional(serviceTier),
  }),
);

export const patchCiBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    name: z.optional(shortText),
    type: z.optional(ciType),
    /** An attribute set to `null` is removed; every attribute set here is owned by `manual`. */
    attributes: z.optional(attributes),
    serviceTier: z.optional(z.nullable(serviceTier)),
  }),
);

export const listCisQuery = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    ...pageQuery,
    type: z.optional(ciType),
    name: z.optional(shortText),
    externalId: z.optional(externalId),
    status: z.optional(z.enum(CI_STATUSES)),
  }),
);

export const walkQuery = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    depth: queryCount(MAX_WALK_DEPTH),
  }),
);

export const createRelationshipBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    fromId: identifier,
    toId: identifier,
    type: z.enum(RELATIONSHIP_TYPES),
  }),
);

const health = /* @__PURE__ */ onFirstUse(() => z.enum(HEALTH_STATES));

export const ciDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    ...recordBase,
    name: z.string(),
    type: ciType,
    status: z.enum(CI_STATUSES),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
    attributeSources: z.record(z.string(), z.enum(['discovery', 'manual'])),
    externalId: z.optional(z.string()),
    serviceTier: z.optional(serviceTier),
    health,
    ownHealth: health,
    openIncidents: z.record(z.string(), z.int()),
    /** Metric bindings whose threshold is breached now (health at least degraded). */
    breachedThresholds: z.optional(z.array(z.string())),
    lastDiscoveredAt: z.optional(isoTimestamp),
    retiredAt: z.optional(isoTimestamp),
  }),
);

export const relationshipDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    id: z.string(),
    fromId: z.string(),
    toId: z.string(),
    type: z.enum(RELATIONSHIP_TYPES),
    /** On a CI's list: `out` when this CI needs the other end, `in` when the other end needs it. */
    direction: z.optional(z.enum(['out', 'in'])),
    source: z.enum(['manual', 'discovery']),
    createdAt: isoTimestamp,
    createdBy: z.string(),
    fromExternalId: z.optional(z.string()),
    toExternalId: z.optional(z.string()),
    configName: z.optional(z.string()),
  }),
);

export const walkDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    items: z.array(
      z.object({
        ciId: z.string(),
        name: z.string(),
        type: ciType,
        status: z.enum(CI_STATUSES),
        health,
        distance: z.int(),
        path: z.array(z.string()),
      }),
    ),
  }),
);

export const ciPage = /* @__PURE__ */ onFirstUse(() => pageOf(ciDocument));
export const relationshipPage = /* @__PURE__ */ onFirstUse(() => pageOf(relationshipDocument));
