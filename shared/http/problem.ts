import { DomainError, type DomainErrorKind, type FieldError } from '#domain/errors.ts';
import { InvalidCursor, StoreUnavailable, WriteContention } from '#ports/record-store.ts';

/** An HTTP-level refusal raised before the domain is reached (auth, media type, JSON). */
export class HttpProblem extends Error {
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  constructor(status: number, detail: string, errors?: FieldError[]) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.errors = errors;
  }
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const statusOfKind: Record<DomainErrorKind, number> = {
  validation: 422,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  precondition_failed: 412,
  unavailable: 503,
};

const problem = (
  status: number,
  detail: string,
  errors?: FieldError[],
  extensions?: Record<string, unknown>,
) => ({
  ...extensions,
  type: status === 500 ? 'about:blank' : `https://opsdesk.dev/problems/${status}`,
  title: titles[status] ?? 'Error',
  status,
  detail,
  ...(errors && errors.length > 0 ? { errors } : {}),
});

/**
 * The RFC 9457 document for any error. Unknown errors become a bare 500: their message, stack
 * and type never reach the client (they are logged by the caller).
 * @example toProblem(new HttpProblem(401, 'Missing bearer token')).status // 401
 */
export const toProblem = (error: unknown): ProblemDocument => {
  if (error instanceof HttpProblem) return problem(error.status, error.message, error.errors);
  if (error instanceof DomainError)
    return problem(statusOfKind[error.kind], error.message, error.errors, error.extensions);
  if (error instanceof InvalidCursor)
    return problem(400, error.message, [{ path: 'cursor', message: 'is not valid' }]);
  if (error instanceof WriteContention) return problem(409, 'The record is changing too fast; try again');
  if (error instanceof StoreUnavailable)
    return problem(503, 'The record store is not answering; try again shortly');
  return problem(500, 'The request could not be completed. It has been logged.');
};
