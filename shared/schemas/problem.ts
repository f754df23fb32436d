import * as z from 'zod/mini';
import { problemStates } from '#domain/problem/problem.ts';
import {
  clearable,
  identifier,
  isoTimestamp,
  longText,
  onFirstUse,
  pageOf,
  pageQuery,
  recordBase,
  shortText,
} from './common.ts';

/** Incidents linked in one request: each costs three writes of the same transaction (max 100). */
const maxLinkedAtOnce = 25;

export const createProblemBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    title: shortText,
    description: z.optional(longText),
    ciId: z.optional(identifier),
    incidentIds: z.optional(z.array(identifier).check(z.maxLength(maxLinkedAtOnce))),
  }),
);

export const patchProblemBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    title: z.optional(shortText),
    description: clearable(longText),
    state: z.optional(z.enum(problemStates)),
    ciId: clearable(identifier),
    assignee: clearable(identifier),
    rootCause: clearable(longText),
    workaround: clearable(longText),
    knownError: z.optional(z.boolean()),
  }),
);

export const linkIncidentBody = /* @__PURE__ */ onFirstUse(() => z.strictObject({ incidentId: identifier }));

export const listProblemsQuery = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    ...pageQuery,
    state: z.optional(z.enum(problemStates)),
    /** `true` lists the known-error database (KEDB). */
    knownError: z.optional(z.enum(['true', 'false'])),
    ciId: z.optional(identifier),
  }),
);

export const problemRecordDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    ...recordBase,
    title: z.string(),
    description: z.optional(z.string()),
    state: z.enum(problemStates),
    ciId: z.optional(z.string()),
    incidentIds: z.array(z.string()),
    assignee: z.optional(z.string()),
    rootCause: z.optional(z.string()),
    workaround: z.optional(z.string()),
    knownError: z.boolean(),
    resolvedAt: z.optional(isoTimestamp),
    closedAt: z.optional(isoTimestamp),
    /** What raised it when not a person: `capacity_forecast` for a forecast exhaustion. */
    source: z.optional(z.string()),
    /** The metric binding a capacity forecast problem is about. */
    metricKey: z.optional(z.string()),
  }),
);

export const problemCandidateDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    ciId: z.string(),
    incidentIds: z.array(z.string()),
    firstAt: isoTimestamp,
    lastAt: isoTimestamp,
  }),
);

export const problemPage = /* @__PURE__ */ onFirstUse(() => pageOf(problemRecordDocument));
export const problemCandidateList = /* @__PURE__ */ onFirstUse(() =>
  z.object({ items: z.array(problemCandidateDocument) }),
);
