import { useState } from 'preact/hooks';
import type { ConsoleConfig } from '../config.ts';
import { signInLocally } from '../session.ts';
import { ErrorAlert } from '../ui/alerts.tsx';

const roles = [
  ['requester', 'Requester'],
  ['agent', 'Agent'],
  ['change_manager', 'Change manager'],
  ['admin', 'Admin'],
] as const;

/**
 * Sign-in. Locally: the "Sign in" form with a "Role" select and a "User" text box, which posts to
 * the local runner's sign-in route. Deployed: a button to the issuer's hosted UI (code + PKCE).
 */
export const SignInPage = ({ config, reason }: { config: ConsoleConfig; reason?: string }) => {
  const [error, setError] = useState<unknown>(reason ? new Error(reason) : undefined);
  const [busy, setBusy] = useState(false);
  const signIn = config.signIn;
  if (signIn.mode === 'oidc')
    return (
      <main id="main" class="sign-in">
        <h1>OpsDesk</h1>
        <ErrorAlert error={error} />
        <button
          type="button"
          onClick={async () => {
            try {
              const { beginOidcSignIn } = await import('../oidc.ts');
              await beginOidcSignIn(signIn);
            } catch (failure) {
              setError(failure);
            }
          }}
        >
          Sign in
        </button>
      </main>
    );
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    try {
      await signInLocally(config, String(form.get('role')), String(form.get('user')).trim());
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>OpsDesk</h1>
      <form class="card" aria-labelledby="sign-in-heading" onSubmit={submit}>
        <h2 id="sign-in-heading">Sign in</h2>
        <p class="muted">
          Local mode: choose a role and a user name; the local runner signs a token for them.
        </p>
        <ErrorAlert error={error} />
        <label>
          Role
          <select name="role">
            {roles.map(([value, label]) => (
              <option key={value} value={value} selected={value === 'agent'}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          User
          <input name="user" type="text" required autoComplete="username" defaultValue="" />
        </label>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
};
