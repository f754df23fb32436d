import * as z from 'zod/mini';
import { COMPARISONS } from '#domain/metrics/metric-point.ts';
import { changeDocument } from './change.ts';
import { ciDocument } from './cmdb.ts';
import { isoTimestamp, onFirstUse } from './common.ts';
import { incidentDocument } from './incident.ts';
import { problemRecordDocument } from './problem.ts';
import { requestDocument } from './request.ts';
import { slaStatusDocument } from './sla-status.ts';

/**
 * The outbound event catalog (docs/events.md): one detail schema per detail-type OpsDesk puts
 * on its platform bus, built from the schemas the API answers with, so an event's `record` is
 * the record `GET` returns. The tooling (JSON Schema files, the schema registry, tests) reads it;
 * no Lambda handler imports it: a publisher forwards the outbox's JSON and validates nothing.
 */

/** The `source` of every outbound event. */
export const eventSource = 'opsdesk';

export const detailTypes = [
  'Incident Created',
  'Incident Updated',
  'Incident Resolved',
  'Problem Updated',
  'Change Updated',
  'Change Approved',
  'Request Updated',
  'SLA Warning',
  'SLA Breached',
  'CI Updated',
  'Threshold Breached',
  'Threshold Cleared',
  'Capacity Forecast',
  'Inbound Event Refused',
] as const;

export type DetailType = (typeof detailTypes)[number];

/**
 * The committed JSON Schema file of a detail-type, under `docs/events/`.
 * @example eventSchemaFile('SLA Warning') // 'sla-warning.json'
 */
export const eventSchemaFile = (detailType: DetailType): string =>
  `${detailType.toLowerCase().replaceAll(' ', '-')}.json`;

/**
 * The name of a detail-type's schema in the registry, as EventBridge names the schemas it
 * discovers (`<source>@<DetailTypeWithoutSpaces>`).
 * @example registrySchemaName('Incident Created') // 'opsdesk@IncidentCreated'
 */
export const registrySchemaName = (detailType: DetailType): string =>
  `${eventSource}@${detailType.replaceAll(' ', '')}`;

/** One field change, as history reports it; `null` stands for "not set". */
const fieldChange = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    field: z.string().check(z.describe('The field, dotted for nested ones (`attributes.owner`)')),
    from: z.unknown().check(z.describe('The value before the change; null when it was not set')),
    to: z.unknown().check(z.describe('The value after the change; null when it is cleared')),
  }),
);

const recordId = () => z.string().check(z.describe("The record's id"));
const recordNumber = () => z.string().check(z.describe("The record's number (INC0001001)"));
const version = () =>
  z.int().check(z.minimum(1), z.describe("The record's version this event announces (its ETag)"));

/** `{ id, number?, type, version, changes?, record }`: a record at the version a change made. */
const recordEvent = <K extends string, R extends z.ZodMiniType>(type: K, record: R) =>
  z.object({
    id: recordId(),
    number: z.optional(recordNumber()),
    type: z.literal(type),
    version: version(),
    changes: z.optional(
      z.array(fieldChange).check(z.describe('The fields this version changed; empty on creation')),
    ),
    record,
  });

/** SLA Warning and SLA Breached: the record as the sweep found it, and the threshold reached. */
const slaEvent = (percent: z.ZodMiniNumber<number>) => {
  const fields = () => ({
    id: recordId(),
    number: recordNumber(),
    version: version(),
    policyId: z.string().check(z.describe('The SLA policy whose threshold was reached')),
    metric: z.enum(['response', 'resolution']),
    percent,
    sla: slaStatusDocument,
  });
  return z.discriminatedUnion('type', [
    z.object({ ...fields(), type: z.literal('incident'), record: incidentDocument }),
    z.object({ ...fields(), type: z.literal('request'), record: requestDocument }),
  ]);
};

/** A metric binding's key (README, Operations). */
const bindingKey = () => z.string().check(z.regex(/^[a-z0-9-]{1,64}$/));

/** Threshold and capacity events: the CI, its number, and the binding's ingest version. */
const operationsEvent = <K extends string, R extends z.ZodMiniType>(type: K, record: R) =>
  z.object({
    id: z.string().check(z.describe("The CI's id")),
    number: z.string().check(z.describe("The CI's number")),
    type: z.literal(type),
    version: z.int().check(z.describe("The metric binding's ingest version")),
    record,
  });

const thresholdRecord = (state: 'breached' | 'cleared') =>
  z.object({
    ciId: z.string(),
    key: bindingKey(),
    state: z.literal(state),
    value: z.number().check(z.describe('The value of the period that completed the run')),
    at: isoTimestamp,
    threshold: z.object({
      comparison: z.enum(COMPARISONS),
      value: z.number(),
      forPeriods: z.int().check(z.minimum(1)),
    }),
    incidentId: z.optional(z.string().check(z.describe('The incident the breach opened or added to'))),
  });

const capacityRecord = () =>
  z.object({
    ciId: z.string(),
    key: bindingKey(),
    current: z.number().check(z.describe("The binding's newest value")),
    limit: z.number().check(z.describe("The binding's capacityLimit")),
    slopePerDay: z.number(),
    exhaustionAt: isoTimestamp,
    r2: z.number().check(z.describe("The least-squares fit's coefficient of determination")),
    problemId: z.optional(z.string().check(z.describe('The open problem on the binding'))),
  });

const inboundRefusal = () =>
  z.object({
    source: z.string().check(z.describe("The refused event's source")),
    detailType: z.string().check(z.describe("The refused event's detail-type")),
    eventId: z.string().check(z.describe("The refused event's id")),
    errors: z.array(z.object({ path: z.string(), message: z.string() })),
  });

const incidentEvent = /* @__PURE__ */ onFirstUse(() => recordEvent('incident', incidentDocument));
const changeEvent = /* @__PURE__ */ onFirstUse(() => recordEvent('change', changeDocument));

/**
 * The detail schema of each outbound detail-type. Objects are open: a consumer ignores fields
 * it does not know, and a field added to a record is not a breaking change.
 * @example eventDetailSchemas['Incident Created'].safeParse(JSON.parse(event.detail)).success
 */
export const eventDetailSchemas = {
  'Incident Created': incidentEvent,
  'Incident Updated': incidentEvent,
  'Incident Resolved': incidentEvent,
  'Problem Updated': /* @__PURE__ */ onFirstUse(() => recordEvent('problem', problemRecordDocument)),
  'Change Updated': changeEvent,
  'Change Approved': changeEvent,
  'Request Updated': /* @__PURE__ */ onFirstUse(() => recordEvent('request', requestDocument)),
  'SLA Warning': /* @__PURE__ */ onFirstUse(() => slaEvent(z.number().check(z.positive(), z.lt(100)))),
  'SLA Breached': /* @__PURE__ */ onFirstUse(() => slaEvent(z.number().check(z.minimum(100)))),
  'CI Updated': /* @__PURE__ */ onFirstUse(() => recordEvent('ci', ciDocument)),
  'Threshold Breached': /* @__PURE__ */ onFirstUse(() =>
    operationsEvent('metric_threshold', thresholdRecord('breached')),
  ),
  'Threshold Cleared': /* @__PURE__ */ onFirstUse(() =>
    operationsEvent('metric_threshold', thresholdRecord('cleared')),
  ),
  'Capacity Forecast': /* @__PURE__ */ onFirstUse(() =>
    operationsEvent('capacity_forecast', capacityRecord()),
  ),
  'Inbound Event Refused': /* @__PURE__ */ onFirstUse(inboundRefusal),
} satisfies Record<DetailType, z.ZodMiniType>;

/** When each detail-type is emitted: the JSON Schema's and the registry entry's description. */
export const detailTypeDescriptions: Record<DetailType, string> = {
  'Incident Created': 'An incident was logged (API, inbound Create Incident event, alarm or threshold).',
  'Incident Updated': 'An incident changed and stays open (fields, state, links, alarm occurrences).',
  'Incident Resolved': 'An incident was resolved: directly, by its parent, or by its problem.',
  'Problem Updated': 'A problem was created or changed (state, links, root cause, known error).',
  'Change Updated': 'A change was created or changed (fields, state, risk, conflicts, a rejection).',
  'Change Approved': 'A change received the approval that made it approved.',
  'Request Updated': 'A service request was created or changed (state, approval, fulfilment).',
  'SLA Warning': "A record's SLA clock reached a warning threshold (below 100 %).",
  'SLA Breached': "A record's SLA clock reached 100 % of its target.",
  'CI Updated': 'A configuration item was created, changed, discovered, retired, or its health moved.',
  'Threshold Breached': "A metric binding's threshold was breached for forPeriods consecutive periods.",
  'Threshold Cleared': 'A breached threshold was healthy for forPeriods consecutive periods.',
  'Capacity Forecast': "A capacity binding's forecast reaches its limit within the horizon (once per day).",
  'Inbound Event Refused': 'An inbound event could not be acted on; errors say why.',
};
