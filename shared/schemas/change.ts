import * as z from 'zod/mini';
import { changeStates, changeTypes, reviewOutcomes } from '#domain/change/change.ts';
import { changeWindowKinds } from '#domain/change/change-window.ts';
import { conflictKinds } from '#domain/change/conflicts/conflict.ts';
import { riskFactorCodes, riskLevels } from '#domain/change/risk/risk-factor.ts';
import {
  clearable,
  fromBeforeTo,
  identifier,
  isoTimestamp,
  longText,
  onFirstUse,
  pageOf,
  pageQuery,
  recordBase,
  shortText,
} from './common.ts';

const ciIds = /* @__PURE__ */ onFirstUse(() => z.array(identifier).check(z.minLength(1), z.maxLength(50)));
/** Caused incidents linked in one request: each also updates the incident in the same transaction. */
const causedIncidentIds = /* @__PURE__ */ onFirstUse(() => z.array(identifier).check(z.maxLength(25)));

export const createChangeBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    title: shortText,
    description: z.optional(longText),
    type: z.enum(changeTypes),
    ciIds,
    plannedStart: isoTimestamp,
    plannedEnd: isoTimestamp,
    implementationPlan: z.optional(longText),
    backoutPlan: z.optional(longText),
  }),
);

export const patchChangeBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    title: z.optional(shortText),
    description: clearable(longText),
    state: z.optional(z.enum(changeStates)),
    ciIds: z.optional(ciIds),
    plannedStart: z.optional(isoTimestamp),
    plannedEnd: z.optional(isoTimestamp),
    implementationPlan: clearable(longText),
    backoutPlan: clearable(longText),
    reviewOutcome: z.optional(z.enum(reviewOutcomes)),
    causedIncidentIds: z.optional(causedIncidentIds),
  }),
);

export const approvalBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    decision: z.enum(['approve', 'reject']),
    comment: z.optional(z.string().check(z.maxLength(2_000))),
  }),
);

export const listChangesQuery = /* @__PURE__ */ onFirstUse(() =>
  z
    .strictObject({
      ...pageQuery,
      /** The change calendar: changes whose planned start is in [from, to). */
      from: z.optional(isoTimestamp),
      to: z.optional(isoTimestamp),
      state: z.optional(z.enum(changeStates)),
      type: z.optional(z.enum(changeTypes)),
      risk: z.optional(z.enum(riskLevels)),
    })
    .check(fromBeforeTo),
);

export const createChangeWindowBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    kind: z.enum(changeWindowKinds),
    start: isoTimestamp,
    end: isoTimestamp,
    ciIds: z.optional(ciIds),
    reason: z.string().check(z.minLength(1), z.maxLength(2_000)),
  }),
);

export const listChangeWindowsQuery = /* @__PURE__ */ onFirstUse(() =>
  z
    .strictObject({
      ...pageQuery,
      /** Windows overlapping [from, to). */
      from: z.optional(isoTimestamp),
      to: z.optional(isoTimestamp),
      kind: z.optional(z.enum(changeWindowKinds)),
    })
    .check(fromBeforeTo),
);

export const conflictDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    kind: z.enum(conflictKinds),
    changeId: z.optional(z.string()),
    windowId: z.optional(z.string()),
    ciId: z.string(),
  }),
);

export const changeDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    ...recordBase,
    title: z.string(),
    description: z.optional(z.string()),
    type: z.enum(changeTypes),
    state: z.enum(changeStates),
    ciIds: z.array(z.string()),
    plannedStart: isoTimestamp,
    plannedEnd: isoTimestamp,
    implementationPlan: z.optional(z.string()),
    backoutPlan: z.optional(z.string()),
    risk: z.enum(riskLevels),
    riskReasons: z.array(z.object({ code: z.enum(riskFactorCodes), detail: z.string() })),
    approvals: z.array(
      z.object({
        approver: z.string(),
        decision: z.enum(['approve', 'reject']),
        comment: z.optional(z.string()),
        at: isoTimestamp,
      }),
    ),
    conflicts: z.array(conflictDocument),
    reviewOutcome: z.optional(z.enum(reviewOutcomes)),
    causedIncidentIds: z.array(z.string()),
    implementedAt: z.optional(isoTimestamp),
    closedAt: z.optional(isoTimestamp),
    canceledAt: z.optional(isoTimestamp),
  }),
);

export const changeWindowDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    id: z.string(),
    kind: z.enum(changeWindowKinds),
    start: isoTimestamp,
    end: isoTimestamp,
    ciIds: z.optional(z.array(z.string())),
    reason: z.string(),
    createdAt: isoTimestamp,
    createdBy: z.string(),
    version: z.int(),
  }),
);

export const changePage = /* @__PURE__ */ onFirstUse(() => pageOf(changeDocument));
export const changeWindowPage = /* @__PURE__ */ onFirstUse(() => pageOf(changeWindowDocument));
export const conflictList = /* @__PURE__ */ onFirstUse(() => z.object({ items: z.array(conflictDocument) }));
