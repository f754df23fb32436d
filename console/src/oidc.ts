import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { SignInConfig } from './config.ts';
import { sessionOf, startSession } from './session.ts';

type OidcConfig = Extract<SignInConfig, { mode: 'oidc' }>;

const managerOf = (config: OidcConfig) =>
  new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    post_logout_redirect_uri: config.logoutUri ?? config.redirectUri,
    response_type: 'code',
    scope: config.scope ?? 'openid email',
    // Tokens stay in this tab's sessionStorage, never in a URL or localStorage.
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
  });

/** Sends the browser to the issuer's sign-in page (authorization code with PKCE). */
export const beginOidcSignIn = (config: OidcConfig) => managerOf(config).signinRedirect();

/**
 * Completes a sign-in when the issuer sent the browser back with `?code=`: exchanges it (with the
 * PKCE verifier) for tokens, starts the session and removes the code from the address bar.
 */
export const completeOidcSignIn = async (config: OidcConfig): Promise<boolean> => {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('code') && !params.has('error')) return false;
  try {
    const user = await managerOf(config).signinRedirectCallback();
    startSession(sessionOf(user.access_token, config.groupsClaim));
  } finally {
    window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  }
  return true;
};

export const endOidcSession = async (config: OidcConfig) => {
  const manager = managerOf(config);
  await manager.removeUser();
  if (config.logoutEndpoint) {
    const url = new URL(config.logoutEndpoint);
    url.searchParams.set('client_id', config.clientId);
    url.searchParams.set('logout_uri', config.logoutUri ?? config.redirectUri);
    window.location.assign(url.toString());
  }
};
