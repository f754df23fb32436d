import type { ConsoleConfig } from './config.ts';

export type Role = 'requester' | 'agent' | 'change_manager' | 'admin';

/** Who is signed in: the bearer token (kept in sessionStorage, never in a URL) and its claims. */
export interface Session {
  token: string;
  user: string;
  roles: Role[];
  expiresAt: number;
}

const storageKey = 'opsdesk.session';
const listeners = new Set<(session: Session | undefined, reason?: string) => void>();
let current: Session | undefined;

const decodeClaims = (token: string): Record<string, unknown> => {
  const payload = token.split('.')[1] ?? '';
  const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
};

const rolesOf = (value: unknown): Role[] => {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return list.filter((role): role is Role =>
    ['requester', 'agent', 'change_manager', 'admin'].includes(role),
  );
};

/** A session from a bearer token; the roles come from the groups claim, as the API reads them. */
export const sessionOf = (token: string, groupsClaim = 'cognito:groups'): Session => {
  const claims = decodeClaims(token);
  return {
    token,
    user: String(claims.username ?? claims.sub ?? ''),
    roles: rolesOf(claims[groupsClaim]),
    expiresAt: Number(claims.exp ?? 0) * 1000,
  };
};

export const currentSession = (): Session | undefined => {
  if (current && current.expiresAt > Date.now()) return current;
  const stored = sessionStorage.getItem(storageKey);
  if (!stored) return undefined;
  try {
    const session = JSON.parse(stored) as Session;
    if (session.expiresAt > Date.now()) current = session;
  } catch {
    sessionStorage.removeItem(storageKey);
  }
  return current;
};

export const startSession = (session: Session) => {
  current = session;
  sessionStorage.setItem(storageKey, JSON.stringify(session));
  for (const listener of listeners) listener(session);
};

/** Ends the session: a 401 from the API, an expired token or "Sign out". */
export const endSession = (reason?: string) => {
  current = undefined;
  sessionStorage.removeItem(storageKey);
  for (const listener of listeners) listener(undefined, reason);
};

export const onSessionChange = (listener: (session: Session | undefined, reason?: string) => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Role checks as the API makes them: admin may do everything. */
export const may = (session: Session | undefined, role: Role): boolean => {
  if (!session) return false;
  if (session.roles.includes('admin')) return true;
  const rank: Record<Role, number> = { requester: 0, agent: 1, change_manager: 1, admin: 2 };
  if (role === 'change_manager') return session.roles.includes('change_manager');
  return session.roles.some((held) => rank[held] >= rank[role]);
};

/** Signs in through the local runner's form route (local mode only). */
export const signInLocally = async (config: ConsoleConfig, role: string, user: string) => {
  const response = await fetch('./local-sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, user }),
  });
  const body = (await response.json()) as { token?: string; detail?: string };
  if (!response.ok || !body.token) throw new Error(body.detail ?? `Sign-in failed (${response.status})`);
  startSession(sessionOf(body.token, config.signIn.mode === 'oidc' ? config.signIn.groupsClaim : undefined));
};
