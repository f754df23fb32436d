import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { setApiBase } from './api.ts';
import { App } from './app.tsx';
import { type ConsoleConfig, loadConfig } from './config.ts';
import { SignInPage } from './pages/sign-in.tsx';
import { queryClient } from './query.ts';
import { currentSession, onSessionChange, type Session } from './session.ts';
import './styles.css';

const Root = ({ config, failure }: { config: ConsoleConfig; failure?: string }) => {
  const [session, setSession] = useState<Session | undefined>(currentSession);
  const [reason, setReason] = useState<string | undefined>(failure);
  useEffect(
    () =>
      onSessionChange((next, why) => {
        if (!next) queryClient.clear();
        setReason(why);
        setSession(next);
      }),
    [],
  );
  return session ? <App session={session} config={config} /> : <SignInPage config={config} reason={reason} />;
};

const start = async () => {
  const root = document.getElementById('app') as HTMLElement;
  try {
    const config = await loadConfig();
    setApiBase(config.apiUrl);
    let failure: string | undefined;
    if (config.signIn.mode === 'oidc' && /[?&](code|error)=/.test(window.location.search)) {
      const { completeOidcSignIn } = await import('./oidc.ts');
      // A sign-in the issuer refused, or a code that cannot be exchanged, shows on the sign-in page.
      failure = await completeOidcSignIn(config.signIn).then(
        () => undefined,
        (error: Error) => `Sign-in failed: ${error.message}`,
      );
    }
    render(<Root config={config} failure={failure} />, root);
  } catch (error) {
    render(
      <main id="main">
        <h1>OpsDesk</h1>
        <div role="alert">The console could not start: {(error as Error).message}</div>
      </main>,
      root,
    );
  }
};

void start();
