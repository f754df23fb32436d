import type { components, operations, paths } from './api-types.ts';
import { currentSession, endSession } from './session.ts';

/** The API's record types, from the OpenAPI document (`npm run console:api-types`). */
export type Schemas = components['schemas'];
export type Incident = Schemas['Incident'];
export type Change = Schemas['Change'];
export type Ci = Schemas['Ci'];

type JsonOf<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
/** The 200 or 201 body of an operation. */
export type Ok<O extends keyof operations> = operations[O]['responses'] extends infer Responses
  ? Responses extends { 200: infer Success }
    ? JsonOf<Success>
    : Responses extends { 201: infer Created }
      ? JsonOf<Created>
      : never
  : never;
/** The JSON body an operation takes. */
export type BodyOf<O extends keyof operations> = operations[O] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/** An RFC 9457 problem the API answered with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Schemas['Problem'],
  ) {
    super(problem.detail ?? problem.title);
  }
}

let baseUrl = '';
export const setApiBase = (url: string) => {
  baseUrl = url;
};

type Path = keyof paths;

/** Fills `{id}` and `{key}` in a path template, percent-encoding each value. */
export const pathOf = (template: Path, parameters: Record<string, string> = {}) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(parameters[name] ?? ''));

const queryString = (query: Record<string, string | number | undefined> = {}) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export interface Answer<T> {
  body: T;
  /** The record's version from `ETag`, for `If-Match`. */
  etag: string | undefined;
}

/**
 * Calls the API with the session's bearer token (in the header only). A problem answer throws an
 * ApiError carrying its `detail`; a 401 ends the session, which returns the console to sign-in.
 * @example await request('GET', '/incidents/{id}', { path: { id } })
 */
export const request = async <T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  template: Path,
  options: {
    path?: Record<string, string>;
    query?: Record<string, string | number | undefined>;
    body?: unknown;
    ifMatch?: number;
    idempotencyKey?: string;
  } = {},
): Promise<Answer<T>> => {
  const headers: Record<string, string> = { accept: 'application/json' };
  const session = currentSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(`${baseUrl}${pathOf(template, options.path)}${queryString(options.query)}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const problem = (parsed as Schemas['Problem'] | undefined) ?? {
      type: 'about:blank',
      title: response.statusText || 'Error',
      status: response.status,
      detail: `The API answered ${response.status}`,
    };
    // API Gateway's own answers (429, 503) carry `message`, not a problem.
    const message = (parsed as { message?: string } | undefined)?.message;
    const error = new ApiError(response.status, {
      ...problem,
      detail: problem.detail ?? message ?? `The API answered ${response.status}`,
    });
    if (response.status === 401) endSession(error.problem.detail);
    throw error;
  }
  return { body: parsed as T, etag: response.headers.get('etag')?.replace(/"/g, '') ?? undefined };
};

/** GET that answers the body only, for queries. */
export const get = async <T>(
  template: Path,
  options: { path?: Record<string, string>; query?: Record<string, string | number | undefined> } = {},
): Promise<T> => (await request<T>('GET', template, options)).body;

/** A fresh idempotency key per submitted form, so a double submit creates one record. */
export const newIdempotencyKey = () => crypto.randomUUID();
