import * as z from 'zod/mini';
import { fromBeforeTo, isoTimestamp, onFirstUse } from './common.ts';

// Shapes only; calendar rules (zone, wall times, dates) are `validateCalendar`'s, so the 422 lists
// every failing field in the domain's words.
const wallInterval = /* @__PURE__ */ onFirstUse(() =>
  z.tuple([z.string().check(z.maxLength(5)), z.string().check(z.maxLength(5))]),
);
/** A day's opening hours, built with each calendar body (a function: an optional field must stay one). */
const dayIntervals = () => z.optional(z.array(wallInterval).check(z.maxLength(12)));

export const calendarBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    timezone: z.string().check(z.minLength(1), z.maxLength(64)),
    week: z.strictObject({
      mon: dayIntervals(),
      tue: dayIntervals(),
      wed: dayIntervals(),
      thu: dayIntervals(),
      fri: dayIntervals(),
      sat: dayIntervals(),
      sun: dayIntervals(),
    }),
    holidays: z.optional(z.array(z.string().check(z.maxLength(10))).check(z.maxLength(1000))),
  }),
);

const priority = /* @__PURE__ */ onFirstUse(() => z.int().check(z.minimum(1), z.maximum(5)));
const calendarId = /* @__PURE__ */ onFirstUse(() =>
  z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9_-]+$/)),
);

export const policyBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    recordType: z.enum(['incident', 'request']),
    priorities: z.optional(z.array(priority).check(z.minLength(1), z.maxLength(5))),
    metric: z.enum(['response', 'resolution']),
    /** Up to ten years of business time. */
    targetSeconds: z.int().check(z.minimum(1), z.maximum(315_360_000)),
    calendarId: z.optional(calendarId),
    pauseStates: z.optional(
      z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(10)),
    ),
    warnAt: z.optional(z.array(z.int().check(z.minimum(1), z.maximum(99))).check(z.maxLength(10))),
  }),
);

export const policiesQuery = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({ recordType: z.optional(z.enum(['incident', 'request'])) }),
);

/** The longest period one SLA report covers. */
export const slaReportMaxDays = 366;

/** `from` before `to`, at most a year apart: a query that fails is 400, like any malformed query. */
export const slaReportQuery = /* @__PURE__ */ onFirstUse(() =>
  z
    .strictObject({ from: isoTimestamp, to: isoTimestamp })
    .check(fromBeforeTo)
    .check(
      z.refine((query) => Date.parse(query.to) - Date.parse(query.from) <= slaReportMaxDays * 86_400_000, {
        message: `must be at most ${slaReportMaxDays} days after from`,
        path: ['to'],
      }),
    ),
);

export const calendarDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    id: z.string(),
    timezone: z.string(),
    week: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
    holidays: z.array(z.string()),
    updatedAt: isoTimestamp,
  }),
);

export const policyDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    id: z.string(),
    recordType: z.enum(['incident', 'request']),
    priorities: z.optional(z.array(z.int())),
    metric: z.enum(['response', 'resolution']),
    targetSeconds: z.int(),
    calendarId: z.optional(z.string()),
    pauseStates: z.array(z.string()),
    warnAt: z.array(z.int()),
    updatedAt: isoTimestamp,
  }),
);

const businessSeconds = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    count: z.int(),
    mean: z.nullable(z.number()),
    p90: z.nullable(z.number()),
  }),
);

export const slaReportDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    from: isoTimestamp,
    to: isoTimestamp,
    generatedAt: isoTimestamp,
    records: z.int(),
    items: z.array(
      z.object({
        recordType: z.string(),
        policyId: z.string(),
        metric: z.enum(['response', 'resolution']),
        priority: z.nullable(z.int()),
        total: z.int(),
        met: z.int(),
        breached: z.int(),
        inProgress: z.int(),
        canceled: z.int(),
        attainment: z.nullable(z.number()),
        businessSeconds,
      }),
    ),
  }),
);

export const calendarList = /* @__PURE__ */ onFirstUse(() =>
  z.object({ items: z.array(calendarDocument), nextCursor: z.null() }),
);
export const policyList = /* @__PURE__ */ onFirstUse(() =>
  z.object({ items: z.array(policyDocument), nextCursor: z.null() }),
);
