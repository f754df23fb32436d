/**
 * Domain failures. The HTTP layer maps each kind to one status (see `#http/problem.ts`);
 * the domain itself knows nothing of HTTP.
 */
export type DomainErrorKind =
  | 'validation' // 422: well-formed but invalid input
  | 'not_found' // 404
  | 'forbidden' // 403: the role may not do this
  | 'conflict' // 409: invalid transition, scheduling conflict, reused idempotency key
  | 'precondition_failed' // 412: If-Match version stale
  | 'unavailable'; // 503: the store is throttled or failing; nothing was written, try again later

export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown> | undefined;

  constructor(
    kind: DomainErrorKind,
    message: string,
    options: { errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }
}

export const validationError = (errors: FieldError[], message = 'The request body is not valid') =>
  new DomainError('validation', message, { errors });
export const conflict = (message: string, extensions?: Record<string, unknown>) =>
  new DomainError('conflict', message, extensions ? { extensions } : {});
export const notFound = (message: string) => new DomainError('not_found', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const preconditionFailed = (message: string) => new DomainError('precondition_failed', message);
/**
 * The work could not be done now for a reason that is not the caller's (a throttled or failing
 * store); nothing was written, so the same request may be sent again later.
 * @example throw unavailable('The record store is not available; try again shortly');
 */
export const unavailable = (message: string) => new DomainError('unavailable', message);
