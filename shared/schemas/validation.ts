import type * as z from 'zod/mini';
import { type FieldError, validationError } from '#domain/errors.ts';

type Issue = z.core.$ZodIssue;

/** A readable message per zod issue code; zod/mini ships no locale, so we say it ourselves. */
const describe = (issue: Issue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must have at least ${issue.minimum} characters`
        : issue.origin === 'array'
          ? `must have at least ${issue.minimum} items`
          : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must have at most ${issue.maximum} characters`
        : issue.origin === 'array'
          ? `must have at most ${issue.maximum} items`
          : `must be at most ${issue.maximum}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'is not valid';
  }
};

const pathOf = (issue: Issue): string => issue.path.map(String).join('.') || '(body)';

/** Every failing field of a zod result, one entry each. */
export const fieldErrors = (issues: readonly Issue[]): FieldError[] =>
  issues.map((issue) => ({ path: pathOf(issue), message: describe(issue) }));

/**
 * Parses a value with a schema or throws a 422 DomainError listing every failing field.
 * @example const body = parseWith(createIncidentBody, request.body);
 */
export const parseWith = <S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  what = 'The request body',
): z.infer<S> => {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(fieldErrors(result.error.issues), `${what} is not valid`);
  return result.data;
};
