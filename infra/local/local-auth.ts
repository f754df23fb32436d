import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';

/** The local issuer and audience; the deployed stack uses Cognito or the configured issuer. */
export const localIssuer = 'https://opsdesk.local/issuer';
export const localAudience = 'opsdesk-api';
const algorithm = 'ES256';

interface LocalKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** The signing key pair, made once and kept in the data directory (never committed). */
export const localKeys = async (dataDir: string): Promise<LocalKeys> => {
  const file = join(dataDir, 'local-signing-key.json');
  if (!existsSync(file)) {
    const pair = await generateKeyPair(algorithm, { extractable: true });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        privateKey: await exportJWK(pair.privateKey),
        publicKey: await exportJWK(pair.publicKey),
      }),
      { mode: 0o600 },
    );
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { privateKey: JWK; publicKey: JWK };
  return {
    privateKey: (await importJWK(stored.privateKey, algorithm)) as CryptoKey,
    publicKey: (await importJWK(stored.publicKey, algorithm)) as CryptoKey,
  };
};

/** Signs a token as the local issuer would, with the roles in the groups claim. */
export const signLocalToken = async (
  keys: LocalKeys,
  options: {
    sub: string;
    roles: string[];
    groupsClaim?: string;
    expiresIn?: string;
    issuer?: string;
    audience?: string;
  },
): Promise<string> =>
  new SignJWT({ [options.groupsClaim ?? 'cognito:groups']: options.roles })
    .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuer(options.issuer ?? localIssuer)
    .setAudience(options.audience ?? localAudience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(keys.privateKey);

/** Why the local authorizer refuses a token: the 401 problem's `detail`. */
export const tokenRefusals = {
  missing: 'A bearer token is required: send `Authorization: Bearer <token>` (mint one with `npm run token`)',
  malformed: 'The bearer token is not a valid JWT',
  unknownKey:
    'The token was signed by a key this platform does not know: mint it with `npm run token` for this OPSDESK_DATA_DIR',
  expired: 'The token has expired: mint a new one with `npm run token`',
  notYetValid: 'The token is not valid yet (its nbf or iat is in the future)',
  claims: 'The token was not issued for this API (issuer, audience or algorithm do not match)',
} as const;

const refusalOf = (error: unknown): string => {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return tokenRefusals.unknownKey;
    case 'ERR_JWT_EXPIRED':
      return tokenRefusals.expired;
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const claim = (error as { claim?: string }).claim;
      return claim === 'nbf' || claim === 'iat' ? tokenRefusals.notYetValid : tokenRefusals.claims;
    }
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return tokenRefusals.claims;
    default:
      return tokenRefusals.malformed;
  }
};

/**
 * Checks a bearer token like the HTTP API JWT authorizer: signature, ES256 only (so `alg: none`
 * fails), issuer, audience and expiry. Returns the claims as API Gateway forwards them (strings,
 * arrays flattened to `[a b]`), or why the token is refused.
 */
export const checkLocalToken = async (
  keys: LocalKeys,
  authorization: string | undefined,
): Promise<{ claims: Record<string, string> } | { refused: string }> => {
  if (!authorization?.trim()) return { refused: tokenRefusals.missing };
  const token = /^Bearer (\S+)$/i.exec(authorization.trim())?.[1];
  if (!token) return { refused: tokenRefusals.malformed };
  const cached = verified.get(token);
  if (cached && cached.keys === keys && cached.expiresAtMs > Date.now()) return { claims: cached.claims };
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      algorithms: [algorithm],
      issuer: localIssuer,
      audience: localAudience,
    });
    const claims = Object.fromEntries(
      Object.entries(payload).map(([name, value]) => [
        name,
        Array.isArray(value) ? `[${value.join(' ')}]` : String(value),
      ]),
    );
    if (verified.size >= maxCachedTokens) verified.clear();
    verified.set(token, { keys, claims, expiresAtMs: (payload.exp ?? 0) * 1000 });
    return { claims };
  } catch (error) {
    return { refused: refusalOf(error) };
  }
};

/** The claims of an acceptable token, undefined otherwise (see `checkLocalToken`). */
export const verifyLocalToken = async (keys: LocalKeys, authorization: string | undefined) => {
  const checked = await checkLocalToken(keys, authorization);
  return 'claims' in checked ? checked.claims : undefined;
};

/**
 * Tokens already verified, until they expire: a signature check per request would dominate the
 * local gateway's overhead. Only exact token strings that passed every check are remembered.
 */
const verified = new Map<string, { keys: LocalKeys; claims: Record<string, string>; expiresAtMs: number }>();
const maxCachedTokens = 1_000;
