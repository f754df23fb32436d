import { HttpProblem } from '../problem.ts';

/** Bodies over this size are refused with 413 before parsing. */
export const maxBodyBytes = 64 * 1024;

/**
 * The request body as JSON: 415 for another media type, 413 when too large, 400 when malformed.
 * Methods without a body, and empty bodies on them, give `undefined`.
 */
export const parseJsonBody = (
  method: string,
  headers: Record<string, string | undefined>,
  body: string | undefined,
  isBase64Encoded: boolean | undefined,
): { parsed: unknown; raw: string } => {
  if (method === 'GET' || method === 'DELETE' || body === undefined || body === '')
    return { parsed: undefined, raw: '' };
  const raw = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  if (Buffer.byteLength(raw, 'utf8') > maxBodyBytes)
    throw new HttpProblem(413, `The request body is larger than ${maxBodyBytes} bytes`);
  const contentType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (contentType !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(contentType))
    throw new HttpProblem(415, 'Send the request body as application/json');
  try {
    return { parsed: JSON.parse(raw), raw };
  } catch {
    throw new HttpProblem(400, 'The request body is not valid JSON');
  }
};
