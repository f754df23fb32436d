/** How the console signs in: the local runner's form, or an OIDC issuer with code + PKCE. */
export type SignInConfig =
  | { mode: 'local' }
  | {
      mode: 'oidc';
      /** The issuer (Cognito user pool URL or the configured OIDC issuer). */
      authority: string;
      clientId: string;
      /** Where the hosted UI returns with the code: the console's own URL. */
      redirectUri: string;
      logoutUri?: string;
      scope?: string;
      /** Cognito's hosted UI has no end_session in its discovery document: its logout endpoint. */
      logoutEndpoint?: string;
      groupsClaim?: string;
    };

/** `config.json`, deployed beside the build (the local runner serves its own). */
export interface ConsoleConfig {
  /** The API base URL; empty for the console's own origin. */
  apiUrl: string;
  signIn: SignInConfig;
}

export const loadConfig = async (): Promise<ConsoleConfig> => {
  const response = await fetch('./config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  const config = (await response.json()) as ConsoleConfig;
  return { ...config, apiUrl: config.apiUrl.replace(/\/$/, '') };
};
