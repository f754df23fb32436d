import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { ConsoleConfig } from './config.ts';
import { ChangeCalendarPage, ChangePage, ChangesPage } from './pages/changes.tsx';
import { CmdbPage } from './pages/cmdb.tsx';
import { DashboardPage } from './pages/dashboard.tsx';
import { IncidentPage } from './pages/incident.tsx';
import { IncidentsPage } from './pages/incidents.tsx';
import { ProblemPage, ProblemsPage } from './pages/problems.tsx';
import { RequestPage, RequestsPage } from './pages/requests.tsx';
import { ServiceLevelsPage } from './pages/service-levels.tsx';
import { queryClient } from './query.ts';
import { match, useRoute } from './router.ts';
import { endSession, may, type Session } from './session.ts';
import { labelOf } from './ui/format.ts';
import { lazyPage } from './ui/lazy.tsx';

const CiPage = lazyPage(() => import('./pages/ci.tsx').then((module) => module.CiPage));

const agentLinks = [
  ['Incidents', '/incidents'],
  ['Problems', '/problems'],
  ['Changes', '/changes'],
  ['Requests', '/requests'],
  ['CMDB', '/cmdb'],
  ['Service levels', '/service-levels'],
  ['Dashboard', '/dashboard'],
] as const;
const requesterLinks = [
  ['Incidents', '/incidents'],
  ['Requests', '/requests'],
] as const;

/** The pages by address; the first whose pattern matches the route is shown. */
const routes: Array<
  [pattern: string, page: (parameters: Record<string, string>, session: Session) => JSX.Element]
> = [
  ['/incidents/:id', ({ id = '' }, session) => <IncidentPage id={id} agent={may(session, 'agent')} />],
  ['/incidents', (_, session) => <IncidentsPage agent={may(session, 'agent')} />],
  ['/requests/:id', ({ id = '' }, session) => <RequestPage id={id} agent={may(session, 'agent')} />],
  ['/requests', (_, session) => <RequestsPage agent={may(session, 'agent')} />],
  ['/problems/:id', ({ id = '' }) => <ProblemPage id={id} />],
  ['/problems', () => <ProblemsPage />],
  [
    '/changes/calendar',
    (_params, session) => <ChangeCalendarPage changeManager={may(session, 'change_manager')} />,
  ],
  [
    '/changes/:id',
    ({ id = '' }, session) => <ChangePage id={id} changeManager={may(session, 'change_manager')} />,
  ],
  ['/changes', () => <ChangesPage />],
  ['/cis/:id', ({ id = '' }) => <CiPage id={id} />],
  ['/cmdb', () => <CmdbPage />],
  ['/service-levels', () => <ServiceLevelsPage />],
  ['/dashboard', () => <DashboardPage />],
];
/** What a requester may open; everything else is the agent workspace. */
const requesterRoutes = new Set(['/incidents/:id', '/incidents', '/requests/:id', '/requests']);

const Page = ({ route, session }: { route: string; session: Session }) => {
  const agent = may(session, 'agent');
  if (route === '/') return <IncidentsPage agent={agent} />;
  for (const [pattern, page] of routes) {
    const parameters = match(pattern, route);
    if (parameters && (agent || requesterRoutes.has(pattern))) return page(parameters, session);
  }
  return (
    <section>
      <h1>Not found</h1>
      <p>
        No page here. <a href="#/incidents">Go to the incidents</a>.
      </p>
    </section>
  );
};

/** The signed-in console: navigation, the page for the address, and who is signed in. */
export const App = ({ session, config }: { session: Session; config: ConsoleConfig }) => {
  const route = useRoute();
  const links = may(session, 'agent') ? agentLinks : requesterLinks;
  const section = `/${route.split('/')[1] ?? ''}`;
  useEffect(() => {
    // Move focus to the new page's heading, so keyboard and screen reader users land on it; but
    // this runs after the first paint, and a person already typing into the new page keeps the field.
    if (document.activeElement?.matches('main :is(input, textarea, select)')) return;
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  }, [route]);
  const signOut = async () => {
    queryClient.clear();
    endSession();
    if (config.signIn.mode === 'oidc') {
      const { endOidcSession } = await import('./oidc.ts');
      await endOidcSession(config.signIn);
    }
  };
  return (
    <>
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header class="top">
        <span class="brand">OpsDesk</span>
        <nav aria-label="Main">
          <ul class="nav-links">
            {links.map(([label, href]) => (
              <li key={href}>
                <a
                  href={`#${href}`}
                  aria-current={
                    section === href || (href === '/changes' && section === '/changes') ? 'page' : undefined
                  }
                >
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {session.user} ({session.roles.map(labelOf).join(', ')}){' '}
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} session={session} />
      </main>
    </>
  );
};
