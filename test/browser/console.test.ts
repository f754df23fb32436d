import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchClient, PutMetricDataCommand, type StandardUnit } from '@aws-sdk/client-cloudwatch';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../../infra/local/platform.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { expectAccessible, launchChromium } from './console-browser.ts';

// One platform, one browser and one page per role for the whole file: the console as people use it.
let platform: TestPlatform;
let browser: Browser;
let context: BrowserContext;
const pages = new Map<string, Page>();
const screenshots = join(import.meta.dirname, '../../docs/screenshots');

beforeAll(async () => {
  [platform, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  mkdirSync(screenshots, { recursive: true });
  await seedServiceDesk(platform);
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** Signs `page` in through the local "Sign in" form as `user` with `role`, starting at `address`. */
const signIn = async (page: Page, role: string, user: string, address = '/') => {
  await page.goto(`${platform.url}${address}`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Role').selectOption(role);
  await page.getByLabel('User').fill(user);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
};

/** A page signed in as `user` with `role` (made once, then reused). */
const signedIn = async (role: string, user: string): Promise<Page> => {
  const known = pages.get(user);
  if (known) {
    // A background tab's timers are throttled: bring the role's tab to the front, as a person would.
    await known.bringToFront();
    return known;
  }
  const page = await context.newPage();
  await signIn(page, role, user);
  pages.set(user, page);
  return page;
};

/**
 * Goes to `route` as a link would, and returns once the console has rendered it, so the next
 * step never finds a field of the page before (the incident page has an "Assignment group" too).
 */
const open = async (page: Page, route: string) => {
  await page.evaluate(async (hash) => {
    const window = globalThis as unknown as {
      location: { hash: string; href: string };
      addEventListener(type: string, listener: () => void, options: { once: boolean }): void;
    };
    if (new URL(`#${hash}`, window.location.href).hash === window.location.hash) return;
    // The console listened first and renders in a microtask of its listener: done when this resolves.
    await new Promise<void>((resolve) => {
      window.addEventListener('hashchange', resolve, { once: true });
      window.location.hash = hash;
    });
  }, route);
};

const navigationLinks = async (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();

const row = (page: Page, table: string, text: string) =>
  page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });

describe('the web console', () => {
  it('serves the console at /console/ and redirects / there', async () => {
    const root = await fetch(`${platform.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const index = await fetch(`${platform.url}/console/`);
    expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await index.text()).toContain('<div id="app">');
  });

  it('mints local tokens only for a known role and a plain user name', async () => {
    const signIn = (body: unknown) =>
      fetch(`${platform.url}/console/local-sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const refused = await signIn({ role: 'root', user: 'a b' });
    expect(refused.status).toBe(422);
    expect(
      ((await refused.json()) as { errors: Array<{ path: string }> }).errors.map(
        (error: { path: string }) => error.path,
      ),
    ).toEqual(['role', 'user']);
    const minted = await signIn({ role: 'agent', user: 'alice' });
    expect(minted.headers.get('cache-control')).toBe('no-store');
    const { token } = (await minted.json()) as { token: string };
    const answer = await fetch(`${platform.url}/incidents`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    expect((await fetch(`${platform.url}/console/local-sign-in`)).status).toBe(405);
  });

  it('signs in as each role; a requester sees only Incidents and Requests', async () => {
    const agent = await signedIn('agent', 'alice');
    await expectAccessible(agent, 'the incident queue');
    expect(await navigationLinks(agent)).toEqual([
      'Incidents',
      'Problems',
      'Changes',
      'Requests',
      'CMDB',
      'Service levels',
      'Dashboard',
    ]);
    const requester = await signedIn('requester', 'rita');
    expect(await navigationLinks(requester)).toEqual(['Incidents', 'Requests']);
    await requester.getByRole('heading', { name: 'My incidents' }).waitFor();
    const manager = await signedIn('change_manager', 'carol');
    expect(await navigationLinks(manager)).toContain('Changes');
    const admin = await signedIn('admin', 'ada');
    expect(await navigationLinks(admin)).toContain('Dashboard');
    await admin.getByText('ada (admin)').waitFor();
  });

  it('shows the problem detail of an invalid form in an alert', async () => {
    const page = await signedIn('agent', 'alice');
    await open(page, '/incidents');
    await page.getByRole('button', { name: 'New incident' }).click();
    await page.getByLabel('Title').fill('   ');
    await page.getByRole('button', { name: 'Create' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/title/i);
    await expectAccessible(page, 'the new incident form with an alert');
    await page.getByRole('button', { name: 'New incident' }).click();
  });

  it('creates an incident through the form, finds it in the queue, changes its state and adds a work note', async () => {
    const page = await signedIn('agent', 'alice');
    const title = `Payroll export fails ${randomUUID().slice(0, 6)}`;
    await open(page, '/incidents');
    await page.getByRole('button', { name: 'New incident' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Description').fill('The nightly export stops at 40%.');
    await page.getByLabel('Impact').selectOption('1');
    await page.getByLabel('Urgency').selectOption('2');
    await page.getByLabel('Configuration item').selectOption({ label: 'payroll-app (application)' });
    await page.getByRole('button', { name: 'Create' }).click();
    const line = row(page, 'Incidents', title);
    await line.waitFor();
    expect(await line.textContent()).toContain('P2');
    await page.screenshot({ path: join(screenshots, 'incident-queue.png') });

    await line.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    expect(heading).toMatch(/^INC\d{7}/);
    await page.getByLabel('State').selectOption('in_progress');
    await page.getByLabel('Assignee', { exact: true }).fill('alice');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.getByLabel('Comment').fill('Restarted the export worker.');
    await page.getByLabel('Work note').check();
    await page.getByRole('button', { name: 'Add comment' }).click();
    const activity = page.getByRole('list', { name: 'Activity' });
    await activity.getByText('Restarted the export worker.').waitFor();
    await activity.getByText(/changed state from new to in progress/).waitFor();
    expect(await activity.textContent()).toContain('added a work note');
    await page.getByRole('list', { name: 'Impacted services' }).getByText('payroll').waitFor();
    await page.getByText(/Response\s*met/).waitFor();
    await page.getByText(/Resolution\s*running/).waitFor();
    await expectAccessible(page, 'the incident page');
    await page.screenshot({ path: join(screenshots, 'incident.png'), fullPage: true });

    // Someone else changes it meanwhile: Save answers 412 and offers to reload the record.
    const id = page.url().split('/incidents/')[1] ?? '';
    await platform.call('PATCH', `/incidents/${id}`, { role: 'agent', body: { assignmentGroup: 'payroll' } });
    await page.getByLabel('Assignee', { exact: true }).fill('bob');
    await page.getByRole('button', { name: 'Save' }).click();
    const stale = page.getByRole('alert');
    await stale.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.getByLabel('Assignment group').inputValue()).toBe('payroll');
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('sorts by a column and keeps the filters per user across visits', async () => {
    const page = await signedIn('agent', 'alice');
    await open(page, '/incidents');
    const table = page.getByRole('table', { name: 'Incidents' });
    await table.getByRole('button', { name: 'Priority' }).click();
    expect(await table.getByRole('columnheader', { name: 'Priority' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    expect(await table.getByRole('row').nth(1).textContent()).toContain('P1');
    await page.getByLabel('State', { exact: true }).selectOption('in_progress');
    await page.getByLabel('Filter name').fill('Working on');
    await page.getByRole('button', { name: 'Save filter' }).click();
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'new' }).count()).toBe(0);
    await page.reload();
    await page.getByRole('table', { name: 'Incidents' }).waitFor();
    expect(await page.getByLabel('State', { exact: true }).inputValue()).toBe('in_progress');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Saved filters').selectOption('Working on');
    expect(await page.getByLabel('State', { exact: true }).inputValue()).toBe('in_progress');
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('lists child incidents on the parent incident, each a link to it', async () => {
    const parent = await platform.call('POST', '/incidents', {
      role: 'agent',
      body: { title: `Site down ${randomUUID().slice(0, 6)}`, impact: 1, urgency: 1 },
    });
    const child = await platform.call('POST', '/incidents', {
      role: 'agent',
      body: { title: 'Checkout fails too', impact: 2, urgency: 2, parentId: parent.body.id },
    });
    const page = await signedIn('agent', 'alice');
    await open(page, `/incidents/${parent.body.id}`);
    const linked = page.getByRole('list', { name: 'Linked records' });
    await linked.getByRole('link', { name: `Child ${child.body.number}: Checkout fails too` }).click();
    await page.getByRole('heading', { name: new RegExp(child.body.number) }).waitFor();
  });

  it('pages through a queue longer than a page with Next and Previous', async () => {
    const group = `paging-${randomUUID().slice(0, 6)}`;
    for (let n = 0; n < 51; n++) {
      const made = await platform.call('POST', '/incidents', {
        role: 'agent',
        body: { title: `Paged ${n} ${group}`, impact: 3, urgency: 3, assignmentGroup: group },
      });
      expect(made.status).toBe(201);
    }
    // The newest incident is outside the group, so the unfiltered first page holds only 49 of it.
    await platform.call('POST', '/incidents', {
      role: 'agent',
      body: { title: `Not paged ${group}`, impact: 3, urgency: 3 },
    });
    const page = await signedIn('agent', 'alice');
    await open(page, '/incidents');
    const table = page.getByRole('table', { name: 'Incidents' });
    const pages = page.getByRole('navigation', { name: 'Incidents pages' });
    await page.getByLabel('Assignment group').fill(group);
    await page.getByLabel('Assignment group').press('Enter');
    // The first page of this group only: 50 of its rows, nothing else, and the header.
    await expect
      .poll(
        () =>
          table
            .getByRole('row')
            .filter({ hasText: new RegExp(`Paged \\d+ ${group}`) })
            .count(),
        {
          timeout: 10_000,
        },
      )
      .toBe(50);
    await expect.poll(() => table.getByRole('row').count(), { timeout: 10_000 }).toBe(51);
    await pages.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => table.getByRole('row').count(), { timeout: 10_000 }).toBe(2);
    expect(await pages.textContent()).toContain('Page 2');
    expect(await table.getByRole('row').nth(1).textContent()).toContain(`Paged 0 ${group}`);
    await pages.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => table.getByRole('row').count(), { timeout: 10_000 }).toBe(51);
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('keeps a filter typed while the list first loads, and lists what it matches, not the older answer', async () => {
    const group = `typed-early-${randomUUID().slice(0, 6)}`;
    for (const title of ['Disk full', 'Backup late']) {
      const made = await platform.call('POST', '/incidents', {
        role: 'agent',
        body: { title: `${title} ${group}`, impact: 3, urgency: 3, assignmentGroup: group },
      });
      expect(made.status).toBe(201);
    }
    // A browser of its own, whose clock this test holds: the list mounts, but its first frame
    // waits (as on a machine too busy to paint) until the filter is typed and committed.
    const own = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await own.newPage();
      await page.clock.install();
      await signIn(page, 'agent', 'alice', '/console/#/cmdb');
      await page.getByRole('heading', { level: 1, name: 'Configuration items' }).waitFor();
      const asked: URL[] = [];
      await page.route(
        (url) => url.pathname === '/incidents',
        async (route) => {
          const url = new URL(route.request().url());
          asked.push(url);
          // The unfiltered first page is slow: it answers after the filtered one.
          if (!url.searchParams.has('assignmentGroup')) await new Promise((done) => setTimeout(done, 1_500));
          await route.continue();
        },
      );
      const unfilteredAnswer = page.waitForResponse((response) => {
        const url = new URL(response.url());
        return url.pathname === '/incidents' && !url.searchParams.has('assignmentGroup');
      });
      // Awaited below; should an earlier step fail, closing the page ends this wait without a second error.
      unfilteredAnswer.catch(() => undefined);
      await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));

      await open(page, '/incidents');
      await page.getByText('Loading incidents').waitFor();
      const filter = page.getByLabel('Assignment group');
      await filter.fill(group);
      await filter.press('Enter');
      await page.clock.runFor(100);

      // The first frame has come: the filter still holds what was typed, and the focus.
      expect(await filter.inputValue()).toBe(group);
      expect(await filter.evaluate((input) => input.ownerDocument.activeElement === input)).toBe(true);
      await page.clock.resume();
      const table = page.getByRole('table', { name: 'Incidents' });
      const matching = table.getByRole('row').filter({ hasText: group });
      await expect.poll(() => matching.count(), { timeout: 10_000 }).toBe(2);
      expect(asked.some((url) => url.searchParams.get('assignmentGroup') === group)).toBe(true);
      // The unfiltered page answers last, and changes nothing.
      await unfilteredAnswer;
      await new Promise((done) => setTimeout(done, 500));
      expect(await table.getByRole('row').count()).toBe(3);
      expect(await matching.count()).toBe(2);
      expect(await filter.inputValue()).toBe(group);
    } finally {
      await own.close();
    }
  });

  it('shows a record created through the API in an open list within 10 seconds', async () => {
    const page = await signedIn('agent', 'alice');
    await open(page, '/incidents');
    await page.getByRole('table', { name: 'Incidents' }).waitFor();
    const title = `Created elsewhere ${randomUUID().slice(0, 6)}`;
    const started = Date.now();
    const created = await platform.call('POST', '/incidents', {
      role: 'agent',
      body: { title, impact: 3, urgency: 3 },
    });
    expect(created.status).toBe(201);
    await row(page, 'Incidents', title).waitFor({ timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('shows a requester only their own incidents and requests, never work notes; they raise both and comment', async () => {
    const mine = await platform.call('POST', '/incidents', {
      role: 'requester',
      sub: 'rita',
      body: { title: `Rita cannot print ${randomUUID().slice(0, 6)}`, impact: 3, urgency: 2 },
    });
    const theirs = await platform.call('POST', '/incidents', {
      role: 'requester',
      sub: 'bob',
      body: { title: `Bob has no VPN ${randomUUID().slice(0, 6)}`, impact: 3, urgency: 2 },
    });
    await platform.call('POST', `/incidents/${mine.body.id}/comments`, {
      role: 'agent',
      body: { body: 'Internal: printer driver issue', visibility: 'work_note' },
    });
    await platform.call('POST', `/incidents/${mine.body.id}/comments`, {
      role: 'agent',
      body: { body: 'We are looking at it', visibility: 'public' },
    });
    const page = await signedIn('requester', 'rita');
    await open(page, '/incidents');
    await row(page, 'Incidents', mine.body.title).waitFor();
    expect(await page.getByRole('table', { name: 'Incidents' }).textContent()).not.toContain(
      theirs.body.title,
    );
    await expectAccessible(page, 'the requester queue');

    await page.getByRole('button', { name: 'New incident' }).click();
    await page.getByLabel('Title').fill('My laptop is slow');
    await page.getByRole('button', { name: 'Create' }).click();
    await row(page, 'Incidents', 'My laptop is slow').waitFor();
    // Impact and urgency default to 2 (medium): priority 3.
    expect(await row(page, 'Incidents', 'My laptop is slow').textContent()).toContain('P3');

    await row(page, 'Incidents', mine.body.title).getByRole('link').click();
    const activity = page.getByRole('list', { name: 'Activity' });
    await activity.getByText('We are looking at it').waitFor();
    expect(await activity.textContent()).not.toContain('printer driver');
    expect(await page.getByLabel('Work note').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await page.getByLabel('Comment').fill('It is the second floor printer.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await activity.getByText('It is the second floor printer.').waitFor();
    await expectAccessible(page, 'the requester incident page');

    await open(page, '/requests');
    await page.getByRole('button', { name: 'New request' }).click();
    await page.getByLabel('Item').fill('Second monitor');
    await page.getByRole('button', { name: 'Create' }).click();
    await row(page, 'Requests', 'Second monitor').waitFor();
    await platform.call('POST', '/requests', {
      role: 'requester',
      sub: 'bob',
      body: { item: 'Bob keyboard' },
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.getByRole('table', { name: 'Requests' }).textContent()).not.toContain('Bob keyboard');
    await expectAccessible(page, 'the requester requests');
  });

  it('lets a change manager approve a change in authorize, and shows the change calendar', async () => {
    const ci = await platform.call('POST', '/cis', {
      role: 'agent',
      body: { name: 'billing-db', type: 'database' },
    });
    const start = new Date(Date.now() + 2 * 86_400_000);
    const change = await platform.call('POST', '/changes', {
      role: 'agent',
      body: {
        title: 'Upgrade billing-db',
        type: 'normal',
        ciIds: [ci.body.id],
        plannedStart: start.toISOString(),
        plannedEnd: new Date(start.getTime() + 3_600_000).toISOString(),
      },
    });
    for (const state of ['assess', 'authorize'])
      expect(
        (await platform.call('PATCH', `/changes/${change.body.id}`, { role: 'agent', body: { state } }))
          .status,
      ).toBe(200);
    const page = await signedIn('change_manager', 'carol');
    await open(page, `/changes/${change.body.id}`);
    await page.getByRole('heading', { level: 1, name: 'Upgrade billing-db' }).waitFor();
    await expectAccessible(page, 'the change page');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('carol: approve').waitFor();
    await page.locator('.meta').getByText('scheduled').waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Change fields' }).getByLabel('State').inputValue()).toBe(
      'scheduled',
    );

    await open(page, '/changes/calendar');
    await page.getByRole('heading', { name: 'Change calendar' }).waitFor();
    await page.getByRole('button', { name: 'Month' }).click();
    await page
      .getByRole('list', { name: 'Change calendar' })
      .getByText('Upgrade billing-db')
      .first()
      .waitFor();
    await expectAccessible(page, 'the change calendar');

    // A blackout window declared here shows on the calendar's days.
    await page.getByRole('button', { name: 'Week' }).click();
    await page.getByRole('button', { name: 'Declare a window' }).click();
    const reason = `Quarter close ${randomUUID().slice(0, 6)}`;
    // From now for an hour: today's cell in the week shown, whatever the day.
    const local = (ms: number) =>
      new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('Starts').fill(local(Date.now()));
    await page.getByLabel('Ends').fill(local(Date.now() + 3_600_000));
    await page.getByLabel('Reason').fill(reason);
    await page.getByRole('button', { name: 'Declare', exact: true }).click();
    await page.getByRole('list', { name: 'Change calendar' }).getByText(reason).first().waitFor();
    const agentPage = await signedIn('agent', 'alice');
    await open(agentPage, '/changes/calendar');
    await agentPage.getByRole('heading', { name: 'Change calendar' }).waitFor();
    expect(await agentPage.getByRole('button', { name: 'Declare a window' }).count()).toBe(0);
  });

  it('records a problem through its form and links an incident to it', async () => {
    const page = await signedIn('agent', 'alice');
    await open(page, '/problems');
    await page.getByRole('button', { name: 'New problem' }).click();
    await page.getByLabel('Title').fill('Mail queue stalls under load');
    await page.getByRole('button', { name: 'Create' }).click();
    await row(page, 'Problems', 'Mail queue stalls under load').getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /Mail queue stalls under load/ }).waitFor();
    const incident = page.getByLabel('Incident', { exact: true });
    const mail = await incident.locator('option', { hasText: 'Mail delivery delayed' }).getAttribute('value');
    await incident.selectOption(mail ?? '');
    await page.getByRole('button', { name: 'Link incident' }).click();
    await page.getByRole('list', { name: 'Linked incidents' }).getByRole('link').first().waitFor();
    await expectAccessible(page, 'the problem page');
  });

  it('opens a CI with its graph, impact list and capacity, availability and performance charts', async () => {
    const { ciId } = await seedOperations(platform);
    const page = await signedIn('agent', 'alice');
    await open(page, `/cis/${ciId}`);
    await page.getByRole('heading', { level: 1, name: 'orders-db' }).waitFor();
    const graph = page.getByRole('figure', { name: 'Relationships' });
    await graph.locator('canvas').first().waitFor();
    const impact = page.getByRole('list', { name: 'Impact' });
    await impact.getByText('orders-app').waitFor();
    expect(await impact.textContent()).toMatch(/orders-service.*distance 2/);
    for (const name of ['Capacity', 'Availability', 'Performance'])
      await page.getByRole('figure', { name }).locator('canvas').first().waitFor();
    expect(await page.getByRole('figure', { name: 'Capacity' }).textContent()).toContain('Exhaustion date');
    await expectAccessible(page, 'the CI page');
    await graph.screenshot({ path: join(screenshots, 'cmdb-graph.png') });
    await page
      .getByRole('figure', { name: 'Capacity' })
      .screenshot({ path: join(screenshots, 'capacity-chart.png') });

    // Walk the graph by keyboard through the impact list.
    await impact.getByRole('link', { name: 'orders-app' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'orders-app' }).waitFor();
  });

  it('shows the dashboard, the CMDB, problems, requests and service levels without accessibility violations', async () => {
    const page = await signedIn('admin', 'ada');
    for (const [route, heading] of [
      ['/dashboard', 'Dashboard'],
      ['/cmdb', 'Configuration items'],
      ['/problems', 'Problems'],
      ['/requests', 'Requests'],
      ['/changes', 'Changes'],
      ['/service-levels', 'Service levels'],
    ] as const) {
      await open(page, route);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expect.poll(() => page.locator('.loading').count()).toBe(0);
      await expectAccessible(page, route);
    }
    await open(page, '/dashboard');
    for (const name of ['Open incidents by priority', 'SLA attainment', 'Breaches', 'CIs not ok'])
      await page.getByRole('heading', { name }).waitFor();
    await expect.poll(() => page.locator('.loading').count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'dashboard.png') });
  });

  it('signs in with an OIDC issuer by authorization code with PKCE, keeping the token out of the URL', async () => {
    // The deployed config.json, with an issuer this test plays (same origin, so the local CSP allows it).
    const issuer = `${platform.url}/test-idp`;
    const token = await platform.token('agent', 'olivia');
    const page = await context.newPage();
    const authorizations: URL[] = [];
    await page.route(`${platform.url}/console/config.json`, (route) =>
      route.fulfill({
        json: {
          apiUrl: '',
          signIn: {
            mode: 'oidc',
            authority: issuer,
            clientId: 'console',
            redirectUri: `${platform.url}/console/`,
          },
        },
      }),
    );
    await page.route(`${issuer}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.endsWith('/.well-known/openid-configuration'))
        return route.fulfill({
          json: {
            issuer,
            authorization_endpoint: `${issuer}/authorize`,
            token_endpoint: `${issuer}/token`,
            jwks_uri: `${issuer}/jwks`,
            response_types_supported: ['code'],
            code_challenge_methods_supported: ['S256'],
          },
        });
      if (url.pathname.endsWith('/authorize')) {
        authorizations.push(url);
        const back = new URL(`${platform.url}/console/`);
        back.searchParams.set('code', 'the-code');
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        // The issuer's sign-in page, already signed in: it sends the browser back with the code.
        return route.fulfill({
          contentType: 'text/html',
          body: `<meta http-equiv="refresh" content="0;url=${back.toString().replace(/&/g, '&amp;')}">`,
        });
      }
      if (url.pathname.endsWith('/token')) {
        const form = new URLSearchParams(route.request().postData() ?? '');
        expect(form.get('grant_type')).toBe('authorization_code');
        expect(form.get('code')).toBe('the-code');
        expect(form.get('code_verifier')?.length).toBeGreaterThanOrEqual(43);
        return route.fulfill({
          json: { access_token: token, id_token: idToken(issuer), token_type: 'Bearer', expires_in: 3600 },
        });
      }
      return route.fulfill({ status: 404 });
    });
    await page.goto(`${platform.url}/console/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const [authorization] = authorizations;
    expect(authorization?.searchParams.get('response_type')).toBe('code');
    expect(authorization?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization?.searchParams.get('client_id')).toBe('console');
    await page.getByText('olivia (agent)').waitFor();
    await page.getByRole('table', { name: 'Incidents' }).waitFor();
    expect(page.url()).not.toContain('code=');
    expect(page.url()).not.toContain(token);
    await page.close();
  });

  it('returns to sign-in on a 401 and shows why', async () => {
    const page = await context.newPage();
    await page.goto(`${platform.url}/console/`);
    await page.evaluate(() =>
      (
        globalThis as unknown as { sessionStorage: { setItem(key: string, value: string): void } }
      ).sessionStorage.setItem(
        'opsdesk.session',
        JSON.stringify({
          token: 'not-a-token',
          user: 'mallory',
          roles: ['agent'],
          expiresAt: Date.now() + 60_000,
        }),
      ),
    );
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('alert').first().textContent()).toMatch(/token/i);
    await page.close();
  });
});

/** An ID token as the issuer returns it beside the access token (the console reads only its claims). */
const idToken = (issuer: string) => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return [
    part({ alg: 'RS256', typ: 'JWT' }),
    part({ iss: issuer, aud: 'console', sub: 'olivia', iat: now, exp: now + 3600 }),
    'signature',
  ].join('.');
};

/** Response and resolution SLAs, a payroll service with its application, and a few open incidents. */
const seedServiceDesk = async (platform: TestPlatform) => {
  for (const [id, metric, targetSeconds] of [
    ['incident-response', 'response', 3600],
    ['incident-resolution', 'resolution', 8 * 3600],
  ] as const)
    await platform.call('PUT', `/sla-policies/${id}`, {
      role: 'admin',
      body: { recordType: 'incident', metric, targetSeconds, warnAt: [50, 75] },
    });
  const service = await platform.call('POST', '/cis', {
    role: 'agent',
    body: { name: 'payroll', type: 'service', serviceTier: 1 },
  });
  const app = await platform.call('POST', '/cis', {
    role: 'agent',
    body: { name: 'payroll-app', type: 'application' },
  });
  await platform.call('POST', '/relationships', {
    role: 'agent',
    body: { fromId: service.body.id, toId: app.body.id, type: 'depends_on' },
  });
  for (const [title, impact, urgency, assignee] of [
    ['VPN drops every hour', 2, 2, 'bob'],
    ['Mail delivery delayed', 1, 1, 'alice'],
    ['Printer on floor 3 offline', 3, 3, undefined],
    ['Expense reports fail to upload', 2, 1, 'carol'],
  ] as const) {
    const created = await platform.call('POST', '/incidents', {
      role: 'agent',
      body: { title, impact, urgency, ciId: app.body.id },
    });
    if (assignee)
      await platform.call('PATCH', `/incidents/${created.body.id}`, {
        role: 'agent',
        body: { state: 'in_progress', assignee },
      });
  }
};

/**
 * A small CMDB around `orders-db` (an app needs it, a service needs the app) with capacity,
 * availability and performance bindings and half a day of points, read by the ingest.
 */
const seedOperations = async (platform: TestPlatform) => {
  const make = async (name: string, type: string) =>
    (await platform.call('POST', '/cis', { role: 'agent', body: { name, type, serviceTier: 2 } })).body
      .id as string;
  const [db, app, service] = [
    await make('orders-db', 'database'),
    await make('orders-app', 'application'),
    await make('orders-service', 'service'),
  ];
  await platform.call('POST', '/relationships', {
    role: 'agent',
    body: { fromId: app, toId: db, type: 'depends_on' },
  });
  const [reports, host] = [await make('reports-app', 'application'), await make('orders-db-host', 'server')];
  for (const [fromId, toId, type] of [
    [service, app, 'depends_on'],
    [reports, db, 'depends_on'],
    [db, host, 'hosted_on'],
  ])
    await platform.call('POST', '/relationships', { role: 'agent', body: { fromId, toId, type } });
  // An open incident on the reporting app shows a health colour other than ok in the graph.
  await platform.call('POST', '/incidents', {
    role: 'agent',
    body: { title: 'Reports time out', impact: 2, urgency: 2, ciId: reports },
  });
  const cloudwatch = new CloudWatchClient(clientConfig(platform.motoEndpoint));
  const period = 300_000;
  const last = Math.floor(Date.now() / period) * period - 2 * period;
  const times = Array.from({ length: 96 }, (_, n) => last - (95 - n) * period);
  const bind = async (
    key: string,
    kind: string,
    values: (n: number) => number,
    extra: { unit?: string; [field: string]: unknown },
  ) => {
    const host = randomUUID();
    const namespace = `Console/${host}`;
    const binding = await platform.call('PUT', `/cis/${db}/metrics/${key}`, {
      role: 'admin',
      body: {
        namespace,
        metricName: key,
        dimensions: [{ name: 'Host', value: host }],
        stat: 'Average',
        periodSeconds: 300,
        kind,
        ...extra,
      },
    });
    expect(binding.status).toBe(201);
    for (let offset = 0; offset < times.length; offset += 20)
      await cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: namespace,
          MetricData: times.slice(offset, offset + 20).map((t, index) => ({
            MetricName: key,
            Dimensions: [{ Name: 'Host', Value: host }],
            Timestamp: new Date(t + 1_000),
            Value: values(offset + index),
            // The ingest asks CloudWatch for the binding's unit; a datum in another unit is not read.
            ...('unit' in extra ? { Unit: extra.unit as StandardUnit } : {}),
          })),
        }),
      );
  };
  await bind('disk', 'capacity', (n) => 40 + n * 0.4 + (n % 5), { unit: 'Percent', capacityLimit: 100 });
  await bind('errors', 'availability', (n) => (n % 40 === 0 ? 5 : 0), {
    threshold: { comparison: '>', value: 1, forPeriods: 1 },
  });
  await bind('latency', 'performance', (n) => 120 + ((n * 37) % 50), { unit: 'Milliseconds' });
  await platform.invoke('metrics-ingest');
  return { ciId: db, appId: app, serviceId: service };
};
