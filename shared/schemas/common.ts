import * as z from 'zod/mini';
import * as core from 'zod/v4/core';

/**
 * A schema built on its first use, never at a function's cold start: a function serves several
 * operations but a request uses one, and building every schema of a capability at module load
 * costs milliseconds of init (README, Benchmarks). It nests, validates and is named in the
 * OpenAPI document like any schema. Declare each with `/* @__PURE__ *\/`: esbuild takes a call in
 * another module for a side effect and keeps it, so without the mark every schema of an imported
 * module lands in every bundle that imports one of them (README, Benchmarks).
 * @example export const incidentPage = /* @__PURE__ *\/ onFirstUse(() => pageOf(incidentDocument));
 */
export const onFirstUse = <T extends z.ZodMiniType>(build: () => T) => z.lazy(build);

/**
 * A whole number from 1 to `max` in a query string, like `?limit=50`: `z.coerce.number()` checked.
 * Built from zod's core so a bundle carries the number coercion only: `z.coerce` is a namespace
 * object, which keeps its date, bigint and boolean coercions in every bundle that reads it.
 */
export const queryCount = (max: number) =>
  z.optional(core._coercedNumber(z.ZodMiniNumber).check(z.int(), z.minimum(1), z.maximum(max)));

export const isoTimestamp = /* @__PURE__ */ onFirstUse(() => z.iso.datetime({ offset: true }));
/**
 * Ids and codes that become keys (`incident#assignmentGroup#<value>`, `ci#<id>`): ASCII only, so
 * 128 characters are 128 bytes, far inside every key with its prefix (README, Data design).
 */
export const identifier = /* @__PURE__ */ onFirstUse(() =>
  z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9_.:@-]+$/)),
);
/** Names and titles; a CI's name keys an index (`ci#name#<n>`): 200 characters are ≤ 800 bytes. */
export const shortText = /* @__PURE__ */ onFirstUse(() => z.string().check(z.minLength(1), z.maxLength(200)));
export const longText = /* @__PURE__ */ onFirstUse(() => z.string().check(z.maxLength(20_000)));

/** DynamoDB's key limits, in UTF-8 bytes, prefixes included (GSI keys have the same limits). */
export const keyLimits = { partition: 2048, sort: 1024 } as const;

const utf8 = new TextEncoder();
/** The length of a string as DynamoDB measures keys: UTF-8 bytes. */
export const utf8Bytes = (value: string): number => utf8.encode(value).length;

/**
 * The most bytes a value may have where it becomes a key behind `prefix`.
 * @example keyValueBytes('ci#externalId#') // 2034: a CI's external-id index partition
 */
export const keyValueBytes = (prefix: string, limit: number = keyLimits.partition): number =>
  limit - utf8Bytes(prefix);

/**
 * A string check that counts UTF-8 bytes, as DynamoDB does for a key: characters alone let
 * multi-byte text through to a store error (a 5xx) instead of a 422.
 * @example z.string().check(z.maxLength(2034), maxBytes(2034))
 */
export const maxBytes = (limit: number) =>
  z.refine<string>((value) => utf8Bytes(value) <= limit, {
    message: `must be at most ${limit} bytes (UTF-8)`,
  });

/**
 * `limit` (1..200, default 50) and `cursor` of every list. Query values arrive as strings. Fields
 * are getters, so spreading them into a schema built on first use builds them then.
 */
export const pageQuery = {
  get limit() {
    return queryCount(200);
  },
  get cursor() {
    return z.optional(z.string().check(z.minLength(1), z.maxLength(4096)));
  },
};

/** RFC 9457 problem details; extension members (e.g. a conflict's `conflicts`) may follow. */
export const problemDocument = /* @__PURE__ */ onFirstUse(() =>
  z.looseObject({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.optional(z.string()),
    errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
);

/** The fields every record has; getters, like `pageQuery`'s. */
export const recordBase = {
  get id() {
    return z.string();
  },
  get number() {
    return z.string();
  },
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
  get createdBy() {
    return z.string();
  },
  get version() {
    return z.int();
  },
};

/** `from` must come before `to` (400 otherwise, as for any malformed query). */
export const fromBeforeTo = z.refine<{ from?: string; to?: string }>(
  (query) =>
    query.from === undefined || query.to === undefined || Date.parse(query.from) < Date.parse(query.to),
  { message: 'to must be after from', path: ['to'] },
);

/** A field a PATCH may clear with `null`. */
export const clearable = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));

export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

/** Sub-resource lists take only `limit` and `cursor`. */
export const pageOnlyQuery = /* @__PURE__ */ onFirstUse(() => z.strictObject({ ...pageQuery }));

/** One line of a record's history: who, when, field, from, to. */
export const historyDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    version: z.int(),
    at: isoTimestamp,
    actor: z.string(),
    field: z.string(),
    from: z.unknown(),
    to: z.unknown(),
  }),
);

export const historyPage = /* @__PURE__ */ onFirstUse(() => pageOf(historyDocument));
