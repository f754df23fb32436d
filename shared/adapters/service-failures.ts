/** Error names AWS services and the SDK give a throttled, failing or unreachable service. */
const unavailableNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Socket-level failures Node reports as `code`. */
const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
]);

/**
 * Whether an error says the service itself is unavailable (throttled, 5xx, network, past the
 * call's deadline), as opposed to refusing this request for what it asks.
 * @example isServiceUnavailable(Object.assign(new Error('slow down'), { name: 'ThrottlingException' })) // true
 */
export const isServiceUnavailable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const { $fault, code } = error as { $fault?: string; code?: string };
  return unavailableNames.has(error.name) || $fault === 'server' || (!!code && networkCodes.has(code));
};
