import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);

/** Debian's Chromium (`apt-get install chromium`, as .ci/run does); never a downloaded browser. */
const chromiumCandidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Starts Chromium; fails (never skips) when it is not installed. */
export const launchChromium = async (): Promise<Browser> => {
  const executablePath = chromiumCandidates.find((path) => path && existsSync(path));
  if (!executablePath)
    throw new Error('Chromium is not installed: run `apt-get install -y chromium` (or set CHROMIUM_PATH)');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
};

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core on the page as it is; answers the serious and critical violations. */
export const seriousViolations = async (page: Page): Promise<string[]> => {
  // Evaluated through the DevTools protocol, so the console's CSP (script-src 'self') stays on.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as {
      axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> };
      document: unknown;
    };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
};

/** Asserts the page has no serious or critical accessibility violation. */
export const expectAccessible = async (page: Page, what: string) => {
  expect(await seriousViolations(page), what).toEqual([]);
};
