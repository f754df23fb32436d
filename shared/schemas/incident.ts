import * as z from 'zod/mini';
import { holdReasons, incidentStates } from '#domain/incident/incident-states.ts';
import {
  clearable,
  identifier,
  isoTimestamp,
  longText,
  onFirstUse,
  pageOf,
  pageQuery,
  queryCount,
  recordBase,
  shortText,
} from './common.ts';
import { slaStatusDocument } from './sla-status.ts';

const level = /* @__PURE__ */ onFirstUse(() => z.literal([1, 2, 3]));

/** The fields of a new incident, shared by the API body and the inbound event's detail. */
const newIncidentFields = () => ({
  title: shortText,
  description: z.optional(longText),
  impact: level,
  urgency: level,
  ciId: z.optional(identifier),
  serviceId: z.optional(identifier),
  assignmentGroup: z.optional(identifier),
  category: z.optional(identifier),
  callerId: z.optional(identifier),
  /** A child incident: agents only (a requester gets 403); the parent must exist (422). */
  parentId: z.optional(identifier),
});

export const createIncidentBody = /* @__PURE__ */ onFirstUse(() => z.strictObject(newIncidentFields()));

export const patchIncidentBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    title: z.optional(shortText),
    description: z.optional(longText),
    impact: z.optional(level),
    urgency: z.optional(level),
    state: z.optional(z.enum(incidentStates)),
    holdReason: z.optional(z.enum(holdReasons)),
    resolutionCode: z.optional(identifier),
    resolutionNotes: z.optional(z.string().check(z.minLength(1), z.maxLength(20_000))),
    assignee: clearable(identifier),
    assignmentGroup: clearable(identifier),
    category: clearable(identifier),
    ciId: clearable(identifier),
    serviceId: clearable(identifier),
    major: z.optional(z.boolean()),
    parentId: clearable(identifier),
    problemId: clearable(identifier),
    changeIds: z.optional(z.array(identifier).check(z.maxLength(50))),
  }),
);

export const commentBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    body: z.string().check(z.minLength(1), z.maxLength(20_000)),
    visibility: z.enum(['public', 'work_note']),
  }),
);

export const listIncidentsQuery = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    ...pageQuery,
    state: z.optional(z.enum(incidentStates)),
    priority: queryCount(5),
    assignee: z.optional(identifier),
    assignmentGroup: z.optional(identifier),
    ciId: z.optional(identifier),
    callerId: z.optional(identifier),
    parentId: z.optional(identifier),
    problemId: z.optional(identifier),
  }),
);

/**
 * The alarm an incident was opened for (README, Alarms to incidents). `firstAlarmAt` and
 * `flapping` are on every incident an alarm opens; incidents stored before they existed lack them.
 */
export const incidentAlarmDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    name: z.string(),
    arn: z.string(),
    state: z.enum(['ALARM', 'OK', 'INSUFFICIENT_DATA']),
    occurrences: z.int().check(z.minimum(1)),
    firstAlarmAt: z.optional(isoTimestamp),
    lastStateChangeAt: isoTimestamp,
    clearedAt: z.optional(isoTimestamp),
    flapping: z.optional(z.boolean()),
  }),
);

export const incidentDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    ...recordBase,
    title: z.string(),
    description: z.optional(z.string()),
    impact: level,
    urgency: level,
    priority: z.literal([1, 2, 3, 4, 5]),
    state: z.enum(incidentStates),
    callerId: z.string(),
    ciId: z.optional(z.string()),
    serviceId: z.optional(z.string()),
    assignmentGroup: z.optional(z.string()),
    assignee: z.optional(z.string()),
    category: z.optional(z.string()),
    major: z.boolean(),
    holdReason: z.optional(z.enum(holdReasons)),
    resolutionCode: z.optional(z.string()),
    resolutionNotes: z.optional(z.string()),
    parentId: z.optional(z.string()),
    problemId: z.optional(z.string()),
    changeIds: z.array(z.string()),
    slas: z.array(slaStatusDocument),
    impactedServices: z.array(z.object({ ciId: z.string(), name: z.string() })),
    /** Changes implemented in the day before it opened on its CI or on what it needs. */
    findings: z.optional(
      z.array(
        z.object({
          kind: z.literal('recent_change'),
          changeId: z.string(),
          number: z.string(),
          ciId: z.string(),
          distance: z.int(),
          at: isoTimestamp,
          reason: z.enum(['implemented_on_ci', 'implemented_on_dependency']),
        }),
      ),
    ),
    alarm: z.optional(incidentAlarmDocument),
    resolvedAt: z.optional(isoTimestamp),
    closedAt: z.optional(isoTimestamp),
  }),
);

export const commentDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    id: z.string(),
    body: z.string(),
    visibility: z.enum(['public', 'work_note']),
    author: z.string(),
    createdAt: isoTimestamp,
  }),
);

export const incidentPage = /* @__PURE__ */ onFirstUse(() => pageOf(incidentDocument));
export const commentPage = /* @__PURE__ */ onFirstUse(() => pageOf(commentDocument));

/** Half of a UTF-16 surrogate pair without the other half: text no encoder can write. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Inbound `Create Incident` detail: a POST /incidents body plus an optional dedupKey. */
export const createIncidentEventDetail = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    ...newIncidentFields(),
    // Well-formed Unicode only: the key names the incident's alarm (`opsdesk:inbound:<key>`).
    dedupKey: z.optional(
      z.string().check(
        z.minLength(1),
        z.maxLength(256),
        z.refine((key) => !loneSurrogate.test(key), { message: 'must be well-formed Unicode' }),
      ),
    ),
  }),
);
